"""Measuring retrieval on a labelled question set (``tests/eval/dev.jsonl`` format).

One line per question: ``{"query", "codes": [acceptable codes], "style", "aspect"}``.
A hit counts when its code or any code of its family is acceptable, since a hit
stands for its whole family. Every method (hybrid and the two baselines) is run
on the same questions in the same process, so the figures compare like with like.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from knowledge.search.hybrid import MODES, Hit, Mode, Searcher
from knowledge.text import nfc

DEPTH = 10  # ranks looked at; MRR counts 0 beyond


class EvalFileError(ValueError):
    """The question file cannot be read; the message names the line."""


@dataclass(frozen=True)
class Question:
    query: str
    codes: frozenset[str]
    style: str
    aspect: str


@dataclass
class Scores:
    """Top-1, top-3 and MRR accumulated over questions."""

    count: int = 0
    top1: int = 0
    top3: int = 0
    reciprocal: float = 0.0

    def add(self, rank: Optional[int]) -> None:
        self.count += 1
        if rank is not None:
            self.top1 += rank == 0
            self.top3 += rank < 3
            self.reciprocal += 1.0 / (rank + 1)

    def as_dict(self) -> dict[str, float]:
        n = max(self.count, 1)
        return {
            "n": self.count,
            "top1": round(self.top1 / n, 4),
            "top3": round(self.top3 / n, 4),
            "mrr": round(self.reciprocal / n, 4),
        }


@dataclass
class MethodReport:
    overall: Scores = field(default_factory=Scores)
    by_style: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))


@dataclass
class ClarityReport:
    """How often the first hit was declared clear, and how often a clear first hit was right."""

    clear: int = 0
    clear_correct: int = 0
    unclear_correct_in_options: int = 0
    unclear: int = 0


@dataclass
class EvalReport:
    questions: int
    methods: dict[str, MethodReport]
    latencies_ms: list[float]
    clarity: ClarityReport
    failures: list[dict[str, object]]

    def latency(self, quantile: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(quantile * (len(ordered) - 1))))]

    def as_dict(self) -> dict[str, object]:
        return {
            "questions": self.questions,
            "methods": {
                name: {
                    "overall": report.overall.as_dict(),
                    "by_style": {style: s.as_dict() for style, s in sorted(report.by_style.items())},
                }
                for name, report in self.methods.items()
            },
            "latency_ms": {
                "p50": round(self.latency(0.5), 2),
                "p95": round(self.latency(0.95), 2),
                "mean": round(statistics.fmean(self.latencies_ms), 2) if self.latencies_ms else 0.0,
            },
            "clarity": self.clarity.__dict__,
        }


def read_questions(path: Path) -> list[Question]:
    """Questions of a JSONL file; raises ``EvalFileError`` naming the first bad line."""
    questions = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"Không đọc được {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            codes = row["codes"]
            if not isinstance(row["query"], str) or not isinstance(codes, list) or not codes:
                raise ValueError("query must be text and codes a non-empty list")
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalFileError(f"{path}:{number}: dòng không hợp lệ / invalid line ({exc})") from exc
        questions.append(
            Question(
                query=nfc(row["query"]),
                codes=frozenset(str(c) for c in codes),
                style=str(row.get("style") or "?"),
                aspect=str(row.get("aspect") or "?"),
            )
        )
    return questions


def rank_of(hits: Iterable[Hit], codes: frozenset[str]) -> Optional[int]:
    """Position of the first hit whose family contains an acceptable code."""
    for rank, hit in enumerate(hits):
        if hit.code in codes or codes.intersection(hit.variants):
            return rank
    return None


def evaluate(
    searcher: Searcher,
    questions: list[Question],
    modes: Iterable[Mode] = MODES,
    on_question: Optional[Callable[[], None]] = None,
) -> EvalReport:
    """Run every question through every mode; latency is measured on the hybrid search."""
    modes = [m for m in modes if m != "dense" or searcher.encoder is not None]
    methods = {mode: MethodReport() for mode in modes}
    latencies: list[float] = []
    clarity = ClarityReport()
    failures: list[dict[str, object]] = []
    for question in questions:
        for mode in modes:
            started = time.perf_counter()
            result = searcher.search(question.query, top_k=DEPTH, mode=mode)
            elapsed = (time.perf_counter() - started) * 1000
            rank = rank_of(result.hits, question.codes)
            methods[mode].overall.add(rank)
            methods[mode].by_style[question.style].add(rank)
            if mode == "hybrid":
                latencies.append(elapsed)
                _count_clarity(clarity, result.clear, rank)
                if rank != 0:
                    failures.append(
                        {
                            "query": question.query,
                            "style": question.style,
                            "rank": rank,
                            "expected": sorted(question.codes),
                            "got": [h.code for h in result.hits[:3]],
                        }
                    )
        if on_question is not None:
            on_question()
    return EvalReport(len(questions), methods, latencies, clarity, failures)


def _count_clarity(clarity: ClarityReport, clear: bool, rank: Optional[int]) -> None:
    if clear:
        clarity.clear += 1
        clarity.clear_correct += rank == 0
    else:
        clarity.unclear += 1
        clarity.unclear_correct_in_options += rank is not None and rank < 4
