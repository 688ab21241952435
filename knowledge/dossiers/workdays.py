"""Working days (ngày làm việc) in Việt Nam: weekends and public holidays excluded.

Appointment slips and processing times are counted in working days, so "còn 3
ngày làm việc" must skip Saturdays, Sundays and the public holidays of the
Labour Code 2019 (Bộ luật Lao động, art. 112), computed for any year rather
than listed by hand:

* Tết Dương lịch: 1/1.
* Tết Âm lịch: 5 days. The Government fixes them each year; the usual choice,
  used here, is the last day of the old lunar year and the first four days of
  the new one (Tết 2026: 16/2-20/2, around mùng 1 = 17/2/2026).
* Giỗ Tổ Hùng Vương: 10/3 âm lịch (26/4/2026).
* Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5.
* Quốc khánh: 2/9 plus one adjacent day (before or after; the Government
  decides). Rule used: the adjacent weekday that joins the break to a weekend;
  if neither does, the day before.

Nghỉ bù (art. 111(3)): a holiday that falls on a Saturday or Sunday is made up
on the next working day; this is applied, so Giỗ Tổ on Sunday 26/4/2026 makes
Monday 27/4/2026 a day off too.

What rules cannot know: each year the Prime Minister may move Tết days (2024:
8/2-14/2 instead of 9/2-15/2) or swap a bridge day with a working Saturday
(hoán đổi ngày làm việc). Those decisions go in a small YAML file named by
``TTHC_HOLIDAYS_FILE`` (format in ``config/dossiers/holidays-example.yml``):
``days_off`` adds days off, ``working_days`` turns days (weekends included)
into working days. The file wins over the rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from knowledge.dossiers.lunar import lunar_to_solar

SATURDAY, SUNDAY = 5, 6
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Holiday:
    day: date
    name: str
    compensatory: bool = False  # nghỉ bù for a holiday that fell on a weekend


def statutory_holidays(year: int) -> list[Holiday]:
    """Public holidays of ``year`` by the Labour Code rules, with nghỉ bù, sorted by date."""
    tet = lunar_to_solar(year, 1, 1)
    holidays = [Holiday(date(year, 1, 1), "Tết Dương lịch")]
    holidays.append(Holiday(tet - ONE_DAY, "Tết Nguyên đán (cuối năm âm lịch)"))
    holidays += [Holiday(tet + timedelta(days=i), f"Tết Nguyên đán (mùng {i + 1})") for i in range(4)]
    holidays += [
        Holiday(lunar_to_solar(year, 3, 10), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
        Holiday(date(year, 4, 30), "Ngày Chiến thắng"),
        Holiday(date(year, 5, 1), "Ngày Quốc tế Lao động"),
        Holiday(date(year, 9, 2), "Quốc khánh"),
        Holiday(_national_day_companion(year), "Quốc khánh (ngày liền kề)"),
    ]
    return sorted(holidays + _compensatory_days(holidays), key=lambda h: h.day)


def _national_day_companion(year: int) -> date:
    national_day = date(year, 9, 2)
    before, after = national_day - ONE_DAY, national_day + ONE_DAY
    weekdays = [d for d in (before, after) if d.weekday() < SATURDAY]
    if len(weekdays) == 1:
        return weekdays[0]
    touching_weekend = [d for d in weekdays if d.weekday() in (0, 4)]  # a Monday or a Friday
    return touching_weekend[0] if touching_weekend else before


def _compensatory_days(holidays: list[Holiday]) -> list[Holiday]:
    taken = {h.day for h in holidays}
    extra: list[Holiday] = []
    for holiday in sorted(holidays, key=lambda h: h.day):
        if holiday.day.weekday() < SATURDAY:
            continue
        day = holiday.day + ONE_DAY
        while day.weekday() >= SATURDAY or day in taken:
            day += ONE_DAY
        taken.add(day)
        extra.append(Holiday(day, f"Nghỉ bù {holiday.name}", compensatory=True))
    return extra


@dataclass(frozen=True)
class Overrides:
    """Government decisions for particular years, which the rules cannot derive."""

    days_off: frozenset[date] = field(default_factory=frozenset)
    working_days: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def from_file(cls, path: Path) -> Overrides:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ValueError(f"cannot read the holidays file {path}: {exc}") from exc
        return cls(
            days_off=frozenset(_dates(data.get("days_off", []), path)),
            working_days=frozenset(_dates(data.get("working_days", []), path)),
        )


def _dates(values: Iterable[object], path: Path) -> Iterable[date]:
    for value in values:
        if isinstance(value, dict):  # {date: 2024-02-08, note: "..."}
            value = value.get("date")
        if isinstance(value, date):
            yield value
            continue
        try:
            yield date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(f"{path}: {value!r} is not a date (YYYY-MM-DD)") from None


class WorkCalendar:
    """Working-day arithmetic; one instance per set of overrides, holidays cached per year."""

    def __init__(self, overrides: Optional[Overrides] = None) -> None:
        self.overrides = overrides or Overrides()

    @lru_cache(maxsize=256)  # noqa: B019 - calendars are few and live as long as the process
    def _days_off(self, year: int) -> frozenset[date]:
        return frozenset(h.day for h in statutory_holidays(year))

    def is_working_day(self, day: date) -> bool:
        if day in self.overrides.working_days:
            return True
        if day in self.overrides.days_off or day.weekday() >= SATURDAY:
            return False
        return day not in self._days_off(day.year)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end``.

        Asked on Monday, due on Wednesday: 2 left (Tuesday and Wednesday). Due on
        Monday, asked on Wednesday: ``working_days_between(due, today)`` is 2
        working days overdue. When ``end`` is earlier the result is negative and
        mirrors :meth:`add_working_days`: the working days from ``end`` up to,
        not including, ``start``.
        """
        if end < start:
            return -sum(self.is_working_day(end + timedelta(days=i)) for i in range((start - end).days))
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (before it when negative); ``start`` for 0.

        This is how an appointment date is set: received on ``start``, processing
        time ``days`` working days, counted from the next working day.
        """
        step = ONE_DAY if days >= 0 else -ONE_DAY
        day, remaining = start, abs(days)
        while remaining:
            day += step
            remaining -= self.is_working_day(day)
        return day


@lru_cache(maxsize=1)
def _default_calendar(holidays_file: Optional[str]) -> WorkCalendar:
    return WorkCalendar(Overrides.from_file(Path(holidays_file)) if holidays_file else None)


def default_calendar() -> WorkCalendar:
    """The calendar with the overrides named by ``TTHC_HOLIDAYS_FILE``, if any."""
    return _default_calendar(os.environ.get("TTHC_HOLIDAYS_FILE") or None)


def is_working_day(day: date) -> bool:
    return default_calendar().is_working_day(day)


def working_days_between(start: date, end: date) -> int:
    return default_calendar().working_days_between(start, end)


def add_working_days(start: date, days: int) -> date:
    return default_calendar().add_working_days(start, days)
