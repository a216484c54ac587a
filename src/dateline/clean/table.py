"""Side-by-side version tables, as versioning sites (NewsDiffs and the like) print them.

    Version 2 | Version 3 |
    ---|---|
    Headline | Headline |
    (about 1 hour later) | |
    First paragraph of version 2 | |
    A paragraph both versions share | A paragraph both versions share |

Each column is one version. An empty cell means "as in the column to its left": versioning
sites leave a cell empty where the paragraph did not change, so each version is rebuilt row
by row (a newer version's empty cell takes the older version's paragraph; an empty cell in
the first column means the paragraph was added later). A page that says its empty cells mean
removed paragraphs is read that way instead. The first row, when it reads like a headline, is
each version's title; a "(about 1 hour later)" row is the time between the versions and
becomes part of the newer version's label; a row of per-column stamps ("(first seen 18 April
2016, 07:12 GMT)" | "(about 6 hours later)") labels each version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER_CELL = re.compile(r"^(?:version|revision|rev\.?|v)\s*#?\s*(\d+)\b(.*)$", re.IGNORECASE)
# "(first seen 18 April 2016, 07:12 GMT)", "(published 3 May 2020 10:00)": one version's stamp
_STAMP = re.compile(
    r"^\(\s*(?:first seen|seen|published|posted|updated|captured|archived|retrieved)\b[^()]{0,60}\)$",
    re.IGNORECASE,
)
# a note near the table saying that empty cells are deletions, not unchanged paragraphs
_EMPTY_IS_REMOVED = re.compile(
    r"\b(?:empty|blank) cells?\b.{0,60}\b(?:removed|deleted|dropped|no longer)\b", re.IGNORECASE
)
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LATER = re.compile(
    r"^\(?\s*(?:about|around|approximately|over|under|less than)?\s*(?:an?|\d+)\s+"
    r"(?:minutes?|hours?|days?|weeks?|months?)\s+(?:later|earlier|after)\s*\)?$",
    re.IGNORECASE,
)


@dataclass
class TableVersion:
    index: int
    label: str
    title: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # rebuilt: the version's own text
    later: str | None = None  # "(about 1 hour later)" row or a per-column stamp, if any
    cells: list[str] = field(default_factory=list)  # the column as printed, "" where empty


@dataclass
class VersionTable:
    start: int  # first line (the header) in the capture's lines
    end: int  # one past the last table row
    versions: list[TableVersion]


def _cells(line: str, leading: bool = False) -> list[str]:
    """Cells of a row; ``leading`` when the table's rows open with a pipe ("| a | b |")."""
    text = line.strip()
    if leading and text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [c.strip() for c in text.split("|")]


def _header(line: str) -> list[tuple[int, str]] | None:
    if "|" not in line:
        return None
    cells = [c for c in _cells(line, leading=line.strip().startswith("|")) if c]
    if len(cells) < 2:
        return None
    out = []
    for cell in cells:
        m = _HEADER_CELL.match(cell)
        if not m:
            return None
        out.append((int(m.group(1)), cell))
    return out


def _row(line: str, ncols: int, leading: bool) -> list[str] | None:
    """The cells of a table row, or None when the line is not a row of this table."""
    if "|" not in line:
        return None
    cells = _cells(line, leading)
    if len(cells) == ncols:
        return cells
    if len(cells) > ncols:
        # A "|" inside a paragraph: identical columns are the common case, so try the split
        # that makes every column the same text; otherwise keep the extra pipes in the last cell.
        whole = line.strip().rstrip("|").strip()
        half = [c.strip() for c in re.split(r"\s\|\s", whole)]
        if ncols == 2 and len(half) % 2 == 0:
            k = len(half) // 2
            left, right = " | ".join(half[:k]), " | ".join(half[k:])
            if left == right:
                return [left, right]
        return [*cells[: ncols - 1], " | ".join(cells[ncols - 1 :])]
    return None


def find_version_table(lines: list[str]) -> VersionTable | None:
    """The first version table in ``lines``: a header of "Version N" cells, then a separator."""
    for i, line in enumerate(lines[:-1]):
        header = _header(line)
        if header is None or not _SEPARATOR.match(lines[i + 1]):
            continue
        versions = [TableVersion(index=n, label=label) for n, label in header]
        ncols = len(versions)
        leading = line.strip().startswith("|")
        end = i + 2
        first = True
        rows: list[list[str]] = []
        for j in range(i + 2, len(lines)):
            if not lines[j].strip():
                end = j + 1
                continue
            cells = _row(lines[j], ncols, leading)
            if cells is None:
                break
            end = j + 1
            if first and all(_headline(c) for c in cells if c) and any(cells):
                for k, (v, c) in enumerate(zip(versions, cells, strict=True)):
                    # an empty title cell is an unchanged title
                    v.title = c or (versions[k - 1].title if k else None)
                first = False
                continue
            first = False
            filled = [c for c in cells if c]
            if filled and all(_STAMP.match(c) or _LATER.match(c) for c in filled):
                _stamps(versions, cells)
                continue
            rows.append(cells)
        notes = [ln for k, ln in enumerate(lines) if not i <= k < end and "|" not in ln]
        fill = not any(_EMPTY_IS_REMOVED.search(ln) for ln in notes)
        _rebuild(versions, rows, fill)
        return VersionTable(i, end, versions)
    return None


def _stamps(versions: list[TableVersion], cells: list[str]) -> None:
    """A row of time labels: a lone "(about 1 hour later)" describes the newest version (the
    gap between the columns); a stamp in each column labels its own version."""
    filled = [(k, c) for k, c in enumerate(cells) if c]
    if len(filled) == 1 and _LATER.match(filled[0][1]):
        versions[-1].later = filled[0][1].strip("() ")
        return
    for k, c in filled:
        versions[k].later = c.strip("() ")


def _rebuild(versions: list[TableVersion], rows: list[list[str]], fill: bool) -> None:
    """Each version's paragraphs, row by row: its own cell, or (``fill``) when that is empty,
    the paragraph the version to its left has in that row."""
    for v in versions:
        v.cells = []
        v.paragraphs = []
    for cells in rows:
        current = ""
        for k, (v, c) in enumerate(zip(versions, cells, strict=True)):
            current = c or (current if fill and k else "")
            v.cells.append(c)
            if current:
                v.paragraphs.append(current)


def _headline(cell: str) -> bool:
    words = cell.split()
    return (
        0 < len(words) <= 25 and not re.search(r"[.:;,]$", cell) and not cell.startswith(("“", '"'))
    )
