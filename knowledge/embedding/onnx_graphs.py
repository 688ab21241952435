"""Where the ONNX graphs live, and their 8-bit version (no torch: read at run time).

``quantise`` writes ``onnx/model_int8.onnx``: the same graph with the weights
of its matrix products in 8 bits, one scale per output channel. It embeds
passages and questions alike (``TTHC_EMBEDDING_PRECISION``), so both sides of
the index share the same rounding. Three products stay in float
(``FLOAT_MATMULS``): the FFN output projections of layers 4, 0 and 5, the ones
that move the embeddings most when each is quantised alone. Cosine to the float
graph over 200 catalogue titles and 200 title fragments (catalogue text only,
no development question): 0.99856, 0.99966 and 0.99971; every other product
0.99987 or closer. ``scripts/quantisation_sensitivity.py`` re-measures it.

Measured on the development set (460 questions, full catalogue), float → 8
bits: hybrid top-1 0.806 → 0.806, top-3 0.941 → 0.941, MRR 0.876 → 0.876 (a
second build: 0.809 / 0.941 / 0.877); dense-only top-1 0.613 → 0.615; clear
answers right 244/263 → 239/259; answer among the options 185/197 → 189/201.
The two halves of the set split by procedure moved +2.5 and −2.7 points of
top-1: near ties re-ordered, in no one direction. Search p50 12.9 → 8.8 ms;
index build 68 → 38 s. Quantising questions only (the graph's earlier use)
lost 1.7 points of dense-only top-1 and 1.1 of clear-answer precision: the two
sides then disagree by the rounding.

The CPU matters (session 8, an AMD EPYC with AVX2 but no VNNI): ONNX Runtime's
8-bit kernel there can saturate 16-bit sums, and mean cosine to the float graph
over 150 titles and fragments fell to 0.9972 (smallest 0.9907). Quantising with
``reduce_range`` (7-bit weights) gave 0.9984 (smallest 0.9964), 8-bit unsigned
weights 0.9986. On the 460-question development set hybrid top-1 stayed within
noise of float (float 0.861, this graph 0.857, reduce_range 0.852, unsigned
0.865), so the graph is unchanged; index and questions are embedded on the same
machine, so they share whatever rounding it has.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

ONNX_SUBDIR = "onnx"
ONNX_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
# Kept in float by ``quantise`` (see above): node names in the graph ``onnx_export`` writes.
FLOAT_MATMULS = tuple(f"/transformer/encoder/layer.{layer}/output/dense/MatMul" for layer in (4, 0, 5))


def onnx_path(model_dir: Path) -> Path:
    return Path(model_dir) / ONNX_SUBDIR / ONNX_FILE


def int8_onnx_path(model_dir: Path) -> Path:
    return Path(model_dir) / ONNX_SUBDIR / INT8_FILE


def weight_matmuls(graph: Path) -> list[str]:
    """Names of the matrix products that multiply by a stored weight (the quantisable ones)."""
    import onnx

    model = onnx.load(str(graph), load_external_data=False)
    weights = {initializer.name for initializer in model.graph.initializer}
    return [
        node.name
        for node in model.graph.node
        if node.op_type == "MatMul" and any(name in weights for name in node.input)
    ]


def quantise(
    model_dir: Path, keep_float: tuple[str, ...] = FLOAT_MATMULS, target: Path | None = None
) -> tuple[Path, float]:
    """Write ``onnx/model_int8.onnx`` from ``onnx/model.onnx``; return it and seconds (about 7).

    ``keep_float``: names of the matrix products left in float.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    started = time.perf_counter()
    source = onnx_path(model_dir)
    target = target or int8_onnx_path(model_dir)
    partial = target.with_suffix(".partial")
    # quantize_dynamic logs advice about graph pre-processing to the root logger: noise here.
    logging.disable(logging.WARNING)
    try:
        quantize_dynamic(
            str(source),
            str(partial),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],  # not the embedding table: a Gather, read not multiplied
            nodes_to_exclude=list(keep_float),
        )
        partial.replace(target)
    finally:
        logging.disable(logging.NOTSET)
        partial.unlink(missing_ok=True)
    return target, time.perf_counter() - started
