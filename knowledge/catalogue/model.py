"""The normalised procedure record: one per procedure code, whatever the source.

The shape follows the official Word export (the cleanest source) and is the
contract between the importer, the store, retrieval and the answer renderer.
Every field holds only what a source stated: a value the source does not give
stays ``None`` (or an empty list), it is never filled in with a guess.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Optional

# Submission channels, as the catalogue names them.
CHANNEL_IN_PERSON = "trực tiếp"
CHANNEL_ONLINE = "trực tuyến"
CHANNEL_POST = "bưu chính"
CHANNELS = (CHANNEL_IN_PERSON, CHANNEL_ONLINE, CHANNEL_POST)

# Implementation levels after the 2025 two-level local government reform.
LEVEL_MINISTRY = "bộ"
LEVEL_PROVINCE = "tỉnh"
LEVEL_COMMUNE = "xã"
LEVEL_OTHER = "khác"
LEVELS = (LEVEL_MINISTRY, LEVEL_PROVINCE, LEVEL_COMMUNE, LEVEL_OTHER)

# How a fee amount is determined.
FEE_FIXED = "fixed"  # amounts stated in the record
FEE_FREE = "free"  # stated free, and no note contradicts it
FEE_PROVINCIAL = "provincial"  # set by each province's People's Council
FEE_REGULATION = "regulation"  # amount set by a cited regulation, not stated here
FEE_UNKNOWN = "unknown"  # the source gives no fee information


@dataclass
class ProcessingTime:
    """Processing time (thời hạn giải quyết) as the source gave it.

    ``unit`` is ``None`` when the source gives a bare number: about 18% of
    portal records do, and guessing "ngày làm việc" would be inventing a fact.
    """

    value: Optional[float]
    unit: Optional[str]
    text: str


@dataclass
class Reduction:
    """A temporary fee reduction stated in a fee note, with its end date."""

    text: str
    amount_vnd: Optional[list[int]] = None
    until: Optional[str] = None  # ISO date, when the note states one
    expired: bool = False

    def is_expired(self, today: Optional[date] = None) -> bool:
        if not self.until:
            return False
        return date.fromisoformat(self.until) < (today or date.today())


@dataclass
class Fee:
    """Fee and charge (phí, lệ phí) for one channel.

    ``free`` is true only when the source says free *and* no note points to a
    provincial or regulatory amount; ``basis`` says how the amount is set.
    """

    amount_vnd: Optional[list[int]]
    free: bool
    text: str
    basis: str = FEE_UNKNOWN
    note: Optional[str] = None
    regulation: Optional[str] = None  # e.g. "244/2016/TT-BTC" when basis is regulation
    reductions: list[Reduction] = field(default_factory=list)


@dataclass
class Channel:
    channel: str
    time: ProcessingTime
    fee: Fee
    note: Optional[str] = None


@dataclass
class DocumentItem:
    name: str
    form: Optional[str] = None  # form/template file or name, when given
    quantity: Optional[str] = None  # e.g. "1 bản chính, 1 bản sao"


@dataclass
class DocumentGroup:
    case: Optional[str]  # heading such as "Trường hợp ...", or None
    items: list[DocumentItem] = field(default_factory=list)


@dataclass
class LegalRef:
    number: Optional[str]  # "68/2020/QH14"
    title: str


@dataclass
class Source:
    url: Optional[str]
    format: str  # "portal-2026" | "word-export-2025" | "demo"
    captured: Optional[str]  # when the source was captured, e.g. "2026-07"
    path: Optional[str] = None  # file the record was read from, relative to the sources dir


def _list_field() -> Any:
    """``field(default_factory=list)`` usable inside ``Procedure``, whose own
    attribute named ``field`` (lĩnh vực) shadows ``dataclasses.field`` there."""
    return field(default_factory=list)


@dataclass
class Procedure:
    code: str
    name: str
    family: str
    decision: Optional[str] = None
    levels: list[str] = _list_field()
    kind: Optional[str] = None
    field: Optional[str] = None
    ministry: Optional[str] = None
    subjects: Optional[str] = None
    agency: Optional[str] = None
    authority: Optional[str] = None  # cơ quan có thẩm quyền
    address: Optional[str] = None  # địa chỉ tiếp nhận hồ sơ
    delegated_agency: Optional[str] = None  # cơ quan được ủy quyền
    coordinating_agency: Optional[str] = None  # cơ quan phối hợp
    channels: list[Channel] = _list_field()
    documents: list[DocumentGroup] = _list_field()
    steps: list[str] = _list_field()
    conditions: Optional[str] = None
    result: Optional[str] = None
    legal_basis: list[LegalRef] = _list_field()
    related: Optional[str] = None
    source: Optional[Source] = None

    @property
    def online(self) -> bool:
        """Whether the catalogue lists an online submission channel."""
        return any(c.channel == CHANNEL_ONLINE for c in self.channels)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Procedure:
        data = dict(data)
        data["channels"] = [
            Channel(
                channel=c["channel"],
                time=ProcessingTime(**c["time"]),
                fee=Fee(
                    **{k: v for k, v in c["fee"].items() if k != "reductions"},
                    reductions=[Reduction(**r) for r in c["fee"].get("reductions", [])],
                ),
                note=c.get("note"),
            )
            for c in data.get("channels", [])
        ]
        data["documents"] = [
            DocumentGroup(case=g.get("case"), items=[DocumentItem(**i) for i in g.get("items", [])])
            for g in data.get("documents", [])
        ]
        data["legal_basis"] = [LegalRef(**r) for r in data.get("legal_basis", [])]
        if data.get("source") is not None:
            data["source"] = Source(**data["source"])
        return cls(**data)
