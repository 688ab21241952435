"""Dense retrieval: sentence embeddings of one short passage per procedure, in FAISS.

An exact inner-product index (``IndexFlatIP``) is enough at a few thousand
procedures: a query costs a fraction of a millisecond, it needs no training and
its results do not drift between builds. The encoder is anything with the
``Encoder`` shape (``knowledge.embedding.encoder``): the model is configuration.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import faiss
import numpy as np

BATCH = 64


class TextEncoder(Protocol):
    """What dense retrieval needs from an embedding model (adds e5 prefixes itself)."""

    name: str
    dim: int

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...


class DenseIndex:
    """Normalised passage embeddings; ``scores`` returns cosine similarity per document."""

    def __init__(self, codes: Sequence[str], index: faiss.Index, model: str):
        if index.ntotal != len(codes):
            raise ValueError(f"dense index holds {index.ntotal} vectors for {len(codes)} codes")
        self.codes = list(codes)
        self.model = model
        self._index = index

    @classmethod
    def build(
        cls,
        codes: Sequence[str],
        passages: Sequence[str],
        encoder: TextEncoder,
        progress: Callable[[int], None] | None = None,
    ) -> DenseIndex:
        """Embed ``passages`` in batches; ``progress`` is told how many were just done.

        Passages go to the encoder shortest first, so each batch is padded to a
        length near its own texts' (titles run from 4 to over 80 words); the
        vectors are put back in catalogue order before they enter the index.
        """
        order = sorted(range(len(passages)), key=lambda i: len(passages[i]))
        vectors = np.zeros((len(passages), encoder.dim), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            batch = order[start : start + BATCH]
            vectors[batch] = encoder.encode_passages([passages[i] for i in batch])
            if progress:
                progress(len(batch))
        index = faiss.IndexFlatIP(encoder.dim)
        index.add(_unit_rows(vectors))
        return cls(codes, index, encoder.name)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._index, str(directory / "passages.faiss"))
        meta = {"codes": self.codes, "model": self.model, "dim": self._index.d}
        (directory / "dense.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> DenseIndex:
        meta = json.loads((directory / "dense.json").read_text(encoding="utf-8"))
        return cls(meta["codes"], faiss.read_index(str(directory / "passages.faiss")), meta["model"])

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every document to one query embedding."""
        similarities, positions = self._index.search(_unit_rows(query_vector), len(self.codes))
        out = np.zeros(len(self.codes), dtype=np.float32)
        valid = positions[0] >= 0
        out[positions[0][valid]] = similarities[0][valid]
        return out


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    matrix = np.ascontiguousarray(np.atleast_2d(np.asarray(vectors, dtype=np.float32)))
    faiss.normalize_L2(matrix)
    return matrix
