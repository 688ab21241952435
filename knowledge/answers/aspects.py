"""One function per aspect: the lines that answer it, or ``None`` when the record has nothing.

Each function gets the character budget left for the body of the reply and
shortens its own content in the way that suits it (documents and steps are
counted, free text is clipped), so the reply says how much was left out
instead of being cut mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Optional

from knowledge.answers.channels import fee_lines, fee_phrase, per_channel, time_lines, time_phrase
from knowledge.answers.text import (
    channel_order,
    channel_word,
    clip,
    clip_block,
    join_words,
    levels_phrase,
    one_line,
    without_bullet,
    without_next_item_number,
)
from knowledge.catalogue.model import FEE_FREE, Channel, DocumentItem, Procedure

ITEM_CHARS = 150
STEP_CHARS = 200
MAX_DOCUMENTS = 8
MAX_STEP_LINES = 8
MAX_LEGAL_REFS = 6
# How the sources mark an item of "Trình tự thực hiện", most specific first.
_STEP_MARKERS = (
    ("bước", re.compile(r"^\s*[-+*•]?\s*Bước\s*\d{1,2}\s*[:.\-–)]", re.IGNORECASE)),
    ("roman", re.compile(r"^\s*\([ivx]+\)", re.IGNORECASE)),
    ("letter", re.compile(r"^\s*[a-zđ]\)", re.IGNORECASE)),
    ("plus", re.compile(r"^\s*\+")),
    ("dash", re.compile(r"^\s*[-*•]")),
)
# The step's own marker, dropped because the reply numbers steps itself.
_STEP_MARKER = re.compile(r"^(?:[-+*•]?\s*Bước\s*\d{1,2}\s*[:.\-–)]|[a-zđ]\)|[-*•+])\s*", re.IGNORECASE)
_QUANTITY_PART = re.compile(r"(\d+)\s+(bản chính|bản sao)")


def documents(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    """Documents grouped by case, each with its quantity; what does not fit is counted.

    A few records list a remark among the documents ("Ví dụ: …", "Lưu ý: …"),
    sometimes first. It is shown after the case's documents, as a remark, and
    not counted as a document.
    """
    if not any(group.items for group in proc.documents):
        return None
    total = sum(1 for group in proc.documents for item in group.items if not _is_remark(item))
    lines = ["Thành phần hồ sơ:"]
    used, shown, full = len(lines[0]), 0, False
    for group in proc.documents:
        heading = _case_heading(group.case)
        block = [heading] if heading else []
        ordered = sorted(group.items, key=_is_remark)  # stable: documents in order, then remarks
        for item in ordered:
            remark = _is_remark(item)
            line = f"  {clip(without_bullet(item.name), ITEM_CHARS)}" if remark else f"- {_document(item)}"
            cost = sum(len(text) + 1 for text in block) + len(line) + 1
            if (not remark and shown >= MAX_DOCUMENTS) or used + cost > budget - 50:
                full = True
                break
            block.append(line)
            shown += not remark
        if len(block) > (1 if heading else 0):
            lines += block
            used += sum(len(text) + 1 for text in block)
        if full:
            break
    if shown < total:
        lines.append(f"… và {total - shown} giấy tờ khác (xem đầy đủ tại nguồn).")
    return lines


_REMARK = re.compile(r"^(ví dụ|lưu ý|ghi chú|chú ý)\b", re.IGNORECASE)


def _is_remark(item: DocumentItem) -> bool:
    return bool(_REMARK.match(without_bullet(item.name).strip()))


def _case_heading(case: Optional[str]) -> Optional[str]:
    if not case:
        return None
    text = clip(without_bullet(case), ITEM_CHARS).rstrip(" :")
    return f"{text}:" if text else None


def _document(item: DocumentItem) -> str:
    name = clip(without_next_item_number(without_bullet(item.name)), ITEM_CHARS).rstrip(" ;,")
    quantity = _quantity(item.quantity)
    return f"{name} ({quantity})" if quantity else name


def _quantity(text: Optional[str]) -> Optional[str]:
    """ "0 bản chính, 1 bản sao" -> "1 bản sao"; a quantity of nothing is not shown.

    The portal writes "0 bản chính" for rows that are notes rather than papers
    to bring, so zero parts are dropped instead of telling anyone to bring none.
    """
    if not text:
        return None
    parts = _QUANTITY_PART.findall(text)
    if not parts:
        return one_line(text)
    kept = [f"{int(count)} {kind}" for count, kind in parts if int(count) > 0]
    return ", ".join(kept) or None


def steps(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    """Steps numbered in order.

    The sources mark steps in several ways ("Bước 1:", "a)", "- ", none). The
    marker of the first item is taken as the step marker; items marked
    otherwise ("+ …", "(i) …", a plain follow-on line) stay, indented, under
    the step before them, with their own marker.
    """
    items = [step for step in proc.steps if step.strip()]
    if not items:
        return None
    step_kind = _marker_kind(items[0])
    lines = ["Các bước thực hiện:"]
    used, number, shown = len(lines[0]), 0, 0
    for raw in items:
        if _marker_kind(raw) == step_kind or number == 0:
            line = f"{number + 1}. {clip(_step_text(raw), STEP_CHARS)}"
        else:
            line = f"   {clip(raw.strip(), STEP_CHARS)}"
        if shown >= MAX_STEP_LINES or used + len(line) > budget - 50:
            break
        number += 0 if line.startswith(" ") else 1
        lines.append(line)
        used += len(line) + 1
        shown += 1
    if shown < len(items):
        lines.append(f"… và {len(items) - shown} mục khác (xem đầy đủ tại nguồn).")
    return lines


def _step_text(step: str) -> str:
    """ "Bước 2: Nộp hồ sơ\n* Người …" -> "Nộp hồ sơ: Người …" (a title line keeps its role)."""
    first, *rest = [without_bullet(line) for line in step.strip().splitlines() if line.strip()]
    first = _STEP_MARKER.sub("", first)
    if not rest or not first:
        return " ".join(part for part in (first, *rest) if part)
    joiner = " " if first.endswith((".", ":", ";", ",")) else ": "
    return first + joiner + " ".join(rest)


def _marker_kind(step: str) -> str:
    for kind, pattern in _STEP_MARKERS:
        if pattern.match(step):
            return kind
    return "plain"


def where(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    """Who receives and decides, the address when given, and the level."""
    facts = [
        ("Cơ quan thực hiện", proc.agency),
        ("Cơ quan có thẩm quyền", proc.authority if proc.authority != proc.agency else None),
        ("Địa chỉ tiếp nhận hồ sơ", proc.address),
        ("Cơ quan được ủy quyền", proc.delegated_agency),
    ]
    stated = [(label, value) for label, value in facts if value]
    if not stated:
        return None
    share = max(budget // len(stated) - 30, 80)
    return [f"Cấp thực hiện: {levels_phrase(proc.levels)}."] + [
        f"{label}: {clip(value, share)}" for label, value in stated
    ]


def online(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    """Whether an online channel is listed, and every channel there is."""
    if not proc.channels:
        return None
    names = sorted({c.channel for c in proc.channels}, key=channel_order)
    channels = join_words([channel_word(name) for name in names], "và")
    if not proc.online:
        return [
            "Theo cơ sở dữ liệu, thủ tục này chưa có hình thức nộp trực tuyến.",
            f"Anh/chị có thể nộp hồ sơ {channels}.",
        ]
    return [
        "Có. Thủ tục này có thể nộp hồ sơ trực tuyến.",
        f"Các hình thức nộp: {channels}.",
    ]


def conditions(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    if not proc.conditions:
        return None
    return ["Yêu cầu, điều kiện:", clip_block(proc.conditions, budget - 60)]


def result(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    if not proc.result:
        return None
    return ["Kết quả thực hiện:", clip_block(proc.result, budget - 60)]


def legal_basis(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    if not proc.legal_basis:
        return None
    lines = ["Căn cứ pháp lý:"]
    used = len(lines[0])
    for ref in proc.legal_basis[:MAX_LEGAL_REFS]:
        title = clip(ref.title, 160)
        line = f"- {title}" if not ref.number or ref.number in title else f"- {ref.number}: {title}"
        if used + len(line) > budget - 40:
            break
        lines.append(line)
        used += len(line) + 1
    rest = len(proc.legal_basis) - (len(lines) - 1)
    if rest > 0:
        lines.append(f"… và {rest} văn bản khác (xem đầy đủ tại nguồn).")
    return lines


def overview(proc: Procedure, budget: int, today: date) -> list[str]:
    """A short summary: what, who, how, how long, how much; then what else can be asked."""
    lines = []
    if proc.field:
        lines.append(f"Lĩnh vực: {clip(proc.field, 100)}.")
    if proc.agency:
        lines.append(f"Cơ quan thực hiện: {clip(proc.agency, 150)}.")
    if proc.channels:
        names = sorted({c.channel for c in proc.channels}, key=channel_order)
        lines.append(f"Hình thức nộp: {join_words([channel_word(n) for n in names], 'và')}.")
        lines.append(f"Thời hạn giải quyết: {_summary(proc, lambda c: time_phrase(c.time))}")
        lines.append(f"Phí, lệ phí: {_summary(proc, lambda c: fee_phrase(c.fee))}")
        if any(c.fee.reductions or (c.fee.note and c.fee.basis != FEE_FREE) for c in proc.channels):
            lines.append("Lệ phí có ghi chú hoặc mức giảm tạm thời: anh/chị hỏi về lệ phí để xem chi tiết.")
    else:
        lines.append("Cơ sở dữ liệu chưa có thông tin về hình thức nộp, thời hạn và phí, lệ phí.")
    lines.append(
        "Anh/chị có thể hỏi thêm: cần giấy tờ gì, các bước thực hiện, nộp ở đâu, "
        "điều kiện, kết quả nhận được, căn cứ pháp lý."
    )
    return lines


def _summary(proc: Procedure, phrase: Callable[[Channel], str]) -> str:
    """One value when every channel shares it, otherwise the per-channel line."""
    values = {phrase(channel) for channel in proc.channels}
    if len(values) == 1:
        return f"{values.pop()}."
    line = per_channel(proc, phrase) or ""
    return line[:1].lower() + line[1:]


def fee(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    lines = fee_lines(proc, today)
    return (["Phí, lệ phí:", *lines]) if lines else None


def time(proc: Procedure, budget: int, today: date) -> Optional[list[str]]:
    lines = time_lines(proc)
    return (["Thời hạn giải quyết:", *lines]) if lines else None
