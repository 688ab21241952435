"""`tthc index build`, `tthc search`, `tthc eval`: the retrieval index and its measurement."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bot.cli import app, nfc
from knowledge.catalogue.store import CatalogueNotBuilt, CatalogueStore
from knowledge.embedding.encoder import Encoder, ModelNotAvailable, configured_model_name
from knowledge.search import IndexNotBuilt, load_searcher
from knowledge.search.evaluation import EvalFileError, EvalReport, evaluate, read_questions
from knowledge.search.hybrid import MAX_OPTIONS, MODES, Searcher, SearchResult
from knowledge.search.index import build_index, index_dir, is_stale, read_stamp

index_app = typer.Typer(help="Chỉ mục tìm kiếm thủ tục / the procedure search index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

console = Console()
errors = Console(stderr=True)
PROGRESS_COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())


def _fail(message: str) -> typer.Exit:
    errors.print(Text(message, style="bold red"), soft_wrap=True)
    return typer.Exit(1)


def _load_encoder() -> Encoder:
    try:
        return Encoder.load()
    except ModelNotAvailable as exc:
        raise _fail(str(exc)) from None


def _searcher(with_dense: bool = True) -> Searcher:
    try:
        return load_searcher(with_dense=with_dense)
    except (IndexNotBuilt, ModelNotAvailable) as exc:
        raise _fail(str(exc)) from None


# ------------------------------------------------------------------- index


class _RichProgress:
    """``BuildProgress`` on a rich progress display: one bar per stage."""

    def __init__(self, progress: Progress):
        self._progress = progress
        self._task: Optional[int] = None

    def stage(self, description: str, total: int) -> None:
        if self._task is not None:
            self._progress.update(self._task, completed=self._progress.tasks[self._task].total)
        self._task = self._progress.add_task(description, total=total)

    def advance(self, amount: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, amount)


@index_app.command("build")
def build_command(
    if_stale: bool = typer.Option(
        False, "--if-stale", help="Chỉ lập lại khi catalogue hoặc mô hình đã đổi / only when out of date."
    ),
) -> None:
    """Lập chỉ mục tìm kiếm từ catalogue / build the search index from the catalogue."""
    store = CatalogueStore()
    try:
        if if_stale and not is_stale(store, configured_model_name()):
            stamp = read_stamp()
            errors.print(f"Chỉ mục đã mới / index is up to date ({stamp.count if stamp else '?'} thủ tục).")
            return
        store.count()  # the catalogue comes first in the setup order: say so first
        encoder = _load_encoder()
        with Progress(*PROGRESS_COLUMNS, console=errors) as progress:
            stamp = build_index(store, encoder, progress=_RichProgress(progress))
    except (CatalogueNotBuilt, ModelNotAvailable) as exc:
        raise _fail(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise _fail(f"Lập chỉ mục thất bại, chỉ mục cũ được giữ nguyên / index build failed: {exc}") from None
    errors.print(
        f"Đã lập chỉ mục {stamp.count} thủ tục trong {stamp.seconds:.1f} s "
        f"(mô hình {stamp.model}) → {index_dir()}",
        soft_wrap=True,
    )


# ------------------------------------------------------------------ search


def _result_json(result: SearchResult) -> dict[str, object]:
    return {
        "query": result.query,
        "clear": result.clear,
        "confidence": result.confidence,
        "results": [
            {"code": h.code, "name": h.name, "score": h.score, "variants": h.variants} for h in result.hits
        ],
    }


@app.command("search")
def search_command(
    query: Optional[str] = typer.Argument(None, help="Câu hỏi / the question."),
    top: int = typer.Option(5, "--top", "-k", min=1, max=50, help="Số kết quả / number of results."),
    as_json: bool = typer.Option(False, "--json", help="In JSON / print JSON."),
    jsonl: bool = typer.Option(
        False, "--jsonl", help="Đọc mỗi dòng stdin một câu hỏi, in mỗi dòng một JSON / batch mode."
    ),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid | lexical | dense"),
) -> None:
    """Tìm thủ tục cho một câu hỏi / find the procedure a question is about."""
    if mode not in MODES:
        raise _fail(f"--mode phải là một trong {', '.join(MODES)} / unknown mode {mode!r}")
    if jsonl:
        searcher = _searcher(with_dense=mode != "lexical")
        for line in sys.stdin:
            text = nfc(line.rstrip("\n"))
            result = searcher.search(text, top_k=top, mode=mode)  # type: ignore[arg-type]
            sys.stdout.write(json.dumps(_result_json(result), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        return
    if query is None or not query.strip():
        raise _fail('Cần một câu hỏi, ví dụ: tthc search "làm hộ chiếu hết bao nhiêu" (or use --jsonl).')
    searcher = _searcher(with_dense=mode != "lexical")
    result = searcher.search(nfc(query), top_k=top, mode=mode)  # type: ignore[arg-type]
    if as_json:
        console.print_json(json.dumps(_result_json(result), ensure_ascii=False))
        return
    _print_result(result)


def _print_result(result: SearchResult) -> None:
    if not result.hits:
        console.print("Không tìm thấy thủ tục nào / no procedure found.")
        return
    verdict = "rõ ràng / clear" if result.clear else "cần hỏi lại / ask the user to choose"
    console.print(f"[bold]{result.query}[/bold]  —  {verdict} (độ tin cậy {result.confidence:.2f})")
    table = Table(show_lines=False)
    table.add_column("#", justify="right")
    table.add_column("mã")
    table.add_column("thủ tục")
    table.add_column("điểm", justify="right")
    table.add_column("cấp")
    table.add_column("cùng thủ tục")
    for number, hit in enumerate(result.hits, start=1):
        table.add_row(
            str(number),
            hit.code,
            hit.name,
            f"{hit.score:.2f}",
            ", ".join(hit.levels),
            ", ".join(hit.variants),
        )
    console.print(table)


# -------------------------------------------------------------------- eval


@app.command("eval")
def eval_command(
    file: Path = typer.Argument(..., help="Tệp câu hỏi JSONL (tests/eval/dev.jsonl)."),
    as_json: bool = typer.Option(False, "--json", help="In kết quả dạng JSON / print JSON."),
    failures: Optional[Path] = typer.Option(
        None, "--failures", help="Ghi các câu trả lời sai vào tệp JSONL này / write misses here."
    ),
) -> None:
    """Đo top-1, top-3, MRR của hybrid và hai baseline / measure retrieval on a labelled set."""
    try:
        questions = read_questions(file)
    except EvalFileError as exc:
        raise _fail(str(exc)) from None
    if not questions:
        raise _fail(f"{file} không có câu hỏi nào / no questions.")
    started = time.perf_counter()
    searcher = _searcher()
    load_seconds = time.perf_counter() - started
    with Progress(*PROGRESS_COLUMNS, console=errors, transient=True) as progress:
        task = progress.add_task("Đánh giá / evaluating", total=len(questions))
        report = evaluate(searcher, questions, on_question=lambda: progress.advance(task))
    if failures is not None:
        with failures.open("w", encoding="utf-8") as out:
            for failure in report.failures:
                out.write(json.dumps(failure, ensure_ascii=False) + "\n")
    stamp = searcher.index.stamp
    summary = report.as_dict()
    summary["index"] = {"build_seconds": stamp.seconds, "model": stamp.model, "procedures": stamp.count}
    summary["load_seconds"] = round(load_seconds, 1)
    if as_json:
        console.print_json(json.dumps(summary, ensure_ascii=False))
        return
    _print_report(report, summary)


def _print_report(report: EvalReport, summary: dict) -> None:
    # Plain lines, not a rich table: they fit 80 columns and read the same in CI logs.
    for line in format_report(report, summary):
        typer.echo(line)


METHOD_LABELS = {"hybrid": "hybrid", "lexical": "BM25 only", "dense": "dense only"}
_METRICS = ("top1", "top3", "mrr")


def format_report(report: EvalReport, summary: dict) -> list[str]:
    """The evaluation as aligned text lines of at most 80 characters.

    One table: a row for all questions and one per style, and for each method
    its top-1, top-3 and MRR side by side. Then latency, index and clarity.
    """
    methods = summary["methods"]
    styles = sorted({style for method in methods.values() for style in method["by_style"]})
    label_width = max([len("tất cả / all"), *(len(style) for style in styles)])
    count_width = max(3, len(str(report.questions)))
    block = "  " + " ".join(f"{name:>5}" for name in ("top-1", "top-3", "MRR"))
    width = len(block)

    def row(label: str, count: object, cells: list[dict]) -> str:
        numbers = "".join("  " + " ".join(f"{cell[m]:5.3f}" for m in _METRICS) for cell in cells)
        return f"{label:<{label_width}} {count!s:>{count_width}}{numbers}"

    prefix = " " * (label_width + 1 + count_width)
    lines = [
        f"{report.questions} câu hỏi / questions: top-1, top-3, MRR theo phương pháp / by method",
        "",
        prefix + "".join(f"{METHOD_LABELS.get(name, name):>{width}}" for name in methods),
        f"{'kiểu / style':<{label_width}} {'n':>{count_width}}" + block * len(methods),
        row("tất cả / all", report.questions, [m["overall"] for m in methods.values()]),
    ]
    for style in styles:
        cells = [
            m["by_style"].get(style, {"n": 0, "top1": 0.0, "top3": 0.0, "mrr": 0.0}) for m in methods.values()
        ]
        lines.append(row(style, cells[0]["n"], cells))
    latency, index, clarity = summary["latency_ms"], summary["index"], report.clarity
    precision = f"{clarity.clear_correct / clarity.clear:.3f}" if clarity.clear else "—"
    lines += [
        "",
        f"Độ trễ / latency (hybrid): p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms, "
        f"mean {latency['mean']:.1f} ms",
        f"Chỉ mục / index: {index['procedures']} thủ tục, mô hình / model {index['model']}",
        f"  lập / build {index['build_seconds']:.1f} s; nạp / load {summary['load_seconds']:.1f} s",
        f"Rõ ràng / clear: {clarity.clear}/{report.questions}, đúng / correct {clarity.clear_correct} "
        f"(precision {precision})",
        f"Không rõ / unclear: {clarity.unclear}/{report.questions}, đáp án trong {MAX_OPTIONS} lựa chọn "
        f"/ answer in options {clarity.unclear_correct_in_options}",
    ]
    return lines
