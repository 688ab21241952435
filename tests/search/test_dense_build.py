"""DenseIndex.build embeds passages shortest first but must keep catalogue order."""

from __future__ import annotations

import numpy as np

from knowledge.search.dense import BATCH, DenseIndex


class LengthEncoder:
    """Vector of each passage derived from its text, and a record of the batches it saw."""

    name = "length-encoder"
    dim = 8

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return np.stack([_vector(text) for text in texts])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.encode_passages(texts)


def _vector(text: str) -> np.ndarray:
    rng = np.random.default_rng(sum(ord(c) * (i + 1) for i, c in enumerate(text)))
    vector = rng.normal(size=LengthEncoder.dim).astype(np.float32)
    return vector / np.linalg.norm(vector)


def test_each_code_keeps_its_own_passage_vector():
    passages = [f"thủ tục {'rất ' * (i * 7 % 23)}dài số {i}" for i in range(BATCH * 2 + 5)]
    codes = [f"1.{i:06d}" for i in range(len(passages))]
    encoder = LengthEncoder()
    done: list[int] = []
    index = DenseIndex.build(codes, passages, encoder, progress=done.append)

    assert sum(done) == len(passages) and len(encoder.batches) == 3
    widths = [len(text) for batch in encoder.batches for text in batch]
    assert widths == sorted(widths)  # shortest first, so batches pad little
    for position in (0, 1, BATCH + 3, len(passages) - 1):
        scores = index.scores(_vector(passages[position]))
        assert int(np.argmax(scores)) == position
        assert scores[position] > 0.9999
