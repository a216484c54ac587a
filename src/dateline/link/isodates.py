"""ISO values at any precision as day intervals, so dates of different precision compare."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_SEASON = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
PRECISION_RANK = {
    "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4, "year": 5,
    "decade": 6, "unknown": 7,
}  # fmt: skip


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO value can mean ("2013-10" -> Oct 1 .. Oct 31)."""
    if not value:
        return None
    v = value.strip()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", v):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            start = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start, start + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            a, b = _SEASON[m[2]]
            end_y, end_m = (y + 1, b - 12) if b > 12 else (y, b)
            return dt.date(y, a, 1), _month_end(end_y, end_m)
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(m[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31)
    except ValueError:
        return None
    return None


def overlaps(a: str | None, b: str | None) -> bool:
    ia, ib = interval(a), interval(b)
    return bool(ia and ib and ia[0] <= ib[1] and ib[0] <= ia[1])


def gap_days(a: str | None, b: str | None) -> int | None:
    """Days between two values' intervals (0 when they overlap), None when either is unknown."""
    ia, ib = interval(a), interval(b)
    if not ia or not ib:
        return None
    if ia[0] <= ib[1] and ib[0] <= ia[1]:
        return 0
    return min(abs((ia[0] - ib[1]).days), abs((ib[0] - ia[1]).days))


def coarsen(value: str, precision: str) -> tuple[str, str]:
    """A day value cut to a coarser precision ("2023-01-11", "month" -> "2023-01")."""
    iv = interval(value)
    if iv is None:
        return value, precision
    d = iv[0]
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}", "month"
    if precision == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}", "week"
    if precision in ("year", "half", "quarter", "season"):
        return f"{d.year:04d}", "year"
    return value, precision


def finer(p: str, q: str) -> bool:
    return PRECISION_RANK.get(p, 7) < PRECISION_RANK.get(q, 7)
