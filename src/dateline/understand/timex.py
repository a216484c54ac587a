"""Find temporal expressions in text and resolve them against a document date.

Detection is regex-based (fast, no model); resolution is a small symbolic language so a
time expression found once can be re-resolved against any later-known anchor without the
parser (``resolve(symbolic, anchor)``). Symbolic forms (all strings):

- ``ABS``-free absolute values are kept as plain ISO ("2013-10-03", "2013-10", "2013").
- ``WD(<rel>,<n>)``: weekday n (0=Monday); rel is prev | next | near.
- ``MON(<rel>,<m>)``: month m of an unspecified year; ``MD(<rel>,<m>,<d>)`` a month-day.
- ``DCT<sign><n><unit>``: offset from the anchor at a unit's precision, e.g. ``DCT-1M``
  (last month), ``DCT+1W`` (next week), ``DCT+0D`` (today), ``DCT+0Y`` (this year).
- ``YEAREND(<n>)``: end of the anchor's year (+n), year precision.
- ``SHIFT(<n>[D|M|Y];<inner>)``: n days (months, years) after the time ``inner`` names; inner
  is any symbolic form or an ISO value. "Later that day", "the next morning", "a morning
  meeting" and "a month later" refer to the time the text was last on, so
  ``resolve_references`` rewrites them (found as ``SAME(n)`` / ``REL(<n><unit>)``) into the
  reference's own form, a SHIFT of it, or a ``DCT`` offset when nothing comes before them.

Why tense matters: "met on Thursday" in a Friday article is yesterday, "will meet on
Thursday" is six days ahead; the caller passes the tense of the governing verb.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateline.models import TimeExpression

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "several": 3, "few": 3, "a few": 3,
}  # fmt: skip
UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q"}
UNIT_PRECISION = {
    "D": "day",
    "W": "week",
    "M": "month",
    "Y": "year",
    "DE": "decade",
    "Q": "quarter",
}

_MON = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a few)"
_UNITS = r"(?:day|week|month|year|decade|quarter)s?"
_PART = r"(?:morning|afternoon|evening|night)"

# Order matters: longer, more specific patterns first; matches never overlap.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")),
    ("mdy", re.compile(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s?,?\s+(\d{{4}})\b")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})\s?,?\s+(\d{{4}})\b")),
    (
        "my",
        re.compile(
            rf"\b(?:(early|mid|late|the end of|end of|the beginning of)[- ]?\s*)?({_MON}),?\s+(\d{{4}})\b",
            re.I,
        ),
    ),
    (
        "md",
        re.compile(
            rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*\d{{4}})(?!\s*(?:%|percent|per cent|million|billion))"
        ),
    ),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})\b(?!,?\s*\d{{4}})")),
    (
        "quarter",
        re.compile(
            r"\b(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+of\s+(\d{4}))?",
            re.I,
        ),
    ),
    ("qn", re.compile(r"\bQ([1-4])\s+(\d{4})\b")),
    # "sales fell from a year earlier", "up on a month earlier": a comparison with the
    # same period before the report (counted from the document date, as "ago" is)
    (
        "agocmp",
        re.compile(
            rf"(?:(?<=\bfrom )|(?<=\bthan )|(?<=\bover )|(?<=\bon )|(?<=\bwith )|"
            rf"(?<=\bperiod ))({_NUM})\s+({_UNITS})\s+(earlier)\b",
            re.I,
        ),
    ),
    ("ago", re.compile(rf"\b({_NUM})\s+({_UNITS})\s+(ago|earlier|later|from now)\b", re.I)),
    (
        "within",
        re.compile(
            rf"\b(within|for|over|in|after)\s+(?:the\s+(?:next|past|last)\s+)?(?:more than\s+|less than\s+|about\s+|nearly\s+|almost\s+)?({_NUM})\s+({_UNITS})\b",
            re.I,
        ),
    ),
    (
        "duration",
        re.compile(
            rf"\b(?:the\s+(?:next|past|last)\s+)?({_NUM}|\d+(?:\.\d+)?|several|a few)\s+(minutes?|hours?|{_UNITS})\b(?!\s+(?:ago|earlier|later|from now))",
            re.I,
        ),
    ),
    (
        "clock",
        re.compile(
            r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\s*(?:(a\.m\.|p\.m\.|am|pm)|(UTC|GMT|EST|EDT|CET|BST|JST|local time))?(?!\d)",
            re.I,
        ),
    ),
    (
        "relunit",
        re.compile(
            rf"\b(?:(early|earlier|later|late|the end of|end of|the start of)\s+)?(next|last|this|past|coming|previous)\s+(week|month|year|quarter|weekend|{_WD})\b",
            re.I,
        ),
    ),
    (
        "yearend",
        re.compile(
            r"\b(?:by\s+)?(?:the\s+)?(year[- ]end|end of (?:the|this) year|end of the month|end of this month|end of next year)\b",
            re.I,
        ),
    ),
    (
        "deictic",
        re.compile(rf"\b(today|tonight|yesterday|tomorrow|this {_PART}|last night)\b", re.I),
    ),
    # the day the narrative is on, not the document's: "later that day", "the next morning"
    (
        "sameday",
        re.compile(
            rf"\b(?:(?:earlier|later)\s+(?:in\s+the|that)\s+(?:day|{_PART})"
            rf"|(?<=\bon )that\s+(?:day|{_PART})|(?<=\bby )that\s+(?:day|{_PART})"
            rf"|(?<=\bduring )that\s+(?:day|{_PART})|(?<=\bof )that\s+(?:day|{_PART})"
            rf"|That\s+(?:day|{_PART})(?=\s*,)"
            rf"|(?<=\bspent )(?:the|that)\s+(?:day|{_PART})"
            rf"|(?<=\bspend )(?:the|that)\s+(?:day|{_PART})"
            rf"|(?<=\bspending )(?:the|that)\s+(?:day|{_PART})"
            r"|the\s+same\s+day)\b(?!-)",
            re.I,
        ),
    ),
    (
        "nextday",
        re.compile(
            rf"\bthe\s+(next|following|previous|preceding)\s+(?:day|{_PART})\b(?!-)"
            r"|\bthe\s+day\s+(before|after)(?=\s*[,.;])",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"\b({_WD})(?:\s+{_PART})?\b")),
    ("modmonth", re.compile(rf"\b(early|mid|late)[- ]({_MON})\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?<!\d )(?:in|since|until|by|from|during|through|last|next|this|since)\s+({_MON})\b(?!\s+\d)"
        ),
    ),
    (
        "season",
        re.compile(
            r"\b(?:this|last|next)?\s*(spring|summer|autumn|fall|winter)\s+(?:of\s+)?(\d{4})\b",
            re.I,
        ),
    ),
    (
        "relseason",
        re.compile(
            r"\b(?:(this|last|next|in the|in|during the|by)\s+)(spring|summer|autumn|fall|winter)\b(?!\s+(?:of\s+)?\d)",
            re.I,
        ),
    ),
    (
        "half",
        re.compile(
            r"\b(?:the\s+)?(first|second)\s+half\s+of\s+(?:(the|this|next|last)\s+year|(\d{4}))\b",
            re.I,
        ),
    ),
    ("decade", re.compile(r"\b(?:the\s+)?(1[89]\d0|20\d0)s\b")),
    (
        "year",
        re.compile(
            r"\b(?:in|since|by|until|from|of|before|after|during|through|for)\s+(?:early\s+|late\s+|mid-)?((?:1[89]|20)\d{2})\b(?![-/]\d)"
        ),
    ),
    (
        "bareyear",
        re.compile(
            r"(?<![\d$€£.,-])\b(?:mid-)?((?:19|20)\d{2})\b(?![-/.,]?\d)(?!\s*(?:%|percent|per cent|people|troops|km|miles|kilometres|tonnes|tons|dollars|euros|units|cars|vehicles|jobs|workers|employees|shares|barrels))"
        ),
    ),
    (
        "baremonth",
        re.compile(
            r"\b(January|February|April|June|July|August|September|October|November|December)\b(?!\s+\d)"
        ),
    ),
]


@dataclass
class Found:
    kind: str
    text: str
    start: int
    end: int
    groups: tuple[str | None, ...]


def find(text: str) -> list[Found]:
    """All temporal expressions in ``text``, without overlaps, in order."""
    taken: list[tuple[int, int]] = []
    out: list[Found] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if kind in ("month", "year"):
                s = m.start(1)  # keep the preposition out of the expression text
            if (
                kind == "md"
                and m.group(1).lower().startswith("may")
                and not _looks_date_may(text, m)
            ):
                continue
            if (
                kind == "month"
                and m.group(1) == "May"
                and not re.match(
                    r"(?:in|since|until|by|from|during|through|last|next|this)\s", m.group(0)
                )
            ):
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            out.append(Found(kind, text[s:e], s, e, m.groups()))
    out.sort(key=lambda f: f.start)
    return out


def _looks_date_may(text: str, m: re.Match[str]) -> bool:
    # "May 5" is a date; "may 5 people" is not (modal verbs are lower-case anyway).
    return m.group(1) == "May"


# --------------------------------------------------------------------------- symbolic form


def symbolic_of(f: Found) -> tuple[str | None, str | None, str, str]:
    """(absolute value or None, symbolic or None, precision, kind) before tense is known.

    Expressions whose direction depends on tense carry ``{rel}`` to be filled by the caller.
    """
    g = f.groups
    k = f.kind
    if k == "iso":
        return f"{g[0]}-{g[1]}-{g[2]}", None, "day", "date"
    if k == "numeric":
        a, b, y = int(g[0]), int(g[1]), int(g[2])
        month, day = (b, a) if a > 12 else (a, b)  # US order unless impossible
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None, None, "unknown", "date"
        return f"{y:04d}-{month:02d}-{day:02d}", None, "day", "date"
    if k == "mdy":
        return _ymd(g[2], MONTHS[_mkey(g[0])], g[1]), None, "day", "date"
    if k == "dmy":
        return _ymd(g[2], MONTHS[_mkey(g[1])], g[0]), None, "day", "date"
    if k == "my":
        return f"{int(g[2]):04d}-{MONTHS[_mkey(g[1])]:02d}", None, "month", "date"
    if k == "md":
        return None, f"MD({{rel}},{MONTHS[_mkey(g[0])]},{int(g[1])})", "day", "date"
    if k == "dm":
        return None, f"MD({{rel}},{MONTHS[_mkey(g[1])]},{int(g[0])})", "day", "date"
    if k == "quarter":
        q = {
            "first": 1,
            "1st": 1,
            "second": 2,
            "2nd": 2,
            "third": 3,
            "3rd": 3,
            "fourth": 4,
            "4th": 4,
        }[g[0].lower()]
        if g[1]:
            return f"{g[1]}-Q{q}", None, "quarter", "date"
        return None, f"QTR({{rel}},{q})", "quarter", "date"
    if k == "qn":
        return f"{g[1]}-Q{g[0]}", None, "quarter", "date"
    if k in ("ago", "agocmp"):
        n, unit = _num(g[0]), UNIT[g[1].lower().rstrip("s")]
        sign = "-" if g[2].lower() in ("ago", "earlier") else "+"
        if unit == "W":  # "a week ago" names a day, not a calendar week
            n, unit = n * 7, "D"
        if k == "ago" and g[2].lower() in ("earlier", "later") and unit in ("D", "M", "Y"):
            # "a month later" counts from the time the text was last on, not from today;
            # resolve_references() finds that time (REL falls back to DCT without one)
            return None, f"REL({sign}{n}{unit})", UNIT_PRECISION[unit], "date"
        return None, f"DCT{sign}{n}{unit}", UNIT_PRECISION[unit], "date"
    if k == "within":
        n, unit = _num(g[1]), UNIT[g[2].lower().rstrip("s")]
        code = {"D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "0Y", "Q": "M"}[unit]
        n2 = n * 10 if unit == "DE" else n * 3 if unit == "Q" else n
        return f"P{n2}{code.replace('0', '')}", None, UNIT_PRECISION[unit], "duration"
    if k == "duration":
        unit_word = g[1].lower().rstrip("s")
        n = g[0]
        num = float(n) if re.fullmatch(r"\d+(?:\.\d+)?", n) else float(_num(n))
        if unit_word in ("minute", "hour"):
            return f"PT{_fmt(num)}{unit_word[0].upper()}", None, "unknown", "duration"
        unit = UNIT[unit_word]
        code = {"D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "Y", "Q": "M"}[unit]
        mult = 10 if unit == "DE" else 3 if unit == "Q" else 1
        return f"P{_fmt(num * mult)}{code}", None, UNIT_PRECISION[unit], "duration"
    if k == "clock":
        return None, "DCT+0D", "day", "time"
    if k == "bareyear":
        return g[0], None, "year", "date"
    if k == "baremonth":
        return None, f"MON({{rel}},{MONTHS[_mkey(g[0])]})", "month", "date"
    if k == "relunit":
        mod, rel, unit = (g[0] or "").lower(), g[1].lower(), g[2].lower()
        sign = {"next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1, "this": 0}[rel]
        if unit.capitalize() in [w.capitalize() for w in WEEKDAYS]:
            wd = WEEKDAYS.index(unit)
            r = {1: "next", -1: "prev", 0: "near"}[sign]
            # "next Monday" skips the nearest one when it falls within the same week
            return None, f"WD({r},{wd})", "day", "date"
        if unit == "weekend":
            return (
                None,
                f"WD({ {1: 'next', -1: 'prev', 0: 'near'}[sign] },5)".replace(" ", ""),
                "day",
                "date",
            )
        code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q"}[unit]
        _ = mod  # early/late keep the unit's precision
        return (
            None,
            f"DCT{'+' if sign >= 0 else '-'}{abs(sign)}{code}",
            UNIT_PRECISION[code],
            "date",
        )
    if k == "yearend":
        t = g[0].lower()
        if "month" in t:
            return None, "DCT+0M", "month", "date"
        return None, f"YEAREND({1 if 'next' in t else 0})", "year", "date"
    if k == "deictic":
        t = g[0].lower()
        off = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(t, 0)
        return None, f"DCT{'+' if off >= 0 else '-'}{abs(off)}D", "day", "date"
    if k == "sameday":
        return None, "SAME(0)", "day", "date"
    if k == "nextday":
        word = (g[0] or g[1] or "").lower()
        return None, f"SAME({1 if word in ('next', 'following', 'after') else -1})", "day", "date"
    if k == "weekday":
        return None, f"WD({{rel}},{WEEKDAYS.index(g[0].lower())})", "day", "date"
    if k == "modmonth":
        return None, f"MON({{rel}},{MONTHS[_mkey(g[1])]})", "month", "date"
    if k == "month":
        return None, f"MON({{rel}},{MONTHS[_mkey(g[0])]})", "month", "date"
    if k == "season":
        season = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[
            g[0].lower()
        ]
        return f"{g[1]}-{season}", None, "season", "date"
    if k == "relseason":
        season = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}[
            g[1].lower()
        ]
        # explicit "last"/"next" skip the season we are in; a tense alone does not
        rel = {"this": "near", "last": "before", "next": "after"}.get((g[0] or "").lower(), "{rel}")
        return None, f"SEASON({rel},{season})", "season", "date"
    if k == "half":
        h = 1 if g[0].lower() == "first" else 2
        if g[2]:
            return f"{g[2]}-H{h}", None, "half", "date"
        off = {"next": 1, "last": -1}.get((g[1] or "").lower(), 0)
        return None, f"HALF({off},{h})", "half", "date"
    if k == "decade":
        return g[0][:3], None, "decade", "date"
    if k == "year":
        return g[0], None, "year", "date"
    return None, None, "unknown", "date"


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _mkey(s: str) -> str:
    return s.lower().rstrip(".")


def _num(s: str) -> int:
    return int(s) if s.isdigit() else NUMBER_WORDS.get(s.lower(), 1)


def _ymd(y: str, m: int, d: str) -> str | None:
    try:
        return dt.date(int(y), m, int(d)).isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- resolution


def parse_anchor(anchor: str | None) -> dt.date | None:
    if not anchor:
        return None
    try:
        return dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None


_SYM = re.compile(r"^(WD|MON|MD|QTR|YEAREND|SEASON|HALF)\((.*)\)$|^DCT([+-])(\d+)(DE|D|W|M|Y|Q)$")
# the month each season starts in (northern hemisphere, meteorological)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def resolve(symbolic: str, anchor: str | None) -> tuple[str | None, str]:
    """Value and precision of a symbolic expression against ``anchor`` (ISO date)."""
    if symbolic.startswith("SHIFT("):  # SHIFT(<n><unit>;inner): n units after inner's time
        return _shift(symbolic[6:-1], anchor)
    if _ISO.fullmatch(symbolic):  # an absolute reference inside SHIFT
        return symbolic, _ISO_PRECISION[len(symbolic)]
    a = parse_anchor(anchor)
    m = _SYM.match(symbolic)
    if not m or a is None:
        return None, "unknown"
    if m.group(3):
        sign = 1 if m.group(3) == "+" else -1
        n, unit = int(m.group(4)) * sign, m.group(5)
        return _offset(a, n, unit)
    op, args = m.group(1), m.group(2).split(",")
    if op == "WD":
        return _weekday(a, args[0], int(args[1])).isoformat(), "day"
    if op == "MON":
        return _month(a, args[0], int(args[1])), "month"
    if op == "MD":
        return _month_day(a, args[0], int(args[1]), int(args[2])), "day"
    if op == "QTR":
        q = int(args[1])
        cur = (a.month - 1) // 3 + 1
        year = a.year
        if args[0] == "prev" and q > cur:
            year -= 1
        elif args[0] == "next" and q < cur:
            year += 1
        return f"{year}-Q{q}", "quarter"
    if op == "YEAREND":
        return str(a.year + int(args[0])), "year"
    if op == "HALF":
        return f"{a.year + int(args[0])}-H{args[1]}", "half"
    if op == "SEASON":
        return _season(a, args[0], args[1]), "season"
    return None, "unknown"


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_ISO_PRECISION = {4: "year", 7: "month", 10: "day"}
_SHIFT = re.compile(r"^([+-]?\d+)(D|M|Y)?;(.+)$")
_COARSE = ["day", "month", "year"]


def _shift(args: str, anchor: str | None) -> tuple[str | None, str]:
    """``n<unit>;inner``: the time ``inner`` names, moved by n days, months or years.

    An offset from the document date (``DCT-1Y``, "a year ago") is taken as the exact day it
    counts to, so "a year ago ... a month later" lands in the right month. The result is as
    coarse as the coarser of the reference and the unit.
    """
    m = _SHIFT.match(args)
    a = parse_anchor(anchor)
    if not m:
        return None, "unknown"
    n, unit, inner = int(m.group(1)), m.group(2) or "D", m.group(3)
    dct = re.fullmatch(r"DCT([+-])(\d+)(D|M|Y)", inner)
    if dct and a is not None:
        k = int(dct.group(2)) * (1 if dct.group(1) == "+" else -1)
        base, precision = _add(a, k, dct.group(3)), "day"
    else:
        value, precision = resolve(inner, anchor)
        if not value or precision not in _COARSE:
            return None, "unknown"
        base = dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    day = _add(base, n, unit)
    coarse = _COARSE[max(_COARSE.index(precision), _COARSE.index(UNIT_PRECISION[unit]))]
    return day.isoformat()[: {"day": 10, "month": 7, "year": 4}[coarse]], coarse


def _add(d: dt.date, n: int, unit: str) -> dt.date:
    if unit == "D":
        return d + dt.timedelta(days=n)
    months = n * 12 if unit == "Y" else n
    idx = d.year * 12 + d.month - 1 + months
    y, mo = idx // 12, idx % 12 + 1
    last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, mo, min(d.day, last))


def _offset(a: dt.date, n: int, unit: str) -> tuple[str, str]:
    if unit == "D":
        return (a + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "W":
        y, w, _ = (a + dt.timedelta(weeks=n)).isocalendar()
        return f"{y}-W{w:02d}", "week"
    if unit == "M":
        idx = a.year * 12 + a.month - 1 + n
        return f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month"
    if unit == "Q":
        idx = a.year * 4 + (a.month - 1) // 3 + n
        return f"{idx // 4}-Q{idx % 4 + 1}", "quarter"
    if unit == "DE":
        return str(a.year // 10 + n)[:3], "decade"
    return str(a.year + n), "year"


def _weekday(a: dt.date, rel: str, wd: int) -> dt.date:
    back = (a.weekday() - wd) % 7  # days back to the most recent such weekday (0 = today)
    fwd = (wd - a.weekday()) % 7
    if rel == "prev":
        return a - dt.timedelta(days=back)
    if rel == "next":
        return a + dt.timedelta(days=fwd)
    return a - dt.timedelta(days=back) if back <= fwd else a + dt.timedelta(days=fwd)


def _season(a: dt.date, rel: str, code: str) -> str:
    """Season named by its starting year ("2014-WI" runs Dec 2014 - Feb 2015).

    near / prev / next (from tense) keep the season the anchor is in; before / after
    ("last summer", "next winter") step past it.
    """
    start = SEASON_START[code]

    def bounds(y: int) -> tuple[dt.date, dt.date]:
        b = dt.date(y, start, 1)
        e = dt.date(y + 1, 3, 1) if code == "WI" else dt.date(y, start + 3, 1)
        return b, e - dt.timedelta(days=1)

    cands = [a.year - 2, a.year - 1, a.year, a.year + 1]
    inside = next((y for y in cands if bounds(y)[0] <= a <= bounds(y)[1]), None)
    before = max(y for y in cands if bounds(y)[1] < a)
    after = min(y for y in cands if bounds(y)[0] > a)
    if rel == "before":
        return f"{before}-{code}"
    if rel == "after":
        return f"{after}-{code}"
    if inside is not None:
        return f"{inside}-{code}"
    if rel == "prev":
        return f"{before}-{code}"
    if rel == "next":
        return f"{after}-{code}"
    nearest = before if (a - bounds(before)[1]).days <= (bounds(after)[0] - a).days else after
    return f"{nearest}-{code}"


def _month(a: dt.date, rel: str, month: int) -> str:
    year = a.year
    if rel == "prev" and month > a.month:
        year -= 1
    elif rel == "next" and month < a.month:
        year += 1
    elif rel == "near" and abs(month - a.month) > 6:
        year += -1 if month > a.month else 1
    return f"{year:04d}-{month:02d}"


def _month_day(a: dt.date, rel: str, month: int, day: int) -> str | None:
    def make(y: int) -> dt.date | None:
        try:
            return dt.date(y, month, day)
        except ValueError:
            return None

    options = [d for d in (make(a.year - 1), make(a.year), make(a.year + 1)) if d]
    if not options:
        return None
    if rel == "prev":
        pool = [d for d in options if d <= a] or options
        return max(pool).isoformat()
    if rel == "next":
        pool = [d for d in options if d >= a] or options
        return min(pool).isoformat()
    return min(options, key=lambda d: abs((d - a).days)).isoformat()


# --------------------------------------------------------------------------- public helpers


def rel_for_tense(tense: str | None) -> str:
    """past -> prev, future -> next, anything else -> nearest."""
    return {"past": "prev", "future": "next"}.get(tense or "", "near")


def build(f: Found, tense: str | None, anchor: str | None) -> TimeExpression:
    value, sym, precision, kind = symbolic_of(f)
    if sym and "{rel}" in sym:
        sym = sym.replace("{rel}", rel_for_tense(tense))
    confidence = 0.9
    if sym:
        rvalue, rprec = resolve(sym, anchor)
        if rvalue is not None:
            value, precision = rvalue, rprec
        confidence = 0.8 if tense else 0.6
    return TimeExpression(
        text=f.text,
        start=f.start,
        end=f.end,
        value=value,
        precision=precision if value or sym else "unknown",  # type: ignore[arg-type]
        kind=kind,
        anchor=anchor if sym else None,
        symbolic=sym,
        confidence=confidence,
    )


def reanchor(t: TimeExpression, anchor: str | None) -> TimeExpression:
    """The same expression resolved against another anchor (absolute ones do not move)."""
    if not t.symbolic:
        return t
    return _resolved(t, t.symbolic, anchor, t.confidence)


def _resolved(t: TimeExpression, sym: str, anchor: str | None, confidence: float) -> TimeExpression:
    """``t`` as the symbolic expression ``sym`` resolved against ``anchor``."""
    value, precision = resolve(sym, anchor)
    return TimeExpression(
        text=t.text,
        start=t.start,
        end=t.end,
        value=value,
        precision=precision if value else t.precision,  # type: ignore[arg-type]
        kind=t.kind,
        anchor=anchor,
        symbolic=sym,
        confidence=confidence,
    )


def normalise(text: str, anchor: str | None, tense: str | None = None) -> list[TimeExpression]:
    """Find and resolve every expression in ``text`` with one tense for all (no parser)."""
    return resolve_references([build(f, tense, anchor) for f in find(text)], anchor)


# how far back (characters) a "that day" looks for the day it refers to; further than a few
# paragraphs the story has usually moved on, and the document's own day is the better guess
REFERENCE_REACH = 2000
_SAME = re.compile(r"^SAME\(([+-]?\d+)\)$")


def resolve_references(times: list[TimeExpression], anchor: str | None) -> list[TimeExpression]:
    """Give every "that day" / "the next day" (``SAME(n)``) the day the text was last on.

    ``times`` are in text order. The reference is the latest day-precise date before the
    expression (within ``REFERENCE_REACH``); with none, the document's own day. The result
    stays re-resolvable: it copies the reference's symbolic form (shifted by n days) or its
    absolute value.
    """
    out: list[TimeExpression] = []
    for t in times:
        m = _SAME.match(t.symbolic or "")
        if m:
            t = same_day(t, int(m.group(1)), out, anchor)
        elif rel := _REL.match(t.symbolic or ""):
            t = _later(t, rel.group(1), out, anchor)
        out.append(t)
    return out


_REL = re.compile(r"^REL\(([+-]\d+[DMY])\)$")


def _reference(
    t: TimeExpression, earlier: list[TimeExpression], fits: Callable[[TimeExpression], bool]
) -> TimeExpression | None:
    """The latest resolved (or resolvable) date before ``t``, within ``REFERENCE_REACH``,
    that ``fits``. ``earlier`` is in text order and its own references are already resolved."""
    return next(
        (
            r
            for r in reversed(earlier)
            if r.end <= t.start
            and t.start - r.end <= REFERENCE_REACH
            and r.kind == "date"
            and (r.value or r.symbolic)
            and fits(r)
        ),
        None,
    )


def _later(
    t: TimeExpression, offset: str, earlier: list[TimeExpression], anchor: str | None
) -> TimeExpression:
    """ "two days later", "a month earlier": counted from the latest time before it (of a
    day, month or year), else from the document's date."""
    # "One year later ... Two years later" run on, but two "a year earlier" both compare
    # with the same period
    ref = _reference(
        t, earlier, lambda r: r.precision in _COARSE and not re.search(r"\bearlier\b", r.text, re.I)
    )
    sym = f"DCT{offset}" if ref is None else f"SHIFT({offset};{ref.symbolic or ref.value})"
    return _resolved(t, sym, anchor, min(t.confidence, 0.7))


def same_day(
    t: TimeExpression, shift: int, earlier: list[TimeExpression], anchor: str | None
) -> TimeExpression:
    """``t`` resolved as the day of the latest day-precise expression in ``earlier`` that
    ends before it (plus ``shift`` days), or as the document's day when there is none."""
    ref = _reference(t, earlier, lambda r: r.precision == "day")
    if ref is None:
        sym: str | None = f"DCT{'+' if shift >= 0 else '-'}{abs(shift)}D"
        value = None
    elif ref.symbolic:
        sym = ref.symbolic if shift == 0 else f"SHIFT({shift};{ref.symbolic})"
        value = None
    else:
        sym = None
        day = parse_anchor(ref.value)
        value = (day + dt.timedelta(days=shift)).isoformat() if day else None
    if sym is not None:
        value, _ = resolve(sym, anchor)
    return TimeExpression(
        text=t.text,
        start=t.start,
        end=t.end,
        value=value,
        precision="day" if value or sym else "unknown",
        kind=t.kind,
        anchor=anchor if sym else None,
        symbolic=sym,
        confidence=min(t.confidence, 0.7),
    )


def contains(outer: str, inner: str) -> bool:
    """Whether ISO value ``inner`` falls inside ``outer`` (e.g. 2023-01-11 in 2023-01)."""
    if not outer or not inner:
        return False
    if inner.startswith(outer):
        return True
    if "-W" in outer:
        try:
            d = dt.date.fromisoformat(inner[:10])
        except ValueError:
            return False
        y, w, _ = d.isocalendar()
        return outer == f"{y}-W{w:02d}"
    if "-Q" in outer and len(inner) >= 7 and inner[4] == "-" and inner[5:7].isdigit():
        return outer == f"{inner[:4]}-Q{(int(inner[5:7]) - 1) // 3 + 1}"
    return False
