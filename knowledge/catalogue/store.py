"""The catalogue on disk: one SQLite file, written whole and swapped in atomically.

Readers (retrieval, answers, the action server) only ever see a complete
catalogue: ``write_catalogue`` builds a new file beside the old one and
``os.replace``s it, so a failed or interrupted import leaves the previous file
untouched. A long-lived ``CatalogueStore`` notices the swap and reopens.

Reads by code and by family are kept decoded in memory (a bounded number):
one catalogue answer reads the same few records several times (the hit, its
levels, the options offered), and decoding a record's JSON costs more than
the lookup. What is kept is dropped when the file is swapped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Optional

from knowledge.catalogue.family import family_key
from knowledge.catalogue.model import Procedure
from knowledge.settings import catalogue_db_path

SCHEMA_VERSION = "1"
# Decoded records and family lists kept per store; the catalogue has about
# 2,850 records, a conversation touches a handful.
RECORDS_KEPT = 512

_SCHEMA = """
CREATE TABLE procedures (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    family TEXT NOT NULL,
    ministry TEXT,
    record TEXT NOT NULL
);
CREATE INDEX procedures_family ON procedures (family);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class CatalogueNotBuilt(FileNotFoundError):
    """No catalogue file yet: the operator has to run ``tthc import`` first."""

    def __init__(self, path: Path):
        super().__init__(
            f"Chưa có catalogue tại {path}. Hãy chạy `tthc import` trước "
            f"(no catalogue at {path}; run `tthc import` first)."
        )
        self.path = path


def _record_json(procedure: Procedure) -> str:
    return json.dumps(procedure.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_fingerprint(records: Iterable[tuple[str, str]]) -> str:
    """Hash of (code, record JSON) pairs in code order: changes when any content changes."""
    digest = hashlib.sha256()
    for code, record in sorted(records):
        digest.update(code.encode())
        digest.update(b"\0")
        digest.update(record.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def write_catalogue(procedures: Iterable[Procedure], path: Path, meta: dict[str, Any]) -> str:
    """Write a complete catalogue to ``path`` atomically; returns its content fingerprint.

    Codes must be unique (the importer resolves duplicates before calling).
    Nothing at ``path`` changes unless the whole new file was written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        connection = sqlite3.connect(temp)
        try:
            connection.executescript(_SCHEMA)
            rows = [(p.code, p.name, p.family, p.ministry, _record_json(p)) for p in procedures]
            connection.executemany("INSERT INTO procedures VALUES (?, ?, ?, ?, ?)", rows)
            fingerprint = content_fingerprint((code, record) for code, *_, record in rows)
            values = {**meta, "fingerprint": fingerprint, "schema_version": SCHEMA_VERSION}
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()],
            )
            connection.commit()
        finally:
            connection.close()
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return fingerprint


class CatalogueStore:
    """Read access to the imported catalogue (see docs/contracts.md).

    Opening is lazy, so constructing a store never fails; the first read raises
    ``CatalogueNotBuilt`` when nothing has been imported. Safe to share between
    threads. ``get`` and ``family`` may hand the same ``Procedure`` object to
    several callers: treat records as read-only.
    """

    def __init__(self, path: Optional[Path | str] = None):
        self.path = Path(path) if path is not None else catalogue_db_path()
        self._lock = threading.Lock()
        self._connection: Optional[sqlite3.Connection] = None
        self._identity: Optional[tuple[int, int, int]] = None
        self._records: OrderedDict[str, Optional[Procedure]] = OrderedDict()
        self._families: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    # -------------------------------------------------------------- contract API

    def get(self, code: str) -> Optional[Procedure]:
        code = code.strip()
        with self._lock:
            connection = self._open()
            if code in self._records:
                self._records.move_to_end(code)
                return self._records[code]
            row = connection.execute("SELECT record FROM procedures WHERE code = ?", (code,)).fetchone()
            procedure = Procedure.from_dict(json.loads(row[0])) if row else None
            _keep(self._records, code, procedure)
            return procedure

    def all(self) -> Iterator[Procedure]:
        for (record,) in self._rows("SELECT record FROM procedures ORDER BY code"):
            yield Procedure.from_dict(json.loads(record))

    def count(self) -> int:
        row = self._one("SELECT COUNT(*) FROM procedures")
        return int(row[0]) if row else 0

    def family(self, key: str) -> list[Procedure]:
        """Every procedure of a family, by code; ``key`` may also be a title, it is normalised."""
        key = family_key(key)
        with self._lock:
            connection = self._open()
            codes = self._families.get(key)
            if codes is None:
                rows = connection.execute(
                    "SELECT code FROM procedures WHERE family = ? ORDER BY code", (key,)
                )
                codes = tuple(code for (code,) in rows)
                _keep(self._families, key, codes)
            else:
                self._families.move_to_end(key)
        members = (self.get(code) for code in codes)
        return [member for member in members if member is not None]

    def fingerprint(self) -> str:
        value = self.meta().get("fingerprint")
        return str(value) if value else ""

    # ------------------------------------------------------------------- extras

    def exists(self) -> bool:
        return self.path.is_file()

    def meta(self) -> dict[str, Any]:
        """What the import recorded: fingerprints, sources, report, import time."""
        return {key: json.loads(value) for key, value in self._rows("SELECT key, value FROM meta")}

    def codes(self) -> list[str]:
        return [code for (code,) in self._rows("SELECT code FROM procedures ORDER BY code")]

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
            self._connection, self._identity = None, None

    # ------------------------------------------------------------------ internals

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._open().execute(sql, params).fetchall()

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Optional[tuple[Any, ...]]:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _open(self) -> sqlite3.Connection:
        """The connection, reopened when an import has swapped the file in the meantime."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            raise CatalogueNotBuilt(self.path) from None
        identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if self._connection is None or identity != self._identity:
            if self._connection is not None:
                self._connection.close()
            self._records.clear()
            self._families.clear()
            self._connection = sqlite3.connect(
                self.path.resolve().as_uri() + "?mode=ro", uri=True, check_same_thread=False
            )
            self._identity = identity
        return self._connection


def _keep(kept: OrderedDict[str, Any], key: str, value: Any) -> None:
    kept[key] = value
    while len(kept) > RECORDS_KEPT:
        kept.popitem(last=False)
