"""scripts/bench_rest.py's summary over several runs (the measuring itself needs the stack)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_rest.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_rest", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_spread_of_the_ratio_says_how_often_the_target_was_met():
    bench = load_bench()
    line = bench.spread([1.61, 1.43, 1.30, 1.50, 1.37])
    assert line == "p95 ratio over 5 runs: min 1.30, median 1.43, max 1.61; 4 of 5 runs <= 1.5"


def test_one_run_reports_its_ratio(capsys):
    bench = load_bench()
    timings = {"greeting": [20.0] * 19 + [30.0], "catalogue": [30.0] * 19 + [45.0]}
    assert bench.report(timings, ready=12.0) == 1.5
    printed = capsys.readouterr().out
    assert "ready in 12.0 s" in printed and "catalogue p95 / greeting p95 = 1.50" in printed
