"""Which matrix products of the embedding model suffer most from 8-bit weights.

Quantises one weight matrix product at a time (all others stay in float) and
prints how far the embeddings move: mean and smallest cosine to the float
graph, over catalogue titles (as passages) and random title fragments (as
questions). Only catalogue text is used, never the development questions, so
the products kept in float by ``knowledge.embedding.onnx_graphs.FLOAT_MATMULS``
are not tuned to the evaluation. About 10 s per product, 12 minutes in all.

    .venv/bin/python scripts/quantisation_sensitivity.py [--titles 200] [--top 10]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from knowledge.catalogue.store import CatalogueStore  # noqa: E402
from knowledge.embedding.backends import OnnxBackend  # noqa: E402
from knowledge.embedding.encoder import default_model_dir  # noqa: E402
from knowledge.embedding.onnx_graphs import onnx_path, quantise, weight_matmuls  # noqa: E402


def sample_texts(count: int, seed: int = 7) -> list[str]:
    """``count`` titles as passages and one fragment of each (2 to 8 words) as a question."""
    rng = random.Random(seed)
    procedures = sorted(CatalogueStore().all(), key=lambda proc: proc.code)
    texts = []
    for proc in rng.sample(procedures, min(count, len(procedures))):
        words = proc.name.split()
        length = rng.randint(min(2, len(words)), max(2, min(8, len(words))))
        start = rng.randint(0, max(0, len(words) - length))
        texts += ["passage: " + proc.name, "query: " + " ".join(words[start : start + length]).lower()]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--titles", type=int, default=200)
    parser.add_argument("--top", type=int, default=10, help="how many of the most sensitive to print last")
    args = parser.parse_args()
    model_dir = default_model_dir()
    graph = onnx_path(model_dir)
    texts = sample_texts(args.titles)
    reference = OnnxBackend(model_dir, graph, threads=2).encode(texts)
    names = weight_matmuls(graph)
    results = []
    with tempfile.TemporaryDirectory(prefix="tthc-quant-") as scratch:
        target = Path(scratch) / "one.onnx"
        for number, name in enumerate(names, 1):
            quantise(model_dir, keep_float=tuple(other for other in names if other != name), target=target)
            cosine = (OnnxBackend(model_dir, target, threads=2).encode(texts) * reference).sum(axis=1)
            results.append((float(cosine.mean()), float(cosine.min()), name))
            print(f"{number:3}/{len(names)} {cosine.mean():.5f} {cosine.min():.4f} {name}", flush=True)
    print(f"\nmost sensitive (mean cosine, smallest cosine) over {len(texts)} texts:")
    for mean, smallest, name in sorted(results)[: args.top]:
        print(f"  {mean:.5f} {smallest:.4f} {name}")
    return 0 if np.isfinite([r[0] for r in results]).all() else 1


if __name__ == "__main__":
    sys.exit(main())
