"""Marked title actions: "Cấp lại", "Gia hạn", "Xóa" … and the question words that ask for each.

A title that starts with a marked action (``querywords.yml`` ``actions``) is a
poor answer to a question that gives none of its cues: "đăng ký tạm trú" is
not "Xóa đăng ký tạm trú". A neutral title restricted to such an action by a
case clause ("… trong trường hợp thay đổi chủ xe") counts as marked too.
Computed from the titles alone, once, at load.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from knowledge.search.phrases import PhraseMatcher
from knowledge.search.querywords import first_time_cues, title_actions
from knowledge.text import bare_key, contains_phrase, syllables

# "trường hợp": a case clause that may restrict a neutral title to a marked action.
CASE_MARKER = ("truong", "hop")


class Action(NamedTuple):
    """A marked action of ``querywords.yml``, with its cues as written and as bare syllables."""

    bare: tuple[str, ...]
    cues: list[str]
    bare_cues: list[tuple[str, ...]]


class MarkedActions:
    """Per title: the cues that ask for its marked action (none for a neutral title)."""

    def __init__(self, spelled: Sequence[Sequence[str]], bare: Sequence[tuple[str, ...]], head: int):
        # Longest action first, so "hủy bỏ" is read before "hủy".
        actions = sorted(
            (
                Action(bare_phrase(action), cues, [bare_phrase(cue) for cue in cues])
                for action, cues in title_actions().items()
            ),
            key=lambda action: -len(action.bare),
        )
        # Cues keep their diacritics for matching: "cũ" (old) is a cue for "Cấp đổi", the "cư"
        # of "chung cư" is not. A question typed without them still matches (``phrases``).
        every_cue = {cue for action in actions for cue in action.cues}
        self._cues: list[list[tuple[str, ...]]] = []
        for title, words in zip(bare, spelled, strict=True):
            cues = _title_action(title[:head], actions)
            if not cues:
                case_cues = _case_action(title, words, actions)
                every_cue.update(case_cues)
                cues = [bare_phrase(cue) for cue in case_cues]
            self._cues.append(cues)
        self._cue_matcher = PhraseMatcher((cue, bare_phrase(cue)) for cue in every_cue)
        self._first_time = [bare_phrase(cue) for cue in first_time_cues()]

    def marked(self, position: int) -> float:
        """1 when the title starts with a marked action ("Cấp lại", "Gia hạn", "Xóa" …)."""
        return 1.0 if self._cues[position] else 0.0

    def says_first_time(self, query_bare: list[str]) -> bool:
        """Whether the question says it is the first time ("lần đầu", "chưa từng")."""
        return any(contains_phrase(query_bare, cue) for cue in self._first_time)

    def unasked(self, position: int, query_words: list[str]) -> float:
        """1 when the title starts with a marked action and the question has none of its cues.

        ``query_words`` are normalised, with the diacritics the citizen typed. A
        question that says it is the first time ("lần đầu") asks for none of
        them, whatever else it says: it is not "Cấp lại" nor "Gia hạn".
        """
        return float(self.unasked_many([position], query_words)[0])

    def unasked_many(self, positions: Sequence[int], query_words: list[str]) -> np.ndarray:
        """``unasked`` for many titles, each cue looked for once per question."""
        first_time = self.says_first_time([bare_key(word) for word in query_words])
        # Cues are read as words, longest first: "thay đổi" holds no "đổi" of "Chuyển đổi".
        present = {match.value for match in self._cue_matcher.find(query_words)}
        out = np.zeros(len(positions), dtype=np.float32)
        for index, position in enumerate(positions):
            cues = self._cues[position]
            if cues and (first_time or not any(cue in present for cue in cues)):
                out[index] = 1.0
        return out


def bare_phrase(text: str) -> tuple[str, ...]:
    """A word-list phrase as the bare syllables questions are compared in."""
    return tuple(bare_key(t) for t in syllables(text))


def _case_action(bare: tuple[str, ...], spelled: Sequence[str], actions: list[Action]) -> list[str]:
    """Cues for the marked action a neutral title (its syllables, bare and as spelled) is
    restricted to by a case clause.

    "Cấp chứng nhận đăng ký xe, biển số xe trong trường hợp thay đổi chủ xe" is
    the change of owner. A clause names what changes too, so each cue comes with
    that word ("đổi chủ", "thay đổi chủ"): "đổi cà vẹt cũ lấy cái mới" changes no owner.
    """
    for position in range(len(bare) - 1):
        if bare[position : position + 2] != CASE_MARKER:
            continue
        rest = bare[position + 2 :]
        for action in actions:  # longest first
            size = len(action.bare)
            if rest[:size] == action.bare and len(rest) > size:
                thing = spelled[position + 2 + size]
                return [f"{cue} {thing}" for cue in action.cues]
    return []


def _title_action(bare: tuple[str, ...], actions: list[Action]) -> list[tuple[str, ...]]:
    """Cues of the marked actions the bare syllables start with (none for neutral titles).

    The longest action at each place; a title may list several ("Cấp lại, đổi,
    điều chỉnh thông tin trên sổ BHXH"), and any of their cues asks for it.
    """
    cues: list[tuple[str, ...]] = []
    start = 0
    while True:
        found = next(
            (action for action in actions if bare[start : start + len(action.bare)] == action.bare), None
        )
        if found is None:
            return cues
        cues.extend(cue for cue in found.bare_cues if cue not in cues)
        start += len(found.bare)
        if bare[start : start + 1] in (("va",), ("hoac",)):
            start += 1
