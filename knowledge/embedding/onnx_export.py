"""Export a converted model to ONNX for the faster ``onnx`` Encoder backend.

Why: a single query through onnxruntime on 2 cores is several times faster
than through torch (scripts/bench_embedding.py), and search must stay under
30 ms p95. The graph includes mean pooling and L2 normalisation, so a query
costs one ``session.run`` and the embeddings equal sentence-transformers'
(cosine 1.0000). Needs torch only here, at setup; onnxruntime at run time.

Written as ``<model dir>/onnx/model.onnx`` (beside the sentence-transformers
files, where sentence-transformers also looks for ONNX exports), through a
temporary file so a failed export never leaves a truncated graph behind.

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
"""

from __future__ import annotations

import logging
import time
import warnings
from pathlib import Path

import torch

from knowledge.embedding.backends import load_sentence_transformer

ONNX_SUBDIR = "onnx"
ONNX_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
# Kept in float by ``quantise`` (see above); matched as substrings of node names.
FLOAT_MATMULS = (
    "/layer.4/output/dense/MatMul",
    "/layer.0/output/dense/MatMul",
    "/layer.5/output/dense/MatMul",
)
OPSET = 17


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
    """Write ``onnx/model_int8.onnx`` from ``onnx/model.onnx``; return it and seconds (about 10).

    ``keep_float``: substrings of the names of matrix products left in float.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    started = time.perf_counter()
    source = onnx_path(model_dir)
    target = target or int8_onnx_path(model_dir)
    nodes = [name for name in weight_matmuls(source) if not any(part in name for part in keep_float)]
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
            nodes_to_quantize=nodes,
        )
        partial.replace(target)
    finally:
        logging.disable(logging.NOTSET)
        partial.unlink(missing_ok=True)
    return target, time.perf_counter() - started


def export_onnx(model_dir: Path) -> tuple[Path, float]:
    """Write ``onnx/model.onnx`` for the sentence-transformers model in ``model_dir``; return it and seconds."""
    started = time.perf_counter()
    model = load_sentence_transformer(str(model_dir), local=True)
    _check_mean_pooling(model)
    target = onnx_path(model_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    sample = model.tokenizer(["query: xin chào"], return_tensors="pt")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about Python control flow on shapes
            torch.onnx.export(
                _PooledEncoder(model[0].auto_model.eval()),
                (sample["input_ids"], sample["attention_mask"]),
                str(partial),
                input_names=["input_ids", "attention_mask"],
                output_names=["sentence_embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "sentence_embedding": {0: "batch"},
                },
                opset_version=OPSET,
                dynamo=False,  # the TorchScript exporter needs no extra packages and handles BERT well
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target, time.perf_counter() - started


def _check_mean_pooling(model) -> None:
    """The graph bakes in mean pooling + normalisation: refuse models that pool differently."""
    names = [type(module).__name__ for module in model]
    pooling = model[1] if len(model) > 1 else None
    mode = getattr(pooling, "pooling_mode", None)  # sentence-transformers >= 5
    mean = mode == "mean" if mode is not None else getattr(pooling, "pooling_mode_mean_tokens", False)
    if names[1:] != ["Pooling", "Normalize"] or not mean:
        raise ValueError(f"ONNX export supports Transformer + mean Pooling + Normalize, not {names}")


class _PooledEncoder(torch.nn.Module):
    """Transformer, mean over the attention mask, L2 normalisation: the sentence-transformers pipeline."""

    def __init__(self, transformer: torch.nn.Module):
        super().__init__()
        self.transformer = transformer

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, p=2.0, dim=-1)
