"""Vietnamese text normalisation shared by the index and the queries.

Index and query must agree byte for byte, or "hoà" in a question never meets
"hòa" in a title. So everything that compares text goes through here:

* ``nfc``: Unicode NFC. Decomposed (NFD) Vietnamese, common from macOS and some
  phone keyboards, breaks every tokenizer and every dictionary lookup.
* ``normalise``: NFC, lower case, one tone-placement convention, punctuation
  turned into spaces, numbers without leading zeros.
* ``strip_accents``: the form citizens type without diacritics ("ho chieu"),
  with đ -> d.
* ``syllables`` / ``ngrams``: Vietnamese words are written as space-separated
  syllables, so syllables are the tokens and syllable bigrams stand in for words
  ("hộ chiếu" -> "hộ_chiếu").

Tone placement: the catalogue writes "hòa", "thủy", "khỏe" (tone on the first
vowel of an open oa/oe/uy syllable) about ten times more often than "hoà",
"thuỷ", "khoẻ", so that traditional convention is the canonical one. It is
applied by rule to every syllable, which also repairs misplaced marks such as
"hòan" -> "hoàn".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Combining marks as they appear after NFD.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_SHAPED = set("ăâêôơư")  # vowels whose shape mark attracts the tone
_VOWELS = set("aeiouyăâêôơư")

# A token is a run of letters, or a number that keeps its inner separators so that
# procedure codes ("1.004222") and legal references ("68/2020") stay whole.
# Everything else (punctuation, emoji, symbols) only separates tokens.
_TOKEN = re.compile(r"\d+(?:[./,-]\d+)*|[^\W\d_]+")


def nfc(text: str) -> str:
    """NFC form; the first thing done to any text from outside."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def _place_tone(word: str) -> str:
    """Put the tone mark of one lower-case syllable where the canonical convention wants it."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    if len(tones) != 1:
        return word  # no tone to move, or not a Vietnamese syllable
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    position = _tone_position(bare)
    if position is None:
        return word
    return unicodedata.normalize("NFC", bare[: position + 1] + tones[0] + bare[position + 1 :])


def _tone_position(bare: str) -> int | None:
    """Index of the vowel that carries the tone in a toneless syllable, or None if there is no vowel."""
    start = 0
    if bare.startswith("qu") and len(bare) > 2 and bare[2] in _VOWELS:
        start = 2  # "qu" is a consonant: quý, quả
    elif bare.startswith("gi") and len(bare) > 2 and bare[2] in _VOWELS:
        start = 2  # "gi" is a consonant: giá, giường
    first = next((i for i in range(start, len(bare)) if bare[i] in _VOWELS), None)
    if first is None:
        return None
    end = first
    while end + 1 < len(bare) and bare[end + 1] in _VOWELS:
        end += 1
    nucleus = range(first, end + 1)
    shaped = [i for i in nucleus if bare[i] in _SHAPED]
    if shaped:
        return shaped[-1]  # "ươ" takes it on ơ, "uyê" on ê
    if end + 1 < len(bare):
        return end  # closed syllable: hoàn, tuyết
    if end - first == 2:
        return first + 1  # open triphthong: ngoài, khuỷu
    return first  # open syllable: hòa, thủy, múa, tài


def normalise(text: str) -> str:
    """NFC, lower case, canonical tone placement, punctuation as single spaces,
    numbers without leading zeros (titles write "mức độ 02", "từ 05 ngày";
    citizens "mức 2", "5 ngày")."""
    return " ".join(_canonical(token) for token in _TOKEN.findall(nfc(text).lower()))


def _canonical(token: str) -> str:
    if token.isdigit():
        return token.lstrip("0") or "0"
    return _place_tone(token)


@lru_cache(maxsize=65536)
def _strip_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def strip_accents(text: str) -> str:
    """Text without diacritics, đ -> d: the way many citizens type ("lam ho chieu")."""
    return " ".join(_strip_word(word) for word in nfc(text).split(" "))


_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")
_VOWEL_LETTERS = set("aeiouy")


@lru_cache(maxsize=65536)
def fold_iy(token: str) -> str:
    """A lower-case syllable with a final y after a consonant spelt i: "ký" -> "kí", "lý" -> "lí".

    Vietnamese writes that vowel both ways (kĩ/kỹ, lí/lý, sĩ/sỹ, kí/ký) and
    citizens and the catalogue do not agree, so matching compares this form.
    "quý", "thủy" keep their y: there it follows a vowel and the spellings are
    different words. Display text is never folded.
    """
    if len(token) >= 2 and token[-1] in "yýỳỷỹỵ" and _strip_word(token[-2]) not in _VOWEL_LETTERS:
        return token[:-1] + token[-1].translate(_Y_TO_I)
    return token


@lru_cache(maxsize=65536)
def bare_key(token: str) -> str:
    """The form accent-less matching compares: no diacritics, đ -> d, i/y folded ("Ký" -> "ki")."""
    return fold_iy(_strip_word(token.lower()))


def has_accents(text: str) -> bool:
    """Whether any Vietnamese diacritic (or đ) is present."""
    return strip_accents(text) != nfc(text)


def syllables(text: str) -> list[str]:
    """Normalised syllable tokens."""
    return normalise(text).split()


def ngrams(tokens: list[str]) -> list[str]:
    """Unigrams followed by adjacent bigrams ("hộ", "chiếu", "hộ_chiếu")."""
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def contains_phrase(tokens: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether ``phrase`` occurs in ``tokens`` as consecutive tokens."""
    size = len(phrase)
    wanted = tuple(phrase)
    return any(tuple(tokens[i : i + size]) == wanted for i in range(len(tokens) - size + 1))
