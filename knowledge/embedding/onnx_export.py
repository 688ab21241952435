"""Export a converted model to ONNX for the faster ``onnx`` Encoder backend.

Why: a single query through onnxruntime on 2 cores is several times faster
than through torch (scripts/bench_embedding.py), and search must stay under
30 ms p95. The graph includes mean pooling and L2 normalisation, so a query
costs one ``session.run`` and the embeddings equal sentence-transformers'
(cosine 1.0000). Needs torch only here, at setup; onnxruntime at run time.

Written as ``<model dir>/onnx/model.onnx`` (beside the sentence-transformers
files, where sentence-transformers also looks for ONNX exports), through a
temporary file so a failed export never leaves a truncated graph behind.

Paths of the graphs and their 8-bit version: ``onnx_graphs`` (no torch there,
so the action server never imports it).
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import torch

from knowledge.embedding.backends import load_sentence_transformer
from knowledge.embedding.onnx_graphs import onnx_path

OPSET = 17


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
