"""Normalising article text before comparing versions.

A news page changes all the time without its story changing: "Updated 5 minutes ago",
view counters, share counts, clocks, reflowed whitespace, curly vs straight quotes. None of
those is a new version. ``normalise_text`` removes them; two texts whose normal forms are equal
differ only in noise (``is_noise_change``).

The rules only touch whole lines that are furniture, or short furniture phrases at the edge
of a line, so that a real edit to a date or a number inside a sentence still counts.
"""

from __future__ import annotations

import re
import unicodedata

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    # French, German, Spanish, Italian, Dutch month names that differ from English
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre|januar|februar|m[äa]rz|juni|juli|oktober|dezember|enero|febrero|marzo|"
    r"abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|"
    r"febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|"
    r"maart|mei|augustus"
)
_DAYS = r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_TIME = (
    r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:gmt|utc|bst|cet|cest|[ecmp][sd]t|z))?"
)
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?:t[\d:.]+(?:z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}"
    rf"|(?:(?:{_DAYS}),?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?(?:\s+\d{{4}})?"
    rf"|(?:(?:{_DAYS}),?\s+)?(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?"
    rf"|{_DAYS}|today|yesterday)"
)
_AGO = r"(?:\d+|an?|one|few)\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|h|m|days?|d|weeks?)\s+ago|just\s+now|moments?\s+ago"
_STAMP_WORDS = (
    r"(?:last\s+)?(?:updated|update|modified|published|posted|edited|revised|first\s+published|"
    r"aktualisiert|mis\s+à\s+jour|actualizado|aggiornato|bijgewerkt)"
)
# A line that is nothing but a time stamp: "Updated 5 minutes ago", "Last updated: 14:32 GMT,
# 3 March 2026", "Published 2026-03-02T10:00Z | Updated 11:15", "3 hours ago".
_STAMP_PIECE = rf"(?:{_STAMP_WORDS}|at|on|by|le|à|a|am|um|el|de|del|alle|op|om|,|\||·|•|-|–|—|:|\(|\)|{_AGO}|{_TIME}|{_DATE})"
_STAMP_LINE = re.compile(rf"^\s*(?:{_STAMP_PIECE}\s*)+$", re.IGNORECASE)
# Counters: "12,345 views", "Read 1.2k times", "Comments (34)", "56 shares", "🔥 3.4K".
_NUM = r"\d[\d,.\s]*\s*[km]?"
_COUNTER_LINE = re.compile(
    rf"^\s*(?:(?:{_NUM})\s*(?:views?|reads?|comments?|shares?|likes?|reactions?|readers?|"
    rf"people\s+(?:are\s+)?reading(?:\s+this)?|vues|aufrufe)"
    rf"|(?:views?|comments?|shares?|read|reads|likes?)\s*[:(]?\s*{_NUM}\)?(?:\s*times)?"
    rf"|read\s+{_NUM}\s*times|\s*[|·•,]\s*)+\s*$",
    re.IGNORECASE,
)
# Furniture lines that sites add and remove around the article.
_FURNITURE_LINE = re.compile(
    r"^\s*(?:share(?:\s+(?:this|on\s+\w+))?|tweet|email|print|advertisement|"
    r"(?:skip|jump)\s+to\s+(?:content|main\s+content)|listen\s+to\s+this\s+article|"
    r"(?:\d+\s+min(?:ute)?s?\s+read)|follow\s+us|subscribe(?:\s+now)?|sign\s+up|"
    r"related(?:\s+(?:articles|stories|topics))?|most\s+read|image\s+(?:source|caption)[^\n]{0,60}|"
    r"getty\s+images|reuters|ap\s+photo|copyright\s+\S.{0,60}|©.{0,60})\s*$",
    re.IGNORECASE,
)
# A stamp glued to the start or end of a real line: "Updated 5 minutes ago — The minister said".
_STAMP_EDGE = re.compile(
    rf"(?:^\s*\(?{_STAMP_WORDS}\s*:?\s*(?:{_AGO}|(?:{_DATE})?[\s,]*(?:at\s+)?{_TIME}|{_DATE})\)?\s*[-–—|:·]\s*"
    rf"|\s*[-–—|·(]\s*\(?{_STAMP_WORDS}\s*:?\s*(?:{_AGO}|(?:{_DATE})?[\s,]*(?:at\s+)?{_TIME}|{_DATE})\)?\s*$)",
    re.IGNORECASE,
)
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2032": "'",
        "\u2033": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u00ad": "",
    }
)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def is_furniture_line(line: str) -> bool:
    """True if the line is only a time stamp, a counter or page furniture."""
    text = line.strip()
    if not text:
        return True
    if len(text) > 160:  # furniture is short; a long line is prose whatever it contains
        return False
    return bool(_STAMP_LINE.match(text) or _COUNTER_LINE.match(text) or _FURNITURE_LINE.match(text))


def normalise_line(line: str) -> str:
    """One line in comparison form: unicode-normalised, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", line).translate(_QUOTES)
    text = _STAMP_EDGE.sub(" ", text)
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return _SPACES.sub(" ", text).strip()


def normalise_text(text: str | None) -> str:
    """The text with furniture lines dropped and every kept line normalised.

    Used to hash versions and to decide whether a change is noise. Line order is kept, so a
    moved paragraph is still a change.
    """
    if not text:
        return ""
    kept: list[str] = []
    for raw in text.splitlines():
        if is_furniture_line(raw):
            continue
        line = normalise_line(raw)
        if line and not is_furniture_line(line):
            kept.append(line)
    return "\n".join(kept)


def is_noise_change(
    old: str | None,
    new: str | None,
    old_title: str | None = None,
    new_title: str | None = None,
) -> bool:
    """True when ``old`` and ``new`` (and their titles) differ only in noise."""
    if normalise_text(old_title) != normalise_text(new_title):
        return False
    return normalise_text(old) == normalise_text(new)
