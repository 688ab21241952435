"""Family keys: one key for the same procedure published once per level.

"Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)" and "… (thực
hiện tại cấp trung ương)" are two codes for one thing a citizen asks about, so
retrieval groups them and asks which level is meant. Variants that are real
procedures of their own ("có yếu tố nước ngoài", "lưu động") keep their words
and so get keys of their own.
"""

from __future__ import annotations

import re

from knowledge.catalogue.cleaning import nfc

_LEVEL = r"(?:trung ương|tw|bộ|tỉnh|tinh|huyện|xã)"
_LEVELS = rf"cấp\s+{_LEVEL}(?:\s*(?:,|và)\s*cấp\s+{_LEVEL})*"
_SUFFIXES = (
    # "(thực hiện tại cấp tỉnh)", "(thực hiện ở cấp tỉnh)", "(cấp TW)", "(Cấp tỉnh)."
    re.compile(rf"\s*[(\[]\s*(?:thực hiện\s+(?:tại|ở)\s+)?{_LEVELS}\s*[)\]]\W*$"),
    # "… - cấp Trung ương"
    re.compile(rf"\s+[-–]\s*{_LEVELS}\W*$"),
    # "… thực hiện tại cấp tỉnh, cấp xã"
    re.compile(rf"\s+thực hiện\s+(?:tại|ở)\s+{_LEVELS}\W*$"),
    # "… tại Công an cấp tỉnh"
    re.compile(rf"\s+tại\s+công an\s+{_LEVELS}\W*$"),
    # "Cấp lại thẻ giám định viên tư pháp cấp Trung ương"
    re.compile(rf"\s+{_LEVELS}\W*$"),
)


def family_key(name: str) -> str:
    """Lower-cased title without its level suffix; idempotent (``f(f(x)) == f(x)``)."""
    key = " ".join(nfc(name).lower().split()).rstrip(" .;:-–")
    changed = True
    while changed:
        changed = False
        for suffix in _SUFFIXES:
            stripped = suffix.sub("", key).rstrip(" .;:-–")
            if stripped and stripped != key:
                key, changed = stripped, True
                break
    return key
