"""Hybrid search: lexical and dense evidence fused, then grouped by procedure family.

Pipeline for one question: analyse it (``query``), score every document with
BM25 (``lexical``) and with the embedding model (``dense``), take the top
candidates of both, fuse their features into one score (``fusion``), group by
family, decide whether the answer is clear.

Families. The same procedure published once per level ("… (thực hiện tại cấp
tỉnh)" / "… (cấp trung ương)") is one answer to a citizen, so hits are grouped
by ``Procedure.family``. The representative is the best-scoring member; when
members tie (the usual case: titles differ only by the level words) it is the
one nearest the citizen (xã, then tỉnh, then bộ), because that is where most
people file. The other codes and all levels travel with the hit.

Clarity. ``clear`` says whether the first hit can be answered directly; when it
is not, the assistant offers the first hits (at most ``MAX_OPTIONS``) as options.
The first hit must stand clear of the second (``confidence``), and the question
must name a procedure precisely enough (``specificity``): "cấp lại" alone fits
hundreds of titles, whichever of them happens to rank first.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Literal, Optional

import numpy as np

from knowledge.catalogue.model import LEVELS
from knowledge.search.ages import asked_ages
from knowledge.search.aliases import AliasLexicon, default_lexicon
from knowledge.search.dense import TextEncoder
from knowledge.search.fusion import (
    COLUMN,
    FEATURES,
    Candidates,
    FusionWeights,
    fuse,
    reciprocal_ranks,
    relative_dense,
)
from knowledge.search.index import LoadedIndex
from knowledge.search.query import Query, analyse
from knowledge.search.querywords import negated_in_question
from knowledge.search.titles import TWIN_SHARED, TitleWords
from knowledge.text import bare_key

Mode = Literal["hybrid", "lexical", "dense"]
MODES: tuple[Mode, ...] = ("hybrid", "lexical", "dense")
MAX_OPTIONS = 4
# Baselines: one kind of evidence alone.
_NOTHING = FusionWeights(**{f.name: 0.0 for f in fields(FusionWeights)})
LEXICAL_ONLY = replace(_NOTHING, lexical=1.0)
DENSE_ONLY = replace(_NOTHING, dense=1.0, dense_bare=1.0)
# Recent analyses kept per searcher. A catalogue answer reads the same text up
# to three times (the action asks whether it names a procedure, then searches),
# and with search-ahead the search ran earlier in another thread.
ANALYSES_KEPT = 256


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
class SearchSettings:
    weights: FusionWeights = FusionWeights()
    candidates: int = 40  # from each ranking
    tie: float = 0.02  # family members this close to the best (relative) count as tied
    clear_confidence: float = 0.5  # the first hit is clear from this confidence up
    # A question must name its procedure this precisely to be answered directly
    # (``TitleWords.specificity``: as many words as rare as a one-title word).
    # "cấp lại" or "xin giấy phép" (0.44) fit hundreds of titles; on the dev set
    # every right clear answer had 0.92 or more.
    clear_specificity: float = 0.75


class Searcher:
    """Finds procedures for a citizen's question. Safe to share between threads."""

    def __init__(
        self,
        index: LoadedIndex,
        encoder: Optional[TextEncoder],
        lexicon: Optional[AliasLexicon] = None,
        settings: SearchSettings = SearchSettings(),
    ):
        self.index = index
        self.encoder = encoder
        self.lexicon = lexicon or default_lexicon()
        self.settings = settings
        entries = index.entries
        self._families: dict[str, list[int]] = {}
        for position, entry in enumerate(entries):
            self._families.setdefault(entry.family, []).append(position)
        self._nearest_level = [_nearest_level(entry.levels) for entry in entries]
        self._citizen = np.array([entry.citizen for entry in entries], dtype=np.float32)
        self._titles = TitleWords([entry.family for entry in entries])
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._vectors_lock = threading.Lock()  # actions and search-ahead embed from different threads
        # ``Query`` is frozen, so one analysis can be shared by every caller and thread.
        self._analyse_cached = lru_cache(maxsize=ANALYSES_KEPT)(self._analyse)

    # ------------------------------------------------------------------ public

    def analyse(self, query: str) -> Query:
        return self._analyse_cached(query if isinstance(query, str) else "")

    def _analyse(self, query: str) -> Query:
        return analyse(query, self.lexicon, self.index.restorer)

    def search(self, query: str, top_k: int = 5, mode: Mode = "hybrid") -> SearchResult:
        """Best procedures for ``query``, one hit per family, best first. Never raises on odd text."""
        analysed = self.analyse(query)
        top_k = max(1, int(top_k))
        if not analysed.has_procedure:
            return SearchResult(query=analysed.text, clear=False, confidence=0.0, hits=[])
        candidates = self.candidates(analysed, mode)
        if candidates.positions.size == 0:
            return SearchResult(query=analysed.text, clear=False, confidence=0.0, hits=[])
        weights = {"hybrid": self.settings.weights, "lexical": LEXICAL_ONLY, "dense": DENSE_ONLY}[mode]
        scores = fuse(candidates, weights)
        hits = self._collapse(candidates.positions, scores, max(top_k, MAX_OPTIONS))
        confidence = self._confidence(hits)
        return SearchResult(
            query=analysed.text,
            clear=confidence >= self.settings.clear_confidence
            and self.specificity(analysed) >= self.settings.clear_specificity,
            confidence=round(confidence, 4),
            hits=hits[:top_k],
        )

    def specificity(self, query: Query | str) -> float:
        """How precisely a question names a procedure (``TitleWords.specificity`` of its content words)."""
        analysed = self.analyse(query) if isinstance(query, str) else query
        return self._titles.specificity({bare_key(t) for t in analysed.content})

    # --------------------------------------------------------------- evidence

    def candidates(self, query: Query, mode: Mode = "hybrid") -> Candidates:
        """Top documents of the rankings ``mode`` uses, with their fusion features."""
        size = len(self.index.entries)
        count = self.settings.candidates
        features = np.zeros((size, len(FEATURES)), dtype=np.float32)
        pool: list[np.ndarray] = []
        if mode in ("hybrid", "lexical"):
            lexical = self.index.lexical.scores(query)
            order = _top(lexical, count, positive_only=True)
            if order.size:
                features[:, COLUMN["lexical"]] = lexical / lexical[order[0]]
                features[:, COLUMN["lexical_rank"]] = reciprocal_ranks(order, size)
                pool.append(order)
        if mode in ("hybrid", "dense") and self.encoder is not None:
            similarities = self.index.dense.scores(self._embed(query))
            order = _top(similarities, count)
            features[:, COLUMN["dense"]] = relative_dense(similarities, order)
            features[:, COLUMN["dense_rank"]] = reciprocal_ranks(order, size)
            pool.append(order)
        if not pool:
            empty = np.zeros((0, len(FEATURES)), dtype=np.float32)
            return Candidates(np.zeros(0, dtype=np.int64), empty, query.accent)
        positions = np.unique(np.concatenate(pool))
        shared = [COLUMN[name] for name in TWIN_SHARED]
        ranks = features[:, shared].copy()  # every twin reads the rankings as they were
        for position in positions:
            if self._titles.has_twins(int(position)):
                features[position, shared] = ranks[self._titles.twins(int(position))].max(axis=0)
        for name, values in self._title_features(query, positions.tolist()).items():
            features[positions, COLUMN[name]] = values
        return Candidates(positions, features[positions], query.accent)

    def _title_features(self, query: Query, positions: list[int]) -> dict[str, np.ndarray]:
        """The features that compare the question with each candidate's title (``fusion``)."""
        titles = self._titles
        bare = [bare_key(t) for t in query.tokens]
        # Cue words inside an aspect phrase ask for no action: "mất" in "mất bao lâu" is not "lost";
        # nor do words of context: "hộ chiếu đã báo mất" asks for no report of a loss, "bố mất" for
        # no re-issue. Cues are matched with the diacritics the citizen typed ("chung cư" holds no "cũ").
        asking = [
            not aspect and not context for aspect, context in zip(query.aspect, query.context, strict=True)
        ]
        cue_words = [word for word, keep in zip(bare, asking, strict=True) if keep]
        cue_spelled = [word for word, keep in zip(query.tokens, asking, strict=True) if keep]
        content_words = [word for word, minor in zip(bare, query.minor, strict=True) if not minor]
        words, content = set(bare), set(content_words)
        terms = titles.question_terms(content_words)
        kinds = titles.kinds_named(bare)
        ages = asked_ages(bare)
        affirmed = words - negated_in_question(bare)
        abroad = titles.says_abroad(bare)
        unasked = titles.actions.unasked_many(positions, cue_spelled)
        marked = np.array([titles.actions.marked(p) for p in positions], dtype=np.float32)

        def each(feature: Callable[[int], float]) -> np.ndarray:
            return np.array([feature(p) for p in positions], dtype=np.float32)

        return {
            "coverage": each(lambda p: titles.coverage(p, words)),
            "citizen": self._citizen[positions],
            "action": unasked,
            "action_asked": marked - unasked,
            "first_time": marked if titles.actions.says_first_time(cue_words) else np.zeros_like(marked),
            "head_asked": each(lambda p: titles.head_asked(p, cue_words)),
            "other_kind": each(lambda p: titles.other_kind(p, kinds)),
            "recall": each(lambda p: titles.recall(p, terms)),
            "abroad": each(lambda p: titles.abroad_unasked(p, abroad)),
            "extension": each(lambda p: titles.extension_unasked(p, content)),
            "age": each(lambda p: titles.age_excluded(p, ages)),
            "negated": each(lambda p: titles.negated(p, affirmed)),
        }

    def _embed(self, query: Query) -> np.ndarray:
        """Embedding of the question's procedure words; recent ones are kept (follow-ups repeat)."""
        key = query.dense_text
        with self._vectors_lock:
            vector = self._vectors.get(key)
            if vector is not None:
                self._vectors.move_to_end(key)
                return vector
        assert self.encoder is not None
        vector = self.encoder.encode_queries([key])[0]
        with self._vectors_lock:
            self._vectors[key] = vector
            if len(self._vectors) > 256:
                self._vectors.popitem(last=False)
        return vector

    # --------------------------------------------------------------- families

    def _collapse(self, positions: np.ndarray, scores: np.ndarray, limit: int) -> list[Hit]:
        entries = self.index.entries
        by_position = dict(zip(positions.tolist(), scores.tolist(), strict=True))
        best_by_family: dict[str, float] = {}
        for position, score in by_position.items():
            family = entries[position].family
            best_by_family[family] = max(score, best_by_family.get(family, -math.inf))
        ordered = sorted(best_by_family.items(), key=lambda item: -item[1])[:limit]
        top = ordered[0][1] if ordered and ordered[0][1] > 0 else 1.0
        hits = []
        for family, score in ordered:
            members = self._families[family]
            representative = self._representative(members, by_position, score)
            entry = entries[representative]
            hits.append(
                Hit(
                    code=entry.code,
                    name=entry.name,
                    score=round(max(score, 0.0) / top, 4),
                    family=family,
                    levels=_union_levels(entries[m].levels for m in members),
                    variants=[entries[m].code for m in members if m != representative],
                )
            )
        return hits

    def _representative(self, members: list[int], scores: dict[int, float], best: float) -> int:
        margin = abs(best) * self.settings.tie
        tied = [m for m in members if scores.get(m, -math.inf) >= best - margin]
        return min(tied, key=lambda m: (self._nearest_level[m], -scores.get(m, -math.inf)))

    # ----------------------------------------------------------------- clarity

    def _confidence(self, hits: Sequence[Hit]) -> float:
        """How far the first hit stands above the second (1 when it stands alone)."""
        if not hits:
            return 0.0
        if len(hits) == 1:
            return 1.0
        margin = 1.0 - hits[1].score  # scores are relative to the first
        return 1.0 - math.exp(-margin * 6.0)


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


def _union_levels(groups: Iterable[Sequence[str]]) -> list[str]:
    present = {level for levels in groups for level in levels}
    return [level for level in LEVELS if level in present] + sorted(present - set(LEVELS))
