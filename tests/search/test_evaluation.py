"""Measuring retrieval: reading a question file, ranking, scoring, and the printed report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.search_cmds import format_report
from knowledge.search.evaluation import EvalFileError, Question, evaluate, rank_of, read_questions
from knowledge.search.hybrid import Hit


def hit(code: str, variants: tuple[str, ...] = ()) -> Hit:
    return Hit(code=code, name=code, score=1.0, family=code, levels=["xã"], variants=list(variants))


def test_rank_counts_a_hit_for_its_whole_family():
    hits = [hit("A"), hit("B", ("C",)), hit("D")]
    assert rank_of(hits, frozenset({"A"})) == 0
    assert rank_of(hits, frozenset({"C"})) == 1
    assert rank_of(hits, frozenset({"D", "B"})) == 1
    assert rank_of(hits, frozenset({"Z"})) is None
    assert rank_of([], frozenset({"A"})) is None


def test_read_questions(tmp_path: Path):
    path = tmp_path / "q.jsonl"
    rows = [
        {"query": "ho chieu", "codes": ["1.001456", "1.001471"], "style": "unaccented", "aspect": "fee"},
        {"query": "giấy chứng tử", "codes": ["1.000656"]},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    questions = read_questions(path)
    assert questions == [
        Question("ho chieu", frozenset({"1.001456", "1.001471"}), "unaccented", "fee"),
        Question("giấy chứng tử", frozenset({"1.000656"}), "?", "?"),
    ]


def test_read_questions_names_the_bad_line(tmp_path: Path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"query": "a", "codes": ["1"]}\n\n{"query": "b", "codes": "1"}\n', encoding="utf-8")
    with pytest.raises(EvalFileError, match=r"q\.jsonl:3:"):
        read_questions(path)


def test_the_dev_set_reads():
    questions = read_questions(Path(__file__).parents[1] / "eval" / "dev.jsonl")
    assert len(questions) >= 300 and all(q.codes for q in questions)


DEMO_QUESTIONS = [
    Question("lam ho chieu het bao nhieu", frozenset({"1.001471"}), "unaccented", "fee"),
    Question("giấy chứng tử", frozenset({"1.000656"}), "accented", "overview"),
    Question("đăng ký kết hôn", frozenset({"1.000894"}), "accented", "overview"),
    Question("xin giấy phép xây dựng nhà", frozenset({"9.999999"}), "accented", "overview"),
]


@pytest.fixture(scope="module")
def demo_report(demo_searcher):
    ticks: list[int] = []
    report = evaluate(demo_searcher, DEMO_QUESTIONS, on_question=lambda: ticks.append(1))
    assert len(ticks) == len(DEMO_QUESTIONS)
    return report


def test_evaluate_scores_each_method_and_style(demo_report):
    # No encoder: dense-only cannot be measured and is left out rather than scored 0.
    assert set(demo_report.methods) == {"hybrid", "lexical"}
    hybrid = demo_report.methods["hybrid"]
    assert hybrid.overall.count == 4 and hybrid.overall.top1 == 3  # the made-up code is never found
    assert hybrid.by_style["accented"].count == 3 and hybrid.by_style["unaccented"].top1 == 1
    assert len(demo_report.latencies_ms) == 4
    clarity = demo_report.clarity
    assert clarity.clear + clarity.unclear == 4
    assert [f["query"] for f in demo_report.failures] == ["xin giấy phép xây dựng nhà"]
    summary = demo_report.as_dict()
    assert summary["methods"]["hybrid"]["overall"] == {"n": 4, "top1": 0.75, "top3": 0.75, "mrr": 0.75}
    assert 0 < summary["latency_ms"]["p50"] <= summary["latency_ms"]["p95"]


def summary_of(report) -> dict:
    summary = report.as_dict()
    summary["index"] = {"build_seconds": 86.1, "model": "multilingual-e5-small", "procedures": 2849}
    summary["load_seconds"] = 2.3
    return summary


def test_report_lines_fit_80_columns_and_keep_every_figure(demo_report):
    lines = format_report(demo_report, summary_of(demo_report))
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    assert "hybrid" in text and "BM25 only" in text and "dense only" not in text
    overall = next(line for line in lines if line.startswith("tất cả / all"))
    assert overall.split()[4:8] == ["4", "0.750", "0.750", "0.750"]  # n, then hybrid top-1, top-3, MRR
    accented = next(line for line in lines if line.startswith("accented"))
    assert accented.split()[1] == "3"
    assert "p50" in text and "p95" in text and "86.1 s" in text and "2849" in text
    assert f"{demo_report.clarity.clear}/4" in text


def test_report_when_nothing_was_clear(demo_report):
    from dataclasses import replace

    from knowledge.search.evaluation import ClarityReport

    report = replace(demo_report, clarity=ClarityReport(clear=0, clear_correct=0, unclear=4))
    text = "\n".join(format_report(report, summary_of(report)))
    assert "0/4" in text  # no division by zero
