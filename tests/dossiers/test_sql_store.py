"""The SQL store behaves the same on SQLite and PostgreSQL (one schema through SQLAlchemy)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from knowledge.dossiers.backends import open_backend, open_store
from knowledge.dossiers.backends.base import BackendUnavailable, DossierBackend
from knowledge.dossiers.backends.sql import SqlDossierStore
from knowledge.dossiers.model import StatusChange
from knowledge.dossiers.settings import ConfigError
from knowledge.dossiers.status import DossierStatus

from .conftest import PHONE


def test_round_trip_keeps_every_field(store, make_dossier):
    dossier = make_dossier(
        new_due_at=date(2026, 4, 2),
        finished_at=datetime(2026, 3, 30, 10, 15),
        returned_at=datetime(2026, 3, 31, 8, 0),
        status=DossierStatus.RETURNED,
    )
    assert store.upsert([dossier], source="test").inserted == 1
    loaded = store.get(dossier.code)
    assert loaded == dossier
    assert loaded.applicant.phone == PHONE
    assert isinstance(store, DossierBackend)


def test_missing_code_is_none(store):
    assert store.get("000.00.04.H51-260316-9999") is None


def test_upsert_updates_and_merges_history(store, make_dossier):
    first = make_dossier()
    store.upsert([first])
    later = make_dossier(
        status=DossierStatus.RESULT_READY,
        finished_at=datetime(2026, 3, 26, 14, 0),
        history=[StatusChange(datetime(2026, 3, 26, 14, 0), DossierStatus.RESULT_READY, "Xong")],
    )
    counts = store.upsert([later])
    assert (counts.inserted, counts.updated) == (0, 1)
    loaded = store.get(first.code)
    assert loaded.status is DossierStatus.RESULT_READY
    assert [c.status for c in loaded.history] == [DossierStatus.RECEIVED, DossierStatus.RESULT_READY]
    assert store.count() == 1


def test_upsert_of_the_same_code_twice_in_one_call_keeps_the_last(store, make_dossier):
    counts = store.upsert([make_dossier(), make_dossier(procedure_name="Tên mới")])
    assert counts.inserted == 1
    assert store.get(make_dossier().code).procedure_name == "Tên mới"


def test_many_rows_in_batches(store, make_dossier):
    dossiers = [make_dossier(code=f"000.00.04.H51-260316-{i:04d}") for i in range(1, 1201)]
    assert store.upsert(dossiers).inserted == 1200
    assert store.count() == 1200
    assert store.get("000.00.04.H51-260316-1200").procedure_code == "1.001193"


def test_replace_demo_never_touches_real_dossiers(store, make_dossier):
    real = make_dossier(code="000.00.04.H51-260316-0001")
    store.upsert([real])
    demo_rows = [
        make_dossier(code="000.00.04.H51-260316-0001", demo=True, procedure_name="DEMO"),  # same code as real
        make_dossier(code="000.00.04.H51-260316-0002", demo=True),
    ]
    assert store.replace_demo(demo_rows) == 1
    assert store.get(real.code).procedure_name == real.procedure_name
    assert store.count(demo=True) == 1
    assert store.replace_demo([make_dossier(code="000.00.04.H51-260316-0003", demo=True)]) == 1
    assert store.codes(demo=True) == ["000.00.04.H51-260316-0003"]
    assert store.count(demo=False) == 1


def test_a_failed_write_leaves_the_table_as_it_was(store, make_dossier):
    store.upsert([make_dossier(code="000.00.04.H51-260316-0001")])
    broken = make_dossier(code="000.00.04.H51-260316-0002", procedure_name=None)  # NOT NULL column
    with pytest.raises(IntegrityError):
        store.upsert([make_dossier(code="000.00.04.H51-260316-0003"), broken])
    assert store.codes() == ["000.00.04.H51-260316-0001"]


def test_errors_do_not_leak_codes_or_phone_numbers(tmp_path, make_dossier):
    store = SqlDossierStore(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    store.upsert([make_dossier()])
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE dossiers")
    with pytest.raises(BackendUnavailable) as caught:
        store.get(make_dossier().code)
    assert make_dossier().code not in str(caught.value)
    assert "OperationalError" in str(caught.value)
    store.close()


def test_unreachable_postgres_is_backend_unavailable():
    with pytest.raises(BackendUnavailable):
        SqlDossierStore("postgresql+psycopg2://nobody@127.0.0.1:1/none?connect_timeout=1")


def test_sqlite_has_no_schema(tmp_path):
    with pytest.raises(ValueError, match="schemas"):
        SqlDossierStore(f"sqlite:///{tmp_path / 'x.sqlite3'}", schema="s")


def test_factory_defaults_to_sqlite_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TTHC_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TTHC_DOSSIER_BACKEND", raising=False)
    monkeypatch.delenv("TTHC_DOSSIER_DB_URL", raising=False)
    store = open_store()
    try:
        assert store.dialect == "sqlite"
        assert (tmp_path / "dossiers.sqlite3").exists()
    finally:
        store.close()


def test_factory_errors_are_clear(monkeypatch):
    monkeypatch.setenv("TTHC_DOSSIER_BACKEND", "oracle")
    with pytest.raises(ConfigError, match="sqlite, postgres, http"):
        open_backend()
    monkeypatch.setenv("TTHC_DOSSIER_BACKEND", "postgres")
    monkeypatch.delenv("TTHC_DOSSIER_DB_URL", raising=False)
    with pytest.raises(ConfigError, match="TTHC_DOSSIER_DB_URL"):
        open_backend()
    monkeypatch.setenv("TTHC_DOSSIER_BACKEND", "http")
    monkeypatch.delenv("TTHC_DOSSIER_HTTP_CONFIG", raising=False)
    with pytest.raises(ConfigError, match="TTHC_DOSSIER_HTTP_CONFIG"):
        open_backend()
    with pytest.raises(ConfigError, match="imports and demo data"):
        open_store()


@pytest.mark.postgres
def test_factory_opens_postgres_in_a_schema(postgres_url, postgres_schema, monkeypatch, make_dossier):
    monkeypatch.setenv("TTHC_DOSSIER_BACKEND", "postgres")
    monkeypatch.setenv("TTHC_DOSSIER_DB_URL", postgres_url)
    monkeypatch.setenv("TTHC_DOSSIER_DB_SCHEMA", postgres_schema)
    store = open_backend()
    try:
        store.upsert([make_dossier()])
        with store.engine.connect() as conn:
            tables = conn.exec_driver_sql(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (postgres_schema,)
            ).scalars()
            assert list(tables) == ["dossiers"]
    finally:
        store.close()
