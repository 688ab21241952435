"""Text hygiene shared by every source parser.

The exports mix composed and decomposed Vietnamese, use "Không có thông tin"
for an empty field, and the portal scrape appends the page's own widgets
("Từ khóa … Mô tả … Chọn cơ quan thực hiện … Nộp hồ sơ") to the last fields it
read. Everything here is about removing what the catalogue did not say, never
about adding anything.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

NO_INFO = "Không có thông tin"

# Regex character-class bodies for Vietnamese letters by case. (A range such as
# "à-ỹ" would also take in the upper-case letters interleaved with them.)
VN_LOWER = "a-zàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ"
VN_UPPER = "A-ZÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ"

# The portal's detail page ends with keyword/description boxes and an agency
# picker; the scraper glued them onto ``ket_qua_xu_ly`` (and a few other fields).
_PAGE_CHROME = re.compile(r"Từ khóa.*?Mô tả.*\Z|Chọn cơ quan thực hiện.*\Z", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def nfc(text: str) -> str:
    """Unicode NFC: the exports mix precomposed and combining diacritics."""
    return unicodedata.normalize("NFC", text)


def tidy(text: Optional[str]) -> str:
    """NFC, collapse runs of spaces/tabs, trim every line, drop blank lines."""
    if not text:
        return ""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def strip_page_chrome(text: str) -> str:
    """Cut the portal page widgets that the scraper appended to a field."""
    return _PAGE_CHROME.sub("", text)


def field(value: object) -> Optional[str]:
    """A text field as the record should hold it: cleaned, or ``None`` when empty.

    "Không có thông tin" ("no information") is how the catalogue writes an
    empty field, so it becomes ``None`` rather than a string a reader could
    mistake for content.
    """
    if not isinstance(value, str):
        return None
    text = tidy(strip_page_chrome(nfc(value)))
    if text.startswith(NO_INFO):
        text = text[len(NO_INFO) :].strip()
    return text or None


_STEP_MARKER = re.compile(r"(?:^|(?<=\s))[-+*•]?\s*Bước\s*(\d{1,2})\s*[:.\-–)]", re.IGNORECASE)


def split_steps(text: Optional[str]) -> list[str]:
    """Split "Trình tự thực hiện" into steps.

    Numbered steps ("Bước 1: …", "- Bước 2.") are split at their markers, but
    only when the numbers follow on (1, 2, 3 …) so that a sentence citing
    "theo Bước 2" does not start a new step. Text before the first marker is
    kept as its own item. Without numbered steps every line is a step.
    """
    text = field(text)
    if not text:
        return []
    cuts: list[int] = []
    expected: Optional[int] = None
    for match in _STEP_MARKER.finditer(text):
        number = int(match.group(1))
        if expected is None or number == expected:
            cuts.append(match.start())
            expected = number + 1
    if len(cuts) < 2:
        return [line.strip() for line in text.split("\n") if line.strip()]
    bounds = [0, *cuts, len(text)] if cuts[0] > 0 else [*cuts, len(text)]
    steps = [text[a:b].strip(" \n-+*•") for a, b in zip(bounds, bounds[1:], strict=False)]
    return [step for step in steps if step]
