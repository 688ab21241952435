"""The retrieval development set stays well formed, labelled by its own rules, and broad.

Shape and style rules run everywhere; code existence and level variants need
the catalogue export beside the checkout and skip without it (fail under
``CI=true``, where it must be present).
"""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from knowledge.answers import ASPECTS
from tests.eval.check_dev import SHARED_SOURCES, check_row, dedup_key, has_diacritics, main, validate

DEV_SET = Path(__file__).with_name("dev.jsonl")


@pytest.fixture(scope="module")
def report():
    return validate(DEV_SET, sources=None)


@pytest.fixture(scope="module")
def shared_sources() -> Path:
    if not SHARED_SOURCES.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{SHARED_SOURCES} is missing under CI=true")
        pytest.skip(f"shared catalogue export not present at {SHARED_SOURCES}")
    return SHARED_SOURCES


def test_every_line_is_well_formed_and_labelled_by_the_style_rules(report):
    assert report.errors == []


def test_the_set_is_large_and_spread_over_styles_and_aspects(report):
    rows = report.rows
    assert len(rows) >= 300
    styles = report.counts("style")
    assert styles["unaccented"] / len(rows) >= 0.30
    assert styles["abbrev"] >= 40 and styles["typo"] >= 30
    aspects = report.counts("aspect")
    assert set(aspects) == set(ASPECTS)
    assert min(aspects.values()) >= len(rows) / len(ASPECTS) / 2


def test_codes_exist_and_level_variants_are_listed(shared_sources):
    full = validate(DEV_SET, sources=shared_sources)
    assert full.errors == []
    assert len(full.families) >= 110
    assert len(full.ministries()) >= 6


def test_a_question_missing_a_level_variant_is_rejected(shared_sources, tmp_path):
    row = {"query": "làm hộ chiếu ở đâu", "codes": ["1.001456"], "style": "accented", "aspect": "where"}
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert any("1.001471" in error for error in validate(path, sources=shared_sources).errors)
    path.write_text(
        json.dumps(dict(row, note="level named on purpose"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    assert validate(path, sources=shared_sources).errors == []


def test_checker_rejects_mislabelled_styles():
    row = {
        "query": "làm hộ chiếu hết bao nhiêu",
        "codes": ["1.001456"],
        "style": "unaccented",
        "aspect": "fee",
    }
    assert any("diacritics" in problem for problem in check_row(1, row))
    row = {"query": "lam ho chieu het bao nhieu", "codes": ["1.001456"], "style": "accented", "aspect": "fee"}
    assert any("no diacritics" in problem for problem in check_row(1, row))
    row = {"query": "đổi GPLX ở đâu", "codes": ["3.000347"], "style": "accented", "aspect": "where"}
    assert any("abbreviations" in problem for problem in check_row(1, row))
    row = {"query": "đổi bằng lái ở đâu", "codes": ["3.000347"], "style": "abbrev", "aspect": "where"}
    assert any("no known abbreviation" in problem for problem in check_row(1, row))


def test_checker_rejects_bad_shapes():
    assert check_row(1, ["not", "an", "object"])
    assert check_row(1, {"query": "x", "codes": [], "style": "accented", "aspect": "fee"})
    assert check_row(1, {"query": "đổi bằng lái", "codes": ["3000347"], "style": "accented", "aspect": "fee"})
    assert check_row(
        1, {"query": "đổi bằng lái", "codes": ["3.000347"], "style": "accented", "aspect": "price"}
    )
    assert check_row(
        1, {"query": "đổi bằng lái", "codes": ["3.000347"], "style": "accented", "aspect": "fee", "x": 1}
    )
    nfd = {
        "query": unicodedata.normalize("NFD", "đổi bằng lái"),
        "codes": ["3.000347"],
        "style": "accented",
        "aspect": "fee",
    }
    assert any("NFC" in problem for problem in check_row(1, nfd))


def test_duplicates_ignore_case_accents_and_punctuation():
    assert dedup_key("Làm hộ chiếu hết bao nhiêu?") == dedup_key("lam ho chieu  het bao nhieu")
    assert has_diacritics("đi") and has_diacritics("hộ") and not has_diacritics("ho chieu 123")


def test_checker_command_fails_on_a_bad_file(tmp_path, capsys):
    good = {"query": "đổi bằng lái ở đâu", "codes": ["3.000347"], "style": "accented", "aspect": "where"}
    bad = dict(good, query="Đổi bằng lái ở đâu?")  # a duplicate once case and punctuation are ignored
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in (good, bad)) + "\n", encoding="utf-8"
    )
    assert main([str(path), "--sources", str(tmp_path)]) == 1
    assert "duplicate" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.jsonl")]) == 2
