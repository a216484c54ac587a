"""Re-check policies: when to look at an article again, and when to stop.

Pure functions of an item's history and the current time, so the same code runs live, in the
tests and in the simulated-time benchmark. ``dateline`` is ours; ``newssniffer`` and
``newsdiffs`` follow the schedules those projects publish, for comparison runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from dateline.watch.settings import DAY, HOUR, MINUTE, WatchSettings


@dataclass
class ItemTimes:
    """What a policy may look at (times are unix seconds)."""

    first_seen: float
    last_changed: float | None  # None: never changed since first seen
    interval: float  # the interval chosen last time (0 before the first re-check)
    changed: bool  # this check found a new version
    cheap: bool  # the host answers conditional GETs (so unchanged checks cost no body)
    hinted: bool  # a feed/sitemap gives this item's modified time


@dataclass
class Decision:
    interval: float | None  # None: stop checking
    reason: str


def _fmt_days(seconds: float) -> str:
    days = seconds / DAY
    return f"{days:.0f} days" if days >= 2 else f"{seconds / HOUR:.0f} hours"


def dateline_policy(t: ItemTimes, now: float, s: WatchSettings) -> Decision:
    """Dense while young, reset on change, sparse when a hint or a 304 can stand in.

    Age counts from the last change, or from first sight. About 80% of changes come in the
    first day after publication, and a changed article tends to change again, so both
    publication and a change restart the dense phase.
    """
    since = t.last_changed if t.last_changed is not None else t.first_seen
    age = max(0.0, now - since)
    if age >= s.quiet_period:
        return Decision(None, f"{_fmt_days(age)} unchanged")
    origin = min(t.first_seen, t.last_changed) if t.last_changed is not None else t.first_seen
    young = now - origin < s.young_period
    if t.hinted:
        # The feed tells us when the article changes; fetch only as a safety net, a little
        # denser where a 304 makes the look cheap.
        if t.cheap:
            interval = max(s.young_cheap_interval * 3, age * s.cheap_old_factor * 2)
        else:
            interval = max(s.hinted_safety_first, age * (s.hinted_safety_factor - 1.0))
    elif t.cheap:
        # A 304 costs a request but no body, so stay dense through the whole first day.
        if young or age < s.young_period:
            interval = s.young_cheap_interval
        else:
            interval = max(s.young_cheap_interval, age * s.cheap_old_factor)
    else:
        # Every look costs a body. Spend them while the article is young (by publication
        # age, where the changes are), keep looking through its first week (where most of
        # the remaining changes are) and back off steeply once it is old.
        if young:
            factor = s.age_factor
        elif now - origin < s.mid_period:
            factor = s.mid_factor
        else:
            factor = s.old_factor
        interval = max(s.min_interval, age * factor)
    interval = min(interval, s.max_interval, max(s.min_interval, s.quiet_period - age))
    return Decision(interval, "")


def newssniffer_policy(t: ItemTimes, now: float, s: WatchSettings) -> Decision:
    """News Sniffer: 30 min, x1.2 after each unchanged check, back to 30 min on a change,
    stop once the wait reaches 40 days."""
    interval = 30 * MINUTE if t.changed or t.interval <= 0 else t.interval * 1.2
    if interval >= 40 * DAY:
        return Decision(None, "wait reached 40 days")
    return Decision(interval, "")


def newsdiffs_policy(t: ItemTimes, now: float, s: WatchSettings) -> Decision:
    """NewsDiffs: by time since the last change, 15 min under 3 h, hourly to a day, every
    3 h to a week, every 3 days to 30 days, monthly to 360 days, then never."""
    since = t.last_changed if t.last_changed is not None else t.first_seen
    age = max(0.0, now - since)
    if age < 3 * HOUR:
        return Decision(15 * MINUTE, "")
    if age < DAY:
        return Decision(HOUR, "")
    if age < 7 * DAY:
        return Decision(3 * HOUR, "")
    if age < 30 * DAY:
        return Decision(3 * DAY, "")
    if age < 360 * DAY:
        return Decision(30 * DAY, "")
    return Decision(None, "360 days unchanged")


POLICIES = {
    "dateline": dateline_policy,
    "newssniffer": newssniffer_policy,
    "newsdiffs": newsdiffs_policy,
}


def decide(t: ItemTimes, now: float, s: WatchSettings) -> Decision:
    return POLICIES[s.schedule](t, now, s)
