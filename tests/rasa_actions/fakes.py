"""A small catalogue and a scripted searcher, injected through ``actions.services.use``.

The searcher is scripted rather than clever: each test says what retrieval
returns for a phrase, so the tests check the conversation logic, not the
ranking (tested in tests/search).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Optional

from answers.builders import TODAY, channel, duration, fee, procedure

from actions import services
from knowledge.catalogue.model import (
    CHANNEL_IN_PERSON,
    CHANNEL_ONLINE,
    FEE_PROVINCIAL,
    Procedure,
    Reduction,
)

PASSPORT_PROVINCE = procedure(
    "1.001456",
    "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)",
    levels=("tỉnh",),
    family="cấp hộ chiếu phổ thông ở trong nước",
    channels=[
        channel(CHANNEL_IN_PERSON, time=duration(8), cost=fee([200000])),
        channel(CHANNEL_ONLINE, time=duration(8), cost=fee([160000])),
    ],
)
PASSPORT_MINISTRY = procedure(
    "1.001471",
    "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)",
    levels=("bộ",),
    family="cấp hộ chiếu phổ thông ở trong nước",
    channels=[
        channel(CHANNEL_IN_PERSON, time=duration(8), cost=fee([250000])),
        channel(CHANNEL_ONLINE, time=duration(8), cost=fee([250000])),
    ],
)
BIRTH = procedure(
    "1.001193",
    "Thủ tục đăng ký khai sinh",
    levels=("xã",),
    channels=[channel(CHANNEL_IN_PERSON, time=duration(1.0, None, "1"), cost=fee())],
)
BIRTH_FOREIGN = procedure(
    "2.000528",
    "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
    levels=("xã",),
    channels=[channel(CHANNEL_IN_PERSON, time=duration(15), cost=fee(basis=FEE_PROVINCIAL))],
)
MARRIAGE = procedure(
    "1.004746",
    "Thủ tục đăng ký lại kết hôn",
    levels=("xã",),
    channels=[
        channel(
            CHANNEL_IN_PERSON,
            time=duration(5),
            cost=fee(basis=FEE_PROVINCIAL, note="Do HĐND tỉnh quyết định."),
        )
    ],
)
_ENDED = Reduction(
    text="25.000đ/tem (áp dụng đến hết ngày 31/12/2025)", amount_vnd=[25000], until="2025-12-31"
)
STAMP = procedure(
    "1.014905",
    "Cấp lại tem AB",
    levels=("tỉnh",),
    channels=[channel(CHANNEL_IN_PERSON, cost=fee([25000], note=_ENDED.text, reductions=[_ENDED]))],
)
ALL = (PASSPORT_PROVINCE, PASSPORT_MINISTRY, BIRTH, BIRTH_FOREIGN, MARRIAGE, STAMP)


class MemoryCatalogue:
    def __init__(self, procedures=ALL):
        self._by_code = {p.code: p for p in procedures}

    def get(self, code: str) -> Optional[Procedure]:
        return self._by_code.get(code)

    def family(self, key: str) -> list[Procedure]:
        return sorted((p for p in self._by_code.values() if p.family == key), key=lambda p: p.code)


@dataclass(frozen=True)
class Hit:
    """Shape of ``knowledge.search.Hit`` (docs/contracts.md); defined here so these tests
    exercise the conversation logic whatever state retrieval is in."""

    code: str
    name: str
    score: float
    family: str
    levels: list[str]
    variants: list[str]


@dataclass(frozen=True)
class SearchResult:
    query: str
    clear: bool
    confidence: float
    hits: list[Hit]


def hit(record: Procedure, score: float = 0.9) -> Hit:
    return Hit(
        code=record.code,
        name=record.name,
        score=score,
        family=record.family,
        levels=list(record.levels),
        variants=[],
    )


@dataclass
class ScriptedSearcher:
    """Returns the scripted result of the first phrase found in the query; no hit otherwise."""

    script: dict[str, tuple[bool, float, list[Procedure]]] = field(default_factory=dict)
    queries: list[str] = field(default_factory=list)

    def search(self, query: str, top_k: int = 5) -> SearchResult:
        self.queries.append(query)
        for phrase, (clear, confidence, records) in self.script.items():
            if phrase in query.lower():
                return SearchResult(
                    query=query, clear=clear, confidence=confidence, hits=[hit(r) for r in records][:top_k]
                )
        return SearchResult(query=query, clear=False, confidence=0.0, hits=[])

    def names_procedure(self, text: str) -> bool:
        """Stand-in for ``query_has_procedure``: a scripted phrase, or "thủ tục", names one."""
        lowered = text.lower()
        return "thủ tục" in lowered or any(phrase in lowered for phrase in self.script)


DEFAULT_SCRIPT = {
    "hộ chiếu": (True, 0.9, [PASSPORT_PROVINCE]),
    "khai sinh": (False, 0.6, [BIRTH, BIRTH_FOREIGN]),
    "kết hôn": (True, 0.85, [MARRIAGE]),
    "tem ab": (True, 0.9, [STAMP]),
}


def services_over(
    catalogue: MemoryCatalogue, searcher: Any, names_procedure: Callable[[str], bool]
) -> Callable[[], services.Services]:
    """A factory of action services over the test catalogue, on the fixed test date."""
    return lambda: services.Services(
        catalogue=catalogue, searcher=searcher, names_procedure=names_procedure, today=lambda: TODAY
    )
