"""Vietnamese lunar dates (âm lịch) as solar dates, for the lunar public holidays.

``lunardate`` computes the Chinese calendar, whose days start at midnight
Beijing time (UTC+8). The Vietnamese calendar uses the same rules at UTC+7, so
when a new moon falls between 00:00 and 01:00 Beijing time the Vietnamese month
starts one day *earlier*: Tết 2007 was 17/2 in Việt Nam and 18/2 in China.

So the month start is taken from ``lunardate`` and then checked against the
instant of the new moon (Meeus, *Astronomical Algorithms*, ch. 49; accurate to
about a minute), moved back a day when that instant is before midnight in
Việt Nam. The rarer case where the two calendars disagree on which month is the
leap month (last seen in 1985) is not corrected; the years served here
(``MIN_YEAR``..``MAX_YEAR``) were compared with published Vietnamese calendars
for Tết and Giỗ Tổ, and an operator can still override any holiday (see
``knowledge.dossiers.workdays``).
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from functools import lru_cache

from lunardate import LunarDate

MIN_YEAR = 1990
MAX_YEAR = 2099

VIETNAM = timezone(timedelta(hours=7))  # no daylight saving time
_JD_UNIX_EPOCH = 2440587.5


def lunar_to_solar(year: int, month: int, day: int) -> date:
    """Solar date of a day of the Vietnamese lunar calendar (not of a leap month)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"lunar year {year} is outside the supported range {MIN_YEAR}-{MAX_YEAR}")
    return month_start(year, month) + timedelta(days=day - 1)


@lru_cache(maxsize=2048)
def month_start(year: int, month: int) -> date:
    """First day of a lunar month in Việt Nam (UTC+7)."""
    chinese = LunarDate(year, month, 1).to_solar_date()
    new_moon = new_moon_near(chinese)
    return min(chinese, new_moon.astimezone(VIETNAM).date())


def new_moon_near(day: date) -> datetime:
    """The new moon closest to ``day`` (UTC), from the mean lunation plus periodic terms."""
    year_fraction = day.year + (day.timetuple().tm_yday - 0.5) / 365.25
    k = round((year_fraction - 2000) * 12.3685)
    julian_ephemeris = _new_moon_jde(k)
    seconds = (julian_ephemeris - _JD_UNIX_EPOCH) * 86400 - _delta_t(day.year)
    return datetime.fromtimestamp(seconds, tz=UTC)


def _new_moon_jde(k: int) -> float:
    """Julian Ephemeris Day of lunation ``k`` (k = 0 is the new moon of 6 January 2000)."""
    t = k / 1236.85
    jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t**2 - 0.000000150 * t**3 + 0.00000000073 * t**4
    e = 1 - 0.002516 * t - 0.0000074 * t**2
    sun = math.radians(2.5534 + 29.10535670 * k - 0.0000014 * t**2 - 0.00000011 * t**3)
    moon = math.radians(
        201.5643 + 385.81693528 * k + 0.0107582 * t**2 + 0.00001238 * t**3 - 0.000000058 * t**4
    )
    latitude = math.radians(
        160.7108 + 390.67050284 * k - 0.0016118 * t**2 - 0.00000227 * t**3 + 0.000000011 * t**4
    )
    node = math.radians(124.7746 - 1.56375588 * k + 0.0020672 * t**2 + 0.00000215 * t**3)
    m, mp, f = sun, moon, latitude
    jde += (
        -0.40720 * math.sin(mp)
        + 0.17241 * e * math.sin(m)
        + 0.01608 * math.sin(2 * mp)
        + 0.01039 * math.sin(2 * f)
        + 0.00739 * e * math.sin(mp - m)
        - 0.00514 * e * math.sin(mp + m)
        + 0.00208 * e * e * math.sin(2 * m)
        - 0.00111 * math.sin(mp - 2 * f)
        - 0.00057 * math.sin(mp + 2 * f)
        + 0.00056 * e * math.sin(2 * mp + m)
        - 0.00042 * math.sin(3 * mp)
        + 0.00042 * e * math.sin(m + 2 * f)
        + 0.00038 * e * math.sin(m - 2 * f)
        - 0.00024 * e * math.sin(2 * mp - m)
        - 0.00017 * math.sin(node)
        - 0.00007 * math.sin(mp + 2 * m)
        + 0.00004 * math.sin(2 * mp - 2 * f)
        + 0.00004 * math.sin(3 * m)
        + 0.00003 * math.sin(mp + m - 2 * f)
        + 0.00003 * math.sin(2 * mp + 2 * f)
        - 0.00003 * math.sin(mp + m + 2 * f)
        + 0.00003 * math.sin(mp - m + 2 * f)
        - 0.00002 * math.sin(mp - m - 2 * f)
        - 0.00002 * math.sin(3 * mp + m)
        + 0.00002 * math.sin(4 * mp)
    )
    planetary = (
        (0.000325, 299.77 + 0.107408 * k - 0.009173 * t**2),
        (0.000165, 251.88 + 0.016321 * k),
        (0.000164, 251.83 + 26.651886 * k),
        (0.000126, 349.42 + 36.412478 * k),
        (0.000110, 84.66 + 18.206239 * k),
        (0.000062, 141.74 + 53.303771 * k),
        (0.000060, 207.14 + 2.453732 * k),
        (0.000056, 154.84 + 7.306860 * k),
        (0.000047, 34.52 + 27.261239 * k),
        (0.000042, 207.19 + 0.121824 * k),
        (0.000040, 291.34 + 1.844379 * k),
        (0.000037, 161.72 + 24.198154 * k),
        (0.000035, 239.56 + 25.513099 * k),
        (0.000023, 331.55 + 3.592518 * k),
    )
    return jde + sum(coefficient * math.sin(math.radians(angle)) for coefficient, angle in planetary)


def _delta_t(year: int) -> float:
    """TT - UT in seconds (Espenak & Meeus polynomials); about a minute, so rough is enough."""
    t = year - 2000
    if year < 2005:
        return 63.86 + 0.3345 * t - 0.060374 * t**2 + 0.0017275 * t**3 + 0.000651814 * t**4
    if year < 2050:
        return 62.92 + 0.32217 * t + 0.005589 * t**2
    return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year)
