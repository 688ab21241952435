"""Fixtures for the retrieval tests: a demo index built in a temporary data directory, the real one.

Three kinds of index are used:

* ``demo_index``: the demo catalogue imported and indexed under a temporary
  ``TTHC_DATA_DIR``, its dense part built by ``BagOfSyllables`` below. It needs
  neither ``var/`` nor the embedding model, so these tests always run.
* ``demo_model_data``: the same catalogue indexed with the real embedding
  model (``var/models`` or ``TTHC_EMBEDDING_MODEL``); skips without the model.
* ``full_searcher``: the developer's ``var/index``, for regression cases on the
  national catalogue. Skips when that index is missing or was built from the
  demo catalogue (a clone without ``../shared/catalogue-sources``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from knowledge.catalogue.importer import run_import
from knowledge.catalogue.store import CatalogueStore
from knowledge.search.hybrid import Searcher
from knowledge.search.index import LoadedIndex, build_index, load_index
from knowledge.settings import DEMO_SOURCES, PROJECT_ROOT
from knowledge.text import bare_key, syllables

SHARED_SOURCES = PROJECT_ROOT.parent / "shared" / "catalogue-sources"
DEMO_COUNT = len(list(DEMO_SOURCES.glob("portal-demo/*/*.json")))
# The national catalogue has ~2,800 procedures; an index far smaller than that
# cannot hold the regression cases' procedures.
FULL_CATALOGUE_MIN = 1000
IMPORT_DAY = date(2026, 9, 1)
EMBEDDING_ENV = (
    "TTHC_EMBEDDING_MODEL",
    "TTHC_EMBEDDING_BACKEND",
    "TTHC_EMBEDDING_QUERY_PREFIX",
    "TTHC_EMBEDDING_PASSAGE_PREFIX",
)


class BagOfSyllables:
    """A small real ``TextEncoder``: hashed accent-less syllables, unit length.

    Lets the demo index be built without the embedding model. Texts sharing
    words get similar vectors, so dense search over it is meaningful, if crude.
    """

    name = "bag-of-syllables"
    dim = 256

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in syllables(text):
                digest = hashlib.blake2b(bare_key(token).encode(), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.dim] += 1.0
            norm = np.linalg.norm(vectors[row])
            if norm:
                vectors[row] /= norm
        return vectors


@dataclass(frozen=True)
class DemoData:
    """A data directory holding the imported demo catalogue and its index."""

    root: Path

    @property
    def db(self) -> Path:
        return self.root / "catalogue.sqlite3"

    @property
    def index(self) -> Path:
        return self.root / "index"


def import_demo(root: Path) -> CatalogueStore:
    root.mkdir(parents=True, exist_ok=True)
    run_import(DEMO_SOURCES, root / "catalogue.sqlite3", root / "import-warnings.jsonl", today=IMPORT_DAY)
    return CatalogueStore(root / "catalogue.sqlite3")


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> DemoData:
    """Demo catalogue + index built with ``BagOfSyllables`` (no model, no ``var/``)."""
    data = DemoData(tmp_path_factory.mktemp("demo-var"))
    store = import_demo(data.root)
    build_index(store, BagOfSyllables(), directory=data.index)
    store.close()
    return data


@pytest.fixture(scope="session")
def demo_index(demo_data: DemoData) -> LoadedIndex:
    return load_index(demo_data.index)


@pytest.fixture(scope="session")
def demo_searcher(demo_index: LoadedIndex) -> Searcher:
    """Lexical evidence only: what the assistant does when the model is unavailable."""
    return Searcher(demo_index, None)


@pytest.fixture()
def demo_env(demo_data: DemoData, monkeypatch) -> DemoData:
    """``TTHC_DATA_DIR`` pointing at the demo data, so default paths resolve there."""
    monkeypatch.setenv("TTHC_DATA_DIR", str(demo_data.root))
    monkeypatch.delenv("TTHC_CATALOGUE_DB", raising=False)
    return demo_data


# ------------------------------------------------------------ real model


@pytest.fixture(scope="session")
def model_spec() -> str:
    """The configured embedding model; skips when it was never converted."""
    from knowledge.embedding.encoder import configured_model

    spec = configured_model()
    if not (Path(spec) / "modules.json").is_file():
        pytest.skip(f"embedding model not converted at {spec} (run `tthc model convert`)")
    return spec


@pytest.fixture(scope="session")
def real_encoder(model_spec: str):
    from knowledge.embedding.encoder import Encoder

    return Encoder.load(model_spec)


@pytest.fixture(scope="session")
def demo_model_data(tmp_path_factory, real_encoder) -> DemoData:
    """Demo catalogue indexed with the real embedding model."""
    data = DemoData(tmp_path_factory.mktemp("demo-model-var"))
    store = import_demo(data.root)
    build_index(store, real_encoder, directory=data.index)
    store.close()
    return data


@pytest.fixture(scope="session")
def demo_hybrid(demo_model_data: DemoData, real_encoder) -> Searcher:
    return Searcher(load_index(demo_model_data.index), real_encoder)


@pytest.fixture()
def demo_model_env(demo_model_data: DemoData, model_spec: str, monkeypatch) -> Iterator[DemoData]:
    """Environment for the CLI on the model-built demo index (the model stays where it is)."""
    for name in EMBEDDING_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TTHC_EMBEDDING_MODEL", model_spec)
    monkeypatch.setenv("TTHC_DATA_DIR", str(demo_model_data.root))
    monkeypatch.delenv("TTHC_CATALOGUE_DB", raising=False)
    yield demo_model_data


# ------------------------------------------------------ national catalogue


def _full_index_or_skip() -> LoadedIndex:
    from knowledge.search.index import IndexNotBuilt, index_dir, read_stamp

    must_run = os.environ.get("CI", "").lower() == "true" and SHARED_SOURCES.is_dir()
    stamp = read_stamp()
    if stamp is None:
        reason = f"no search index at {index_dir()} (run scripts/prepare.sh)"
    elif stamp.count < FULL_CATALOGUE_MIN:
        reason = (
            f"{index_dir()} holds {stamp.count} procedures: it was built from the demo catalogue "
            f"({DEMO_COUNT} records), not from {SHARED_SOURCES}; regression cases need the full catalogue"
        )
    else:
        try:
            return load_index()
        except IndexNotBuilt as exc:
            reason = str(exc)
    if must_run:
        pytest.fail(reason + " (CI=true with the shared export present: these tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def full_index() -> LoadedIndex:
    return _full_index_or_skip()


@pytest.fixture(scope="session")
def full_searcher(full_index: LoadedIndex, real_encoder) -> Searcher:
    """The assistant's own searcher on ``var/index`` (index + embedding model)."""
    encoder = real_encoder
    if encoder.name != full_index.stamp.model:
        pytest.skip(
            f"var/index was built with {full_index.stamp.model}, the configured model is {encoder.name}"
        )
    return Searcher(full_index, encoder)
