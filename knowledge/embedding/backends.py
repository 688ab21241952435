"""Ways to run an embedding model: sentence-transformers on torch, or its ONNX export on onnxruntime.

Both take texts that already carry their prefix and return L2-normalised
float32 rows, and both give the same vectors (cosine 1.0000), so an index built
with one can be queried with the other. Heavy libraries are imported only when
a backend is created.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

import numpy as np

BATCH_SIZE = 32
MAX_TOKENS = 512


class Backend(Protocol):
    dim: int
    prompts: Mapping[str, str]

    def encode(self, texts: list[str]) -> np.ndarray: ...


def load_sentence_transformer(spec: str, local: bool):
    """``SentenceTransformer`` on CPU without transformers' "Loading weights" bar (noise in CLI and bot)."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    bar_was_enabled = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()
    try:
        return SentenceTransformer(spec, device="cpu", local_files_only=local)
    finally:
        if bar_was_enabled:
            transformers_logging.enable_progress_bar()


class TorchBackend:
    """``SentenceTransformer`` on CPU; also loads hub names from the local cache."""

    def __init__(self, spec: str, local: bool):
        self.model = load_sentence_transformer(spec, local)
        dimension = getattr(self.model, "get_embedding_dimension", None)
        self.dim = int((dimension or self.model.get_sentence_embedding_dimension)())
        self.prompts = dict(getattr(self.model, "prompts", None) or {})

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=BATCH_SIZE,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class OnnxBackend:
    """``onnx/model.onnx`` (pooling and normalisation inside the graph) with the model's tokenizer.json."""

    def __init__(self, model_dir: Path, graph: Path, threads: int, spin: bool = False):
        from tokenizers import Tokenizer

        self.graph = graph
        self._threads = threads
        self._spin = spin
        self._session = None  # opened on first use: the action server never embeds passages
        self._session_lock = threading.Lock()
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self.tokenizer.enable_truncation(
            min(MAX_TOKENS, int(config.get("max_position_embeddings", MAX_TOKENS)))
        )
        self.tokenizer.no_padding()
        self.pad_id = int(config.get("pad_token_id") or 0)
        self.dim = int(config["hidden_size"])
        self.prompts = _prompts(model_dir)

    @property
    def session(self):
        with self._session_lock:
            if self._session is None:
                import onnxruntime

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self._threads
                options.inter_op_num_threads = 1
                options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
                # Spinning threads wait for work by burning CPU. On 2 cores shared with Rasa that
                # slowed queries down (scripts/bench_embedding.py): off unless asked for.
                options.add_session_config_entry(
                    "session.intra_op.allow_spinning", "1" if self._spin else "0"
                )
                self._session = onnxruntime.InferenceSession(
                    str(self.graph), options, providers=["CPUExecutionProvider"]
                )
            return self._session

    def encode(self, texts: list[str]) -> np.ndarray:
        """Rows in the order of ``texts``.

        Texts are batched by token length, so a batch is padded to a length close
        to its own texts' rather than to the longest title in the catalogue: the
        index build embeds about half as many padding tokens.
        """
        ids = [encoding.ids for encoding in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            width = max(len(ids[i]) for i in batch)
            input_ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = 1
            out[batch] = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        return out


def _prompts(model_dir: Path) -> dict[str, str]:
    path = model_dir / "config_sentence_transformers.json"
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8")).get("prompts") or {})
