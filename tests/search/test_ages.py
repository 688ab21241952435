"""Age groups in titles against the age a question gives."""

from __future__ import annotations

import math

import pytest

from knowledge.search.ages import ADULT, age_range, asked_ages, disjoint
from knowledge.search.titles import TitleWords
from knowledge.text import bare_key, syllables


def read(text: str):
    return age_range([bare_key(s) for s in syllables(text)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cấp thẻ căn cước cho người dưới 14 tuổi", (0.0, 14)),
        ("Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên", (14, math.inf)),
        ("đủ 25 tuổi đổi thẻ căn cước", (25, math.inf)),
        ("trợ cấp cho người trên 60 tuổi", (61, math.inf)),
        ("trẻ em từ 6 đến 14 tuổi", (6, 15)),
        ("làm CCCD cho con 15 tuổi cần gì", (15, 16)),
        ("lam can cuoc cho be 6 tuoi", (6, 7)),  # without diacritics
        ("làm căn cươc cho con trai 14 tuôi", (14, 15)),  # a slip on "tuổi"
    ],
)
def test_ranges_are_read_from_the_words_around_the_number(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thủ tục công nhận tuổi nghề cơ yếu",  # "tuổi" without a number
        "cấp thẻ căn cước",
        "",
        "cụ 1000 tuổi",  # not an age
        "9" * 5000 + " tuổi",  # too long for int() to read, let alone an age
        "١٤ tuổi",  # digits of another script are not read as an age
        "14",
    ],
)
def test_texts_without_an_age_give_none(text):
    assert read(text) is None


def test_only_known_ranges_that_share_no_age_are_disjoint():
    assert disjoint((0, 14), (15, 16))
    assert disjoint((14, math.inf), (6, 7))
    assert not disjoint((14, math.inf), (14, 15))  # "từ đủ 14 tuổi" includes 14
    assert not disjoint((0, 14), (6, 15))
    assert not disjoint(None, (15, 16))
    assert not disjoint((0, 14), None)


def test_titles_of_the_other_age_group_are_excluded():
    titles = TitleWords(
        [
            "cấp thẻ căn cước cho người dưới 14 tuổi",
            "cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên",
            "cấp lại thẻ căn cước",
        ]
    )
    fifteen = read("làm căn cước cho con 15 tuổi")
    assert [titles.age_excluded(p, fifteen) for p in range(3)] == [1.0, 0.0, 0.0]
    six = read("lam can cuoc cho be 6 tuoi")
    assert [titles.age_excluded(p, six) for p in range(3)] == [0.0, 1.0, 0.0]


def asked(text: str):
    return asked_ages([bare_key(s) for s in syllables(text)])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("làm căn cước lần đầu", ADULT),  # no age, no child: an adult
        ("lam cccd gan chip lan dau", ADULT),
        ("làm căn cước cho con", (0.0, math.inf)),  # a child of any age
        ("lam can cuoc cho be", (0.0, math.inf)),
        ("đăng ký khai sinh cho trẻ", (0.0, math.inf)),
        ("làm căn cước cho con 15 tuổi", (15, 16)),  # a named age wins
    ],
)
def test_a_question_without_an_age_is_about_an_adult_unless_it_names_a_child(text, expected):
    assert asked(text) == expected


def test_minors_titles_yield_to_a_question_about_an_adult():
    titles = TitleWords(
        ["cấp thẻ căn cước cho người dưới 14 tuổi", "cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"]
    )
    assert [titles.age_excluded(p, asked("làm căn cước lần đầu")) for p in range(2)] == [1.0, 0.0]
    assert [titles.age_excluded(p, asked("làm căn cước cho con")) for p in range(2)] == [0.0, 0.0]
