"""`tthc dossiers ...`: load, inspect and try the dossier status lookup.

Staff commands. ``show`` is a staff view: it shows the applicant's name but
still masks the phone and ID numbers; ``lookup`` prints exactly what a citizen
would read in the chat.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.cli import app, nfc
from knowledge.dossiers import demo as demo_data
from knowledge.dossiers.backends import BackendUnavailable, ConfigError, open_backend, open_store
from knowledge.dossiers.codes import find_code
from knowledge.dossiers.importer import ImportFailed, import_file
from knowledge.dossiers.lookup import DossierLookup, vietnam_today
from knowledge.dossiers.mapping import FieldMapping, MappingError
from knowledge.dossiers.messages import format_date
from knowledge.dossiers.model import Dossier
from knowledge.dossiers.workdays import statutory_holidays

dossiers_app = typer.Typer(
    name="dossiers",
    help="Hồ sơ đã nộp: nhập dữ liệu, dữ liệu demo, tra cứu / dossier status lookup data.",
    no_args_is_help=True,
)
app.add_typer(dossiers_app, name="dossiers")

console = Console()
errors = Console(stderr=True)


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(Text(message, style="bold red"))
    return typer.Exit(code)


def _parse_day(value: Optional[str]) -> date:
    if not value:
        return vietnam_today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"Ngày không hợp lệ '{value}': dùng dạng YYYY-MM-DD / expected YYYY-MM-DD", 2) from None


def _store():
    try:
        return open_store()
    except (ConfigError, BackendUnavailable) as exc:
        raise _fail(f"Không mở được kho hồ sơ / cannot open the dossier store: {exc}") from None


# ---------------------------------------------------------------------- import


@dossiers_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="Tệp CSV hoặc XLSX xuất từ hệ thống một cửa."),
    mapping: Optional[Path] = typer.Option(
        None, "--mapping", "-m", help="Tệp YAML ánh xạ cột (xem config/dossiers/mapping-example.yml)."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Chỉ kiểm tra, không ghi / check only."),
    show: int = typer.Option(20, "--show", help="Số dòng bị từ chối in ra / rejected rows to print."),
) -> None:
    """Nhập hồ sơ từ CSV/XLSX / import dossiers; reports loaded and rejected rows."""
    try:
        field_mapping = FieldMapping.load(mapping) if mapping else None
    except MappingError as exc:
        raise _fail(f"Tệp ánh xạ sai / bad mapping: {exc}", 2) from None
    store = None if dry_run else _store()
    try:
        report = import_file(file, store, field_mapping, dry_run=dry_run)
    except ImportFailed as exc:
        raise _fail(f"Không nhập được, dữ liệu cũ giữ nguyên / nothing imported: {exc}") from None
    finally:
        if store is not None:
            store.close()
    verb = "Hợp lệ (chưa ghi)" if dry_run else "Đã nạp"
    console.print(
        f"{verb} / loaded: {report.loaded} (mới / new {report.inserted}, cập nhật / updated {report.updated}); "
        f"bị từ chối / rejected: {len(report.rejected)}; đã đọc / read: {report.read} dòng.",
        markup=False,
    )
    if report.without_phone:
        console.print(
            Text(
                f"{report.without_phone} hồ sơ không có số điện thoại: người dân không tra cứu được qua chat "
                "(no phone: cannot be verified in chat).",
                style="yellow",
            )
        )
    if report.missing_columns:
        console.print(
            Text(
                f"Cột trong ánh xạ nhưng không có trong tệp: {', '.join(report.missing_columns)}",
                style="yellow",
            )
        )
    if report.rejected:
        table = Table(title="Dòng bị từ chối / rejected rows")
        table.add_column("Dòng / row", justify="right")
        table.add_column("Lý do / reason")
        for rejected in report.rejected[:show]:
            table.add_row(str(rejected.row), rejected.reason)
        console.print(table)
        if len(report.rejected) > show:
            console.print(f"… và {len(report.rejected) - show} dòng khác (--show để xem thêm).", markup=False)


# ------------------------------------------------------------------------ demo


@dossiers_app.command("demo")
def demo_command(
    count: int = typer.Option(200, "--count", "-n", min=1, max=200_000, help="Số hồ sơ demo."),
    seed: int = typer.Option(2026, "--seed", help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)."),
    today: Optional[str] = typer.Option(
        None, "--today", help="Ngày tham chiếu YYYY-MM-DD (mặc định hôm nay)."
    ),
    agencies: Optional[Path] = typer.Option(
        None,
        "--agencies",
        help="Tệp JSON danh sách cơ quan (dạng soctrang-agencies.json) thay cho danh sách mẫu.",
    ),
) -> None:
    """Nạp hồ sơ demo vào kho / load demo dossiers (replaces earlier demo rows only)."""
    reference = _parse_day(today)
    try:
        agency_list = demo_data.load_agencies(agencies) if agencies else None
    except (OSError, ValueError) as exc:
        raise _fail(f"Không đọc được danh sách cơ quan / cannot read agencies: {exc}", 2) from None
    dossiers = demo_data.generate(count, seed=seed, today=reference, agencies=agency_list)
    store = _store()
    try:
        written = store.replace_demo(dossiers)
        total = store.count()
    finally:
        store.close()
    skipped = len(dossiers) - written
    console.print(
        f"Đã nạp {written} hồ sơ DEMO (ngày tham chiếu {reference:%d/%m/%Y}); kho có {total} hồ sơ."
        + (f" Bỏ qua {skipped} mã trùng hồ sơ thật." if skipped else ""),
        markup=False,
    )
    table = Table(title="Thử trong chat / try in the chat (dữ liệu DEMO)")
    table.add_column("Tình huống / scenario")
    table.add_column("Mã hồ sơ / code")
    table.add_column("4 số cuối ĐT", justify="center")
    for item in demo_data.showcase(dossiers):
        table.add_row(item.scenario, item.code, item.phone_last4)
    console.print(table)


# ------------------------------------------------------------------------ show


def _staff_view(dossier: Dossier) -> dict:
    return {
        "code": dossier.code,
        "demo": dossier.demo,
        "procedure": f"{dossier.procedure_code} {dossier.procedure_name}".strip(),
        "agency": f"{dossier.agency_code} {dossier.agency_name}".strip(),
        "collect_at": dossier.agency_address,
        "status": f"{dossier.status.value} ({dossier.status.label})",
        "received_at": dossier.received_at.isoformat(sep=" ", timespec="minutes"),
        "due_at": dossier.due_at.isoformat(),
        "new_due_at": dossier.new_due_at.isoformat() if dossier.new_due_at else None,
        "finished_at": dossier.finished_at.isoformat(sep=" ", timespec="minutes")
        if dossier.finished_at
        else None,
        "returned_at": dossier.returned_at.isoformat(sep=" ", timespec="minutes")
        if dossier.returned_at
        else None,
        "applicant": dossier.applicant.masked(),
        "history": [
            {"at": c.at.isoformat(sep=" ", timespec="minutes"), "status": c.status.value, "note": c.note}
            for c in dossier.history
        ],
    }


@dossiers_app.command("show")
def show_command(
    code: str = typer.Argument(..., help="Mã hồ sơ (chấp nhận khoảng trắng, chữ thường...)."),
    as_json: bool = typer.Option(False, "--json", help="In JSON."),
) -> None:
    """Xem hồ sơ (cán bộ) / staff view of a dossier; phone and ID stay partly masked."""
    parsed = find_code(nfc(code))
    if parsed is None:
        raise _fail(f"'{code}' không phải mã hồ sơ hợp lệ / not a dossier code", 2)
    try:
        dossier = open_backend().get(parsed.code)
    except (ConfigError, BackendUnavailable) as exc:
        raise _fail(f"Không tra được / lookup failed: {exc}") from None
    if dossier is None:
        raise _fail(f"Không có hồ sơ {parsed.code} / no such dossier")
    view = _staff_view(dossier)
    if as_json:
        console.print_json(json.dumps(view, ensure_ascii=False))
        return
    table = Table(show_header=False, box=None)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for key, value in view.items():
        if key == "history":
            continue
        if key == "applicant":
            for part, masked in value.items():
                table.add_row(f"applicant.{part}", masked)
            continue
        table.add_row(key, "" if value is None else str(value))
    console.print(table)
    for change in view["history"]:
        console.print(f"  {change['at']}  {change['status']:<20} {change['note']}", markup=False)


# ---------------------------------------------------------------------- lookup


@dossiers_app.command("lookup")
def lookup_command(
    code: str = typer.Argument(..., help="Mã hồ sơ như người dân gõ."),
    digits: str = typer.Argument(..., help="4 chữ số cuối số điện thoại."),
    today: Optional[str] = typer.Option(None, "--today", help="Ngày tham chiếu YYYY-MM-DD."),
) -> None:
    """Câu trả lời chat cho mã + 4 số / the citizen's chat answer for a code and digits."""
    reference = _parse_day(today)
    try:
        lookup = DossierLookup(open_backend(), today=lambda: reference)
    except (ConfigError, BackendUnavailable) as exc:
        raise _fail(f"Không tra được / lookup failed: {exc}") from None
    outcome = lookup.check(nfc(code), nfc(digits), conversation_id="cli")
    console.print(f"[{outcome.kind.value}]", style="dim", markup=False)
    console.print(outcome.message, markup=False)


# -------------------------------------------------------------------- holidays


@dossiers_app.command("holidays")
def holidays_command(year: int = typer.Argument(..., min=1990, max=2099)) -> None:
    """Ngày nghỉ lễ tính theo Bộ luật Lao động / computed public holidays of a year."""
    for holiday in statutory_holidays(year):
        console.print(f"{format_date(holiday.day):<24} {holiday.name}", markup=False)
