"""What every source parser shares: the parse result, record errors, levels.

Level names are mapped, not guessed: "Cấp bộ" -> "bộ", "Cấp tỉnh" -> "tỉnh",
"Cấp xã" -> "xã", "Cơ quan khác" -> "khác". "Cấp huyện" no longer exists after
the July 2025 reform; should an older record still say it, it is kept as
"huyện" with a warning instead of being silently re-assigned to another level.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Optional

from knowledge.catalogue.cleaning import nfc
from knowledge.catalogue.model import LEVEL_COMMUNE, LEVEL_MINISTRY, LEVEL_OTHER, LEVEL_PROVINCE, Procedure

LEVEL_DISTRICT = "huyện"

_LEVELS = {
    "cấp bộ": LEVEL_MINISTRY,
    "cấp tỉnh": LEVEL_PROVINCE,
    "cấp xã": LEVEL_COMMUNE,
    "cơ quan khác": LEVEL_OTHER,
    "cấp huyện": LEVEL_DISTRICT,
}

_CODE = re.compile(r"^\d+\.\d+$")


class InvalidRecord(ValueError):
    """A record that cannot become a procedure (no code, no name, not an object)."""


@dataclass
class ParsedRecord:
    procedure: Procedure
    warnings: list[str] = field(default_factory=list)


def parse_levels(text: Optional[str], warn: Callable[[str], None]) -> list[str]:
    levels: list[str] = []
    for part in nfc(text or "").split(","):
        name = " ".join(part.lower().split())
        if not name:
            continue
        level = _LEVELS.get(name)
        if level is None:
            warn(f"cấp thực hiện không rõ '{part.strip()}', bỏ qua")
            continue
        if level == LEVEL_DISTRICT:
            warn("cấp thực hiện 'Cấp huyện' (đã bỏ từ 1/7/2025), giữ nguyên là 'huyện'")
        if level not in levels:
            levels.append(level)
    return levels


def require_code(value: object) -> str:
    code = nfc(value).strip() if isinstance(value, str) else ""
    if not code:
        raise InvalidRecord("bản ghi không có mã thủ tục")
    return code


def check_code_shape(code: str, warn: Callable[[str], None]) -> None:
    if not _CODE.match(code):
        warn(f"mã thủ tục '{code}' không theo dạng thường gặp (ví dụ 1.001193)")


def require_name(value: object) -> str:
    name = " ".join(nfc(value).split()) if isinstance(value, str) else ""
    if not name:
        raise InvalidRecord("bản ghi không có tên thủ tục")
    return name
