"""The dossier record, and the public view of it that a chat may show.

A dossier (hồ sơ) carries personal data: who applied, their phone and ID
number. The chat needs only the last four phone digits, to check that the
person asking owns the dossier, and must never display any of it. So the
applicant sits in its own object that is left out of every ``repr``/``str``
(those end up in logs and tracebacks), and the chat only ever receives a
:class:`PublicView`, which has no applicant field at all.

Times are local Vietnam time (UTC+7), naive, as one-stop systems export them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Optional

from knowledge.dossiers import messages
from knowledge.dossiers.status import OPEN_STATUSES, DossierStatus, parse_status_name
from knowledge.dossiers.workdays import WorkCalendar, default_calendar

__all__ = ["Applicant", "Dossier", "DossierStatus", "OPEN_STATUSES", "PublicView", "StatusChange"]


@dataclass(frozen=True)
class Applicant:
    """Personal data; its ``repr`` never shows it."""

    name: str = ""
    phone: str = ""
    id_number: str = ""

    def __repr__(self) -> str:
        return "Applicant(<redacted>)"

    __str__ = __repr__

    @property
    def phone_last4(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return digits[-4:] if len(digits) >= 4 else ""

    def masked(self) -> dict[str, str]:
        """What a staff screen shows: the name, and enough of phone and ID to confirm them."""
        return {
            "name": self.name,
            "phone": mask(self.phone, keep_start=3, keep_end=3),
            "id_number": mask(self.id_number, keep_start=3, keep_end=2),
        }


def mask(value: str, keep_start: int, keep_end: int) -> str:
    """Keep both ends only: "0912345678" -> "091****678"; short values are hidden entirely."""
    value = value.strip()
    if len(value) <= keep_start + keep_end + 2:
        return "*" * len(value)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


@dataclass(frozen=True)
class StatusChange:
    at: datetime
    status: DossierStatus
    note: str = ""

    def __repr__(self) -> str:  # staff notes may name people: keep them out of logs
        return f"StatusChange({self.at.isoformat()}, {self.status.value})"

    def to_json(self) -> dict[str, str]:
        return {"at": self.at.isoformat(), "status": self.status.value, "note": self.note}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> StatusChange:
        return cls(
            datetime.fromisoformat(data["at"]), parse_status_name(data["status"]), data.get("note", "")
        )


@dataclass
class Dossier:
    code: str  # canonical, see knowledge.dossiers.codes
    procedure_name: str
    received_at: datetime
    due_at: date  # ngày hẹn trả on the appointment slip
    status: DossierStatus
    procedure_code: str = ""
    agency_code: str = ""
    agency_name: str = ""
    agency_address: str = ""  # where the result is collected
    new_due_at: Optional[date] = None  # from a late-dossier apology letter (thư xin lỗi)
    finished_at: Optional[datetime] = None  # processing finished (ngày xử lý xong)
    returned_at: Optional[datetime] = None  # result handed over
    history: list[StatusChange] = field(default_factory=list)
    applicant: Applicant = field(default_factory=Applicant)
    demo: bool = False

    def __repr__(self) -> str:
        return (
            f"Dossier(code={self.code!r}, procedure_code={self.procedure_code!r}, "
            f"status={self.status.value}, due_at={self.due_at.isoformat()}, demo={self.demo})"
        )

    __str__ = __repr__

    @property
    def effective_due(self) -> date:
        """The date the citizen was last promised: the apology letter's, else the slip's."""
        return self.new_due_at or self.due_at

    def is_late(self, today: date) -> bool:
        """Past the slip's due date with no result yet, and not waiting on the citizen."""
        return self.status.is_open and not self.status.clock_paused and today > self.due_at

    def finished_late(self) -> bool:
        return self.finished_at is not None and self.finished_at.date() > self.due_at

    def public_view(self, today: date, calendar: Optional[WorkCalendar] = None) -> PublicView:
        calendar = calendar or default_calendar()
        late = self.is_late(today)
        left = None
        if self.status.is_open and today <= self.effective_due:
            left = calendar.working_days_between(today, self.effective_due)
        return PublicView(
            as_of=today,
            code=self.code,
            procedure_code=self.procedure_code,
            procedure_name=self.procedure_name,
            status=self.status,
            received_on=self.received_at.date(),
            due_on=self.due_at,
            new_due_on=self.new_due_at,
            finished_on=self.finished_at.date() if self.finished_at else None,
            returned_on=self.returned_at.date() if self.returned_at else None,
            agency_name=self.agency_name,
            collect_at=self.agency_address,
            is_late=late,
            finished_late=self.finished_late(),
            working_days_left=left,
            working_days_overdue=calendar.working_days_between(self.due_at, today) if late else None,
        )


@dataclass(frozen=True)
class PublicView:
    """Everything the chat may show once ownership is verified; nothing personal by construction."""

    as_of: date  # the day the view was computed ("today" in its sentences)
    code: str
    procedure_code: str
    procedure_name: str
    status: DossierStatus
    received_on: date
    due_on: date
    new_due_on: Optional[date]
    finished_on: Optional[date]
    returned_on: Optional[date]
    agency_name: str
    collect_at: str
    is_late: bool
    finished_late: bool
    working_days_left: Optional[int]  # to the effective due date, while the dossier is open
    working_days_overdue: Optional[int]  # past the slip's due date, when late

    @property
    def status_text(self) -> str:
        return self.status.explanation

    @property
    def status_label(self) -> str:
        return self.status.label

    @property
    def next_step(self) -> str:
        return messages.next_step(self)

    @property
    def apology(self) -> Optional[str]:
        """The agency's apology when the dossier is late, with the new date if there is one."""
        return messages.apology(self)

    def to_text(self) -> str:
        """The whole chat reply, in Vietnamese."""
        return messages.render_view(self)
