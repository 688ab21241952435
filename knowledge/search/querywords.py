"""Words in a question that do not name a procedure: aspects, fillers, people.

"làm hộ chiếu hết bao nhiêu tiền ạ" names one procedure (hộ chiếu) and one
aspect (the fee). Retrieval should look for the procedure, not for titles that
happen to contain "lệ phí" or "tiền"; and a follow-up such as "còn lệ phí thì
sao?" names no procedure at all, so the conversation keeps the one it has.
The word lists (``querywords.yml``) serve both purposes. They are matched like
aliases: on syllable boundaries, with or without diacritics.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.search.phrases import PhraseMatcher

WORDS_PATH = Path(__file__).with_name("querywords.yml")


class Role(Enum):
    ASPECT = "aspect"  # what the citizen wants to know about the procedure
    FILLER = "filler"  # politeness, question words, verbs of wanting
    PERSON = "person"  # who it is for: on its own it names no procedure
    CONTENT = "content"  # contains one of the words above but names a thing ("con nuôi")


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher[Role]:
    lists = yaml.safe_load(WORDS_PATH.read_text(encoding="utf-8"))
    return PhraseMatcher((phrase, role) for role in Role for phrase in lists.get(role.value, []))


def roles(tokens: list[str]) -> list[Role | None]:
    """For each normalised token: its role, or None when it may name a procedure."""
    labels: list[Role | None] = [None] * len(tokens)
    for match in _matcher().find(tokens):
        if match.value is not Role.CONTENT:
            for i in range(match.start, match.end):
                labels[i] = match.value
    for i, token in enumerate(tokens):
        if labels[i] is None and token[:1].isdigit() and "." not in token:
            labels[i] = Role.FILLER  # "1 lần", "2 tuần": a number alone names nothing
    return labels


def content_tokens(tokens: list[str]) -> list[str]:
    """The tokens that may name a procedure."""
    return [t for t, role in zip(tokens, roles(tokens), strict=True) if role is None]
