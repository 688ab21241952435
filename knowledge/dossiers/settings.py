"""Dossier configuration, all from the environment so deployments need no code change.

| variable | meaning | default |
|---|---|---|
| ``TTHC_DOSSIER_BACKEND`` | ``sqlite``, ``postgres`` or ``http`` | ``sqlite`` |
| ``TTHC_DOSSIER_DB_URL`` | SQLAlchemy URL (required for ``postgres``) | ``var/dossiers.sqlite3`` |
| ``TTHC_DOSSIER_DB_SCHEMA`` | PostgreSQL schema for the table | the search path |
| ``TTHC_DOSSIER_HTTP_CONFIG`` | YAML of the province API (``http``) | none |
| ``TTHC_DOSSIER_REDIS_URL`` | shared attempt counts for several instances | in memory |
| ``TTHC_DOSSIER_CODE_PATTERN`` / ``_TEMPLATE`` / ``TTHC_DOSSIER_AGENCY_TEMPLATE`` | code format | see ``codes`` |
| ``TTHC_HOLIDAYS_FILE`` | the year's holiday decisions | none |
| ``TTHC_LOG_HASH_KEY`` | key for the code fingerprints in logs | random per process |
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from knowledge.settings import data_dir

BACKENDS = ("sqlite", "postgres", "http")


class ConfigError(ValueError):
    """A dossier setting is missing or wrong; the message says which and how to fix it."""


def backend_kind() -> str:
    kind = os.environ.get("TTHC_DOSSIER_BACKEND", "sqlite").strip().lower() or "sqlite"
    if kind == "postgresql":
        kind = "postgres"
    if kind not in BACKENDS:
        raise ConfigError(f"TTHC_DOSSIER_BACKEND={kind!r}: expected one of {', '.join(BACKENDS)}")
    return kind


def sqlite_path() -> Path:
    return data_dir() / "dossiers.sqlite3"


def db_url(kind: Optional[str] = None) -> str:
    kind = kind or backend_kind()
    url = os.environ.get("TTHC_DOSSIER_DB_URL", "").strip()
    if url:
        return url
    if kind == "postgres":
        raise ConfigError(
            "TTHC_DOSSIER_BACKEND=postgres needs TTHC_DOSSIER_DB_URL, "
            "e.g. postgresql+psycopg2://user@host:5432/tthc"
        )
    return f"sqlite:///{sqlite_path()}"


def db_schema() -> Optional[str]:
    return os.environ.get("TTHC_DOSSIER_DB_SCHEMA") or None


def http_config_path() -> Path:
    path = os.environ.get("TTHC_DOSSIER_HTTP_CONFIG", "").strip()
    if not path:
        raise ConfigError("TTHC_DOSSIER_BACKEND=http needs TTHC_DOSSIER_HTTP_CONFIG (a YAML file)")
    return Path(path)


def redis_url() -> Optional[str]:
    return os.environ.get("TTHC_DOSSIER_REDIS_URL") or None
