"""Exports: tables (JSON, CSV, Parquet), timelines (Markdown, HTML), iCalendar, PLOVER.

``export(store, fmt, out_path, flt=None)`` is what ``dateline export`` calls; the web app's
``/export/{fmt}`` serves the same bytes through ``export_bytes``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from dateline.export.calendar import render_ics
from dateline.export.plover import COLUMNS as PLOVER_COLUMNS
from dateline.export.plover import plover_rows
from dateline.export.tables import COLUMNS, TABLES, build_tables
from dateline.store.base import EventFilter, Store

__all__ = [
    "FORMATS",
    "TABLES",
    "ExportError",
    "build_tables",
    "export",
    "export_bytes",
    "plover_rows",
    "render_ics",
]

# format -> (default file name, media type); csv and parquet write one file per table
FORMATS: dict[str, tuple[str, str]] = {
    "json": ("dateline.json", "application/json"),
    "csv": ("dateline-csv", "text/csv"),
    "parquet": ("dateline-parquet", "application/vnd.apache.parquet"),
    "markdown": ("timeline.md", "text/markdown; charset=utf-8"),
    "html": ("timeline.html", "text/html; charset=utf-8"),
    "ics": ("planned.ics", "text/calendar; charset=utf-8"),
    "plover": ("events-plover.csv", "text/csv; charset=utf-8"),
}
ALIASES = {"md": "markdown", "ical": "ics", "icalendar": "ics", "pq": "parquet"}
JSON_SCHEMA_VERSION = 1


class ExportError(ValueError):
    """An export that cannot be made as asked (unknown format or table)."""


def _format(fmt: str) -> str:
    fmt = ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def export(
    store: Store,
    fmt: str,
    out_path: str | Path,
    flt: EventFilter | None = None,
    title: str = "Timeline",
) -> list[Path]:
    """Write the export of the events ``flt`` selects; return the files written.

    ``csv`` and ``parquet`` treat ``out_path`` as a directory and write one file per table
    (documents, events, participants, sources, quotes, roles). Every other format writes one
    file at ``out_path`` (or, if it is an existing directory, the format's default name in it).
    """
    fmt = _format(fmt)
    out = Path(out_path)
    if fmt in ("csv", "parquet"):
        out.mkdir(parents=True, exist_ok=True)
        tables = build_tables(store, flt)
        written = []
        for name in TABLES:
            path = out / f"{name}.{fmt}"
            (_write_parquet if fmt == "parquet" else _write_csv)(path, name, tables[name])
            written.append(path)
        return written
    if out.is_dir():
        out = out / FORMATS[fmt][0]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(_single(store, fmt, flt, title))
    return [out]


def export_bytes(
    store: Store,
    fmt: str,
    tmpdir: Path,
    flt: EventFilter | None = None,
    table: str | None = None,
    title: str = "Timeline",
) -> tuple[bytes, str, str]:
    """(content, media type, file name) of an export, for serving over HTTP.

    Table formats come as a zip of all tables, or as one table when ``table`` is given.
    """
    fmt = _format(fmt)
    if table is not None and table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if fmt not in ("csv", "parquet"):
        name, media = FORMATS[fmt]
        return _single(store, fmt, flt, title), media, name
    files = export(store, fmt, tmpdir / "tables", flt)
    if table is not None:
        path = next(p for p in files if p.stem == table)
        return path.read_bytes(), FORMATS[fmt][1], path.name
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in files:
            zf.write(path, path.name)
    return buf.getvalue(), "application/zip", f"{FORMATS[fmt][0]}.zip"


def _single(store: Store, fmt: str, flt: EventFilter | None, title: str) -> bytes:
    if fmt == "json":
        tables = build_tables(store, flt)
        obj: dict[str, Any] = {
            "dateline": {"schema": JSON_SCHEMA_VERSION, "export": "tables", "tables": list(TABLES)},
            **tables,
        }
        return json.dumps(obj, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "plover":
        return _csv_bytes(PLOVER_COLUMNS, plover_rows(store, flt))
    if fmt == "ics":
        return render_ics(store, flt)
    from dateline.timeline import build_timeline, render_html, render_markdown

    entries = build_timeline(store, flt)
    text = (
        render_markdown(entries, title=title)
        if fmt == "markdown"
        else render_html(entries, title=title)
    )
    return text.encode("utf-8")


def _csv_bytes(columns: list[str], rows: list[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return buf.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    """CSV cells: formula-looking text is prefixed so spreadsheets show it, not run it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _numeric(value):
        return "'" + value
    return "" if value is None else value


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _write_csv(path: Path, table: str, rows: list[dict[str, Any]]) -> None:
    path.write_bytes(_csv_bytes([c for c, _ in COLUMNS[table]], rows))


def _write_parquet(path: Path, table: str, rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    schema = pa.schema([(c, types[t]) for c, t in COLUMNS[table]])
    data = {c: [r.get(c) for r in rows] for c, _ in COLUMNS[table]}
    pq.write_table(pa.table(data, schema=schema), path)
