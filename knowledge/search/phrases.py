"""Finding known multi-syllable phrases in a tokenised query, diacritics optional.

Both the alias lexicon and the list of aspect/filler words need the same thing:
find "hộ khẩu" in "nhap ho khau ve nha chong" as well as in "nhập hộ khẩu". A
query syllable typed with no diacritic at all matches a phrase syllable with the
same letters; a syllable typed *with* diacritics must match exactly, so "sơ đồ"
is not taken for "sổ đỏ".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from knowledge.text import bare_key, fold_iy, normalise, strip_accents

T = TypeVar("T")


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    start: int  # token span [start, end) in the query
    end: int
    value: T


class PhraseMatcher(Generic[T]):
    """A set of phrases, each carrying a value, matched on syllable boundaries."""

    def __init__(self, phrases: Iterable[tuple[str, T]]):
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], T]]] = defaultdict(list)
        for phrase, value in phrases:
            tokens = tuple(fold_iy(t) for t in normalise(phrase).split())
            if tokens:
                bare = tuple(bare_key(t) for t in tokens)
                self._by_first[bare[0]].append((tokens, bare, value))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda entry: -len(entry[0]))

    def find(self, tokens: list[str], exact: bool = False) -> list[PhraseMatch[T]]:
        """Non-overlapping matches in normalised ``tokens``, read left to right, longest first.

        Forward maximum matching, as Vietnamese word segmenters do: at each
        place the longest phrase is taken, and a phrase that starts inside one
        already taken yields. "đóng mã số thuế cá nhân" is "đóng mã số thuế" +
        "cá nhân": the verb that opens the question is kept, where preferring
        the longest phrase anywhere took "mã số thuế cá nhân" and lost "đóng".

        ``exact`` turns off the tolerance for missing diacritics (for text whose
        diacritics were already restored, where a bare "gia" really is gia).
        """
        folded = [fold_iy(t) for t in tokens]
        bare_tokens = [bare_key(t) for t in tokens]
        found: list[PhraseMatch[T]] = []
        for start, first in enumerate(bare_tokens):
            for phrase, bare, value in self._by_first.get(first, ()):
                end = start + len(phrase)
                if end <= len(tokens) and _phrase_matches(
                    folded[start:end], bare_tokens[start:end], phrase, bare, exact
                ):
                    found.append(PhraseMatch(start, end, value))
        found.sort(key=lambda m: (m.start, m.start - m.end))
        taken = [False] * len(tokens)
        chosen: list[PhraseMatch[T]] = []
        for match in found:
            if not any(taken[match.start : match.end]):
                chosen.append(match)
                taken[match.start : match.end] = [True] * (match.end - match.start)
        return sorted(chosen, key=lambda m: m.start)


def _phrase_matches(
    query: list[str], query_bare: list[str], phrase: tuple[str, ...], bare: tuple[str, ...], exact: bool
) -> bool:
    """Every syllable matches; in a phrase of several syllables, one typed exactly also
    vouches for a neighbour with wrong marks ("hộ khâu" is "hộ khẩu", "sơ đồ" is not "sổ đỏ")."""
    if all(
        _syllable_matches(q, qb, p, pb, exact)
        for q, qb, p, pb in zip(query, query_bare, phrase, bare, strict=True)
    ):
        return True
    return (
        not exact
        and len(phrase) > 1
        and list(query_bare) == list(bare)
        and any(q == p for q, p in zip(query, phrase, strict=True))
    )


def _syllable_matches(query: str, query_bare: str, phrase: str, phrase_bare: str, exact: bool) -> bool:
    """Same syllable, or the citizen typed it with no diacritics at all (i/y folded in both)."""
    if query == phrase:
        return True
    return not exact and query_bare == phrase_bare and strip_accents(query) == query
