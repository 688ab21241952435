"""Fee and processing time, which the catalogue gives per submission channel.

Channels that share a value are named together ("Nộp trực tuyến hoặc qua bưu
chính: 8 ngày làm việc"), so the common case of one value for every channel
stays one short line, and a difference between channels is never hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Optional

from knowledge.answers.text import (
    capitalise,
    channel_order,
    channel_word,
    clip,
    day_month_year,
    join_words,
    legal_document,
    money,
    number,
    without_bullet,
)
from knowledge.catalogue.model import (
    FEE_FIXED,
    FEE_FREE,
    FEE_PROVINCIAL,
    FEE_REGULATION,
    Channel,
    Fee,
    Procedure,
    ProcessingTime,
    Reduction,
)

NO_VALUE = "chưa có thông tin"
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_FOREIGN_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:USD|EUR)\b")
_FEE_LABEL = re.compile(r"^\s*(?:phí|lệ phí)\s*:\s*", re.IGNORECASE)
# A channel's description ("Mô tả") talks about time only sometimes; it is shown
# with the time when it states a duration or a time limit.
_TIME_NOTE = re.compile(r"\d+\s*(?:ngày|giờ|tháng)|thời hạn", re.IGNORECASE)
_TRIVIAL_NOTE = re.compile(r"^\W*(?:không|không có|không quy định|chưa quy định)?\W*$", re.IGNORECASE)
NOTE_CHARS = 220


def per_channel(proc: Procedure, phrase: Callable[[Channel], str]) -> Optional[str]:
    """ "Nộp trực tiếp: 20.000 đồng; nộp trực tuyến: 10.000 đồng." or ``None`` without channels.

    A channel listed twice with different values (the Word export does this)
    keeps both values, joined by "hoặc".
    """
    values: dict[str, list[str]] = {}
    for channel in sorted(proc.channels, key=lambda c: channel_order(c.channel)):
        found = values.setdefault(channel.channel, [])
        value = phrase(channel)
        if value not in found:
            found.append(value)
    if not values:
        return None
    groups: dict[str, list[str]] = {}
    for name, found in values.items():
        groups.setdefault(" hoặc ".join(found), []).append(channel_word(name))
    parts = [f"nộp {join_words(names, 'hoặc')}: {value}" for value, names in groups.items()]
    return capitalise("; ".join(parts)) + "."


# ----------------------------------------------------------------------- time


def time_phrase(time: ProcessingTime) -> str:
    """The processing time as the source stated it; a bare number stays bare.

    About 18% of portal records give a number without unit. Adding "ngày làm
    việc" would invent a fact, so the number is shown as written and flagged.
    """
    text = " ".join((time.text or "").split())
    if time.value is not None and time.unit:
        return f"{number(time.value)} {time.unit}"
    if not text:
        return NO_VALUE
    if _BARE_NUMBER.fullmatch(text):
        return f"{text} (nguồn không ghi đơn vị)"
    if text.lower().startswith("không"):  # "Không quy định" reads as a value after a colon
        text = text[:1].lower() + text[1:]
    return clip(text, 160)


def time_lines(proc: Procedure) -> Optional[list[str]]:
    line = per_channel(proc, lambda c: time_phrase(c.time))
    if line is None or all(time_phrase(c.time) == NO_VALUE for c in proc.channels):
        return None
    lines = [line]
    notes = _distinct(clip(c.note, NOTE_CHARS) for c in proc.channels if c.note and _TIME_NOTE.search(c.note))
    lines += [f"Ghi chú: {without_bullet(note)}" for note in notes[:2]]
    return lines


# ------------------------------------------------------------------------ fee


def fee_phrase(fee: Fee) -> str:
    """One channel's fee in words, following ``Fee.basis`` (see knowledge/catalogue/fees.py)."""
    if fee.basis == FEE_PROVINCIAL:
        phrase = "theo mức do Hội đồng nhân dân cấp tỉnh quy định; mức thu khác nhau theo tỉnh"
        if fee.amount_vnd:
            phrase += f" (cơ sở dữ liệu ghi {_amounts(fee.amount_vnd)})"
        return phrase
    if fee.basis == FEE_FIXED:
        if fee.amount_vnd:
            return _amounts(fee.amount_vnd)
        foreign = _FOREIGN_AMOUNT.search(fee.text or "")
        if foreign:
            return _FEE_LABEL.sub("", " ".join(fee.text.split()))
        return "có thu phí, mức thu xem ghi chú"
    if fee.basis == FEE_REGULATION:
        if fee.regulation:
            return f"theo mức quy định tại {legal_document(fee.regulation)}"
        return "theo quy định của pháp luật về phí, lệ phí; cơ sở dữ liệu không ghi mức cụ thể"
    if fee.basis == FEE_FREE or fee.free:
        return "miễn phí"
    return NO_VALUE


def _amounts(amounts: list[int]) -> str:
    words = [money(a) for a in amounts]
    if len(words) == 1:
        return words[0]
    return f"{join_words(words, 'hoặc')} tùy trường hợp"


def fee_lines(proc: Procedure, today: date) -> Optional[list[str]]:
    """Per-channel amounts, then the notes that qualify them, then temporary reductions."""
    fees = [c.fee for c in proc.channels]
    if not fees or all(fee_phrase(f) == NO_VALUE for f in fees):
        return None
    lines = [per_channel(proc, lambda c: fee_phrase(c.fee)) or ""]
    notes = _distinct(_note_outside_reductions(f) for f in fees if f.basis != FEE_FREE)
    lines += [f"Ghi chú: {clip(without_bullet(note), NOTE_CHARS)}" for note in notes[:2]]
    lines += _reduction_lines(proc, today)
    return lines


def _note_outside_reductions(fee: Fee) -> str:
    note = fee.note or ""
    for reduction in fee.reductions:
        note = note.replace(reduction.text, " ")
    note = " ".join(note.split())
    return "" if _TRIVIAL_NOTE.match(note) else note


def _reduction_lines(proc: Procedure, today: date) -> list[str]:
    """Temporary reductions with their end date; an ended one is marked as such.

    When the amount a channel states is itself one of an ended reduction's
    amounts, the catalogue may still be showing the reduced fee: the reply
    says so rather than presenting that amount as current.
    """
    by_text: dict[str, Reduction] = {}
    stale: dict[str, list[str]] = {}  # amount -> channels still showing it
    for channel in proc.channels:
        for reduction in channel.fee.reductions:
            by_text.setdefault(reduction.text, reduction)
            if not reduction.is_expired(today):
                continue
            ended_amounts = set(reduction.amount_vnd or [])
            for amount in channel.fee.amount_vnd or []:
                names = stale.setdefault(money(amount), []) if amount in ended_amounts else None
                if names is not None and channel_word(channel.channel) not in names:
                    names.append(channel_word(channel.channel))
    lines = []
    for text in _distinct(by_text):
        reduction = by_text[text]
        quoted = clip(without_bullet(text), NOTE_CHARS)
        if not reduction.until:
            lines.append(f"Mức giảm tạm thời: {quoted}")
        elif reduction.is_expired(today):
            until = day_month_year(reduction.until)
            lines.append(f"Mức giảm tạm thời áp dụng đến hết {until} nay đã hết hiệu lực: {quoted}")
        else:
            until = day_month_year(reduction.until)
            lines.append(f"Mức giảm tạm thời, áp dụng đến hết {until}: {quoted}")
    for amount, names in stale.items():
        lines.append(
            f"Lưu ý: mức {amount} ghi cho hình thức nộp {join_words(names, 'và')} thuộc mức giảm "
            "đã hết hiệu lực; anh/chị nên kiểm tra mức thu hiện hành tại nguồn."
        )
    return lines


def _distinct(values: Iterable[str]) -> list[str]:
    """Values without repeats (see ``_overlap``); channels often carry the same note.

    The shorter of two overlapping notes is kept: the full text is at the source.
    """
    kept: list[tuple[str, str]] = []
    for value in values:
        if not value:
            continue
        key = _comparable(value)
        overlapping = [i for i, (k, _) in enumerate(kept) if _overlap(key, k)]
        if not overlapping:
            kept.append((key, value))
        elif len(key) < len(kept[overlapping[0]][0]):
            kept[overlapping[0]] = (key, value)
    return [value for _, value in kept]


def _overlap(a: str, b: str) -> bool:
    """One contains most of the other: equal up to punctuation, or glued-on text, or a
    cut-off last word ("Bộ Tài chín)+ Trực tiếp …")."""
    shorter, longer = sorted((a, b), key=len)
    return shorter[: max(int(len(shorter) * 0.9), 1)] in longer


def _comparable(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())
