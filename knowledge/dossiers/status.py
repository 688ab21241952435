"""Dossier states, what they mean for the citizen, and how sources spell them.

One-stop systems report status as free text ("Đang giải quyết", "Chờ bổ sung",
"Đã trả kết quả", "Trễ hạn"...) or as their own codes. Everything is mapped to
the few states below so that the chat can explain each one in plain words and
say what the citizen should do next.

"Trễ hẹn" (late) is not a state here: sources report it instead of the real
state, and it follows from the dates anyway, so ``Dossier.is_late`` derives it
and a source's "Trễ hạn" maps to ``PROCESSING``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Optional

from knowledge.text import strip_accents


class DossierStatus(StrEnum):
    RECEIVED = "received"  # đã tiếp nhận
    PROCESSING = "processing"  # đang xử lý
    SUPPLEMENT_REQUIRED = "supplement_required"  # chờ bổ sung hồ sơ
    AWAITING_PAYMENT = "awaiting_payment"  # chờ thực hiện nghĩa vụ tài chính
    RESULT_READY = "result_ready"  # đã có kết quả, chờ trả
    RETURNED = "returned"  # đã trả kết quả
    REJECTED = "rejected"  # từ chối giải quyết
    WITHDRAWN = "withdrawn"  # người nộp đã rút hồ sơ

    @property
    def label(self) -> str:
        """Short Vietnamese name, as staff and one-stop systems say it."""
        return _LABELS[self]

    @property
    def explanation(self) -> str:
        """One plain-language sentence for a citizen."""
        return _EXPLANATIONS[self]

    @property
    def is_open(self) -> bool:
        """Still with the agency: no result has been produced yet."""
        return self in OPEN_STATUSES

    @property
    def clock_paused(self) -> bool:
        """Waiting on the citizen: the processing time does not run (and a late notice would be unfair)."""
        return self in (DossierStatus.SUPPLEMENT_REQUIRED, DossierStatus.AWAITING_PAYMENT)


OPEN_STATUSES = frozenset(
    {
        DossierStatus.RECEIVED,
        DossierStatus.PROCESSING,
        DossierStatus.SUPPLEMENT_REQUIRED,
        DossierStatus.AWAITING_PAYMENT,
    }
)

_LABELS = {
    DossierStatus.RECEIVED: "Đã tiếp nhận",
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.SUPPLEMENT_REQUIRED: "Chờ bổ sung hồ sơ",
    DossierStatus.AWAITING_PAYMENT: "Chờ thực hiện nghĩa vụ tài chính",
    DossierStatus.RESULT_READY: "Đã có kết quả, chờ trả kết quả",
    DossierStatus.RETURNED: "Đã trả kết quả",
    DossierStatus.REJECTED: "Từ chối giải quyết",
    DossierStatus.WITHDRAWN: "Đã rút hồ sơ",
}

_EXPLANATIONS = {
    DossierStatus.RECEIVED: "Hồ sơ đã được tiếp nhận và đang được chuyển đến bộ phận giải quyết.",
    DossierStatus.PROCESSING: "Hồ sơ đang được cơ quan có thẩm quyền xem xét, giải quyết.",
    DossierStatus.SUPPLEMENT_REQUIRED: (
        "Hồ sơ còn thiếu hoặc cần sửa một số giấy tờ; việc giải quyết tạm dừng cho đến khi anh/chị bổ sung."
    ),
    DossierStatus.AWAITING_PAYMENT: (
        "Hồ sơ đang chờ anh/chị nộp thuế, phí hoặc lệ phí theo thông báo của cơ quan."
    ),
    DossierStatus.RESULT_READY: "Hồ sơ đã giải quyết xong, kết quả đang chờ anh/chị đến nhận.",
    DossierStatus.RETURNED: "Kết quả giải quyết đã được trả cho anh/chị.",
    DossierStatus.REJECTED: ("Hồ sơ không được giải quyết; cơ quan đã có văn bản trả lời nêu rõ lý do."),
    DossierStatus.WITHDRAWN: "Hồ sơ đã được rút theo đề nghị của người nộp.",
}

# Keyword rules over accent-free, lower-case source text, most specific first:
# "đã trả kết quả" must win over "kết quả", "chờ trả kết quả" over "đã trả".
_KEYWORDS: tuple[tuple[DossierStatus, str], ...] = (
    (DossierStatus.WITHDRAWN, "rut ho so|da rut|huy ho so|cong dan rut"),
    (DossierStatus.REJECTED, "tu choi|khong giai quyet|khong du dieu kien|khong chap nhan|tra lai ho so"),
    (DossierStatus.SUPPLEMENT_REQUIRED, "bo sung|hoan thien ho so|tam dung"),
    (
        DossierStatus.AWAITING_PAYMENT,
        "nghia vu tai chinh|cho nop phi|cho nop le phi|cho nop thue|cho thanh toan",
    ),
    (
        DossierStatus.RESULT_READY,
        "cho tra|da co ket qua|co ket qua|xu ly xong|giai quyet xong|hoan thanh|cho nhan ket qua",
    ),
    (DossierStatus.RETURNED, "da tra|tra ket qua|da nhan ket qua|ket thuc"),
    (
        DossierStatus.PROCESSING,
        "dang xu ly|dang giai quyet|tham dinh|chuyen xu ly|trinh ky|cho ky|cho phe duyet"
        "|tre han|tre hen|qua han|dang thuc hien|xu ly",
    ),
    (DossierStatus.RECEIVED, "tiep nhan|moi nop|da nop"),
)


def _fold(text: str) -> str:
    return " ".join(strip_accents(text).lower().replace("_", " ").split())


def status_from_text(text: str, explicit: Optional[Mapping[str, str]] = None) -> Optional[DossierStatus]:
    """Map a source's status text to a state, or ``None`` when it is not recognised.

    ``explicit`` is the source's own table (from a mapping file) and wins over the
    keyword rules; its keys are compared accent- and case-insensitively, and its
    values are our state names (``processing``) or our labels.
    """
    folded = _fold(text)
    if not folded:
        return None
    for key, value in (explicit or {}).items():
        if _fold(str(key)) == folded:
            return parse_status_name(str(value))
    for name in DossierStatus:
        if folded in (name.value.replace("_", " "), _fold(name.label)):
            return name
    for status, keywords in _KEYWORDS:
        if any(keyword in folded for keyword in keywords.split("|")):
            return status
    return None


def parse_status_name(value: str) -> DossierStatus:
    """Our own state name or label ("processing", "Đang xử lý"); ValueError otherwise."""
    folded = _fold(value)
    for status in DossierStatus:
        if folded in (status.value.replace("_", " "), _fold(status.label)):
            return status
    raise ValueError(f"unknown dossier status {value!r}; expected one of {[s.value for s in DossierStatus]}")
