"""`tthc index build`, `tthc search` and `tthc eval` through the real command line app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import bot.cli.catalogue_cmds  # noqa: F401  (registers the commands)
import bot.cli.search_cmds  # noqa: F401
from bot.cli import app
from knowledge.settings import DEMO_SOURCES
from tests.search.conftest import DEMO_COUNT

runner = CliRunner()
RESULT_KEYS = {"code", "name", "score", "variants"}


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "80"})


def assert_clean_failure(result, *fragments: str) -> None:
    """Exit code 1, the reason on stderr, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def check_result_line(data: dict, query: str) -> None:
    assert {"query", "clear", "results"} <= set(data)
    assert data["query"] == query and isinstance(data["clear"], bool)
    for item in data["results"]:
        assert set(item) >= RESULT_KEYS
        assert isinstance(item["code"], str) and isinstance(item["name"], str)
        assert isinstance(item["score"], float) and isinstance(item["variants"], list)


# -------------------------------------------------------------------- search


def test_search_json_schema(demo_env):
    result = invoke("search", "lam ho chieu het bao nhieu", "--json", "--mode", "lexical", "--top", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    check_result_line(data, "lam ho chieu het bao nhieu")
    assert 1 <= len(data["results"]) <= 3
    first = data["results"][0]
    assert {first["code"], *first["variants"]} == {"1.001456", "1.001471"}


def test_search_prints_a_table(demo_env):
    result = invoke("search", "giấy chứng tử", "--mode", "lexical")
    assert result.exit_code == 0, result.output
    assert "1.000656" in result.stdout and "khai tử" in result.stdout


def test_search_jsonl_answers_every_line_even_empty_ones(demo_env):
    questions = ["nhập hộ khẩu về nhà chồng", "", "🙂🙂", "đăng ký kết hôn"]
    result = invoke("search", "--jsonl", "--mode", "lexical", "--top", "2", stdin="\n".join(questions) + "\n")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(questions)
    rows = [json.loads(line) for line in lines]
    for row in rows:
        assert len(row["results"]) <= 2
    check_result_line(rows[0], "nhập hộ khẩu về nhà chồng")
    assert rows[0]["results"][0]["code"] == "1.004222"
    assert rows[1] == {**rows[1], "query": "", "clear": False, "results": []}
    assert rows[2]["results"] == [] and rows[2]["clear"] is False
    assert rows[3]["results"][0]["code"] == "1.000894"


def test_search_jsonl_accepts_decomposed_text(demo_env):
    import unicodedata

    question = unicodedata.normalize("NFD", "giấy chứng tử")
    result = invoke("search", "--jsonl", "--mode", "lexical", stdin=question + "\n")
    row = json.loads(result.stdout)
    assert row["query"] == "giấy chứng tử" and row["results"][0]["code"] == "1.000656"


def test_search_without_a_question_says_how(demo_env):
    assert_clean_failure(invoke("search", "--mode", "lexical"), "tthc search")
    assert_clean_failure(invoke("search", "   ", "--mode", "lexical"), "tthc search")


def test_search_with_an_unknown_mode(demo_env):
    assert_clean_failure(invoke("search", "hộ chiếu", "--mode", "magic"), "--mode")


def test_search_without_an_index_says_how_to_build_it(empty_data_dir):
    assert_clean_failure(invoke("search", "hộ chiếu", "--mode", "lexical"), "tthc index build")


def test_search_hybrid_with_the_real_model(demo_model_env):
    result = invoke("search", "làm hộ chiếu hết bao nhiêu tiền", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    first = data["results"][0]
    assert {first["code"], *first["variants"]} == {"1.001456", "1.001471"}


# --------------------------------------------------------------------- index


def test_index_build_needs_a_catalogue(empty_data_dir, model_spec, monkeypatch):
    monkeypatch.setenv("TTHC_EMBEDDING_MODEL", model_spec)
    assert_clean_failure(invoke("index", "build"), "tthc import")
    assert_clean_failure(invoke("index", "build", "--if-stale"), "tthc import")
    assert not (empty_data_dir / "index").exists()


def test_index_build_without_the_model_says_how_to_get_it(empty_data_dir):
    assert invoke("import", "--sources", str(DEMO_SOURCES)).exit_code == 0
    assert_clean_failure(invoke("index", "build"), "tthc model convert")
    assert not (empty_data_dir / "index").exists()


def test_index_build_then_if_stale_skips(empty_data_dir, model_spec, monkeypatch):
    monkeypatch.setenv("TTHC_EMBEDDING_MODEL", model_spec)
    assert invoke("import", "--sources", str(DEMO_SOURCES)).exit_code == 0
    built = invoke("index", "build")
    assert built.exit_code == 0, built.output
    assert f"Đã lập chỉ mục {DEMO_COUNT} thủ tục" in built.stderr
    stamp = (empty_data_dir / "index" / "stamp.json").read_text(encoding="utf-8")
    again = invoke("index", "build", "--if-stale")
    assert again.exit_code == 0 and "up to date" in again.stderr
    assert (empty_data_dir / "index" / "stamp.json").read_text(encoding="utf-8") == stamp


# ---------------------------------------------------------------------- eval

EVAL_LINES = [
    {"query": "lam ho chieu het bao nhieu", "codes": ["1.001456", "1.001471"], "style": "unaccented"},
    {"query": "nhập hộ khẩu về nhà chồng", "codes": ["1.004222"], "style": "accented"},
    {"query": "giấy chứng tử", "codes": ["1.000656"], "style": "accented"},
    {"query": "xin LLTP", "codes": ["3.000333"], "style": "abbrev"},
]


@pytest.fixture()
def eval_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in EVAL_LINES) + "\n\n")
    return path


def test_eval_prints_every_method_and_style_in_80_columns(demo_model_env, eval_file):
    result = invoke("eval", str(eval_file))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "4 câu hỏi" in out
    for label in ("hybrid", "BM25 only", "dense only", "top-1", "top-3", "MRR"):
        assert label in out
    for style in ("abbrev", "accented", "unaccented"):
        assert any(line.startswith(style) for line in out.splitlines())
    assert "p50" in out and "p95" in out and "index" in out and "Rõ ràng / clear" in out
    assert "…" not in out  # nothing truncated
    assert max(len(line) for line in out.splitlines()) <= 80


def test_eval_json_has_the_figures(demo_model_env, eval_file, tmp_path):
    failures = tmp_path / "misses.jsonl"
    result = invoke("eval", str(eval_file), "--json", "--failures", str(failures))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["questions"] == 4
    assert set(data["methods"]) == {"hybrid", "lexical", "dense"}
    hybrid = data["methods"]["hybrid"]
    assert hybrid["by_style"]["accented"]["n"] == 2
    assert 0.0 <= hybrid["overall"]["top1"] <= hybrid["overall"]["top3"] <= 1.0
    assert data["index"]["procedures"] == DEMO_COUNT
    misses = failures.read_text(encoding="utf-8").splitlines()
    assert len(misses) == round(4 * (1 - hybrid["overall"]["top1"]))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('{"query": "hộ chiếu", "codes": ["1.001456"]}\n{not json\n', ":2:"),
        ('{"query": "hộ chiếu"}\n', ":1:"),
        ('{"query": "hộ chiếu", "codes": []}\n', ":1:"),
        ('{"query": 5, "codes": ["1.001456"]}\n', ":1:"),
        ("[1, 2]\n", ":1:"),
        ("\n\n", "không có câu hỏi"),
    ],
    ids=["malformed line", "no codes", "empty codes", "query not text", "not an object", "empty file"],
)
def test_eval_bad_file_fails_cleanly(empty_data_dir, tmp_path, content, fragment):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    assert_clean_failure(invoke("eval", str(path)), fragment)


def test_eval_missing_file_fails_cleanly(empty_data_dir, tmp_path):
    assert_clean_failure(invoke("eval", str(tmp_path / "absent.jsonl")), "absent.jsonl")


def test_eval_file_that_is_not_utf8_fails_cleanly(empty_data_dir, tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"query": "hộ chiếu", "codes": ["1"]}'.encode("utf-16"))
    assert_clean_failure(invoke("eval", str(path)), "latin1.jsonl")


def test_eval_without_an_index_fails_cleanly(empty_data_dir, eval_file):
    assert_clean_failure(invoke("eval", str(eval_file)))
