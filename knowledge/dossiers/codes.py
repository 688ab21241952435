"""Dossier codes (mã hồ sơ): recognise them however they are typed, and parse them.

The code printed on an appointment slip, e.g. ``000.00.04.H51-260315-0007``, is
the receiving agency's code (``000.00.04.H51``), the receipt date (YYMMDD) and
a daily sequence number. Citizens retype it with spaces, in lower case, with
dots for dashes or a stray space in the middle ("000 00 04 h51 - 260315 - 00 07"),
and often inside a sentence. So recognition works on the *compact* form (letters
and digits only, upper case) and the code is rebuilt from a template.

Provinces differ, so the format is configuration (``CodeFormat``): a regular
expression over the compact form with named groups, and a template that writes
the canonical code from those groups. ``date`` (YYMMDD) and ``seq`` are the
groups with a meaning; ``agency_template`` writes the agency code. Operators set
``TTHC_DOSSIER_CODE_PATTERN``, ``TTHC_DOSSIER_CODE_TEMPLATE`` and
``TTHC_DOSSIER_AGENCY_TEMPLATE`` to change the default.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

from knowledge.text import nfc

# Characters people put between the parts of a code. Anything else (a letter
# with a diacritic, a comma, a bracket) ends a code.
_SEPARATORS = " \t\u00a0.-_/\u2010\u2011\u2012\u2013\u2014\u2212"
_MAX_GAP = 3  # "H51 - 260315" has a gap of three characters
_TOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class CodeFormat:
    pattern: str
    template: str
    agency_template: str = ""

    def __post_init__(self) -> None:
        compiled = re.compile(self.pattern)
        groups = set(compiled.groupindex)
        for name in ("date", "seq"):
            if name not in groups:
                raise ValueError(f"dossier code pattern must have a (?P<{name}>...) group")
        for template in (self.template, self.agency_template):
            unknown = set(re.findall(r"{(\w+)}", template)) - groups
            if unknown:
                raise ValueError(f"template {template!r} uses unknown groups {sorted(unknown)}")

    @property
    def compiled(self) -> re.Pattern[str]:
        return _compile(self.pattern)


@lru_cache(maxsize=16)
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


DEFAULT_FORMAT = CodeFormat(
    pattern=r"(?P<a1>\d{3})(?P<a2>\d{2})(?P<a3>\d{2})(?P<a4>[A-Z]\d{2})(?P<date>\d{6})(?P<seq>\d{4})",
    template="{a1}.{a2}.{a3}.{a4}-{date}-{seq}",
    agency_template="{a1}.{a2}.{a3}.{a4}",
)


def configured_format() -> CodeFormat:
    """The default format, or the one set through the environment."""
    pattern = os.environ.get("TTHC_DOSSIER_CODE_PATTERN")
    if not pattern:
        return DEFAULT_FORMAT
    template = os.environ.get("TTHC_DOSSIER_CODE_TEMPLATE")
    if not template:
        raise ValueError("TTHC_DOSSIER_CODE_PATTERN is set but TTHC_DOSSIER_CODE_TEMPLATE is not")
    return CodeFormat(pattern, template, os.environ.get("TTHC_DOSSIER_AGENCY_TEMPLATE", ""))


@dataclass(frozen=True)
class DossierCode:
    """A recognised code: canonical text plus its parts."""

    code: str
    agency: str
    received_on: date
    sequence: int

    def __str__(self) -> str:
        return self.code


def parse_code(text: str, fmt: Optional[CodeFormat] = None) -> Optional[DossierCode]:
    """The code when ``text`` is exactly one code (separators and surrounding punctuation tolerated)."""
    found = _candidates(text, fmt or configured_format(), whole=True)
    return next(found, None)


def find_code(text: str, fmt: Optional[CodeFormat] = None) -> Optional[DossierCode]:
    """The first code anywhere in a sentence ("hồ sơ 000.00.04.h51 260315 0007 đến đâu rồi?")."""
    return next(_candidates(text, fmt or configured_format(), whole=False), None)


def normalise_code(text: str, fmt: Optional[CodeFormat] = None) -> Optional[str]:
    """Canonical code text for anything :func:`find_code` recognises, else ``None``."""
    found = find_code(text, fmt)
    return found.code if found else None


def _candidates(text: str, fmt: CodeFormat, whole: bool):
    text = nfc(text)
    tokens = list(_TOKEN.finditer(text))
    if whole:
        # Only separators and punctuation may surround the code, never other words.
        if not tokens or _TOKEN.search(_outside(text, tokens)):
            return
        starts = [0]
    else:
        starts = range(len(tokens))
    for first in starts:
        parsed = _code_starting_at(tokens, first, text, fmt, must_use_all=whole)
        if parsed:
            yield parsed


def _outside(text: str, tokens: list[re.Match[str]]) -> str:
    """Text before the first and after the last token (what whole-text parsing must ignore)."""
    return text[: tokens[0].start()] + text[tokens[-1].end() :]


def _code_starting_at(
    tokens: list[re.Match[str]], first: int, text: str, fmt: CodeFormat, must_use_all: bool
) -> Optional[DossierCode]:
    """Join tokens from ``first`` while only separators lie between them, and try the pattern.

    A code begins and ends on token boundaries, so "12000.00.04..." or
    "...0007abc" is not read as a code with extra characters cut off. The
    shortest match wins: in "...-0007 15/3" the date after it is not swallowed.
    """
    compact = ""
    boundaries: list[int] = []
    last = first
    for index in range(first, len(tokens)):
        if index > first and not _joined(text, tokens[index - 1], tokens[index]):
            break
        compact += tokens[index].group().upper()
        boundaries.append(len(compact))
        last = index
    if must_use_all and last != len(tokens) - 1:
        return None
    for end in boundaries:
        if must_use_all and end != boundaries[-1]:
            continue
        match = fmt.compiled.fullmatch(compact, 0, end)
        if match:
            return _build(match, fmt)
    return None


def _joined(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    gap = text[left.end() : right.start()]
    return 0 < len(gap) <= _MAX_GAP and all(ch in _SEPARATORS for ch in gap)


def _build(match: re.Match[str], fmt: CodeFormat) -> Optional[DossierCode]:
    groups = match.groupdict()
    try:
        received = date(2000 + int(groups["date"][:2]), int(groups["date"][2:4]), int(groups["date"][4:6]))
    except ValueError:
        return None  # "260231" is no date: a mistyped code, not a code
    return DossierCode(
        code=fmt.template.format(**groups),
        agency=fmt.agency_template.format(**groups) if fmt.agency_template else "",
        received_on=received,
        sequence=int(groups["seq"]),
    )
