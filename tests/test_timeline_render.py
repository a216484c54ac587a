"""Renderers: nothing from a capture reaches a page or a Markdown viewer as live markup."""

from __future__ import annotations

import json

from dateline.models import Conflict, Evidence, Participant, TimelineEntry, TimelineSource
from dateline.timeline import render_html, render_json, render_markdown

HOSTILE = '<script>alert(1)</script><img src=x onerror="steal()">'


def _entry() -> TimelineEntry:
    ev = Evidence("d1", f"The minister said {HOSTILE} on Friday.", 10, 60)
    return TimelineEntry(
        id="e1",
        date="2015-03",
        precision="month",
        type="meeting",
        status="happened",
        mode="virtual",
        place=f"Valda {HOSTILE}",
        label=f"Talks {HOSTILE}",
        participants=[Participant(f"Ana {HOSTILE}", role="Minister <b>x</b>")],
        sources=[
            TimelineSource("d1", ev, title=HOSTILE, outlet=HOSTILE, url="javascript:alert(1)")
        ],
        conflicts=[Conflict("place", {HOSTILE: ["d1"]})],
    )


def test_html_escapes_everything_and_drops_javascript_links() -> None:
    page = render_html([_entry()], title=HOSTILE)
    assert "<script>" not in page and "onerror=" not in page.replace("onerror=&quot;", "")
    assert "javascript:" not in page
    assert "&lt;script&gt;" in page


def test_markdown_is_inert() -> None:
    md = render_markdown([_entry()], title=HOSTILE)
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    assert "2015-03 (month)" in md


def test_json_round_trips_every_field() -> None:
    data = json.loads(render_json([_entry()]))
    (ev,) = data["events"]
    assert ev["sources"][0]["evidence"]["start"] == 10
    assert TimelineEntry.from_dict(ev) == _entry()
