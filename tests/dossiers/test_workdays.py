"""Working days skip weekends and the statutory holidays, the lunar ones computed for any year."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunardate import LunarDate

from knowledge.dossiers.lunar import lunar_to_solar, new_moon_near
from knowledge.dossiers.workdays import Overrides, WorkCalendar, statutory_holidays


def holidays(year: int) -> set[date]:
    return {h.day for h in statutory_holidays(year)}


@pytest.mark.parametrize(
    ("year", "tet"),
    [
        # Published Vietnamese calendars (mùng 1 Tết)
        (2020, date(2020, 1, 25)),
        (2023, date(2023, 1, 22)),
        (2024, date(2024, 2, 10)),
        (2025, date(2025, 1, 29)),
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
    ],
)
def test_tet_dates(year, tet):
    assert lunar_to_solar(year, 1, 1) == tet


@pytest.mark.parametrize(
    ("year", "gio_to"),
    [
        (2023, date(2023, 4, 29)),
        (2024, date(2024, 4, 18)),
        (2025, date(2025, 4, 7)),
        (2026, date(2026, 4, 26)),
    ],
)
def test_gio_to_hung_vuong_is_lunar_10_3(year, gio_to):
    assert lunar_to_solar(year, 3, 10) == gio_to


def test_vietnamese_calendar_differs_from_the_chinese_one_when_the_new_moon_is_before_midnight_utc7():
    # New moon 17/2/2007 16:14 UTC: 23:14 in Hà Nội, 00:14 on the 18th in Beijing.
    assert LunarDate(2007, 1, 1).to_solar_date() == date(2007, 2, 18)
    assert lunar_to_solar(2007, 1, 1) == date(2007, 2, 17)


def test_new_moon_instant_is_accurate_to_a_few_minutes():
    # Annular solar eclipse of 17/2/2026: conjunction at 12:01 UTC.
    moment = new_moon_near(date(2026, 2, 17))
    assert (moment.date(), moment.hour) == (date(2026, 2, 17), 12)
    assert abs(moment.minute - 1) <= 3


def test_lunar_years_outside_the_supported_range_are_refused():
    with pytest.raises(ValueError, match="supported range"):
        lunar_to_solar(1900, 1, 1)


def test_2026_holidays():
    days = holidays(2026)
    # Tết: last day of the lunar year + mùng 1-4
    assert {date(2026, 2, d) for d in range(16, 21)} <= days
    assert date(2026, 2, 21) not in days  # a Saturday, not a holiday
    # Giỗ Tổ on Sunday 26/4 -> nghỉ bù Monday 27/4
    assert {date(2026, 4, 26), date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1)} <= days
    # Quốc khánh on Wednesday: the day before is the adjacent day
    assert {date(2026, 9, 1), date(2026, 9, 2)} <= days
    assert date(2026, 9, 3) not in days
    assert len(days) == 12


def test_2023_compensatory_days_match_the_published_schedule():
    days = holidays(2023)
    assert date(2023, 1, 2) in days  # 1/1 was a Sunday
    # Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 Mon -> back to work on Thursday 4/5
    assert {date(2023, 5, 2), date(2023, 5, 3)} <= days
    assert date(2023, 5, 4) not in days
    # 2/9 on a Saturday: Friday 1/9 plus Monday 4/9
    assert {date(2023, 9, 1), date(2023, 9, 4)} <= days


@pytest.mark.parametrize(
    ("year", "companion"),
    [(2024, date(2024, 9, 3)), (2025, date(2025, 9, 1)), (2022, date(2022, 9, 1)), (2021, date(2021, 9, 3))],
)
def test_national_day_companion_joins_the_weekend(year, companion):
    assert companion in holidays(year)


def test_every_year_has_the_eleven_statutory_days_off_on_weekdays():
    calendar = WorkCalendar()
    for year in range(2020, 2041):
        statutory = [h for h in statutory_holidays(year) if not h.compensatory]
        assert len(statutory) == 11, year
        weekday_days_off = [h for h in statutory_holidays(year) if h.day.weekday() < 5]
        assert len(weekday_days_off) == 11, year  # each weekend holiday was made up
        assert not any(calendar.is_working_day(h.day) for h in statutory_holidays(year))


def test_is_working_day(calendar):
    assert calendar.is_working_day(date(2026, 3, 25))  # Wednesday
    assert not calendar.is_working_day(date(2026, 3, 28))  # Saturday
    assert not calendar.is_working_day(date(2026, 3, 29))  # Sunday
    assert not calendar.is_working_day(date(2026, 2, 17))  # mùng 1 Tết
    assert not calendar.is_working_day(date(2026, 4, 27))  # nghỉ bù Giỗ Tổ


def test_working_days_between(calendar):
    assert calendar.working_days_between(date(2026, 3, 23), date(2026, 3, 25)) == 2
    assert calendar.working_days_between(date(2026, 3, 25), date(2026, 3, 23)) == -2
    assert calendar.working_days_between(date(2026, 3, 25), date(2026, 3, 25)) == 0
    assert calendar.working_days_between(date(2026, 3, 27), date(2026, 3, 30)) == 1  # over a weekend
    # Friday 13/2 to Monday 23/2/2026: weekend, Tết, weekend -> only the Monday
    assert calendar.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    # Friday 24/4 to Monday 4/5/2026: Giỗ Tổ + nghỉ bù, 30/4, 1/5 -> 28, 29/4 and 4/5
    assert calendar.working_days_between(date(2026, 4, 24), date(2026, 5, 4)) == 3


def test_add_working_days(calendar):
    assert calendar.add_working_days(date(2026, 3, 25), 0) == date(2026, 3, 25)
    assert calendar.add_working_days(date(2026, 3, 25), 3) == date(2026, 3, 30)
    assert calendar.add_working_days(date(2026, 3, 30), -3) == date(2026, 3, 25)
    # Received Thursday 12/2/2026 with 5 working days: Fri 13, then Tết, back Mon 23 -> 26/2
    assert calendar.add_working_days(date(2026, 2, 12), 5) == date(2026, 2, 26)
    # Received on a Saturday: counting starts on Monday
    assert calendar.add_working_days(date(2026, 3, 28), 1) == date(2026, 3, 30)


def test_add_and_between_are_inverse(calendar):
    start = date(2025, 12, 20)
    for days in range(0, 80, 7):
        end = calendar.add_working_days(start, days)
        assert calendar.working_days_between(start, end) == days
        assert calendar.is_working_day(end) or days == 0


def test_overrides_move_days_off_and_working_days(tmp_path):
    path = tmp_path / "holidays.yml"
    path.write_text(
        "days_off:\n  - {date: 2024-02-08, note: Tết}\n  - 2024-04-29\nworking_days:\n  - 2024-02-15\n  - 2024-05-04\n",
        encoding="utf-8",
    )
    calendar = WorkCalendar(Overrides.from_file(path))
    assert not calendar.is_working_day(date(2024, 2, 8))
    assert calendar.is_working_day(date(2024, 2, 15))  # a computed nghỉ bù, overridden
    assert not calendar.is_working_day(date(2024, 4, 29))
    assert calendar.is_working_day(date(2024, 5, 4))  # a swapped Saturday
    assert WorkCalendar().is_working_day(date(2024, 2, 8))


def test_bad_overrides_file_is_a_clear_error(tmp_path):
    path = tmp_path / "holidays.yml"
    path.write_text("days_off: [not-a-date]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a date"):
        Overrides.from_file(path)


def test_default_calendar_reads_the_overrides_file(tmp_path, monkeypatch):
    from knowledge.dossiers import workdays

    path = tmp_path / "holidays.yml"
    path.write_text("working_days: [2026-02-17]\n", encoding="utf-8")
    monkeypatch.setenv("TTHC_HOLIDAYS_FILE", str(path))
    assert workdays.is_working_day(date(2026, 2, 17))
    monkeypatch.delenv("TTHC_HOLIDAYS_FILE")
    assert not workdays.is_working_day(date(2026, 2, 17))


@settings(max_examples=150, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    days=st.integers(min_value=-60, max_value=60),
)
def test_add_working_days_lands_on_a_working_day_the_right_distance_away(start, days):
    calendar = WorkCalendar()
    end = calendar.add_working_days(start, days)
    assert calendar.working_days_between(start, end) == days
    if days:
        assert calendar.is_working_day(end)
        assert (end > start) == (days > 0)
