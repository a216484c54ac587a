"""Side-by-side version tables, as versioning sites (NewsDiffs and the like) print them.

    Version 2 | Version 3 |
    ---|---|
    Headline | Headline |
    (about 1 hour later) | |
    First paragraph of version 2 | |
    A paragraph both versions share | A paragraph both versions share |

Each column is one version; a non-empty cell is one paragraph of it. The first row, when it
reads like a headline, is each version's title; a "(about 1 hour later)" row is the time
between the versions and becomes part of the newer version's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER_CELL = re.compile(r"^(?:version|revision|rev\.?|v)\s*#?\s*(\d+)\b(.*)$", re.IGNORECASE)
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
    paragraphs: list[str] = field(default_factory=list)
    later: str | None = None  # "(about 1 hour later)" row, if any


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
        for j in range(i + 2, len(lines)):
            if not lines[j].strip():
                end = j + 1
                continue
            cells = _row(lines[j], ncols, leading)
            if cells is None:
                break
            end = j + 1
            if first and all(_headline(c) for c in cells if c) and any(cells):
                for v, c in zip(versions, cells, strict=True):
                    v.title = c or None
                first = False
                continue
            first = False
            for v, c in zip(versions, cells, strict=True):
                if not c:
                    continue
                if _LATER.match(c):
                    # the gap between the versions: it describes the newer one
                    versions[-1].later = c.strip("() ")
                else:
                    v.paragraphs.append(c)
        return VersionTable(i, end, versions)
    return None


def _headline(cell: str) -> bool:
    words = cell.split()
    return (
        0 < len(words) <= 25 and not re.search(r"[.:;,]$", cell) and not cell.startswith(("“", '"'))
    )
