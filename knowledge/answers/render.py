"""A whole reply: who the answer is about, the answer, and where it comes from.

Every reply starts with the procedure's name, code and level and ends with
the source link and capture date, so a citizen (or a reviewer) can always
check the answer against the official page. A missing value is said plainly,
with the same pointer to the source, never filled in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Optional

from knowledge.answers import aspects
from knowledge.answers.text import ELLIPSIS, clip, levels_phrase, month_year, one_line
from knowledge.catalogue.family import family_key
from knowledge.catalogue.model import Procedure

ASPECTS = (
    "overview",
    "documents",
    "fee",
    "time",
    "steps",
    "where",
    "online",
    "conditions",
    "result",
    "legal_basis",
)

# What each aspect is called in a sentence ("… chưa có thông tin về <label> …").
ASPECT_LABELS = {
    "overview": "thông tin chung",
    "documents": "thành phần hồ sơ",
    "fee": "phí, lệ phí",
    "time": "thời hạn giải quyết",
    "steps": "trình tự thực hiện",
    "where": "cơ quan và nơi nộp hồ sơ",
    "online": "hình thức nộp hồ sơ",
    "conditions": "yêu cầu, điều kiện",
    "result": "kết quả thực hiện",
    "legal_basis": "căn cứ pháp lý",
}

_RENDERERS: dict[str, Callable[[Procedure, int, date], Optional[list[str]]]] = {
    "overview": aspects.overview,
    "documents": aspects.documents,
    "fee": aspects.fee,
    "time": aspects.time,
    "steps": aspects.steps,
    "where": aspects.where,
    "online": aspects.online,
    "conditions": aspects.conditions,
    "result": aspects.result,
    "legal_basis": aspects.legal_basis,
}

# A reply longer than this is hard to read on a phone; the rest is at the source.
MAX_REPLY_CHARS = 1200
SOURCE_NAME = "Cơ sở dữ liệu quốc gia về TTHC"
PORTAL = "dichvucong.gov.vn"
NAME_CHARS = 160


def render(proc: Procedure, aspect: str, today: Optional[date] = None) -> str:
    """The reply for one aspect of one procedure (contract: docs/contracts.md, "Answers")."""
    if aspect not in _RENDERERS:
        raise ValueError(f"unknown aspect {aspect!r}; expected one of {', '.join(ASPECTS)}")
    header, source = heading(proc), source_line(proc)
    budget = MAX_REPLY_CHARS - len(header) - len(source) - 2
    content = body(proc, aspect, today, budget=budget)
    if content is None:
        content = missing(aspect)
    return "\n".join([header, _fit(content, budget), source])


def body(proc: Procedure, aspect: str, today: Optional[date] = None, *, budget: int = 1000) -> Optional[str]:
    """The answer without heading and source, or ``None`` when the record has no value.

    Also used to tell whether two variants of a family give the same answer
    (then there is no need to ask the citizen which level they mean).
    """
    lines = _RENDERERS[aspect](proc, budget, today or date.today())
    return "\n".join(lines) if lines else None


def missing(aspect: str) -> str:
    return (
        f"Cơ sở dữ liệu chưa có thông tin về {ASPECT_LABELS[aspect]} của thủ tục này. "
        "Anh/chị vui lòng xem trang thủ tục tại nguồn dưới đây, "
        "hoặc hỏi cơ quan tiếp nhận hồ sơ."
    )


def heading(proc: Procedure) -> str:
    """ "Cấp hộ chiếu phổ thông ở trong nước (mã 1.001456, cấp tỉnh)"."""
    return f"{clip(display_name(proc), NAME_CHARS)} (mã {proc.code}, {levels_phrase(proc.levels)})"


def display_name(proc: Procedure) -> str:
    """The name without a trailing level ("(thực hiện tại cấp tỉnh)"), in its own case.

    The level is then always shown from the record's ``levels``, which follow
    the 2025 reform even where an older title still says "cấp huyện".
    """
    name = one_line(proc.name)
    key = family_key(name)
    if key and name.lower().startswith(key) and len(key) < len(name):
        return name[: len(key)]
    return name


def source_line(proc: Procedure) -> str:
    """ "Nguồn: Cơ sở dữ liệu quốc gia về TTHC, <url>, cập nhật 07/2026"."""
    source = proc.source
    if source is not None and source.format == "demo":
        parts = ["Nguồn: dữ liệu mẫu để minh họa, không phải dữ liệu chính thức"]
    else:
        parts = [f"Nguồn: {SOURCE_NAME}"]
    if source is not None and source.url:
        parts.append(source.url)
    else:
        parts.append(f"tra cứu mã {proc.code} tại {PORTAL}")
    captured = month_year(source.captured) if source is not None else None
    if captured:
        parts.append(f"cập nhật {captured}")
    return ", ".join(parts)


def _fit(content: str, budget: int) -> str:
    """Whole lines up to ``budget``; a pointer to the source replaces the rest."""
    if len(content) <= budget:
        return content
    kept: list[str] = []
    used = 0
    more = f"{ELLIPSIS} (xem đầy đủ tại nguồn)"
    for line in content.splitlines():
        if used + len(line) + 1 > budget - len(more) - 1:
            room = budget - used - len(more) - 2
            if room > 60:
                kept.append(clip(line, room))
            break
        kept.append(line)
        used += len(line) + 1
    kept.append(more)
    return "\n".join(kept)
