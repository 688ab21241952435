"""Realistic demo dossiers for the embedded store, so the lookup can be tried without real data.

Everything is marked as demo: the ``demo`` flag (stored in its own column, and
``tthc dossiers demo`` only ever replaces demo rows), applicant names that
start with "(DEMO)", phone numbers in the unused 0100 range and ID numbers
with the non-existent province code 000. Agencies and addresses are invented
("đường Minh Họa"); the procedures are real ones (code and name only), the
same as in the demo catalogue, so catalogue questions work on them too.

Generation is deterministic for a given seed and reference day. Dates are set
relative to that day so the demo always has dossiers on time, late (with and
without a new date from an apology letter), finished, returned and rejected.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Optional

from knowledge.dossiers.model import Applicant, Dossier, StatusChange
from knowledge.dossiers.status import DossierStatus
from knowledge.dossiers.workdays import WorkCalendar, default_calendar
from knowledge.text import nfc

PROVINCE = "H51"


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    address: str


@dataclass(frozen=True)
class DemoProcedure:
    code: str
    name: str
    working_days: int  # illustrative processing time, not the regulation's
    agencies: tuple[str, ...]  # codes of the agencies that receive it


AGENCIES = (
    Agency(
        f"000.00.04.{PROVINCE}",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "số 1 đường Minh Họa, phường Trung Tâm",
    ),
    Agency(f"000.00.12.{PROVINCE}", "Sở Tư pháp", "số 12 đường Minh Họa, phường Trung Tâm"),
    Agency(f"000.00.20.{PROVINCE}", "Sở Xây dựng", "số 20 đường Minh Họa, phường Trung Tâm"),
    Agency(
        f"000.00.31.{PROVINCE}",
        "Phòng Quản lý xuất nhập cảnh, Công an tỉnh",
        "số 31 đường Thử Nghiệm, phường Trung Tâm",
    ),
    Agency(
        f"000.00.33.{PROVINCE}",
        "Phòng Cảnh sát quản lý hành chính về trật tự xã hội, Công an tỉnh",
        "số 33 đường Thử Nghiệm, phường Trung Tâm",
    ),
    Agency(f"000.20.01.{PROVINCE}", "Ủy ban nhân dân phường An Bình", "số 5 đường Mẫu, phường An Bình"),
    Agency(f"000.20.02.{PROVINCE}", "Ủy ban nhân dân xã Tân Phú", "ấp Mẫu, xã Tân Phú"),
    Agency(f"000.20.11.{PROVINCE}", "Công an phường An Bình", "số 7 đường Mẫu, phường An Bình"),
)

_HUB, _JUSTICE, _BUILDING, _PASSPORT, _ID_CARD, _WARD, _COMMUNE, _WARD_POLICE = (a.code for a in AGENCIES)

PROCEDURES = (
    DemoProcedure("1.001193", "Thủ tục đăng ký khai sinh", 1, (_WARD, _COMMUNE)),
    DemoProcedure("1.000894", "Thủ tục đăng ký kết hôn", 3, (_WARD, _COMMUNE)),
    DemoProcedure("1.000656", "Thủ tục đăng ký khai tử", 1, (_WARD, _COMMUNE)),
    DemoProcedure("1.004222", "Đăng ký thường trú", 7, (_WARD_POLICE,)),
    DemoProcedure(
        "1.001456", "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)", 8, (_PASSPORT, _HUB)
    ),
    DemoProcedure(
        "2.000200",
        "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên (thực hiện tại cấp tỉnh)",
        7,
        (_ID_CARD, _HUB),
    ),
    DemoProcedure("3.000333", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", 10, (_JUSTICE, _HUB)),
    DemoProcedure("1.013225", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", 15, (_BUILDING, _HUB)),
)

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng")
_GIVEN = ("Văn Mẫu", "Thị Mẫu", "Văn Thử", "Thị Thử", "Minh Họa", "Văn Demo", "Thị Demo")

# Scenarios: the first dossiers cover each one once, then they are drawn by weight.
SCENARIOS = {
    "on_time": 30,
    "received_today": 6,
    "late": 6,
    "late_new_date": 5,
    "late_new_date_passed": 1,
    "supplement": 6,
    "awaiting_payment": 3,
    "result_ready": 10,
    "finished_late": 3,
    "returned": 22,
    "rejected": 4,
    "withdrawn": 2,
}


@dataclass(frozen=True)
class Showcase:
    """One demo dossier to try in the chat: its code, the digits that unlock it, what it shows."""

    scenario: str
    code: str
    phone_last4: str


def load_agencies(path: Path) -> list[Agency]:
    """Agencies from a one-stop system's alias file ({"1": {"đơn vị": ..., "địa chỉ": ...}}).

    Real names and public addresses make the demo look familiar to staff; the
    agency codes are still invented (``000.00.NN.H51``).
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    agencies = []
    for index, entry in enumerate(data.values() if isinstance(data, dict) else data, start=1):
        name = nfc(str(entry.get("đơn vị", ""))).strip()
        address = nfc(str(entry.get("địa chỉ", ""))).splitlines()[0] if entry.get("địa chỉ") else ""
        address = address.removeprefix("Địa chỉ:").strip()
        if name:
            agencies.append(
                Agency(f"000.00.{index % 100:02d}.{PROVINCE}", name[:1].upper() + name[1:], address)
            )
    if not agencies:
        raise ValueError(f"{path}: no agencies found")
    return agencies


class _Generator:
    def __init__(self, seed: int, today: date, agencies: Optional[list[Agency]], calendar: WorkCalendar):
        self.rng = random.Random(seed)
        self.today = today
        self.calendar = calendar
        self.agencies = {a.code: a for a in AGENCIES}
        self.custom = agencies
        self.sequences: dict[tuple[str, date], int] = defaultdict(int)

    def agency_for(self, procedure: DemoProcedure) -> Agency:
        if self.custom:
            return self.rng.choice(self.custom)
        return self.agencies[self.rng.choice(procedure.agencies)]

    def working_day_before(self, working_days: int) -> date:
        day = self.calendar.add_working_days(self.today, -working_days)
        while not self.calendar.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def moment(self, day: date) -> datetime:
        minutes = self.rng.randrange(7 * 60 + 30, 16 * 60 + 30)
        return datetime.combine(day, time(minutes // 60, minutes % 60))

    def dossier(self, index: int, scenario: str) -> Dossier:
        rng, cal = self.rng, self.calendar
        procedure = rng.choice(PROCEDURES)
        agency = self.agency_for(procedure)
        days = procedure.working_days
        new_due = finished = returned = None
        notes: list[tuple[datetime, DossierStatus, str]] = []
        if scenario == "received_today":
            received_day, status = self.working_day_before(0), DossierStatus.RECEIVED
        elif scenario in ("on_time", "supplement", "awaiting_payment"):
            received_day = self.working_day_before(rng.randrange(0, days))
            status = {
                "on_time": DossierStatus.PROCESSING,
                "supplement": DossierStatus.SUPPLEMENT_REQUIRED,
                "awaiting_payment": DossierStatus.AWAITING_PAYMENT,
            }[scenario]
        elif scenario.startswith("late"):
            # at least 3 working days late when even the apology letter's new date has passed
            received_day = self.working_day_before(
                days + rng.randint(3 if scenario.endswith("passed") else 1, 8)
            )
            status = DossierStatus.PROCESSING
        else:
            received_day = self.working_day_before(days + rng.randint(2, 40))
            status = {
                "result_ready": DossierStatus.RESULT_READY,
                "finished_late": DossierStatus.RESULT_READY,
                "returned": DossierStatus.RETURNED,
                "rejected": DossierStatus.REJECTED,
                "withdrawn": DossierStatus.WITHDRAWN,
            }[scenario]
        received = self.moment(received_day)
        due = cal.add_working_days(received_day, days)
        if scenario == "late_new_date":
            new_due = cal.add_working_days(max(due, self.today), rng.randint(2, 7))
        elif scenario == "late_new_date_passed":
            new_due = cal.add_working_days(due, 1)
        if status in (DossierStatus.RESULT_READY, DossierStatus.RETURNED, DossierStatus.REJECTED):
            delay = days + rng.randint(1, 4) if scenario == "finished_late" else rng.randint(1, days)
            finished = self.moment(min(cal.add_working_days(received_day, delay), self.working_day_before(0)))
            if scenario == "finished_late" and new_due is None:
                new_due = finished.date()
        if status is DossierStatus.RETURNED and finished:
            returned_day = min(
                cal.add_working_days(finished.date(), rng.randint(0, 3)), self.working_day_before(0)
            )
            returned = max(self.moment(returned_day), finished)
        notes.append((received, DossierStatus.RECEIVED, f"Tiếp nhận tại {agency.name}"))
        if status is not DossierStatus.RECEIVED:
            step = min(cal.add_working_days(received_day, 1), max(received_day, self.working_day_before(0)))
            notes.append((max(self.moment(step), received), DossierStatus.PROCESSING, "Chuyển xử lý"))
        if status in (
            DossierStatus.SUPPLEMENT_REQUIRED,
            DossierStatus.AWAITING_PAYMENT,
            DossierStatus.WITHDRAWN,
        ):
            notes.append(
                (max(self.moment(self.working_day_before(0)), received), status, "Thông báo cho người nộp")
            )
        if finished:
            final = DossierStatus.REJECTED if status is DossierStatus.REJECTED else DossierStatus.RESULT_READY
            notes.append((finished, final, "Có kết quả giải quyết"))
        if returned:
            notes.append((returned, DossierStatus.RETURNED, "Trả kết quả"))
        seq_key = (agency.code, received_day)
        self.sequences[seq_key] += rng.randint(1, 3)
        code = f"{agency.code}-{received_day:%y%m%d}-{self.sequences[seq_key]:04d}"
        return Dossier(
            code=code,
            procedure_code=procedure.code,
            procedure_name=procedure.name,
            agency_code=agency.code,
            agency_name=agency.name,
            agency_address=agency.address,
            received_at=received,
            due_at=due,
            new_due_at=new_due,
            finished_at=finished,
            returned_at=returned,
            status=status,
            history=[StatusChange(at, s, note) for at, s, note in sorted(notes, key=lambda n: n[0])],
            applicant=Applicant(
                name=f"(DEMO) {rng.choice(_SURNAMES)} {rng.choice(_GIVEN)} {index:04d}",
                phone=f"0100{rng.randrange(10**6):06d}",
                id_number=f"000{rng.randrange(10**9):09d}",
            ),
            demo=True,
        )


def generate(
    count: int = 200,
    seed: int = 2026,
    today: Optional[date] = None,
    agencies: Optional[list[Agency]] = None,
    calendar: Optional[WorkCalendar] = None,
) -> list[Dossier]:
    """``count`` demo dossiers; the first ones cover every scenario once."""
    if count < 1:
        raise ValueError("count must be at least 1")
    generator = _Generator(seed, today or date.today(), agencies, calendar or default_calendar())
    names, weights = list(SCENARIOS), list(SCENARIOS.values())
    dossiers: list[Dossier] = []
    seen: set[str] = set()
    for index in range(count):
        scenario = names[index] if index < len(names) else generator.rng.choices(names, weights)[0]
        dossier = generator.dossier(index + 1, scenario)
        while dossier.code in seen:  # same agency and day drawn again: take the next number
            generator.sequences[(dossier.agency_code, dossier.received_at.date())] += 1
            dossier = generator.dossier(index + 1, scenario)
        seen.add(dossier.code)
        dossiers.append(dossier)
    return dossiers


def showcase(dossiers: list[Dossier]) -> list[Showcase]:
    """The first dossier of each scenario, to print for people trying the chat."""
    return [
        Showcase(scenario, dossier.code, dossier.applicant.phone_last4)
        for scenario, dossier in zip(SCENARIOS, dossiers, strict=False)
    ]
