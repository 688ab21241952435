"""Putting diacritics back on a question typed without them.

A third of citizens type "lam ho chieu het bao nhieu". Accent-stripped BM25
copes, but the embedding model reads such text poorly, and the stripped form
is ambiguous ("ho" is hộ, hồ, họ, hổ…). The catalogue itself is a good
language model for its own domain: from the syllable unigrams and bigrams of
every record's text, a Viterbi pass picks the most likely accented spelling of
each bare syllable given its neighbours ("lam ho chieu" -> "làm hộ chiếu").

Syllables the citizen did accent are read through a noisy channel: the typed
spelling is kept unless another spelling of the same letters is far likelier
in context, at least ``1 / TYPO_PROBABILITY`` times, which only a bigram the
catalogue uses and the typed one does not can give ("chuyển mục đích sư dụng"
-> "sử dụng"). A spelling the catalogue never saw ("mấc", "tuôi", "đăng
kiễm") is a typo outright, re-read among the spellings of its letters; the
marks the citizen did type still count, each one missed or wrong making a
spelling ``MARK_SLIP_PROBABILITY`` times less likely ("tuôi" is "tuổi" before
"tươi"; "bị mấc" is "bị mất", a slip of the final, before "bị mắc").
Syllables the catalogue never saw in any spelling are left unchanged.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from knowledge.text import bare_key, strip_accents, syllables

MAX_CANDIDATES = 8
# Interpolation between the bigram and the unigram estimate.
BIGRAM_WEIGHT = 0.8
# Bigrams seen once are mostly noise and double the file size.
MIN_BIGRAM_COUNT = 2
# How often a typed, existing spelling is a slip for another spelling of the same letters.
TYPO_PROBABILITY = 0.002
_TYPO_LOG = math.log(TYPO_PROBABILITY)
# Sounds many speakers do not tell apart, so they are misspelt for each other
# ("khiếu lại" for "khiếu nại", "tuyển trọn", "dấy tờ"): initials, then finals.
CONFUSED_INITIALS = (("l", "n"), ("s", "x"), ("ch", "tr"), ("d", "gi", "r"), ("v", "d"))
CONFUSED_FINALS = (("n", "ng"), ("t", "c"))
CONFUSION_PROBABILITY = 0.002
# A typed mark missed or wrong on a syllable the catalogue does not know (one per mark).
MARK_SLIP_PROBABILITY = 0.1
_MARK_SLIP_LOG = math.log(MARK_SLIP_PROBABILITY)
CONFUSED_SPELLINGS = 3  # the most frequent spellings of each confusable syllable: keeps the lattice small
_CONFUSION_LOG = math.log(CONFUSION_PROBABILITY)


class DiacriticRestorer:
    """Most likely accented spelling of bare syllables, from catalogue statistics."""

    def __init__(self, unigrams: dict[str, int], bigrams: dict[tuple[str, str], int]):
        self._unigrams = unigrams
        self._bigrams = bigrams
        self._total = sum(unigrams.values()) + len(unigrams) + 1
        by_key: dict[str, list[str]] = defaultdict(list)
        for word in unigrams:
            by_key[bare_key(word)].append(word)
        self._candidates = {
            key: sorted(words, key=lambda w: -unigrams[w])[:MAX_CANDIDATES] for key, words in by_key.items()
        }

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> DiacriticRestorer:
        unigrams: Counter[str] = Counter()
        bigrams: Counter[tuple[str, str]] = Counter()
        for text in texts:
            tokens = [t for t in syllables(text) if t.isalpha()]
            unigrams.update(tokens)
            bigrams.update(zip(tokens, tokens[1:], strict=False))
        kept = {pair: n for pair, n in bigrams.items() if n >= MIN_BIGRAM_COUNT}
        return cls(dict(unigrams), kept)

    def save(self, path: Path) -> None:
        data = {
            "unigrams": self._unigrams,
            "bigrams": [[a, b, n] for (a, b), n in self._bigrams.items()],
        }
        with gzip.open(path, "wt", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> DiacriticRestorer:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(data["unigrams"], {(a, b): n for a, b, n in data["bigrams"]})

    def restore(self, tokens: list[str]) -> list[str]:
        """``tokens`` (normalised) with bare syllables given their likeliest diacritics."""
        if not tokens:
            return []
        options = [self._options(token) for token in tokens]
        # Viterbi over the candidate lattice: best[i][w] = (log-probability, back-pointer).
        best: list[dict[str, tuple[float, str | None]]] = [
            {w: (prior + self._unigram_log(w), None) for w, prior in options[0]}
        ]
        for i in range(1, len(tokens)):
            column: dict[str, tuple[float, str | None]] = {}
            for word, prior in options[i]:
                score, previous = max(
                    (
                        (score + self._transition_log(previous, word), previous)
                        for previous, (score, _) in best[-1].items()
                    ),
                    key=lambda item: item[0],
                )
                column[word] = (score + prior, previous)
            best.append(column)
        word = max(best[-1], key=lambda w: best[-1][w][0])
        path = [word]
        for i in range(len(tokens) - 1, 0, -1):
            previous = best[i][word][1]
            assert previous is not None
            path.append(previous)
            word = previous
        return path[::-1]

    def _options(self, token: str) -> list[tuple[str, float]]:
        """Spellings ``token`` may stand for, each with the log-prior of the citizen meaning it."""
        if not token.isalpha():
            return [(token, 0.0)]
        candidates = self._candidates.get(bare_key(token), [])
        marked = strip_accents(token) != token
        typo = marked and token not in self._unigrams

        def slip(spelling: str) -> float:
            """A misspelt syllable's typed marks still count; otherwise all spellings start even."""
            return _MARK_SLIP_LOG * _marks_apart(token, spelling) if typo else 0.0

        known = marked and not typo
        if known:
            # Typed with diacritics the catalogue knows: meant, unless context strongly disagrees.
            options = [(token, 0.0)] + [
                (w, _TYPO_LOG + self._commoner(w, token)) for w in candidates if w != token
            ]
        else:
            # Bare, or a typo: any spelling of these letters (for a typo, those keeping its marks first).
            options = [(w, slip(w)) for w in candidates] or [(token, 0.0)]
        seen = {w for w, _ in options}
        for key in _confusable(bare_key(token)):
            spellings = self._candidates.get(key, [])[:CONFUSED_SPELLINGS]
            options += [
                (w, _CONFUSION_LOG + slip(w) + (self._commoner(w, token) if known else 0.0))
                for w in spellings
                if w not in seen
            ]
        return options

    def _commoner(self, other: str, typed: str) -> float:
        """Minus the log of how much commoner ``other`` is than ``typed`` in the catalogue (0 if not).

        Cancels frequency in the evidence against a spelling the citizen typed
        and the catalogue knows: the catalogue is no everyday text, and "thi
        đậu" (passed the exam) is not "thi đầu" because "đầu" fills its titles.
        Only context, a bigram the catalogue uses, can overrule what was typed.
        """
        ratio = (self._unigrams.get(other, 0) + 1) / (self._unigrams.get(typed, 0) + 1)
        return -math.log(ratio) if ratio > 1 else 0.0

    def knows_bare(self, bare: str) -> bool:
        """Whether some catalogue syllable is spelt with these letters (``bare_key`` form)."""
        return bare in self._candidates

    def knows(self, token: str) -> bool:
        """Whether the catalogue has this exact spelling."""
        return token in self._unigrams

    def _unigram_log(self, word: str) -> float:
        return math.log((self._unigrams.get(word, 0) + 1) / self._total)

    def _transition_log(self, previous: str, word: str) -> float:
        unigram = (self._unigrams.get(word, 0) + 1) / self._total
        previous_count = self._unigrams.get(previous, 0)
        if previous_count == 0:
            return math.log(unigram)
        bigram = self._bigrams.get((previous, word), 0) / previous_count
        return math.log(BIGRAM_WEIGHT * bigram + (1 - BIGRAM_WEIGHT) * unigram)


def _marks_apart(typed: str, spelling: str) -> int:
    """How many of the marks differ between two spellings ("tuôi"/"tuổi" 1, "tuôi"/"tươi" 2)."""
    typed_marks = Counter(c for c in typed if strip_accents(c) != c)
    spelling_marks = Counter(c for c in spelling if strip_accents(c) != c)
    differing = sum(((typed_marks - spelling_marks) + (spelling_marks - typed_marks)).values())
    return (differing + 1) // 2


# Each group's spellings longest first ("gi" before "d", "ng" before "n"), sorted once: the
# lookup runs for every syllable of every question.
_INITIALS_LONGEST_FIRST = tuple(tuple(sorted(group, key=len, reverse=True)) for group in CONFUSED_INITIALS)
_FINALS_LONGEST_FIRST = tuple(tuple(sorted(group, key=len, reverse=True)) for group in CONFUSED_FINALS)


def _confusable(bare: str) -> list[str]:
    """Bare syllables spelt like ``bare`` but for one commonly confused initial or final."""
    variants = []
    for group in _INITIALS_LONGEST_FIRST:
        for initial in group:
            if bare.startswith(initial):
                rest = bare[len(initial) :]
                variants += [other + rest for other in group if other != initial]
                break
    for group in _FINALS_LONGEST_FIRST:
        for final in group:
            if bare.endswith(final) and len(bare) > len(final):
                stem = bare[: -len(final)]
                variants += [stem + other for other in group if other != final]
                break
    return [v for v in variants if v != bare]
