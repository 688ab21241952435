"""Lexical retrieval: BM25 (bm25s) over syllable unigrams and bigrams.

Each field of a procedure gets two BM25 indexes, one over the accented text and
one over the accent-stripped text, because a third of citizens type without
diacritics and "ho chieu" must meet "hộ chiếu". A field's score is the stripped
score plus, for a question typed with diacritics, the (sharper) accented score;
fields are weighted name > aliases > body.

Scores are computed for every document (2,850 is small) so that fusion and
family grouping see the whole ranking, not a truncated top-k.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from knowledge.search.query import Query
from knowledge.text import bare_key, fold_iy, ngrams, syllables

FIELDS = ("name", "aliases", "body")
FORMS = ("accented", "bare")
# Body (result, papers, opening of the conditions): measured on the dev set
# with the conditions in it, any weight from 0.2 to 0.6 gave top-1 within two
# questions of each other; from 0.35 up top-3 gained 3 questions.
FIELD_WEIGHTS = {"name": 1.0, "aliases": 0.5, "body": 0.4}
# Weight of the accented indexes for a question typed without diacritics, read
# through the restored spelling (a guess, so it counts less than typed marks).
RESTORED_WEIGHT = 0.5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
MAX_SYLLABLE_LETTERS = 8

logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class LexicalDocument:
    code: str
    name: str
    aliases: str
    body: str

    def field(self, name: str) -> str:
        return str(getattr(self, name))


def field_terms(text: str, form: str) -> list[str]:
    tokens = syllables(text)
    tokens = [bare_key(t) for t in tokens] if form == "bare" else [fold_iy(t) for t in tokens]
    return ngrams(tokens)


class LexicalIndex:
    """BM25 over the fields of every procedure; ``scores`` returns one number per document."""

    def __init__(self, codes: Sequence[str], retrievers: dict[tuple[str, str], bm25s.BM25]):
        self.codes = list(codes)
        self._retrievers = retrievers
        # Known bare syllables of the name and alias fields, with document
        # frequencies: the dictionary for repairing one-letter typos.
        vocabulary: Counter[str] = Counter()
        for field in ("name", "aliases"):
            retriever = retrievers[(field, "bare")]
            postings = retriever.scores["indptr"]  # per term id: where its documents start
            for term, term_id in retriever.vocab_dict.items():
                if "_" not in term and term:
                    vocabulary[term] += int(postings[term_id + 1] - postings[term_id])
        self._bare_vocabulary = vocabulary

    # ------------------------------------------------------------------ build

    @classmethod
    def build(
        cls, documents: Sequence[LexicalDocument], progress: Callable[[str], None] | None = None
    ) -> LexicalIndex:
        retrievers: dict[tuple[str, str], bm25s.BM25] = {}
        for field in FIELDS:
            for form in FORMS:
                if progress:
                    progress(f"BM25 {field}/{form}")
                corpus = [field_terms(doc.field(field), form) or [""] for doc in documents]
                retriever = bm25s.BM25(k1=1.2, b=0.75)
                retriever.index(corpus, show_progress=False)
                retrievers[(field, form)] = retriever
        return cls([doc.code for doc in documents], retrievers)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for (field, form), retriever in self._retrievers.items():
            retriever.save(str(directory / f"{field}-{form}"), show_progress=False)
        (directory / "codes.json").write_text(json.dumps(self.codes), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        codes = json.loads((directory / "codes.json").read_text(encoding="utf-8"))
        retrievers = {
            (field, form): bm25s.BM25.load(str(directory / f"{field}-{form}"), show_progress=False)
            for field in FIELDS
            for form in FORMS
        }
        return cls(codes, retrievers)

    # ----------------------------------------------------------------- search

    def scores(self, query: Query) -> np.ndarray:
        """BM25 score of every document for ``query`` (zeros when nothing matches).

        The bare indexes always count; the accented ones count in proportion to
        how much of the question was typed with diacritics, and read the
        restored spelling of the words typed without.
        """
        total = np.zeros(len(self.codes), dtype=np.float32)
        if not query.tokens:
            return total
        # The restored reading's letters where it corrected a slip ("khiếu lại" -> "nại"); else as typed.
        bare = [self.repair(bare_key(r)) for r in query.restored]
        accented = [fold_iy(t) for t in query.restored]
        accented_weight = max(query.accent, RESTORED_WEIGHT)
        for form, tokens, form_weight in (("bare", bare, 1.0), ("accented", accented, accented_weight)):
            groups = _weighted_terms(tokens, query.weights)
            for field in FIELDS:
                retriever = self._retrievers[(field, form)]
                for weight, terms in groups.items():
                    ids = retriever.get_tokens_ids(terms)
                    if ids:
                        total += (FIELD_WEIGHTS[field] * form_weight * weight) * retriever.get_scores(ids)
        return total

    def repair(self, bare_token: str) -> str:
        """A bare syllable unknown to the titles, replaced by the most frequent known one
        within one edit ("chieu" stays, "chiue" -> "chieu"); otherwise unchanged."""
        if not bare_token.isalpha() or bare_token in self._bare_vocabulary:
            return bare_token
        # A Vietnamese syllable has at most 7 letters ("nghieng"); longer tokens are
        # foreign words or pasted junk, and their edits would cost memory for nothing.
        if not 3 <= len(bare_token) <= MAX_SYLLABLE_LETTERS:
            return bare_token
        # Sorted: among equally frequent edits the choice must not follow the set's
        # iteration order, which changes with every process (string hashing).
        best, best_count = bare_token, 0
        for candidate in sorted(_edits(bare_token)):
            count = self._bare_vocabulary.get(candidate, 0)
            if count > best_count:
                best, best_count = candidate, count
        return best


def _weighted_terms(tokens: list[str], weights: Sequence[float]) -> dict[float, list[str]]:
    """Unigrams and bigrams grouped by weight; a bigram weighs as its heavier word."""
    groups: dict[float, list[str]] = {}
    for token, weight in zip(tokens, weights, strict=True):
        groups.setdefault(weight, []).append(token)
    for i in range(len(tokens) - 1):
        weight = max(weights[i], weights[i + 1])
        groups.setdefault(weight, []).append(f"{tokens[i]}_{tokens[i + 1]}")
    return groups


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts
