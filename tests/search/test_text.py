"""``knowledge.text``: index and questions must normalise to the same bytes."""

from __future__ import annotations

import unicodedata

import pytest

from knowledge.text import (
    bare_key,
    contains_phrase,
    fold_iy,
    has_accents,
    nfc,
    ngrams,
    normalise,
    strip_accents,
    syllables,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_nfc_recomposes_decomposed_vietnamese():
    decomposed = nfd("Đăng ký khai sinh cho con")
    assert decomposed != "Đăng ký khai sinh cho con"  # the test input really is decomposed
    assert nfc(decomposed) == "Đăng ký khai sinh cho con"
    assert normalise(decomposed) == normalise("Đăng ký khai sinh cho con") == "đăng ký khai sinh cho con"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Hoà Bình", "hòa bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("hòan thành", "hoàn thành"),  # a misplaced mark in a closed syllable is repaired
    ],
)
def test_one_tone_placement_convention(variant, canonical):
    assert normalise(variant) == canonical
    assert normalise(canonical) == canonical  # idempotent on the canonical spelling
    assert normalise(nfd(variant)) == canonical


@pytest.mark.parametrize("word", ["quý", "giường", "người", "khuỷu", "ngoài", "tuyết", "hoàn"])
def test_well_placed_tones_are_left_alone(word):
    assert normalise(word) == word


def test_qui_and_quy_stay_distinct_spellings():
    """ "qu" is a consonant: the tone sits on the vowel after it, and i/y are not folded there."""
    assert normalise("QUÝ") == "quý" and normalise("quí") == "quí"
    assert fold_iy("quý") == "quý" and bare_key("quý") == "quy"


def test_lower_case_and_punctuation_become_single_spaces():
    assert normalise("  ĐĂNG KÝ, Kết hôn?!  (cấp xã)…") == "đăng ký kết hôn cấp xã"
    assert normalise("hộ\tchiếu\n\u00a0phổ   thông") == "hộ chiếu phổ thông"
    assert normalise("🙏 hộ chiếu 🙂") == "hộ chiếu"
    assert normalise("?!…,;:()") == ""


def test_codes_and_legal_references_stay_whole():
    assert normalise("Mã 1.004222, theo NĐ 68/2020") == "mã 1.004222 theo nđ 68/2020"


def test_numbers_lose_leading_zeros_so_titles_meet_questions():
    assert normalise("Tài khoản định danh điện tử mức độ 02") == "tài khoản định danh điện tử mức độ 2"
    assert normalise("CMND 09 số, 0 đồng") == "cmnd 9 số 0 đồng"
    assert normalise("mã 1.004222, Nghị định 01/2021") == "mã 1.004222 nghị định 01/2021"


def test_strip_accents_gives_the_unaccented_form():
    assert strip_accents("Đăng ký thường trú") == "Dang ky thuong tru"
    assert strip_accents("đường đi") == "duong di"
    assert strip_accents(nfd("hộ chiếu")) == "ho chieu"
    assert strip_accents("ho chieu") == "ho chieu"


def test_bare_key_folds_i_and_y_after_a_consonant_only():
    assert bare_key("Ký") == bare_key("kí") == "ki"
    assert bare_key("lý") == bare_key("lí") == "li"
    assert bare_key("thủy") == "thuy"  # y after a vowel is another word
    assert bare_key("Đỏ") == "do"


def test_has_accents():
    assert has_accents("hộ chiếu") and has_accents("di đường") and has_accents("đi")
    assert not has_accents("ho chieu") and not has_accents("")


def test_syllables_and_bigrams():
    tokens = syllables("Hộ chiếu phổ thông!")
    assert tokens == ["hộ", "chiếu", "phổ", "thông"]
    assert ngrams(tokens) == tokens + ["hộ_chiếu", "chiếu_phổ", "phổ_thông"]
    assert ngrams([]) == []


def test_contains_phrase_needs_consecutive_tokens():
    assert contains_phrase(["lam", "lan", "dau"], ("lan", "dau"))
    assert not contains_phrase(["lan", "nay", "dau"], ("lan", "dau"))
    assert not contains_phrase(["lan"], ("lan", "dau"))
    assert contains_phrase([], ())
