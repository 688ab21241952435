"""Hand-built catalogue records for tests: only the fields a test cares about differ.

Also used by the action tests (tests/rasa_actions), so both test the same
kinds of records.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Optional

from knowledge.catalogue.model import (
    CHANNEL_IN_PERSON,
    FEE_FIXED,
    FEE_FREE,
    Channel,
    DocumentGroup,
    DocumentItem,
    Fee,
    LegalRef,
    Procedure,
    ProcessingTime,
    Reduction,
    Source,
)

# Reductions are judged against this date, so verdicts do not move with the calendar.
TODAY = date(2026, 7, 20)
PORTAL_URL = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/00000000-test"


def fee(
    amounts: Optional[list[int]] = None,
    *,
    basis: Optional[str] = None,
    text: str = "",
    note: Optional[str] = None,
    regulation: Optional[str] = None,
    reductions: Optional[list[Reduction]] = None,
) -> Fee:
    basis = basis or (FEE_FIXED if amounts else FEE_FREE)
    return Fee(
        amount_vnd=amounts,
        free=basis == FEE_FREE,
        text=text or ("Miễn phí" if basis == FEE_FREE else ""),
        basis=basis,
        note=note,
        regulation=regulation,
        reductions=list(reductions or []),
    )


def duration(
    value: Optional[float], unit: Optional[str] = "ngày làm việc", text: Optional[str] = None
) -> ProcessingTime:
    if text is None:
        text = "" if value is None else f"{value:g} {unit or ''}".strip()
    return ProcessingTime(value=value, unit=unit, text=text)


def channel(
    name: str = CHANNEL_IN_PERSON,
    *,
    time: Optional[ProcessingTime] = None,
    cost: Optional[Fee] = None,
    note: Optional[str] = None,
) -> Channel:
    return Channel(channel=name, time=time or duration(5), fee=cost or fee(), note=note)


def documents(*groups: tuple[Optional[str], list[tuple[str, Optional[str]]]]) -> list[DocumentGroup]:
    """``documents(("Trường hợp A", [("Tờ khai", "1 bản chính")]), ...)``."""
    return [
        DocumentGroup(
            case=case, items=[DocumentItem(name=name, quantity=quantity) for name, quantity in items]
        )
        for case, items in groups
    ]


def procedure(
    code: str = "1.000001",
    name: str = "Cấp giấy phép thử nghiệm",
    *,
    levels: tuple[str, ...] = ("tỉnh",),
    family: Optional[str] = None,
    source: Optional[Source] = None,
    **fields: Any,
) -> Procedure:
    fields.setdefault("channels", [channel()])
    return Procedure(
        code=code,
        name=name,
        family=family or name.lower(),
        levels=list(levels),
        source=source or Source(url=PORTAL_URL, format="portal-2026", captured="2026-07"),
        **fields,
    )


def legal(number: Optional[str], title: str) -> LegalRef:
    return LegalRef(number=number, title=title)
