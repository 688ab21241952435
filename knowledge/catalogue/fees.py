"""Reading fee cells and their notes.

A fee cell alone is misleading: the portal shows "Miễn phí" (free) for many
procedures whose note then says the amount is set by the provincial People's
Council, or by a Finance Ministry circular, or even states an amount. The rules
below decide ``Fee.basis`` from the cell and the note together:

1. note names the provincial People's Council (HĐND) or the provincial
   People's Committee as the body setting the amount -> ``provincial``;
2. the cell states VND amounts -> ``fixed`` with those amounts (all zero -> free);
3. the cell states an amount in another currency (USD) -> ``fixed``, no VND list;
4. the cell says free and the note is empty, trivial ("Không", "Không quy định")
   or an explicit exemption ("Miễn lệ phí …", "Không thu …") -> ``free``;
5. the cell says free (or nothing) but the note states amounts outside its
   time-limited clauses -> ``fixed`` with the note's amounts;
6. the note cites a regulation ("Thông tư 244/2016/TT-BTC … quy định mức thu",
   "theo quy định của Luật phí và lệ phí") -> ``regulation``, not known to be free;
7. otherwise a cell saying free stays ``free``; no information stays ``unknown``.

Clauses with an end date ("áp dụng đến hết ngày 31/12/2023") are kept as
``Reduction`` records; one whose end date is before ``today`` is ``expired``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Optional

from knowledge.catalogue.cleaning import field
from knowledge.catalogue.model import (
    FEE_FIXED,
    FEE_FREE,
    FEE_PROVINCIAL,
    FEE_REGULATION,
    FEE_UNKNOWN,
    Fee,
    Reduction,
)

_NUMBER = r"\d{1,3}(?:[.,]\d{3})+|\d+"
_VND_AMOUNT = re.compile(
    rf"(?<![\d.,])({_NUMBER})\s*(triệu\s*)?(?:Việt Nam Đồng|VNĐ|VND|vnđ|đồng|Đồng|đ|Đ)(?!\w)"
    # "160.000/hộ chiếu": a thousands-grouped number priced per unit is an amount too.
    rf"|(?<![\d.,])(\d{{1,3}}(?:\.\d{{3}})+)(?=\s*/)"
)
_FOREIGN_AMOUNT = re.compile(r"\d+(?:[.,]\d+)?\s*(?:USD|EUR)\b")
_PROVINCIAL = re.compile(
    r"Hội đồng nhân dân|HĐND|(?:Ủy|Uỷ) ban nhân dân (?:cấp )?tỉnh|UBND (?:cấp )?tỉnh", re.IGNORECASE
)
_TRIVIAL_NOTE = re.compile(r"^(?:không|không có|không quy định|chưa quy định|a|-)?\W*$", re.IGNORECASE)
_EXEMPTION = re.compile(r"^\W*(?:miễn|không thu)\b", re.IGNORECASE)
LEGAL_NUMBER = re.compile(r"\d+(?:\.\d+)?/\d{4}/[A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)*")
_REGULATION_HINT = re.compile(
    r"mức thu|biểu phí|biểu mức|luật phí|pháp luật về phí|quy định (?:về|của) phí|theo quy định|thực hiện theo",
    re.IGNORECASE,
)
_END_DATE = re.compile(
    r"đến\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
    r"|đến\s+(?:hết\s+)?ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"(?<=[.;])\s+(?=[-+*A-ZĐ(])|\n+|\s+(?=[-+]\s)")


def to_int(number: str) -> int:
    """ "10,000" / "5.700.000" / "20000" -> int (separators are thousands separators here)."""
    return int(re.sub(r"[.,]", "", number))


def vnd_amounts(text: Optional[str]) -> list[int]:
    """Every VND amount written in ``text``, in order, without repeats."""
    found: list[int] = []
    for match in _VND_AMOUNT.finditer(text or ""):
        number, million, per_unit = match.group(1), match.group(2), match.group(3)
        value = to_int(number or per_unit) * (1_000_000 if million else 1)
        if value not in found:
            found.append(value)
    return found


def _clauses(note: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_BREAK.split(note) if c and c.strip()]


def end_date(text: str) -> Optional[date]:
    match = _END_DATE.search(text)
    if not match:
        return None
    day, month, year = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
    try:
        return date(year, month, day)
    except ValueError:
        return None


def reductions_in(note: Optional[str], today: date) -> list[Reduction]:
    """Time-limited clauses of a fee note ("… áp dụng đến hết ngày 31/12/2026")."""
    found = []
    for clause in _clauses(note or ""):
        until = end_date(clause)
        if until is None:
            continue
        found.append(
            Reduction(
                text=clause,
                amount_vnd=vnd_amounts(clause) or None,
                until=until.isoformat(),
                expired=until < today,
            )
        )
    return found


def _outside(note: str, reductions: list[Reduction]) -> str:
    """The note without its time-limited clauses."""
    kept = [c for c in _clauses(note) if all(c != r.text for r in reductions)]
    return "\n".join(kept)


def interpret(
    text: str,
    *,
    amounts: Optional[list[int]],
    stated_free: bool,
    note: Optional[str],
    today: date,
    foreign_amount: bool = False,
) -> Fee:
    """Decide what a fee cell means, given what its note says (rules in the module doc).

    ``amounts`` are the VND amounts stated in the cell itself (``None`` when it
    states none); ``foreign_amount`` is true when the cell states an amount in
    another currency.
    """
    note = field(note)
    reductions = reductions_in(note, today)
    body = _outside(note, reductions) if note else ""
    trivial = not note or bool(_TRIVIAL_NOTE.match(note))
    regulation = _regulation(body) or _regulation(note or "")

    def fee(basis: str, vnd: Optional[list[int]] = None, free: bool = False) -> Fee:
        return Fee(
            amount_vnd=vnd,
            free=free,
            text=text,
            basis=basis,
            note=note,
            regulation=regulation if basis in (FEE_REGULATION, FEE_FIXED) else None,
            reductions=reductions,
        )

    if note and _PROVINCIAL.search(note):
        return fee(FEE_PROVINCIAL, amounts or None)
    if amounts:
        if all(a == 0 for a in amounts) and not foreign_amount:
            return fee(FEE_FREE, None, free=True) if trivial else _from_note(fee, body, note, regulation)
        return fee(FEE_FIXED, amounts)
    if foreign_amount:
        return fee(FEE_FIXED)
    if stated_free and (trivial or _EXEMPTION.match(note or "")):
        return fee(FEE_FREE, None, free=True)
    resolved = _from_note(fee, body, note, regulation)
    if resolved.basis == FEE_UNKNOWN and stated_free:
        return fee(FEE_FREE, None, free=True)
    return resolved


def _from_note(fee, body: str, note: Optional[str], regulation: Optional[str]) -> Fee:
    # Amounts outside the time-limited clauses are the standing fee; when the
    # whole note is one such clause its amounts are still what the note states.
    from_note = vnd_amounts(body) or vnd_amounts(note)
    if from_note:
        return fee(FEE_FIXED, from_note)
    if _FOREIGN_AMOUNT.search(body):
        return fee(FEE_FIXED)
    if note and (regulation or _REGULATION_HINT.search(note)):
        return fee(FEE_REGULATION)
    return fee(FEE_UNKNOWN)


def _regulation(text: str) -> Optional[str]:
    match = LEGAL_NUMBER.search(text)
    return match.group(0) if match else None
