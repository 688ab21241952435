"""Small Vietnamese formatting helpers shared by the aspect renderers.

Everything here turns a value the catalogue stated into words; nothing adds
a fact. Amounts use the Vietnamese thousands separator ("20.000 đồng"),
decimals a comma ("0,5"), and long source text is clipped at a word boundary
so a reply stays readable on a phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Optional

from knowledge.catalogue.model import (
    CHANNEL_IN_PERSON,
    CHANNEL_ONLINE,
    CHANNEL_POST,
    CHANNELS,
    LEVEL_COMMUNE,
    LEVEL_MINISTRY,
    LEVEL_OTHER,
    LEVEL_PROVINCE,
    LEVELS,
)

ELLIPSIS = "…"

_LEVEL_WORDS = {
    LEVEL_MINISTRY: "cấp bộ",
    LEVEL_PROVINCE: "cấp tỉnh",
    LEVEL_COMMUNE: "cấp xã",
    LEVEL_OTHER: "cơ quan khác",
}
_CHANNEL_WORDS = {
    CHANNEL_IN_PERSON: "trực tiếp",
    CHANNEL_ONLINE: "trực tuyến",
    CHANNEL_POST: "qua bưu chính",
}
# Leading list markers the sources put before items ("- ", "+ ", "* ", "• ").
_BULLET = re.compile(r"^\s*[-+*•]+\s*")


def money(amount: int) -> str:
    """20000 -> "20.000 đồng" (Vietnamese groups thousands with a dot)."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def number(value: float) -> str:
    """8.0 -> "8", 0.5 -> "0,5": no trailing ".0", Vietnamese decimal comma."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def join_words(words: Sequence[str], last: str = "và") -> str:
    """["a", "b", "c"] -> "a, b và c"."""
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def levels_phrase(levels: Iterable[str]) -> str:
    """["tỉnh", "xã"] -> "cấp tỉnh, cấp xã"; unknown levels are shown as written."""
    ordered = sorted(set(levels), key=lambda lv: LEVELS.index(lv) if lv in LEVELS else len(LEVELS))
    words = [_LEVEL_WORDS.get(level, level) for level in ordered]
    return ", ".join(words) if words else "chưa rõ cấp thực hiện"


def channel_word(channel: str) -> str:
    """ "bưu chính" -> "qua bưu chính", so "nộp qua bưu chính" reads naturally."""
    return _CHANNEL_WORDS.get(channel, channel)


def channel_order(channel: str) -> int:
    return CHANNELS.index(channel) if channel in CHANNELS else len(CHANNELS)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def without_bullet(text: str) -> str:
    return _BULLET.sub("", text).strip()


# The number of the next item, glued to the end of this one in some portal
# records: "…Thông tư số 53/2025/TT-BCA).1.", "Đơn xin nhận con nuôi;1.". Only
# after ")", ";" or a full stop that ends a word or a bracket, so "Mẫu 1.1." keeps
# its number.
_NEXT_ITEM_NUMBER = re.compile(r"(?:(?<=[;)])|(?<=\)\.)|(?<=[^\W\d_]\.))\s*\d{1,2}\.\s*$")


def without_next_item_number(text: str) -> str:
    return _NEXT_ITEM_NUMBER.sub("", text).strip()


def one_line(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 1)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–") + ELLIPSIS


# Options whose titles share a long beginning ("Đăng ký đất đai, … lần đầu đối
# với tổ chức …" / "… đối với hộ gia đình …") read the same once clipped. Such a
# title is shown as its head, "…", and the words where it differs.
HEAD_CHARS = 45  # the head ends at the last comma within this many characters, else at a word
CONTEXT_WORDS = 2  # shared words kept before the difference ("… đối với tổ chức")


def distinguishing_clips(texts: Sequence[str], limit: int) -> list[str]:
    """Each text clipped to about ``limit`` characters, still showing how it differs from the others.

    A clipped text counts as showing the difference when the first two words
    after the part it shares with another text are visible (or it ends there).
    """
    words = [one_line(text).split() for text in texts]
    clipped = []
    for own in words:
        plain = clip(" ".join(own), limit)
        shown = plain[: -len(ELLIPSIS)] if plain.endswith(ELLIPSIS) else plain
        shared = max((_shared_words(own, other) for other in words if other != own), default=0)
        head = _head(own)
        visible = len(" ".join(own[: shared + 2])) <= len(shown)
        if visible or shared >= len(own) or shared - CONTEXT_WORDS <= len(head.split()):
            clipped.append(plain)
            continue
        tail = " ".join(own[shared - CONTEXT_WORDS :])
        clipped.append(f"{head} {ELLIPSIS} {clip(tail, max(limit - len(head) - 3, 30))}")
    return clipped


def _head(words: list[str]) -> str:
    """The first words, up to the last comma within ``HEAD_CHARS`` characters if there is one."""
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > HEAD_CHARS:
            break
        kept.append(word)
    commas = [i for i, word in enumerate(kept) if word.endswith(",")]
    if commas and commas[-1] >= 2:
        kept = kept[: commas[-1] + 1]
    return " ".join(kept).rstrip(" ,;:.-–")


def _shared_words(one: list[str], other: list[str]) -> int:
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count


def clip_block(text: str, limit: int) -> str:
    """Multi-line text kept line by line up to ``limit`` characters, the last line clipped."""
    kept: list[str] = []
    used = 0
    for line in (one_line(raw) for raw in text.splitlines()):
        if not line:
            continue
        room = limit - used
        if room <= 20:
            kept.append(ELLIPSIS)
            break
        kept.append(clip(line, room))
        used += len(kept[-1]) + 1
        if kept[-1].endswith(ELLIPSIS):
            break
    return "\n".join(kept)


def month_year(captured: Optional[str]) -> Optional[str]:
    """ "2026-07" -> "07/2026"; "2025" stays "2025"; anything else is shown as written."""
    if not captured:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", captured.strip())
    return f"{match.group(2)}/{match.group(1)}" if match else captured.strip()


def day_month_year(iso_date: str) -> str:
    """ "2026-12-31" -> "31/12/2026"."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso_date)
    return f"{match.group(3)}/{match.group(2)}/{match.group(1)}" if match else iso_date


_DOCUMENT_KINDS = (
    (re.compile(r"/QH\d*$"), "Luật"),
    (re.compile(r"/UBTVQH\d*$"), "Nghị quyết"),
    (re.compile(r"/NĐ-CP$"), "Nghị định"),
    (re.compile(r"/TT(?:LT)?-"), "Thông tư"),
    (re.compile(r"/QĐ-"), "Quyết định"),
    (re.compile(r"/NQ-"), "Nghị quyết"),
)


def legal_document(number_text: str) -> str:
    """ "244/2016/TT-BTC" -> "Thông tư 244/2016/TT-BTC"; unknown kinds -> "văn bản số …"."""
    for pattern, kind in _DOCUMENT_KINDS:
        if pattern.search(number_text):
            return f"{kind} {number_text}"
    return f"văn bản số {number_text}"
