"""Fixtures for the dossier tests: a sample record and the SQL stores (SQLite always, PostgreSQL when reachable)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime

import pytest

from knowledge.dossiers.backends.sql import SqlDossierStore
from knowledge.dossiers.model import Applicant, Dossier, StatusChange
from knowledge.dossiers.status import DossierStatus
from knowledge.dossiers.workdays import WorkCalendar

# Wednesday 25 March 2026: far enough from Tết and Giỗ Tổ that only weekends matter nearby.
TODAY = date(2026, 3, 25)
PHONE = "0912345678"


@pytest.fixture()
def calendar() -> WorkCalendar:
    return WorkCalendar()


@pytest.fixture()
def make_dossier() -> Callable[..., Dossier]:
    def make(**changes) -> Dossier:
        values = {
            "code": "000.00.04.H51-260316-0007",
            "procedure_code": "1.001193",
            "procedure_name": "Thủ tục đăng ký khai sinh",
            "agency_code": "000.00.04.H51",
            "agency_name": "Ủy ban nhân dân phường An Bình",
            "agency_address": "số 5 đường Mẫu, phường An Bình",
            "received_at": datetime(2026, 3, 16, 9, 30),
            "due_at": date(2026, 3, 27),
            "status": DossierStatus.PROCESSING,
            "history": [StatusChange(datetime(2026, 3, 16, 9, 30), DossierStatus.RECEIVED, "Tiếp nhận")],
            "applicant": Applicant("Nguyễn Văn Bí Mật", PHONE, "001099012345"),
        }
        values.update(changes)
        return Dossier(**values)

    return make


@pytest.fixture()
def sqlite_store(tmp_path) -> Iterator[SqlDossierStore]:
    store = SqlDossierStore(f"sqlite:///{tmp_path / 'dossiers.sqlite3'}")
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path) -> Iterator[SqlDossierStore]:
    """The same tests on both databases: one schema, two engines."""
    if request.param == "sqlite":
        created = SqlDossierStore(f"sqlite:///{tmp_path / 'dossiers.sqlite3'}")
    else:
        url = request.getfixturevalue("postgres_url")
        created = SqlDossierStore(url, schema=request.getfixturevalue("postgres_schema"))
    yield created
    created.close()
