"""Ages named in titles and questions: "cho người dưới 14 tuổi" against "con 15 tuổi".

Some procedures exist once per age group: "Cấp thẻ căn cước cho người dưới 14
tuổi" and "… cho người từ đủ 14 tuổi trở lên". Their titles differ only in the
range, and neither BM25 nor the embedding reads numbers as quantities: "làm CCCD
cho con 15 tuổi" shares "14 tuổi" with both and slightly more words with the
wrong one. Reading the ranges as numbers lets fusion set aside a title whose
range cannot contain the age the citizen gives.

Both sides are read the same way, on bare syllables (no diacritics, so "tuoi"
and the slip "tuôi" count): a number followed by "tuổi", with the words around
it saying which bound it is. A bare "15 tuổi" is that one year.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Optional

from knowledge.text import contains_phrase

AgeRange = tuple[float, float]  # [low, high): years, high may be infinite

# Who a question is about when it names no age: an adult asking for themselves,
# unless it names a child. A procedure for an age group of minors ("cấp thẻ căn
# cước cho người dưới 14 tuổi") is then not the one meant.
ADULT: AgeRange = (18.0, math.inf)
# Bare syllables and phrases that say the question is about a child.
CHILD_WORDS = (
    ("con",),
    ("be",),
    ("chau",),
    ("tre",),
    ("nhi",),
    ("so", "sinh"),
    ("moi", "sinh"),
    ("khai", "sinh"),
    ("hoc", "sinh"),
    ("vi", "thanh", "nien"),
)

YEARS = "tuoi"
MAX_AGE = 150  # larger numbers before "tuổi" are not ages ("1000 tuổi" is not a question we answer)
MAX_AGE_DIGITS = len(str(MAX_AGE))  # checked before int(): a 5,000-digit "number" must not reach it


def age_range(bare: Sequence[str]) -> Optional[AgeRange]:
    """The ages a text restricts itself to, or ``None`` when it names no age.

    ``bare`` is the text's syllables as ``knowledge.text.bare_key`` gives them.
    "dưới 14 tuổi" is [0, 14), "từ đủ 14 tuổi trở lên" and "đủ 14 tuổi" are
    [14, ∞), "trên 60 tuổi" is [61, ∞), "từ 6 đến 14 tuổi" is [6, 15), and a
    bare "15 tuổi" is [15, 16).
    """
    low, high = 0.0, math.inf
    found = False
    for position, token in enumerate(bare):
        years = _number(bare[position - 1]) if token == YEARS and position > 0 else None
        if years is None:
            continue
        found = True
        before = bare[max(0, position - 3) : position - 1]
        after = bare[position + 1 : position + 3]
        marker = before[-1] if before else ""
        if marker == "duoi":
            high = min(high, years)
        elif marker == "tren":
            low = max(low, years + 1)
        elif marker == "den":
            high = min(high, years + 1)
            # "từ 6 đến 14 tuổi": the number before "đến" is the lower bound.
            start = _number(bare[position - 3]) if position >= 3 else None
            if start is not None:
                low = max(low, start)
        elif marker in ("du", "tu") or list(after) == ["tro", "len"]:
            low = max(low, years)
        else:
            low, high = max(low, years), min(high, years + 1)
    return (low, high) if found else None


def asked_ages(bare: Sequence[str]) -> AgeRange:
    """The ages a question is about: those it names, else an adult's unless it names a child.

    A child without an age ("làm căn cước cho con") may be of any age.
    """
    named = age_range(bare)
    if named is not None:
        return named
    if any(contains_phrase(bare, words) for words in CHILD_WORDS):
        return (0.0, math.inf)
    return ADULT


def disjoint(first: Optional[AgeRange], second: Optional[AgeRange]) -> bool:
    """Whether two ranges are both known and share no age."""
    if first is None or second is None:
        return False
    return first[1] <= second[0] or second[1] <= first[0]


def _number(token: str) -> Optional[int]:
    """An age written in digits, or ``None`` (not digits, or too large to be an age)."""
    if not (token.isascii() and token.isdigit()) or len(token) > MAX_AGE_DIGITS:
        return None
    years = int(token)
    return years if years <= MAX_AGE else None
