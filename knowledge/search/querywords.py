"""Words in a question that do not name a procedure: aspects, fillers, people.

"làm hộ chiếu hết bao nhiêu tiền ạ" names one procedure (hộ chiếu) and one
aspect (the fee). Retrieval should look for the procedure, not for titles that
happen to contain "lệ phí" or "tiền"; and a follow-up such as "còn lệ phí thì
sao?" names no procedure at all, so the conversation keeps the one it has.
The word lists (``querywords.yml``) serve both purposes. They are matched like
aliases: on syllable boundaries, with or without diacritics.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from functools import lru_cache
from pathlib import Path

from knowledge.search.phrases import PhraseMatcher
from knowledge.search.wordfiles import load_word_file
from knowledge.text import bare_key

WORDS_PATH = Path(__file__).with_name("querywords.yml")
EVERYDAY_PATH = Path(__file__).with_name("everyday.yml")
# A question's own negation ("không cần xin phép"), read in bare syllables.
QUESTION_NEGATIONS = frozenset({"khong", "ko", "k", "kh", "khg", "chang"})
QUESTION_NEGATION_WINDOW = 3
# Words after "đã" that tell what was already done (``done_positions``).
DONE_WINDOW = 3
# Words after which "đã …" is what a paper certifies ("xác nhận đã thi hành án").
CERTIFYING = frozenset({"nhận"})
# Words after "bản chính" naming the paper copied (``copied_positions``).
COPIED_WINDOW = 3


class Role(Enum):
    ASPECT = "aspect"  # what the citizen wants to know about the procedure
    FILLER = "filler"  # politeness, question words, verbs of wanting
    PERSON = "person"  # who it is for: on its own it names no procedure
    CONTENT = "content"  # contains one of the words above but names a thing ("con nuôi")


@lru_cache(maxsize=1)
def _lists() -> dict:
    """The word lists, read once per process (several callers need parts of them)."""
    return load_word_file(WORDS_PATH)


@lru_cache(maxsize=1)
def _matcher() -> PhraseMatcher[Role]:
    lists = _lists()
    return PhraseMatcher((phrase, role) for role in Role for phrase in lists.get(role.value, []))


def title_actions() -> dict[str, list[str]]:
    """Marked title actions ("xóa", "cấp lại", …) and the question words that ask for each."""
    lists = _lists()
    return {str(action): [str(cue) for cue in cues] for action, cues in lists.get("actions", {}).items()}


@lru_cache(maxsize=1)
def _death_matcher() -> PhraseMatcher[bool]:
    return PhraseMatcher((str(cue), True) for cue in _lists().get("death", []))


def says_someone_died(tokens: list[str]) -> bool:
    """Whether the question says that someone died ("khai tử", "qua đời", "bố tôi mất để lại" …)."""
    return bool(_death_matcher().find(tokens)) or _person_died(tokens)


@lru_cache(maxsize=1)
def _person_words() -> tuple[frozenset[str], frozenset[str]]:
    """Bare single-word person words, and the words that may follow "mất" when someone died."""
    lists = _lists()
    persons = frozenset(bare_key(str(w)) for w in lists.get("person", []) if " " not in str(w))
    after = frozenset(bare_key(str(w)) for w in lists.get("died_after", []))
    return persons, after


def _person_died(tokens: list[str]) -> bool:
    """A person ("bố", "bố tôi") followed by "mất" and by nothing or a word of ``died_after``."""
    persons, after = _person_words()
    bare = [bare_key(t) for t in tokens]
    for i, word in enumerate(bare):
        if word != "mat" or i == 0 or bare[i - 1] not in persons:
            continue
        if i + 1 == len(bare) or bare[i + 1] in after:
            return True
    return False


def lost_positions(tokens: list[str]) -> list[int]:
    """Positions of "mất", which means "died" in a question that ``says_someone_died``."""
    return [i for i, token in enumerate(tokens) if bare_key(token) == "mat"]


def negated_in_question(bare: list[str]) -> set[str]:
    """Bare words the question itself negates: "không cần xin phép", "ko phải xin"."""
    out: set[str] = set()
    for i, word in enumerate(bare):
        if word in QUESTION_NEGATIONS:
            out.update(bare[i + 1 : i + 1 + QUESTION_NEGATION_WINDOW])
    return out


def done_positions(restored: list[str]) -> set[int]:
    """Positions of words naming what the citizen has already done: "hộ chiếu đã báo mất".

    They tell the story, not what is asked: "tìm lại được hộ chiếu đã trình báo mất"
    asks to restore the passport, not to report it lost, except after "xác nhận"
    or "chứng nhận", where they are what is certified. Read on the restored
    spelling, since bare "da" is also "da" (skin) or "đá" (stone).
    """
    out: set[int] = set()
    for i, word in enumerate(restored):
        # "xác nhận đã thi hành án": what is certified, the object of the question.
        if word == "đã" and (i == 0 or restored[i - 1] not in CERTIFYING):
            out.update(range(i + 1, min(len(restored), i + 1 + DONE_WINDOW)))
    return out


def copied_positions(restored: list[str], own: Sequence[bool]) -> set[int]:
    """Positions of the paper a certified copy is made of: "chứng thực bản sao từ bản chính | căn cước".

    Any paper is copied by the same procedure, so the paper's name is context:
    "căn cước" must not pull the question to the ID-card titles. Only the
    citizen's own words (``own``) right after "bản chính" count, up to the next
    word that is no part of a name (``COPIED_WINDOW`` at most).
    """
    out: set[int] = set()
    for i in range(1, len(restored)):
        if restored[i - 1 : i + 1] == ["bản", "chính"]:
            j = i + 1
            while j < len(restored) and j <= i + COPIED_WINDOW and own[j]:
                out.add(j)
                j += 1
    return out


def business_kinds() -> dict[str, list[str]]:
    """Kinds of business ("hộ kinh doanh", "doanh nghiệp", …) and the words that name each."""
    lists = _lists()
    return {
        str(kind): [str(word) for word in words] for kind, words in lists.get("business_kinds", {}).items()
    }


def first_time_cues() -> list[str]:
    """Question words saying the procedure is done for the first time ("lần đầu")."""
    lists = _lists()
    return [str(cue) for cue in lists.get("first_time", [])]


def abroad_cues() -> list[str]:
    """Question words saying the citizen is abroad ("ở nước ngoài", "đại sứ quán")."""
    lists = _lists()
    return [str(cue) for cue in lists.get("abroad", [])]


def all_phrases() -> list[str]:
    """Every phrase of the lists (question language, for the diacritics model)."""
    lists = _lists()
    return [phrase for role in Role for phrase in lists.get(role.value, [])]


@lru_cache(maxsize=1)
def everyday_phrases() -> tuple[str, ...]:
    """Everyday phrases of citizens' questions (``everyday.yml``), for the diacritics model only."""
    phrases = load_word_file(EVERYDAY_PATH) or []
    return tuple(str(phrase) for phrase in phrases)


def roles(tokens: list[str], restored: list[str] | None = None) -> list[Role | None]:
    """For each normalised token: its role, or None when it may name a procedure.

    ``restored`` is the same question with diacritics put back (``diacritics``).
    Given it, single words are matched on the restored spelling, so that bare
    "dang kiem" (đăng kiểm) is not read as "đang" (filler) and "gia han" (gia
    hạn) not as "giá" (fee); phrases of two words or more are specific enough to
    match on the bare spelling too ("the nao" is "thế nào").
    """
    labels: list[Role | None] = [None] * len(tokens)
    matches = _matcher().find(tokens) if restored is None else _matcher().find(restored, exact=True)
    if restored is not None:
        matches += [m for m in _matcher().find(tokens) if m.end - m.start > 1]
    content = [False] * len(tokens)
    for match in sorted(matches, key=lambda m: m.end - m.start):
        for i in range(match.start, match.end):
            if match.value is Role.CONTENT:
                content[i], labels[i] = True, None
            elif not content[i]:
                labels[i] = match.value
    for i, token in enumerate(tokens):
        if labels[i] is None and token[:1].isdigit() and "." not in token:
            labels[i] = Role.FILLER  # "1 lần", "2 tuần": a number alone names nothing
    return labels


def phrase_spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Token spans of the multi-word aspect, filler and person phrases in ``tokens``."""
    return [
        (m.start, m.end)
        for m in _matcher().find(tokens)
        if m.value is not Role.CONTENT and m.end - m.start > 1
    ]


def content_tokens(tokens: list[str]) -> list[str]:
    """The tokens that may name a procedure."""
    return [t for t, role in zip(tokens, roles(tokens), strict=True) if role is None]
