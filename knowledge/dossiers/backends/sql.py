"""Dossiers stored in SQL: SQLite by default, PostgreSQL in production, one schema.

For centres that load exports from their one-stop system (``tthc dossiers
import``) or run the demo. The schema is created on first use. Writes happen in
one transaction per call, so a failed import leaves the table as it was.

Engines are created with ``hide_parameters=True``: SQLAlchemy otherwise puts
bound values (codes, phone numbers) into its error messages and logs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

from knowledge.dossiers.backends.base import BackendUnavailable
from knowledge.dossiers.model import Applicant, Dossier, StatusChange
from knowledge.dossiers.status import parse_status_name

_BATCH = 500


def dossier_table(metadata: MetaData) -> Table:
    return Table(
        "dossiers",
        metadata,
        Column("code", String(64), primary_key=True),
        Column("procedure_code", String(32), nullable=False, default=""),
        Column("procedure_name", Text, nullable=False),
        Column("agency_code", String(64), nullable=False, default=""),
        Column("agency_name", Text, nullable=False, default=""),
        Column("agency_address", Text, nullable=False, default=""),
        Column("received_at", DateTime, nullable=False),
        Column("due_at", Date, nullable=False),
        Column("new_due_at", Date),
        Column("finished_at", DateTime),
        Column("returned_at", DateTime),
        Column("status", String(32), nullable=False),
        Column("history", JSON, nullable=False),
        # Personal data: used only to verify ownership and on the staff screen.
        Column("applicant_name", Text, nullable=False, default=""),
        Column("applicant_phone", String(32), nullable=False, default=""),
        Column("applicant_id_number", String(32), nullable=False, default=""),
        Column("demo", Boolean, nullable=False, default=False),
        Column("source", String(255), nullable=False, default=""),
        Column("updated_at", DateTime, nullable=False),
    )


@dataclass(frozen=True)
class UpsertCounts:
    inserted: int
    updated: int


class SqlDossierStore:
    """A :class:`~knowledge.dossiers.backends.base.DossierBackend` that can also be written to."""

    def __init__(self, url: str, schema: Optional[str] = None) -> None:
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported database {self.dialect!r}: use sqlite or postgresql")
        if self.dialect == "sqlite":
            if schema:
                raise ValueError("SQLite has no schemas; leave TTHC_DOSSIER_DB_SCHEMA unset")
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(url, hide_parameters=True, pool_pre_ping=True)
        if self.dialect == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.table = dossier_table(MetaData(schema=schema))
        try:
            self.table.metadata.create_all(self.engine)
        except SQLAlchemyError as exc:
            raise BackendUnavailable(f"dossier database unreachable ({_describe(exc)})") from None

    def __repr__(self) -> str:
        return f"SqlDossierStore({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ reads

    def get(self, code: str) -> Optional[Dossier]:
        try:
            with self.engine.connect() as conn:
                row = conn.execute(select(self.table).where(self.table.c.code == code)).mappings().first()
        except SQLAlchemyError as exc:
            raise BackendUnavailable(f"dossier database error ({_describe(exc)})") from None
        return _to_dossier(row) if row else None

    def count(self, demo: Optional[bool] = None) -> int:
        query = select(func.count()).select_from(self.table)
        if demo is not None:
            query = query.where(self.table.c.demo == demo)
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def codes(self, demo: Optional[bool] = None) -> list[str]:
        query = select(self.table.c.code).order_by(self.table.c.code)
        if demo is not None:
            query = query.where(self.table.c.demo == demo)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def all(self) -> Iterator[Dossier]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(self.table).order_by(self.table.c.code)).mappings():
                yield _to_dossier(row)

    # ----------------------------------------------------------------- writes

    def upsert(self, dossiers: Iterable[Dossier], source: str = "") -> UpsertCounts:
        """Insert or replace by code, keeping status history already recorded, in one transaction."""
        items = list({d.code: d for d in dossiers}.values())  # one row per code, the last given wins
        inserted = updated = 0
        now = datetime.now()
        with self.engine.begin() as conn:
            for start in range(0, len(items), _BATCH):
                batch = items[start : start + _BATCH]
                existing = self._histories(conn, [d.code for d in batch])
                rows = []
                for dossier in batch:
                    history = _merge_history(existing.get(dossier.code), dossier.history)
                    rows.append(_to_row(dossier, history, source, now))
                    updated += dossier.code in existing
                    inserted += dossier.code not in existing
                conn.execute(self._upsert_statement(), rows)
        return UpsertCounts(inserted=inserted, updated=updated)

    def replace_demo(self, dossiers: Iterable[Dossier]) -> int:
        """Drop earlier demo rows and insert these; never touches (or shadows) a real dossier's code."""
        items = [d for d in dossiers if d.demo]
        now = datetime.now()
        with self.engine.begin() as conn:
            conn.execute(delete(self.table).where(self.table.c.demo.is_(True)))
            real = set()
            for start in range(0, len(items), _BATCH):
                real |= set(self._histories(conn, [d.code for d in items[start : start + _BATCH]]))
            rows = [_to_row(d, d.history, "demo", now) for d in items if d.code not in real]
            if rows:
                conn.execute(self.table.insert(), rows)
        return len(rows)

    def _histories(self, conn: Any, codes: list[str]) -> dict[str, list[dict[str, str]]]:
        query = select(self.table.c.code, self.table.c.history).where(self.table.c.code.in_(codes))
        return {code: history for code, history in conn.execute(query)}

    def _upsert_statement(self):
        insert = postgresql.insert if self.dialect == "postgresql" else sqlite.insert
        statement = insert(self.table)
        replaced = {c.name: statement.excluded[c.name] for c in self.table.columns if c.name != "code"}
        return statement.on_conflict_do_update(index_elements=[self.table.c.code], set_=replaced)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the chat keep reading while an import writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _describe(exc: SQLAlchemyError) -> str:
    original = getattr(exc, "orig", None)
    return type(original or exc).__name__


def _merge_history(
    stored: Optional[list[dict[str, str]]], incoming: list[StatusChange]
) -> list[StatusChange]:
    """Stored history plus the incoming changes it does not have yet, in time order."""
    merged = {(c.at, c.status): c for c in map(StatusChange.from_json, stored or [])}
    for change in incoming:
        merged.setdefault((change.at, change.status), change)
    return sorted(merged.values(), key=lambda c: c.at)


def _to_row(dossier: Dossier, history: list[StatusChange], source: str, now: datetime) -> dict[str, Any]:
    return {
        "code": dossier.code,
        "procedure_code": dossier.procedure_code,
        "procedure_name": dossier.procedure_name,
        "agency_code": dossier.agency_code,
        "agency_name": dossier.agency_name,
        "agency_address": dossier.agency_address,
        "received_at": dossier.received_at,
        "due_at": dossier.due_at,
        "new_due_at": dossier.new_due_at,
        "finished_at": dossier.finished_at,
        "returned_at": dossier.returned_at,
        "status": dossier.status.value,
        "history": [c.to_json() for c in history],
        "applicant_name": dossier.applicant.name,
        "applicant_phone": dossier.applicant.phone,
        "applicant_id_number": dossier.applicant.id_number,
        "demo": dossier.demo,
        "source": source[:255],
        "updated_at": now,
    }


def _to_dossier(row: Any) -> Dossier:
    return Dossier(
        code=row["code"],
        procedure_code=row["procedure_code"],
        procedure_name=row["procedure_name"],
        agency_code=row["agency_code"],
        agency_name=row["agency_name"],
        agency_address=row["agency_address"],
        received_at=row["received_at"],
        due_at=row["due_at"],
        new_due_at=row["new_due_at"],
        finished_at=row["finished_at"],
        returned_at=row["returned_at"],
        status=parse_status_name(row["status"]),
        history=[StatusChange.from_json(c) for c in row["history"] or []],
        applicant=Applicant(row["applicant_name"], row["applicant_phone"], row["applicant_id_number"]),
        demo=bool(row["demo"]),
    )
