"""Import a sources directory into the SQLite catalogue.

Layouts recognised under the sources directory (anything else is ignored):

- ``portal-2026/<ministry-slug>/**/*.json``: portal detail records, captured 2026-07;
- ``word-export-2025/*.json``: Word-export records (Bộ Quốc phòng), captured 2025;
- ``portal-demo/<ministry-slug>/*.json``: the team's demo catalogue, portal format.

Bad input never costs the catalogue already imported: an unreadable file or a
record without a code is skipped with a warning naming the file (and, when the
previous import had read that same file, its previous records are carried over
and the warning says so); duplicate codes keep one record by a fixed rule; an
empty directory or one without a single valid record fails the import and
leaves the previous catalogue in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Optional

from knowledge.catalogue.cleaning import nfc
from knowledge.catalogue.model import Procedure
from knowledge.catalogue.portal import parse_portal
from knowledge.catalogue.records import InvalidRecord, ParsedRecord
from knowledge.catalogue.report import build_report
from knowledge.catalogue.store import CatalogueStore, write_catalogue
from knowledge.catalogue.word_export import parse_word_export

# Bump when parsing changes in a way the code hash below would not show.
IMPORTER_VERSION = "1"

PORTAL = "portal-2026"
WORD = "word-export-2025"
DEMO = "demo"
DEMO_DIR = "portal-demo"
# On a duplicate code the record from the earlier format in this list is kept:
# the 2026 portal capture is the most recent, the demo data the least official.
FORMAT_PRIORITY = (PORTAL, WORD, DEMO)
CAPTURED = {PORTAL: "2026-07", WORD: "2025"}


class ImportFailed(Exception):
    """The import could not produce a catalogue; the previous one is untouched."""


@dataclass(frozen=True)
class SourceFile:
    path: Path
    relative: str
    format: str
    ministry_slug: Optional[str] = None


@dataclass
class ImportWarning:
    file: str
    message: str
    code: Optional[str] = None


@dataclass
class ImportResult:
    procedures: list[Procedure]
    warnings: list[ImportWarning] = field(default_factory=list)
    files: int = 0
    skipped_files: int = 0
    carried_over: int = 0


@dataclass
class ImportOutcome:
    """What ``run_import`` did, for the command line to report."""

    skipped: bool
    db_path: Path
    sources: Path
    sources_fingerprint: str = ""
    catalogue_fingerprint: str = ""
    result: Optional[ImportResult] = None
    report: dict[str, Any] = field(default_factory=dict)
    warnings_path: Optional[Path] = None
    seconds: float = 0.0


Progress = Callable[[int], Callable[[], None]]
"""Given the number of files, returns the function to call after each one."""


# ------------------------------------------------------------------ discovery


def discover(sources: Path) -> list[SourceFile]:
    """Every record file under ``sources``, in a stable order."""
    if not sources.is_dir():
        raise ImportFailed(f"Không tìm thấy thư mục nguồn {sources} (sources directory not found).")
    found: list[SourceFile] = []
    for folder, fmt in ((PORTAL, PORTAL), (DEMO_DIR, DEMO)):
        root = sources / folder
        if root.is_dir():
            for path in sorted(root.rglob("*.json")):
                relative = path.relative_to(sources).as_posix()
                parts = path.relative_to(root).parts
                slug = parts[0] if len(parts) > 1 else None
                found.append(SourceFile(path, relative, fmt, slug))
    word = sources / WORD
    if word.is_dir():
        for path in sorted(word.glob("*.json")):
            found.append(SourceFile(path, path.relative_to(sources).as_posix(), WORD))
    if not found:
        raise ImportFailed(
            f"Thư mục {sources} không có bản ghi nào: cần {PORTAL}/<bộ>/*.json, {WORD}/*.json "
            f"hoặc {DEMO_DIR}/<bộ>/*.json (no record files found)."
        )
    return found


def _code_digest() -> str:
    """Hash of this package's parsing code, so a parser change invalidates --if-changed."""
    digest = hashlib.sha256(IMPORTER_VERSION.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


def sources_fingerprint(files: list[SourceFile]) -> str:
    """Names and contents of the source files plus the importer's own code."""
    digest = hashlib.sha256(_code_digest().encode())
    for source in files:
        digest.update(source.relative.encode())
        digest.update(b"\0")
        try:
            digest.update(hashlib.sha256(source.path.read_bytes()).digest())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()[:16]


# -------------------------------------------------------------------- reading


def _parse(source: SourceFile, data: Any, today: date) -> ParsedRecord:
    if source.format == WORD:
        return parse_word_export(data, path=source.relative, today=today)
    captured = CAPTURED.get(source.format)
    if source.format == DEMO and isinstance(data, dict):
        captured = data.get("captured") if isinstance(data.get("captured"), str) else None
    return parse_portal(
        data,
        path=source.relative,
        ministry_slug=source.ministry_slug,
        today=today,
        source_format=source.format,
        captured=captured,
    )


def _load(source: SourceFile) -> Any:
    with source.path.open("rb") as handle:
        raw = handle.read()
    return json.loads(nfc(raw.decode("utf-8-sig")))


def _records_in(data: Any) -> list[Any]:
    """A file holds one record; a list of records is accepted too."""
    return data if isinstance(data, list) else [data]


def read_sources(
    files: list[SourceFile],
    *,
    today: date,
    previous: Optional[dict[str, list[Procedure]]] = None,
    progress: Optional[Progress] = None,
) -> ImportResult:
    """Parse every file; skip (and report) what cannot be read."""
    previous = previous or {}
    advance = progress(len(files)) if progress else (lambda: None)
    result = ImportResult(procedures=[], files=len(files))
    chosen: dict[str, tuple[Procedure, SourceFile]] = {}

    def carry_over(source: SourceFile) -> str:
        kept = previous.get(source.relative, [])
        for procedure in kept:
            if procedure.code not in chosen:
                chosen[procedure.code] = (procedure, source)
                result.carried_over += 1
        return f"; giữ {len(kept)} bản ghi đã nhập lần trước từ tệp này" if kept else ""

    for source in files:
        try:
            try:
                data = _load(source)
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                result.skipped_files += 1
                reason = _describe(exc)
                note = carry_over(source)
                result.warnings.append(ImportWarning(source.relative, f"không đọc được tệp ({reason}){note}"))
                continue
            records = _records_in(data)
            valid = 0
            for data_record in records:
                try:
                    parsed = _parse(source, data_record, today)
                except InvalidRecord as exc:
                    result.warnings.append(ImportWarning(source.relative, f"bỏ qua bản ghi: {exc}"))
                    continue
                except Exception as exc:  # a parser bug on one odd record must not sink the import
                    message = f"bỏ qua bản ghi, lỗi khi phân tích ({type(exc).__name__}: {exc})"
                    result.warnings.append(ImportWarning(source.relative, message))
                    continue
                valid += 1
                procedure = parsed.procedure
                result.warnings.extend(
                    ImportWarning(source.relative, w, procedure.code) for w in parsed.warnings
                )
                _choose(chosen, procedure, source, result.warnings)
            if not valid:
                result.skipped_files += 1
                note = carry_over(source)
                if note:
                    result.warnings.append(ImportWarning(source.relative, note.lstrip("; ")))
        finally:
            advance()
    result.procedures = [procedure for procedure, _ in sorted(chosen.values(), key=lambda item: item[0].code)]
    return result


def _rank(source: SourceFile) -> tuple[int, str]:
    return (FORMAT_PRIORITY.index(source.format), source.relative)


def _choose(
    chosen: dict[str, tuple[Procedure, SourceFile]],
    procedure: Procedure,
    source: SourceFile,
    warnings: list[ImportWarning],
) -> None:
    """Keep one record per code: earlier format in FORMAT_PRIORITY, then the smaller path."""
    existing = chosen.get(procedure.code)
    if existing is None:
        chosen[procedure.code] = (procedure, source)
        return
    kept, dropped = (existing[1], source) if _rank(existing[1]) <= _rank(source) else (source, existing[1])
    if kept is source:
        chosen[procedure.code] = (procedure, source)
    warnings.append(
        ImportWarning(
            dropped.relative,
            f"mã {procedure.code} trùng giữa {kept.relative} và {dropped.relative}; "
            f"giữ {kept.relative}, bỏ {dropped.relative}",
            procedure.code,
        )
    )


def _describe(exc: BaseException) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"JSON lỗi ở dòng {exc.lineno}, cột {exc.colno}: {exc.msg}"
    if isinstance(exc, UnicodeDecodeError):
        return "không phải UTF-8"
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc)


# ----------------------------------------------------------------- whole import


def _previous_by_path(db_path: Path, sources: Path) -> dict[str, list[Procedure]]:
    """Records of the current catalogue by source file, when it was built from ``sources``."""
    store = CatalogueStore(db_path)
    if not store.exists():
        return {}
    try:
        if store.meta().get("sources_dir") != str(sources.resolve()):
            return {}
        by_path: dict[str, list[Procedure]] = {}
        for procedure in store.all():
            if procedure.source and procedure.source.path:
                by_path.setdefault(procedure.source.path, []).append(procedure)
        return by_path
    except Exception:  # an unreadable old catalogue only means nothing to carry over
        return {}
    finally:
        store.close()


def is_up_to_date(db_path: Path, fingerprint: str, today: date) -> bool:
    """Same sources and code as the last import, and no fee reduction expired since."""
    store = CatalogueStore(db_path)
    if not store.exists():
        return False
    try:
        meta = store.meta()
    except Exception:
        return False
    finally:
        store.close()
    next_expiry = meta.get("next_expiry")
    if next_expiry and date.fromisoformat(next_expiry) < today:
        return False
    return meta.get("sources_fingerprint") == fingerprint


def _next_expiry(procedures: list[Procedure], today: date) -> Optional[str]:
    """The first reduction end date still to come: the catalogue must be rebuilt after it."""
    upcoming = [
        reduction.until
        for procedure in procedures
        for channel in procedure.channels
        for reduction in channel.fee.reductions
        if reduction.until and reduction.until >= today.isoformat()
    ]
    return min(upcoming) if upcoming else None


def write_warnings(warnings: list[ImportWarning], path: Path) -> None:
    """One JSON object per line; written whole then swapped in, like the catalogue."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        for warning in warnings:
            out.write(json.dumps(asdict(warning), ensure_ascii=False) + "\n")
    os.replace(temp, path)


def run_import(
    sources: Path,
    db_path: Path,
    warnings_path: Path,
    *,
    if_changed: bool = False,
    today: Optional[date] = None,
    progress: Optional[Progress] = None,
) -> ImportOutcome:
    """Import ``sources`` into ``db_path``; raises ``ImportFailed`` and keeps the old file on failure."""
    started = datetime.now(UTC)
    today = today or date.today()
    files = discover(sources)
    fingerprint = sources_fingerprint(files)
    outcome = ImportOutcome(skipped=False, db_path=db_path, sources=sources, sources_fingerprint=fingerprint)
    if if_changed and is_up_to_date(db_path, fingerprint, today):
        outcome.skipped = True
        return outcome
    result = read_sources(files, today=today, previous=_previous_by_path(db_path, sources), progress=progress)
    write_warnings(result.warnings, warnings_path)
    outcome.result, outcome.warnings_path = result, warnings_path
    if not result.procedures:
        raise ImportFailed(
            f"Không có bản ghi hợp lệ nào trong {len(files)} tệp của {sources}; "
            f"giữ nguyên catalogue cũ. Xem cảnh báo trong {warnings_path} "
            "(no valid record; the previous catalogue is kept)."
        )
    report = build_report(result.procedures, warnings=len(result.warnings))
    report.update(files=result.files, skipped_files=result.skipped_files, carried_over=result.carried_over)
    outcome.catalogue_fingerprint = write_catalogue(
        result.procedures,
        db_path,
        {
            "sources_dir": str(sources.resolve()),
            "sources_fingerprint": fingerprint,
            "importer_version": IMPORTER_VERSION,
            "imported_at": started.isoformat(timespec="seconds"),
            "imported_on": today.isoformat(),
            "next_expiry": _next_expiry(result.procedures, today),
            "report": report,
        },
    )
    outcome.report = report
    outcome.seconds = (datetime.now(UTC) - started).total_seconds()
    return outcome


def iter_warnings(path: Path) -> Iterator[ImportWarning]:
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield ImportWarning(**json.loads(line))
