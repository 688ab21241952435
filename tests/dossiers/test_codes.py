"""Dossier codes are recognised however citizens type them, and only real codes are."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.dossiers.codes import DEFAULT_FORMAT, CodeFormat, find_code, normalise_code, parse_code

CANONICAL = "000.00.04.H51-260315-0007"


@pytest.mark.parametrize(
    "typed",
    [
        CANONICAL,
        "000.00.04.h51-260315-0007",
        "  000 00 04 H51 260315 0007  ",
        "000.00.04.H51.260315.0007",
        "000.00.04.H51 - 260315 - 0007",
        "(000.00.04.H51-260315-0007).",
        "«000.00.04.H51–260315–0007»",  # en dashes from a phone keyboard
        "000. 00.04.H 51-260315-00 07",  # stray spaces inside
        "000..00.04.H51--260315-0007",
        "000_00_04_H51/260315/0007",
    ],
)
def test_whole_input_variants_parse_to_the_canonical_code(typed):
    assert parse_code(typed).code == CANONICAL


def test_parts_are_parsed():
    parsed = parse_code(CANONICAL)
    assert parsed.agency == "000.00.04.H51"
    assert parsed.received_on == date(2026, 3, 15)
    assert parsed.sequence == 7


@pytest.mark.parametrize(
    "sentence",
    [
        "hồ sơ 000.00.04.h51-260315-0007 đến đâu rồi?",
        "Mã hồ sơ của tôi là: 000 00 04 H51 260315 0007, nhờ kiểm tra giúp",
        "ho so 000.00.04.H51-260315-0007 toi dau r",
        "sdt 0912345678 ma 000.00.04.H51-260315-0007",
        "nộp ngày 15/3, mã 000.00.04.H51-260315-0007 15 3",
    ],
)
def test_code_is_found_inside_a_sentence(sentence):
    assert normalise_code(sentence) == CANONICAL


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hồ sơ của tôi đến đâu rồi",
        "000.00.04.H51-260315",  # no sequence
        "12000.00.04.H51-260315-0007",  # longer number in front
        "000.00.04.H51-260315-00071",  # extra digit at the end
        "000.00.04.H51-260315-0007abc",
        "000.00.04.H51-260231-0007",  # 31 February is no receipt date
        "000.00.04.51-260315-0007",  # province letter missing
    ],
)
def test_non_codes_are_rejected(text):
    assert find_code(text) is None


def test_parse_code_refuses_a_sentence_but_find_code_accepts_it():
    sentence = f"mã {CANONICAL} nhé"
    assert parse_code(sentence) is None
    assert find_code(sentence).code == CANONICAL


def test_first_of_two_codes_is_found():
    text = "000.00.05.H51-260315-0008 và 000.00.04.H51-260315-0007"
    assert find_code(text).code == "000.00.05.H51-260315-0008"


def test_decomposed_unicode_around_the_code_is_handled():
    import unicodedata

    text = unicodedata.normalize("NFD", f"mã hồ sơ {CANONICAL} đây ạ")
    assert find_code(text).code == CANONICAL


def test_another_province_format_is_configurable():
    # e.g. "H51.22-260315-0007": province, district number, date, sequence
    fmt = CodeFormat(
        pattern=r"(?P<p>[A-Z]\d{2})(?P<d>\d{2})(?P<date>\d{6})(?P<seq>\d{4})",
        template="{p}.{d}-{date}-{seq}",
        agency_template="{p}.{d}",
    )
    parsed = find_code("mã là h51.22-260315-0007", fmt)
    assert parsed.code == "H51.22-260315-0007"
    assert parsed.agency == "H51.22"
    assert find_code(CANONICAL, fmt) is None


def test_format_from_environment(monkeypatch):
    monkeypatch.setenv("TTHC_DOSSIER_CODE_PATTERN", r"(?P<a>HS)(?P<date>\d{6})(?P<seq>\d{5})")
    monkeypatch.setenv("TTHC_DOSSIER_CODE_TEMPLATE", "{a}-{date}-{seq}")
    assert parse_code("hs 260315 00042").code == "HS-260315-00042"
    assert parse_code(CANONICAL) is None


def test_a_format_without_date_or_template_groups_is_refused():
    with pytest.raises(ValueError, match="date"):
        CodeFormat(pattern=r"(?P<seq>\d{4})", template="{seq}")
    with pytest.raises(ValueError, match="unknown groups"):
        CodeFormat(pattern=DEFAULT_FORMAT.pattern, template="{nope}-{seq}")


@st.composite
def typed_codes(draw):
    """A valid code, then retyped: random case, and random separators between random characters."""
    parts = (
        f"{draw(st.integers(0, 999)):03d}",
        f"{draw(st.integers(0, 99)):02d}",
        f"{draw(st.integers(0, 99)):02d}",
        draw(st.sampled_from("GHK")) + f"{draw(st.integers(0, 99)):02d}",
    )
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
    seq = f"{draw(st.integers(0, 9999)):04d}"
    canonical = f"{'.'.join(parts)}-{day:%y%m%d}-{seq}"
    compact = "".join(parts) + f"{day:%y%m%d}" + seq
    typed = ""
    for char in compact:
        if typed and draw(st.integers(0, 3)) == 0:
            typed += draw(st.sampled_from([" ", ".", "-", " - ", "..", "–", "/"]))
        typed += char.lower() if draw(st.booleans()) else char
    return canonical, typed


@settings(max_examples=200, deadline=None)
@given(typed_codes())
def test_any_retyping_of_a_code_parses_back(case):
    canonical, typed = case
    assert parse_code(typed).code == canonical
    assert find_code(f"hồ sơ số {typed} đến đâu rồi ạ?").code == canonical
