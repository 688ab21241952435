"""Shared fixtures: an empty data directory, and real local services when they are reachable.

Tests that need PostgreSQL or Redis run whenever the server answers. On a
newcomer's machine without them they skip with a message saying how to enable
them; under ``CI=true`` an unreachable server is a failure, never a skip.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
# Settings that would point a command outside the test's data directory.
PATH_SETTINGS = ("TTHC_CATALOGUE_DB", "TTHC_SOURCES_DIR", "TTHC_EMBEDDING_MODEL")


@pytest.fixture()
def empty_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``TTHC_DATA_DIR`` pointed at a directory that does not exist yet; nothing else overrides it."""
    monkeypatch.setenv("TTHC_DATA_DIR", str(tmp_path / "var"))
    for name in PATH_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "var"


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


def require_service(name: str, host: str, port: int, how: str) -> None:
    if _reachable(host, port):
        return
    message = f"{name} is not reachable at {host}:{port}. {how}"
    if IN_CI:
        pytest.fail(message + " (CI=true: service tests must run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres_url() -> str:
    url = os.environ.get("TTHC_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
    require_service(
        "PostgreSQL",
        "127.0.0.1",
        5432,
        "Install and start it (apt-get install postgresql; pg_ctlcluster 15 main start) "
        "or set TTHC_TEST_POSTGRES_URL.",
    )
    return url


@pytest.fixture()
def postgres_schema(postgres_url: str) -> Iterator[str]:
    """A throw-away schema name so parallel or repeated runs never collide."""
    from sqlalchemy import create_engine, text

    schema = "t_" + uuid.uuid4().hex[:12]
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="session")
def redis_url() -> str:
    require_service("Redis", "127.0.0.1", 6379, "Install and start it (apt-get install redis-server).")
    return os.environ.get("TTHC_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
