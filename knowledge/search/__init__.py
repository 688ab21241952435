"""Retrieval: find the procedure a citizen's question is about (see docs/contracts.md).

    from knowledge.search import get_searcher, query_has_procedure

    result = get_searcher().search("lam ho chieu het bao nhieu")
    result.clear, result.hits[0].code, result.hits[0].variants

``get_searcher()`` loads the index built by ``tthc index build`` and the
configured embedding model once per process.
"""

from __future__ import annotations

import threading
from typing import Optional

from knowledge.search.hybrid import Hit, Searcher, SearchResult, SearchSettings
from knowledge.search.index import IndexNotBuilt, index_dir, load_index
from knowledge.search.query import analyse

__all__ = [
    "Hit",
    "IndexNotBuilt",
    "ModelMismatch",
    "SearchResult",
    "Searcher",
    "get_searcher",
    "load_searcher",
    "query_has_procedure",
    "reset_searcher",
]

_lock = threading.Lock()
_searcher: Optional[Searcher] = None


class ModelMismatch(IndexNotBuilt):
    """The index was built with another embedding model than the one configured now."""


def load_searcher(with_dense: bool = True, settings: SearchSettings = SearchSettings()) -> Searcher:
    """A new searcher over ``var/index``; ``with_dense=False`` skips loading the model (lexical only)."""
    index = load_index()
    encoder = None
    if with_dense:
        from knowledge.embedding.encoder import Encoder

        encoder = Encoder.load()
        if encoder.name != index.stamp.model:
            raise ModelMismatch(
                index_dir(), f"built with model {index.stamp.model}, configured model is {encoder.name}"
            )
    return Searcher(index, encoder, settings=settings)


def get_searcher() -> Searcher:
    """The process-wide searcher, loaded on first use (index + embedding model)."""
    global _searcher
    if _searcher is None:
        with _lock:
            if _searcher is None:
                _searcher = load_searcher()
    return _searcher


def reset_searcher() -> None:
    """Forget the cached searcher (after ``tthc index build`` in the same process, in tests)."""
    global _searcher
    with _lock:
        _searcher = None


def query_has_procedure(text: str) -> bool:
    """False when ``text`` only names an aspect or is filler ("còn lệ phí thì sao?", "nộp ở đâu?").

    Then the conversation keeps its current procedure instead of searching anew.
    It looks only at the words; with a loaded searcher it also reads them with
    their diacritics put back, so "can giay to gi" is "cần giấy tờ gì" (single
    bare words are too ambiguous to match otherwise). Without one it needs no index.
    """
    text = text if isinstance(text, str) else ""
    searcher = _searcher
    if searcher is not None:
        return searcher.analyse(text).has_procedure
    return analyse(text).has_procedure
