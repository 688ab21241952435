"""Comparing a parsed record with expectations written down by hand.

Expected values live in the test modules as plain data. Long source texts are
given by their beginning (``Prefix``) so the tests stay readable without
pasting whole records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from knowledge.catalogue.model import Channel, DocumentGroup, Procedure


@dataclass(frozen=True)
class Prefix:
    start: str

    def matches(self, value: Optional[str]) -> bool:
        return value is not None and value.startswith(self.start)

    def __repr__(self) -> str:
        return f"Prefix({self.start!r}…)"


def same(actual: Any, expected: Any) -> bool:
    if isinstance(expected, Prefix):
        return expected.matches(actual)
    return actual == expected


def check_value(where: str, actual: Any, expected: Any) -> None:
    assert same(actual, expected), f"{where}: got {actual!r}, expected {expected!r}"


@dataclass
class Fee:
    """Expected fee; ``reductions`` as (until, expired, amount_vnd) triples."""

    text: Any
    basis: str
    amount_vnd: Optional[list[int]] = None
    free: bool = False
    regulation: Optional[str] = None
    note: Any = None
    reductions: tuple = ()


@dataclass
class Row:
    """Expected channel: time as (value, unit, text)."""

    channel: str
    time: tuple
    fee: Fee
    note: Any = None


def check_channels(code: str, channels: list[Channel], expected: list[Row]) -> None:
    assert [c.channel for c in channels] == [r.channel for r in expected], code
    for index, (channel, row) in enumerate(zip(channels, expected, strict=True)):
        where = f"{code} channel {index} ({row.channel})"
        time = channel.time
        check_value(f"{where} time", (time.value, time.unit, time.text), row.time)
        fee, want = channel.fee, row.fee
        for name in ("text", "basis", "amount_vnd", "free", "regulation", "note"):
            check_value(f"{where} fee.{name}", getattr(fee, name), getattr(want, name))
        reductions = tuple((r.until, r.expired, r.amount_vnd) for r in fee.reductions)
        check_value(f"{where} fee.reductions", reductions, tuple(want.reductions))
        check_value(f"{where} note", channel.note, row.note)


def check_documents(code: str, groups: list[DocumentGroup], expected: list[tuple]) -> None:
    """``expected``: (case, item count, [(name, form, quantity) for the first items])."""
    assert len(groups) == len(expected), f"{code}: {len(groups)} document groups"
    for index, (group, (case, count, items)) in enumerate(zip(groups, expected, strict=True)):
        where = f"{code} documents[{index}]"
        check_value(f"{where} case", group.case, case)
        assert len(group.items) == count, f"{where}: {len(group.items)} items, expected {count}"
        for number, (name, form, quantity) in enumerate(items):
            item = group.items[number]
            check_value(f"{where} item {number} name", item.name, name)
            check_value(f"{where} item {number} form", item.form, form)
            check_value(f"{where} item {number} quantity", item.quantity, quantity)


def check_procedure(procedure: Procedure, expected: dict[str, Any]) -> None:
    """Every key of ``expected`` is compared; channels, documents, steps and legal basis
    have their own shapes (see the helpers above)."""
    code = procedure.code
    for key, want in expected.items():
        if key == "channels":
            check_channels(code, procedure.channels, want)
        elif key == "documents":
            check_documents(code, procedure.documents, want)
        elif key == "steps":
            count, starts = want
            assert len(procedure.steps) == count, f"{code}: {len(procedure.steps)} steps"
            for number, start in enumerate(starts):
                check_value(f"{code} step {number}", procedure.steps[number], Prefix(start))
        elif key == "legal_basis":
            got = [(ref.number, ref.title) for ref in procedure.legal_basis]
            assert len(got) == len(want), f"{code}: legal basis {got}"
            for (number, title), (want_number, want_title) in zip(got, want, strict=True):
                check_value(f"{code} legal number", number, want_number)
                check_value(f"{code} legal title of {want_number}", title, want_title)
        elif key == "source":
            source = procedure.source
            assert source is not None
            check_value(f"{code} source", (source.url, source.format, source.captured, source.path), want)
        else:
            check_value(f"{code} {key}", getattr(procedure, key), want)
