"""Hybrid search: BM25 and dense scores fused, then grouped by procedure family.

Fusion. Both rankings are turned into reciprocal-rank scores (RRF): robust to
the very different scales of BM25 and cosine similarity, with nothing to fit.
The dense side weighs less when the question is typed without diacritics: e5
reads "lam ho chieu" poorly, while accent-stripped BM25 was measured to be the
best single method on such questions.

Families. The same procedure published once per level ("… (thực hiện tại cấp
tỉnh)" / "… (cấp trung ương)") is one answer to a citizen, so hits are grouped
by ``Procedure.family``. The representative is the best-scoring member; when
members tie (the usual case: titles differ only by the level words) it is the
one nearest the citizen (xã, then tỉnh, then bộ), because that is where most
people file. The other codes and all levels travel with the hit.

Clarity. ``clear`` says whether the first hit can be answered directly; when it
is not, the assistant offers the first hits (at most 4) as options.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Optional

import numpy as np

from knowledge.catalogue.model import LEVELS
from knowledge.search.aliases import AliasLexicon, default_lexicon
from knowledge.search.dense import TextEncoder
from knowledge.search.index import LoadedIndex
from knowledge.search.query import Query, analyse
from knowledge.text import bare_key, syllables

Mode = Literal["hybrid", "lexical", "dense"]
MODES: tuple[Mode, ...] = ("hybrid", "lexical", "dense")
MAX_OPTIONS = 4

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Hit:
    code: str
    name: str
    score: float
    family: str
    levels: list[str]
    variants: list[str]  # the other codes of the same family


@dataclass(frozen=True)
class SearchResult:
    query: str
    clear: bool
    confidence: float
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class FusionSettings:
    rrf_k: float = 20.0
    dense_weight: float = 1.0  # for a fully accented question
    dense_weight_bare: float = 0.35  # for a question without diacritics
    candidates: int = 60  # from each ranking
    # Weight of title coverage (share of the title's words, by IDF, that the
    # question contains), in units of a first rank: favours the plain
    # "Đăng ký kết hôn" over "… có yếu tố nước ngoài tại khu vực biên giới".
    coverage_weight: float = 1.0
    tie: float = 0.03  # members this close to the best count as tied
    # Clarity: the first hit is clear when its confidence reaches this.
    clear_confidence: float = 0.5


class Searcher:
    """Finds procedures for a citizen's question. Thread-safe for reading; build once, reuse."""

    def __init__(
        self,
        index: LoadedIndex,
        encoder: Optional[TextEncoder],
        lexicon: Optional[AliasLexicon] = None,
        settings: FusionSettings = FusionSettings(),
    ):
        self.index = index
        self.encoder = encoder
        self.lexicon = lexicon or default_lexicon()
        self.settings = settings
        self._families: dict[str, list[int]] = {}
        for position, entry in enumerate(index.entries):
            self._families.setdefault(entry.family, []).append(position)
        self._nearest_level = [_nearest_level(entry.levels) for entry in index.entries]
        self._titles = TitleWords([entry.family for entry in index.entries])
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    # ------------------------------------------------------------------ public

    def search(self, query: str, top_k: int = 5, mode: Mode = "hybrid") -> SearchResult:
        """Best procedures for ``query``, one hit per family, best first. Never raises on odd text."""
        analysed = analyse(query if isinstance(query, str) else "", self.lexicon)
        top_k = max(1, int(top_k))
        if not analysed.has_procedure:
            return SearchResult(query=analysed.text, clear=False, confidence=0.0, hits=[])
        fused = self._fused(analysed, mode)
        if not fused:
            return SearchResult(query=analysed.text, clear=False, confidence=0.0, hits=[])
        hits = self._collapse(fused, max(top_k, MAX_OPTIONS))
        confidence = self._confidence(hits)
        clear = confidence >= self.settings.clear_confidence
        return SearchResult(
            query=analysed.text, clear=clear, confidence=round(confidence, 4), hits=hits[:top_k]
        )

    # --------------------------------------------------------------- scoring

    def _fused(self, query: Query, mode: Mode) -> dict[int, float]:
        """Fused score per document position, over the candidates of both rankings."""
        settings = self.settings
        rankings: list[tuple[float, np.ndarray]] = []
        if mode in ("hybrid", "lexical"):
            lexical = self.index.lexical.scores(query)
            if lexical.max() > 0:
                rankings.append((1.0, _top(lexical, settings.candidates, positive_only=True)))
        if mode in ("hybrid", "dense") and self.encoder is not None:
            dense = self.index.dense.scores(self._embed(query))
            weight = 1.0 if mode == "dense" else self._dense_weight(query)
            if weight > 0 and (rankings or mode == "dense"):
                rankings.append((weight, _top(dense, settings.candidates)))
        fused: dict[int, float] = {}
        for weight, ranking in rankings:
            for rank, position in enumerate(ranking.tolist()):
                fused[position] = fused.get(position, 0.0) + weight / (settings.rrf_k + rank + 1)
        if settings.coverage_weight and fused:
            words = {bare_key(t) for t in query.tokens}
            unit = settings.coverage_weight / (settings.rrf_k + 1)
            for position in fused:
                fused[position] += unit * self._titles.coverage(position, words)
        return fused

    def _dense_weight(self, query: Query) -> float:
        s = self.settings
        return s.dense_weight_bare + (s.dense_weight - s.dense_weight_bare) * query.accent

    def _embed(self, query: Query) -> np.ndarray:
        """Embedding of the rewritten question; a few recent ones are kept (follow-ups repeat)."""
        key = query.dense_text
        vector = self._vectors.get(key)
        if vector is None:
            assert self.encoder is not None
            vector = self.encoder.encode_queries([key])[0]
            self._vectors[key] = vector
            if len(self._vectors) > 256:
                self._vectors.popitem(last=False)
        else:
            self._vectors.move_to_end(key)
        return vector

    # --------------------------------------------------------------- families

    def _collapse(self, fused: dict[int, float], limit: int) -> list[Hit]:
        entries = self.index.entries
        best_by_family: dict[str, tuple[float, int]] = {}
        for position, score in fused.items():
            family = entries[position].family
            current = best_by_family.get(family)
            if current is None or score > current[0]:
                best_by_family[family] = (score, position)
        ordered = sorted(best_by_family.items(), key=lambda item: -item[1][0])[:limit]
        top = ordered[0][1][0] if ordered else 1.0
        hits = []
        for family, (score, _) in ordered:
            members = self._families[family]
            representative = self._representative(members, fused, score)
            entry = entries[representative]
            hits.append(
                Hit(
                    code=entry.code,
                    name=entry.name,
                    score=round(score / top, 4),
                    family=family,
                    levels=_union_levels(entries[m].levels for m in members),
                    variants=[entries[m].code for m in members if m != representative],
                )
            )
        return hits

    def _representative(self, members: list[int], fused: dict[int, float], best: float) -> int:
        tied = [m for m in members if fused.get(m, 0.0) >= best * (1 - self.settings.tie)]
        return min(tied, key=lambda m: (self._nearest_level[m], -fused.get(m, 0.0)))

    # ----------------------------------------------------------------- clarity

    def _confidence(self, hits: Sequence[Hit]) -> float:
        """How far the first hit stands above the second (1 when it stands alone)."""
        if not hits:
            return 0.0
        if len(hits) == 1:
            return 1.0
        margin = 1.0 - hits[1].score  # scores are relative to the first
        return 1.0 - math.exp(-margin * 6.0)


class TitleWords:
    """Bare title words of every procedure with their IDF, for title coverage."""

    def __init__(self, titles: Sequence[str]):
        self._words = [frozenset(bare_key(t) for t in syllables(title)) for title in titles]
        frequency: dict[str, int] = {}
        for words in self._words:
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        total = len(titles)
        self._idf = {word: math.log(1 + total / count) for word, count in frequency.items()}
        self._mass = [sum(self._idf[w] for w in words) or 1.0 for words in self._words]

    def coverage(self, position: int, query_words: set[str]) -> float:
        """IDF-weighted share of the title's words that occur in the question (0..1)."""
        title = self._words[position]
        return sum(self._idf[w] for w in title if w in query_words) / self._mass[position]


def _top(scores: np.ndarray, count: int, positive_only: bool = False) -> np.ndarray:
    count = min(count, scores.shape[0])
    positions = np.argpartition(-scores, count - 1)[:count]
    positions = positions[np.argsort(-scores[positions], kind="stable")]
    if positive_only:
        positions = positions[scores[positions] > 0]
    return positions


def _nearest_level(levels: Sequence[str]) -> int:
    """Rank of the level nearest the citizen (xã first); unknown levels last."""
    order = {"xã": 0, "tỉnh": 1, "bộ": 2, "khác": 3}
    return min((order.get(level, len(order)) for level in levels), default=len(order))


def _union_levels(groups) -> list[str]:
    present = {level for levels in groups for level in levels}
    return [level for level in LEVELS if level in present] + sorted(present - set(LEVELS))
