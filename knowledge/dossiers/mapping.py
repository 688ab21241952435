"""From a source's row or JSON object to a :class:`Dossier`, driven by a mapping file.

Every one-stop system names its fields differently (``tenhoso``/``ngaynhan``,
``appliedDate``/``appointmentDate``, "Ngày hẹn trả" in an Excel export), writes
dates its own way and spells statuses in its own words. A mapping file says
which source field feeds which record field; the code here does the rest, for
both the importer (CSV/XLSX columns) and the HTTP adapter (JSON paths such as
``data.hoso.ngaynhan``).

Errors are :class:`RecordError` with a Vietnamese reason naming the field and,
for non-personal fields only, the offending value.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Optional

import yaml

from knowledge.dossiers.codes import CodeFormat, parse_code
from knowledge.dossiers.lunar import VIETNAM
from knowledge.dossiers.model import Applicant, Dossier, StatusChange
from knowledge.dossiers.status import DossierStatus, parse_status_name, status_from_text

FIELDS = {
    "code": "mã hồ sơ",
    "procedure_code": "mã thủ tục",
    "procedure_name": "tên thủ tục",
    "agency_code": "mã cơ quan",
    "agency_name": "cơ quan tiếp nhận",
    "agency_address": "nơi trả kết quả",
    "received_at": "ngày tiếp nhận",
    "due_at": "ngày hẹn trả",
    "new_due_at": "ngày hẹn mới",
    "finished_at": "ngày xử lý xong",
    "returned_at": "ngày trả kết quả",
    "status": "tình trạng",
    "applicant_name": "tên người nộp",
    "applicant_phone": "số điện thoại",
    "applicant_id_number": "số giấy tờ tùy thân",
}
REQUIRED = ("code", "procedure_name", "received_at", "due_at")
PERSONAL = ("applicant_name", "applicant_phone", "applicant_id_number")
DEFAULT_DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
    "%H:%M %d/%m/%Y",
    "%H:%M:%S %d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d",
)


class RecordError(ValueError):
    """One source record cannot become a dossier; ``str()`` is the reason, in Vietnamese."""


class MappingError(ValueError):
    """The mapping file itself is wrong (unknown field, missing required field...)."""


@dataclass(frozen=True)
class FieldMapping:
    fields: Mapping[str, str]  # record field -> source column or JSON path
    date_formats: tuple[str, ...] = DEFAULT_DATE_FORMATS
    status_values: Mapping[str, str] = field(default_factory=dict)  # source text -> our status
    defaults: Mapping[str, str] = field(default_factory=dict)  # constants for fields the source lacks
    history: Optional[Mapping[str, str]] = None  # {path, at, status, note}: a per-step list
    sheet: Optional[str] = None  # XLSX: the worksheet to read (default: the first)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "mapping") -> FieldMapping:
        fields = {str(k): str(v) for k, v in (data.get("fields") or data.get("columns") or {}).items()}
        defaults = {str(k): str(v) for k, v in (data.get("defaults") or {}).items()}
        unknown = sorted((set(fields) | set(defaults)) - set(FIELDS))
        if unknown:
            raise MappingError(f"{where}: unknown record fields {unknown}; known: {sorted(FIELDS)}")
        missing = [name for name in REQUIRED if name not in fields and name not in defaults]
        if missing:
            raise MappingError(f"{where}: no source field mapped to {missing}")
        status_values = {str(k): str(v) for k, v in (data.get("status_values") or {}).items()}
        for value in status_values.values():
            try:
                parse_status_name(value)
            except ValueError as exc:
                raise MappingError(f"{where}: {exc}") from None
        # The file's formats first (they settle ambiguities such as month/day order), then the usual ones.
        listed = tuple(str(f) for f in data.get("date_formats") or ())
        formats = listed + tuple(f for f in DEFAULT_DATE_FORMATS if f not in listed)
        history = data.get("history")
        if history is not None and not {"path", "at", "status"} <= set(history):
            raise MappingError(f"{where}: history needs path, at and status")
        sheet = str(data["sheet"]) if data.get("sheet") else None
        return cls(fields, formats, status_values, defaults, history, sheet)

    @classmethod
    def identity(cls) -> FieldMapping:
        """Columns named after the record fields (``code``, ``procedure_name``, ``due_at``...)."""
        return cls({name: name for name in FIELDS})

    @classmethod
    def load(cls, path: Path) -> FieldMapping:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise MappingError(f"cannot read mapping file {path}: {exc}") from None
        if not isinstance(data, dict):
            raise MappingError(f"{path}: expected a YAML mapping at the top level")
        return cls.from_dict(data, where=str(path))


def header_key(name: str) -> str:
    """Column names compared as staff see them: NFC, case and spacing ignored."""
    return " ".join(unicodedata.normalize("NFC", str(name)).casefold().split())


def extract(record: Mapping[str, Any], key: str) -> Any:
    """A value by exact key, by case-insensitive header, or by dotted JSON path ("data.hoso.0.ngaynhan")."""
    if key in record:
        return record[key]
    wanted = header_key(key)
    for name, value in record.items():
        if header_key(name) == wanted:
            return value
    current: Any = record
    for part in key.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            return None
    return current


def build_dossier(
    record: Mapping[str, Any],
    mapping: FieldMapping,
    code_format: Optional[CodeFormat] = None,
    demo: bool = False,
) -> Dossier:
    reader = _Reader(record, mapping)
    code_text = reader.text("code", required=True)
    parsed = parse_code(code_text, code_format)
    if parsed is None:
        raise RecordError(f"{reader.label('code')}: '{code_text}' không phải mã hồ sơ hợp lệ")
    received_at = reader.moment("received_at", required=True)
    due_at = reader.moment("due_at", required=True).date()
    new_due = reader.moment("new_due_at")
    finished_at = reader.moment("finished_at")
    returned_at = reader.moment("returned_at")
    if due_at < received_at.date():
        raise RecordError(
            f"{reader.label('due_at')} ({due_at:%d/%m/%Y}) trước {reader.label('received_at')} "
            f"({received_at:%d/%m/%Y})"
        )
    for name, moment in (("finished_at", finished_at), ("returned_at", returned_at)):
        if moment and moment < received_at:
            raise RecordError(f"{reader.label(name)} ({moment:%d/%m/%Y}) trước ngày tiếp nhận")
    status = reader.status(finished_at, returned_at)
    return Dossier(
        code=parsed.code,
        procedure_code=reader.text("procedure_code"),
        procedure_name=reader.text("procedure_name", required=True),
        agency_code=reader.text("agency_code") or parsed.agency,
        agency_name=reader.text("agency_name"),
        agency_address=reader.text("agency_address"),
        received_at=received_at,
        due_at=due_at,
        new_due_at=new_due.date() if new_due else None,
        finished_at=finished_at,
        returned_at=returned_at,
        status=status,
        history=reader.history(received_at, finished_at, returned_at, status),
        applicant=Applicant(
            name=reader.text("applicant_name"),
            phone=_phone(reader.raw("applicant_phone")),
            id_number=_id_number(reader.raw("applicant_id_number")),
        ),
        demo=demo,
    )


class _Reader:
    """Field access with the mapping's names, defaults and date formats."""

    def __init__(self, record: Mapping[str, Any], mapping: FieldMapping) -> None:
        self.record = record
        self.mapping = mapping

    def label(self, name: str) -> str:
        source = self.mapping.fields.get(name)
        return f"{FIELDS[name]} (cột/trường '{source}')" if source else FIELDS[name]

    def raw(self, name: str) -> Any:
        source = self.mapping.fields.get(name)
        value = extract(self.record, source) if source else None
        if _blank(value):
            value = self.mapping.defaults.get(name)
        return value

    def text(self, name: str, required: bool = False) -> str:
        value = self.raw(name)
        text = "" if _blank(value) else " ".join(unicodedata.normalize("NFC", str(value)).split())
        if required and not text:
            raise RecordError(f"thiếu {self.label(name)}")
        return text

    def moment(self, name: str, required: bool = False) -> Optional[datetime]:
        value = self.raw(name)
        if _blank(value):
            if required:
                raise RecordError(f"thiếu {self.label(name)}")
            return None
        parsed = parse_moment(value, self.mapping.date_formats)
        if parsed is None:
            raise RecordError(f"{self.label(name)}: không đọc được ngày '{value}'")
        return parsed

    def status(self, finished: Optional[datetime], returned: Optional[datetime]) -> DossierStatus:
        text = self.text("status")
        if text:
            status = status_from_text(text, self.mapping.status_values)
            if status is None:
                raise RecordError(
                    f"{self.label('status')}: không nhận ra '{text}' "
                    "(thêm vào status_values trong tệp ánh xạ)"
                )
            return status
        # No status column: the dates say how far the dossier went.
        if returned:
            return DossierStatus.RETURNED
        if finished:
            return DossierStatus.RESULT_READY
        return DossierStatus.PROCESSING

    def history(
        self,
        received: datetime,
        finished: Optional[datetime],
        returned: Optional[datetime],
        status: DossierStatus,
    ) -> list[StatusChange]:
        steps = self._listed_history()
        if steps:
            return steps
        changes = [StatusChange(received, DossierStatus.RECEIVED, "Tiếp nhận hồ sơ")]
        if finished:
            changes.append(StatusChange(finished, DossierStatus.RESULT_READY, "Giải quyết xong"))
        if returned:
            changes.append(StatusChange(returned, DossierStatus.RETURNED, "Trả kết quả"))
        if status not in {c.status for c in changes}:
            changes.append(StatusChange(max(c.at for c in changes), status, ""))
        return changes

    def _listed_history(self) -> list[StatusChange]:
        spec = self.mapping.history
        if not spec:
            return []
        steps = extract(self.record, spec["path"])
        changes = []
        for step in steps if isinstance(steps, list) else []:
            if not isinstance(step, Mapping):
                continue
            at = parse_moment(extract(step, spec["at"]), self.mapping.date_formats)
            status = status_from_text(str(extract(step, spec["status"]) or ""), self.mapping.status_values)
            if at and status:
                note = extract(step, spec["note"]) if "note" in spec else ""
                changes.append(StatusChange(at, status, str(note or "")))
        return sorted(changes, key=lambda c: c.at)


def parse_moment(value: Any, formats: tuple[str, ...] = DEFAULT_DATE_FORMATS) -> Optional[datetime]:
    """A local (UTC+7, naive) datetime from what sources send: strings, Excel cells, epoch numbers."""
    if isinstance(value, datetime):
        return _local(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value >= 1e11:  # JavaScript-style epoch milliseconds
            value = value / 1000
        if 1e9 <= value < 1e11:
            return datetime.fromtimestamp(value, tz=UTC).astimezone(VIETNAM).replace(tzinfo=None)
        return None
    text = " ".join(str(value).split())
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    try:
        return _local(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        return None


def _local(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _phone(value: Any) -> str:
    """Digits only; a spreadsheet number cell lost the leading 0 ("912345678"), so it is put back."""
    if _blank(value):
        return ""
    if _is_number(value):
        return str(int(value)).zfill(10)
    return "".join(ch for ch in str(value) if ch.isdigit())


def _id_number(value: Any) -> str:
    """ID card numbers keep their letters (passports); a 12-digit citizen ID typed as a number gets its 0 back."""
    if _blank(value):
        return ""
    if _is_number(value):
        return str(int(value)).zfill(12)
    return "".join(str(value).split()).upper()
