"""Load a one-stop system's export (CSV or XLSX) into the dossier store.

Exports are messy: title rows above the header, Windows-1258 CSV, dates typed
by hand, the same dossier twice. Every row is checked first; the good ones are
written in one transaction and each bad one is reported with its row number (as
the spreadsheet shows it) and the reason. Nothing already stored is removed,
and a row that fails never overwrites the stored dossier with the same code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from knowledge.dossiers.backends.base import BackendUnavailable
from knowledge.dossiers.codes import CodeFormat
from knowledge.dossiers.mapping import REQUIRED, FieldMapping, RecordError, build_dossier, header_key
from knowledge.dossiers.model import Dossier

if TYPE_CHECKING:
    from knowledge.dossiers.backends.sql import SqlDossierStore

_HEADER_SEARCH_ROWS = 20  # title and blank rows an export may put above the header


class ImportFailed(Exception):
    """The file as a whole cannot be imported (unreadable, wrong type, mapped columns missing)."""


@dataclass(frozen=True)
class RejectedRow:
    row: int
    reason: str


@dataclass
class ImportReport:
    read: int = 0
    inserted: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    without_phone: int = 0  # loaded, but nobody can look them up in the chat
    missing_columns: list[str] = field(default_factory=list)  # optional mapped columns not in the file
    dry_run: bool = False

    @property
    def loaded(self) -> int:
        return self.inserted + self.updated


def import_file(
    path: Path,
    store: Optional[SqlDossierStore],
    mapping: Optional[FieldMapping] = None,
    code_format: Optional[CodeFormat] = None,
    dry_run: bool = False,
) -> ImportReport:
    mapping = mapping or FieldMapping.identity()
    report = ImportReport(dry_run=dry_run)
    header, rows = _read_table(Path(path), mapping)
    report.missing_columns = _check_columns(header, mapping)
    valid: list[Dossier] = []
    first_row_of: dict[str, int] = {}
    for number, row in rows:
        report.read += 1
        try:
            dossier = build_dossier(row, mapping, code_format)
        except RecordError as exc:
            report.rejected.append(RejectedRow(number, str(exc)))
            continue
        if dossier.code in first_row_of:
            reason = f"trùng mã hồ sơ {dossier.code} với dòng {first_row_of[dossier.code]}"
            report.rejected.append(RejectedRow(number, reason))
            continue
        first_row_of[dossier.code] = number
        report.without_phone += not dossier.applicant.phone_last4
        valid.append(dossier)
    if dry_run or store is None:
        report.inserted = len(valid)
        report.dry_run = True
        return report
    try:
        counts = store.upsert(valid, source=f"import:{Path(path).name}")
    except BackendUnavailable as exc:
        raise ImportFailed(str(exc)) from None
    report.inserted, report.updated = counts.inserted, counts.updated
    return report


def _check_columns(header: list[str], mapping: FieldMapping) -> list[str]:
    present = {header_key(h) for h in header}
    missing = {name: col for name, col in mapping.fields.items() if header_key(col) not in present}
    required = [
        f"'{col}'" for name, col in missing.items() if name in REQUIRED and name not in mapping.defaults
    ]
    if required:
        raise ImportFailed(
            f"tệp không có cột bắt buộc {', '.join(required)} (tìm trong {_HEADER_SEARCH_ROWS} dòng đầu); "
            "kiểm tra tệp ánh xạ --mapping / the file lacks required columns"
        )
    return sorted(missing.values())


def _read_table(path: Path, mapping: FieldMapping) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    """Header and (row number, row) pairs; row numbers are those a spreadsheet shows (header = its row)."""
    if not path.is_file():
        raise ImportFailed(f"không tìm thấy tệp {path} / file not found")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_rows(path, mapping.sheet)
    elif suffix in (".csv", ".txt"):
        grid = _csv_rows(path)
    else:
        raise ImportFailed(f"chỉ nhận tệp .csv hoặc .xlsx, không nhận '{suffix}' / only CSV and XLSX")
    code_column = header_key(mapping.fields.get("code", "code"))
    for index, cells in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        if code_column in {header_key(c) for c in cells if c is not None}:
            header = ["" if c is None else str(c) for c in cells]
            return header, _data_rows(grid, index, header)
    raise ImportFailed(
        f"không thấy dòng tiêu đề có cột mã hồ sơ '{mapping.fields.get('code', 'code')}' "
        f"trong {_HEADER_SEARCH_ROWS} dòng đầu / header row with the code column not found"
    )


def _data_rows(grid: list[list[Any]], header_index: int, header: list[str]):
    for index in range(header_index + 1, len(grid)):
        cells = grid[index]
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        yield index + 1, {name: value for name, value in zip(header, cells, strict=False) if name}


def _csv_rows(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1258 decodes almost anything; kept for clarity
        raise ImportFailed(f"{path}: không đọc được mã hóa ký tự / unknown text encoding")
    if "\x00" in text:
        raise ImportFailed(f"{path}: không phải tệp văn bản CSV / not a text CSV file")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise ImportFailed(f"{path}: tệp CSV hỏng ({exc}) / malformed CSV") from None


def _xlsx_rows(path: Path, sheet: Optional[str]) -> list[list[Any]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ImportFailed(
            f"{path}: không mở được tệp Excel ({type(exc).__name__}) / cannot open XLSX"
        ) from None
    except Exception as exc:  # zipfile.BadZipFile and friends: the file is not an XLSX at all
        raise ImportFailed(f"{path}: không phải tệp Excel hợp lệ ({type(exc).__name__})") from None
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise ImportFailed(
                f"{path}: không có trang tính '{sheet}' (có: {', '.join(workbook.sheetnames)})"
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        return [list(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
