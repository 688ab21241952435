"""`tthc import`, `tthc show`, `tthc stats`: build and inspect the procedure catalogue."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bot.cli import app, nfc
from knowledge.catalogue.importer import ImportFailed, iter_warnings, run_import
from knowledge.catalogue.model import (
    FEE_FIXED,
    FEE_FREE,
    FEE_PROVINCIAL,
    FEE_REGULATION,
    Fee,
    Procedure,
)
from knowledge.catalogue.report import SHARES, build_report
from knowledge.catalogue.store import CatalogueNotBuilt, CatalogueStore
from knowledge.settings import catalogue_db_path, data_dir, default_sources_dir

console = Console()
errors = Console(stderr=True)


def warnings_file() -> Path:
    return data_dir() / "import-warnings.jsonl"


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(Text(message, style="bold red"))
    return typer.Exit(code)


# ---------------------------------------------------------------------- import


def _progress_bar(progress: Progress):
    def start(total: int):
        task = progress.add_task("Đọc bản ghi / reading records", total=total)
        return lambda: progress.advance(task)

    return start


@app.command("import")
def import_command(
    sources: Optional[Path] = typer.Option(
        None,
        "--sources",
        envvar="TTHC_SOURCES_DIR",
        help="Thư mục nguồn (mặc định ../shared/catalogue-sources, nếu không có thì catalogue demo).",
    ),
    if_changed: bool = typer.Option(
        False, "--if-changed", help="Bỏ qua nếu nguồn và mã nhập không đổi kể từ lần nhập trước."
    ),
) -> None:
    """Nhập danh mục thủ tục vào catalogue SQLite / import the procedure catalogue."""
    sources = sources or default_sources_dir()
    db_path = catalogue_db_path()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=errors, transient=False) as progress:
            outcome = run_import(
                sources,
                db_path,
                warnings_file(),
                if_changed=if_changed,
                progress=_progress_bar(progress),
            )
    except ImportFailed as exc:
        raise _fail(f"Nhập thất bại / import failed: {exc}") from None
    except KeyboardInterrupt:
        raise _fail(
            "Đã dừng; catalogue cũ được giữ nguyên (interrupted, previous catalogue kept).", 130
        ) from None
    if outcome.skipped:
        console.print(
            f"Catalogue đã cập nhật với nguồn {sources} (fingerprint {outcome.sources_fingerprint}); bỏ qua.",
            markup=False,
        )
        return
    result = outcome.result
    assert result is not None
    console.print(
        f"Đã nhập {outcome.report['total']} thủ tục từ {result.files} tệp trong "
        f"{outcome.seconds:.1f} giây vào {db_path} (fingerprint {outcome.catalogue_fingerprint}).",
        markup=False,
    )
    _print_report(outcome.report)
    if result.warnings:
        console.print(f"{len(result.warnings)} cảnh báo, ghi trong {outcome.warnings_path}:", markup=False)
        for warning in result.warnings[:8]:
            console.print(Text(f"  {warning.file}: {warning.message}", style="yellow"))
        if len(result.warnings) > 8:
            console.print(f"  … và {len(result.warnings) - 8} cảnh báo khác.", markup=False)


def _print_report(report: dict) -> None:
    table = Table(title="Báo cáo kiểm tra / validation report", show_lines=False)
    table.add_column("Chỉ số / metric")
    table.add_column("Số / count", justify="right")
    table.add_column("Tỉ lệ / share", justify="right")
    total = report["total"]
    table.add_row("Tổng số thủ tục / total records", str(total), "")
    for key, label in SHARES.items():
        table.add_row(label, str(report["counts"][key]), f"{report['shares'][key]:.1%}")
    table.add_row("thời hạn không có đơn vị / time without unit", str(report["unitless_time"]), "")
    table.add_row("có mức giảm phí đã hết hạn / expired reductions", str(report["expired_reductions"]), "")
    for basis, count in report["fee_basis"].items():
        table.add_row(f"phí theo '{basis}' / fee basis {basis}", str(count), "")
    for fmt, count in report["formats"].items():
        table.add_row(f"nguồn {fmt} / source", str(count), "")
    table.add_row("cảnh báo / warnings", str(report.get("warnings", 0)), "")
    console.print(table)


# ----------------------------------------------------------------------- stats


def _open_store() -> CatalogueStore:
    store = CatalogueStore()
    if not store.exists():
        raise _fail(str(CatalogueNotBuilt(store.path)))
    return store


@app.command("stats")
def stats_command() -> None:
    """Báo cáo kiểm tra của catalogue đã nhập / validation report of the stored catalogue."""
    store = _open_store()
    meta = store.meta()
    stored = meta.get("report", {})
    report = build_report(store.all(), warnings=stored.get("warnings", 0))
    console.print(
        f"Catalogue {store.path}: nhập lúc {meta.get('imported_at')} từ {meta.get('sources_dir')} "
        f"(fingerprint {meta.get('fingerprint')}).",
        markup=False,
    )
    _print_report(report)
    count = sum(1 for _ in iter_warnings(warnings_file()))
    if count:
        console.print(f"Cảnh báo của lần nhập gần nhất: {warnings_file()} ({count} dòng).", markup=False)


# ------------------------------------------------------------------------ show


def describe_fee(fee: Fee) -> str:
    """What the fee means, in words, before the source's own text."""
    if fee.basis == FEE_FIXED:
        amounts = ", ".join(f"{a:,}".replace(",", ".") + " đồng" for a in fee.amount_vnd or [])
        return amounts or fee.text
    if fee.basis == FEE_FREE:
        return "Miễn phí"
    if fee.basis == FEE_PROVINCIAL:
        return "Theo mức do HĐND cấp tỉnh quy định (mỗi tỉnh một mức)"
    if fee.basis == FEE_REGULATION:
        where = f" tại {fee.regulation}" if fee.regulation else " theo quy định về phí, lệ phí"
        return f"Chưa rõ là miễn phí: mức thu{where}"
    return "Không có thông tin"


def _fee_cell(fee: Fee, today: date) -> Text:
    cell = Text(describe_fee(fee), style="bold")
    if fee.text and fee.text != describe_fee(fee):
        cell.append(f"\nNguồn ghi: {fee.text}", style="dim")
    if fee.note and [fee.note] != [r.text for r in fee.reductions]:
        cell.append(f"\nGhi chú: {fee.note}")
    for reduction in fee.reductions:
        expired = reduction.expired or reduction.is_expired(today)
        label = f"ĐÃ HẾT HẠN từ {reduction.until}" if expired else f"áp dụng đến {reduction.until}"
        cell.append(f"\n[{label}] ", style="bold red" if expired else "bold green")
        cell.append(reduction.text, style="strike dim" if expired else "")
    return cell


def _fields_table(procedure: Procedure) -> Table:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    source = procedure.source
    rows = [
        ("Mã thủ tục", procedure.code),
        ("Tên", procedure.name),
        ("Nhóm (family)", procedure.family),
        ("Số quyết định", procedure.decision),
        ("Cấp thực hiện", ", ".join(procedure.levels)),
        ("Loại thủ tục", procedure.kind),
        ("Lĩnh vực", procedure.field),
        ("Bộ, ngành", procedure.ministry),
        ("Đối tượng", procedure.subjects),
        ("Cơ quan thực hiện", procedure.agency),
        ("Cơ quan có thẩm quyền", procedure.authority),
        ("Địa chỉ tiếp nhận", procedure.address),
        ("Cơ quan được ủy quyền", procedure.delegated_agency),
        ("Cơ quan phối hợp", procedure.coordinating_agency),
        ("Nộp trực tuyến", "có" if procedure.online else "không"),
        ("Nguồn", source.url if source else None),
        ("Định dạng, thời điểm", f"{source.format}, {source.captured or '?'}" if source else None),
        ("Tệp nguồn", source.path if source else None),
    ]
    for label, value in rows:
        table.add_row(label, Text(value) if value else Text("—", style="dim"))
    return table


def _channels_table(procedure: Procedure, today: date) -> Table:
    table = Table(title="Cách thức thực hiện", show_lines=True, expand=True)
    table.add_column("Hình thức", no_wrap=True)
    table.add_column("Thời hạn")
    table.add_column("Phí, lệ phí", ratio=3)
    table.add_column("Mô tả", ratio=2)
    for channel in procedure.channels:
        time = channel.time
        when = time.text or "—"
        if time.value is not None and time.unit is None:
            when += " (nguồn không ghi đơn vị)"
        table.add_row(channel.channel, Text(when), _fee_cell(channel.fee, today), Text(channel.note or ""))
    return table


def _documents_text(procedure: Procedure) -> Text:
    text = Text()
    for group in procedure.documents:
        if group.case:
            text.append(f"{group.case}\n", style="bold")
        for number, item in enumerate(group.items, start=1):
            text.append(f"  {number}. {item.name}")
            extras = [part for part in (item.quantity, f"mẫu: {item.form}" if item.form else None) if part]
            if extras:
                text.append(f" ({'; '.join(extras)})", style="dim")
            text.append("\n")
    return text


def _card(procedure: Procedure, today: date) -> Group:
    title = Text(f"{procedure.code} — {procedure.name}")
    parts: list = [Panel(_fields_table(procedure), title=title)]
    if procedure.channels:
        parts.append(_channels_table(procedure, today))
    sections = [
        ("Thành phần hồ sơ", _documents_text(procedure) if procedure.documents else None),
        ("Trình tự thực hiện", "\n".join(f"{n}. {s}" for n, s in enumerate(procedure.steps, 1)) or None),
        ("Yêu cầu, điều kiện", procedure.conditions),
        ("Kết quả", procedure.result),
        (
            "Căn cứ pháp lý",
            "\n".join(f"• {r.number or '(không mã)'} — {r.title}" for r in procedure.legal_basis) or None,
        ),
        ("Thủ tục liên quan", procedure.related),
    ]
    for title, body in sections:
        # Source text goes in as Text so brackets in it are never read as rich markup.
        content = Text(body) if isinstance(body, str) else body
        parts.append(Panel(content or Text("Không có thông tin", style="dim"), title=title))
    return Group(*parts)


@app.command("show")
def show_command(
    code: str = typer.Argument(..., help="Mã thủ tục, ví dụ 1.001193"),
    as_json: bool = typer.Option(False, "--json", help="In bản ghi chuẩn hóa dạng JSON."),
) -> None:
    """Xem toàn bộ thông tin một thủ tục / show one procedure."""
    code = nfc(code).strip()
    store = _open_store()
    procedure = store.get(code)
    if procedure is None:
        raise _fail(f"Không tìm thấy thủ tục có mã '{code}' trong catalogue ({store.path}).")
    if as_json:
        typer.echo(json.dumps(procedure.to_dict(), ensure_ascii=False, indent=2))
        return
    console.print(_card(procedure, date.today()))
