"""What ranking needs to know about each catalogue title, read once at load.

Fusion (``fusion.FEATURES``) weighs a few catalogue-side facts against each
question: a title's head words and their IDF (coverage, specificity), all its
words and word pairs (recall), the action it starts with ("Cấp lại", "Gia hạn"
…; ``marked``), the qualifier it adds to a shorter title, the age group it is
for, its near-twin titles, the words it names only to exclude them ("không
phải xin phép"), and whether it is the "ở nước ngoài" twin of an "ở trong
nước" title. All are computed from the titles alone, never from questions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from knowledge.search.ages import AgeRange, age_range, disjoint
from knowledge.search.marked import MarkedActions, bare_phrase
from knowledge.search.querywords import abroad_cues, business_kinds, content_tokens
from knowledge.text import bare_key, contains_phrase, syllables

# A title's qualifier (``TitleWords.extension_unasked``) has at least this many content words.
MIN_EXTENSION_WORDS = 2
# Connectors of title grammar that ``querywords`` keeps (a question may need them:
# "ở trong nước"), but that qualify nothing on their own in a title's tail.
TITLE_CONNECTORS = frozenset({"trong", "doi", "khi", "ma", "cac", "nhung", "do"})
# Near-twin titles share their rank evidence (``_twins``): which of two titles
# that differ only in their last words ranks first is mostly length normalisation.
TWIN_MIN_PREFIX = 6
TWIN_SHARE = 0.75
TWIN_SHARED = ("lexical_rank", "dense_rank")  # fusion.FEATURES
# A title beginning shared by more titles than this names no particular procedure.
HEAD_MAX_TITLES = 60
# Exclusions in titles (``_negated_words``): the words after these name what the
# procedure is not for. Measured on dev and the fresh sets: no question lost.
TITLE_NEGATIONS = frozenset({"không", "trừ"})
NEGATION_WINDOW = 2  # words excluded after the cue, glue not counted
# Words that follow a negation without being what is excluded ("không phải là …",
# "không tham gia bảo hiểm y tế").
NEGATION_GLUE = frozenset({"phai", "la", "can", "duoc", "co", "thuoc", "truong", "hop", "tham", "gia"})


class TitleWords:
    """What fusion needs to know about each title: its head words (with IDF), its action (``actions``) …"""

    HEAD = 12  # syllables: the action and object; later words list cases and details

    def __init__(self, titles: Sequence[str]):
        # Each title is split once, and made bare once; every feature reads these syllables.
        tokens = [_without_prefix(syllables(title)) for title in titles]
        bare = [tuple(bare_key(t) for t in title) for title in tokens]
        self._words = [frozenset(title[: self.HEAD]) for title in bare]
        total = len(titles)
        self._idf = _idf(self._words)
        self._rarest = math.log(1 + max(total, 1))
        self._mass = [sum(self._idf[w] for w in words) or 1.0 for words in self._words]
        # The whole title, words and word pairs, for ``recall``: the words that tell near
        # twins apart often come late ("… Tem kiểm định … cho xe cơ giới").
        self._terms = [frozenset(title) | _word_pairs(title) for title in bare]
        self._term_idf = _idf(self._terms)
        self.actions = MarkedActions(tokens, bare, self.HEAD)
        self._abroad_cues = [bare_phrase(cue) for cue in abroad_cues()]
        self._filed_abroad = _filed_abroad(bare)
        self._extensions = _extensions(tokens)
        self._ages = [age_range(title) for title in bare]
        self._twins = _twins(bare)
        self._negated = [_negated_words(title) for title in tokens]
        self._heads = _distinctive_heads(bare)
        self._kinds = {
            kind: [bare_phrase(word) for word in words] for kind, words in business_kinds().items()
        }
        self._title_kinds = [self.kinds_named(list(title)) for title in bare]

    def kinds_named(self, bare: list[str]) -> frozenset[str]:
        """The kinds of business (``querywords.business_kinds``) that words name."""
        return frozenset(
            kind for kind, words in self._kinds.items() if any(contains_phrase(bare, w) for w in words)
        )

    def other_kind(self, position: int, asked: frozenset[str]) -> float:
        """1 when the question names a kind of business and the title only others."""
        named = self._title_kinds[position]
        return 1.0 if asked and named and not asked & named else 0.0

    def head_asked(self, position: int, query_bare: list[str]) -> float:
        """1 when the question names the title's distinctive first words ("chứng thực", "tặng cho")."""
        head = self._heads[position]
        return 1.0 if head and contains_phrase(query_bare, head) else 0.0

    def negated(self, position: int, affirmed: set[str]) -> float:
        """1 when the title names one of the question's words only to exclude it ("không phải xin phép")."""
        return 1.0 if self._negated[position] & affirmed else 0.0

    def has_twins(self, position: int) -> bool:
        return self._twins[position].size > 1

    def twins(self, position: int) -> np.ndarray:
        """The position and its near-twin titles' (``_twins``)."""
        return self._twins[position]

    def specificity(self, query_words: set[str]) -> float:
        """How precisely words name a title: their summed IDF among title head words, in
        units of the IDF of a word found in one title (so catalogues of any size compare)."""
        return sum(self._idf.get(word, 0.0) for word in query_words) / self._rarest

    def coverage(self, position: int, query_words: set[str]) -> float:
        """IDF-weighted share of the title's head words that occur in the question (0..1)."""
        title = self._words[position]
        return sum(self._idf[w] for w in title if w in query_words) / self._mass[position]

    def question_terms(self, content_bare: Sequence[str]) -> dict[object, float]:
        """The question's content words and adjacent pairs that some title holds, with their IDF."""
        terms: set[object] = set(content_bare) | _word_pairs(content_bare)
        return {term: self._term_idf[term] for term in terms if term in self._term_idf}

    def recall(self, position: int, question_terms: dict[object, float]) -> float:
        """IDF-weighted share of the question's terms (``question_terms``) that the whole title holds.

        The mirror of ``coverage``: "chuyển mục đích sử dụng đất" is all in "Giao đất, cho
        thuê đất, chuyển mục đích sử dụng đất …" and lacks "đất" in "Chuyển mục đích sử
        dụng rừng …".
        """
        total = sum(question_terms.values())
        if not total:
            return 0.0
        title = self._terms[position]
        return sum(idf for term, idf in question_terms.items() if term in title) / total

    def extension_unasked(self, position: int, content_bare: set[str]) -> float:
        """1 when the title extends another title and the question names none of the extra words."""
        extra = self._extensions[position]
        return 1.0 if extra and not extra & content_bare else 0.0

    def age_excluded(self, position: int, asked: AgeRange) -> float:
        """1 when the title is for an age group that does not include the age the question gives."""
        return 1.0 if disjoint(self._ages[position], asked) else 0.0

    def says_abroad(self, query_bare: list[str]) -> bool:
        """Whether the question says the citizen is abroad ("ở nước ngoài", "đại sứ quán")."""
        return any(contains_phrase(query_bare, cue) for cue in self._abroad_cues)

    def abroad_unasked(self, position: int, abroad: bool) -> float:
        """1 for the "… ở nước ngoài" twin of a "… ở trong nước" title when the question is not from abroad."""
        return 1.0 if self._filed_abroad[position] and not abroad else 0.0


def _word_pairs(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    return frozenset(zip(words, words[1:], strict=False))


def _idf(documents: Sequence[frozenset]) -> dict[object, float]:
    frequency: dict[object, int] = {}
    for terms in documents:
        for term in terms:
            frequency[term] = frequency.get(term, 0) + 1
    return {term: math.log(1 + len(documents) / count) for term, count in frequency.items()}


def _without_prefix(tokens: list[str]) -> list[str]:
    return tokens[2:] if tokens[:2] == ["thủ", "tục"] else tokens


def _extensions(titles: Sequence[list[str]]) -> list[frozenset[str]]:
    """Per title: the content words it adds to the longest other title it begins with (bare keys).

    Empty for a title that begins with no other title, or adds fewer than
    ``MIN_EXTENSION_WORDS``: a single word is more often a spelling difference
    ("Ủy ban nhân" / "Ủy ban nhân dân") than a qualifier. Words already in the
    shorter title, and words that name no procedure alone (``querywords``:
    "của", "trường hợp", "đối với" …), do not count.
    """
    known = {tuple(title) for title in titles}
    out = []
    for title in titles:
        extra: frozenset[str] = frozenset()
        for size in range(len(title) - 1, 1, -1):
            if tuple(title[:size]) in known:
                shorter = {bare_key(t) for t in title[:size]}
                extra = frozenset(bare_key(t) for t in content_tokens(title[size:]))
                extra -= shorter | TITLE_CONNECTORS
                if len(extra) < MIN_EXTENSION_WORDS:
                    extra = frozenset()
                break
        out.append(extra)
    return out


def _filed_abroad(bare: Sequence[tuple[str, ...]]) -> list[bool]:
    """Per title (bare syllables): it ends "ở nước ngoài" and the same title "ở trong nước" exists.

    "Nhập quốc tịch Việt Nam ở nước ngoài" / "… ở trong nước": the place of filing,
    the only difference between the two.
    """
    abroad, home = ("o", "nuoc", "ngoai"), ("o", "trong", "nuoc")
    titles = set(bare)
    return [title[-3:] == abroad and title[:-3] + home in titles for title in bare]


def _negated_words(title: list[str]) -> frozenset[str]:
    """Bare words the title names only inside an exclusion ("không phải là bất động sản")."""
    inside: set[str] = set()
    outside: set[str] = set()
    left = 0
    for token in title:
        word = bare_key(token)
        if token in TITLE_NEGATIONS:
            left = NEGATION_WINDOW
        elif left and word in NEGATION_GLUE:
            continue
        elif left:
            inside.add(word)
            left -= 1
        else:
            outside.add(word)
    return frozenset(inside - outside - TITLE_CONNECTORS)


def _distinctive_heads(bare: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Per title (bare syllables): its first two syllables, unless that beginning is common."""
    heads = [title[:2] for title in bare]
    counts: dict[tuple[str, ...], int] = {}
    for head in heads:
        counts[head] = counts.get(head, 0) + 1
    return [head if len(head) == 2 and counts[head] <= HEAD_MAX_TITLES else () for head in heads]


def _twins(bare: Sequence[tuple[str, ...]]) -> list[np.ndarray]:
    """Per title (bare syllables): its own position and those of titles that share most of its wording.

    Two titles are twins when they begin with the same ``TWIN_MIN_PREFIX`` syllables
    and their common beginning is at least ``TWIN_SHARE`` of the shorter one:
    "… lần đầu đối với tổ chức …" and "… lần đầu đối với hộ gia đình, cá nhân …".
    """
    buckets: dict[tuple[str, ...], list[int]] = {}
    for position, words in enumerate(bare):
        if len(words) >= TWIN_MIN_PREFIX:
            buckets.setdefault(words[:TWIN_MIN_PREFIX], []).append(position)
    out = [np.array([position]) for position in range(len(bare))]
    for members in buckets.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                common = _common_prefix(bare[a], bare[b])
                if common >= TWIN_SHARE * min(len(bare[a]), len(bare[b])):
                    out[a] = np.append(out[a], b)
                    out[b] = np.append(out[b], a)
    return out


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):  # up to the shorter
        if x != y:
            break
        size += 1
    return size
