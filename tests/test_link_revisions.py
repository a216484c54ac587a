"""A new version of an article updates the events it tells, and says which version said what.

Issue 10: "A changed quote, date or figure in a new version updates the events it supports,
and the event page says which version said what." Versions are stored the way the watcher
stores them (one document per version, same URL, the versions so far attached); the texts
are written for these tests in several house styles.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.link.revisions import figures, version_infos
from dateline.models import DateEstimate, Document, LinkedEvent, Version, content_hash
from dateline.pipeline import add_documents
from dateline.store import open_store
from dateline.store.base import Store
from dateline.timeline import build_timeline, render_json, render_markdown
from dateline.watch import Watcher, WatchSettings, WatchState
from dateline.web import create_app
from http_support import Pages, serving


def watched(url: str, texts: list[str], published: str, title: str) -> list[Document]:
    """The documents the watcher emits for successive versions of one URL."""
    docs, versions = [], []
    for i, text in enumerate(texts, 1):
        versions.append(
            Version(
                index=i,
                label=f"version {i}",
                text=text,
                title=title,
                timestamp=f"{published}T{8 + i:02d}:00:00+00:00",
                content_hash=content_hash(text),
            )
        )
        docs.append(
            Document(
                id=content_hash(f"{url}\n{text}"),
                source=url,
                kind="html",
                body=text,
                title=title,
                outlet=url.split("/")[2],
                url=url,
                published=DateEstimate(published, "day", "given", 0.9, ["stated by the page"]),
                versions=list(versions),
            )
        )
    return docs


def ingest_in_turn(store: Store, docs: list[Document]) -> None:
    for doc in docs:  # one at a time, as the watcher hands them over
        add_documents(store, [doc])


def events_of(store: Store, kind: str) -> list[LinkedEvent]:
    return [e for e in store.linked_events() if e.type == kind]


def revision(ev: LinkedEvent, name: str) -> list[tuple[int, str]]:
    got = [r for r in ev.revisions if r.field == name]
    assert len(got) <= 1
    return [(v.version, v.value) for v in got[0].values] if got else []


BROADSHEET_URL = "https://herald.example.org/world/2026/03/06/ministers-vienna"
BROADSHEET = [
    # published Friday 6 March 2026; "on Thursday" is 5 March, then corrected to Wednesday
    """Foreign ministers Ana Lopez of Castria and Karl Weber of Nordmark met in Vienna on \
Thursday and agreed a $3bn reconstruction package, officials said.
"We are close to a lasting settlement," Weber told reporters after the meeting.
Lopez will visit Berlin next week to brief her European partners, her office said.
The talks were the first between the two governments since the border clashes of last spring.""",
    """Foreign ministers Ana Lopez of Castria and Karl Weber of Nordmark met in Vienna on \
Wednesday and agreed a $4bn reconstruction package, officials said.
"We have reached a lasting settlement," Weber told reporters after the meeting.
The talks were the first between the two governments since the border clashes of last spring.
Correction: an earlier version of this article gave the wrong day for the meeting.""",
]


@pytest.fixture(scope="module")
def broadsheet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("rev") / "rev.db")
    ingest_in_turn(store, watched(BROADSHEET_URL, BROADSHEET, "2026-03-06", "Ministers meet"))
    yield store
    store.close()


def test_newest_version_decides_the_date_and_the_old_one_is_a_revision(broadsheet: Store):
    meetings = [e for e in broadsheet.linked_events() if e.place == "Vienna" and e.date]
    assert len(meetings) == 1, [(e.label, e.date) for e in meetings]
    ev = meetings[0]
    assert ev.date == "2026-03-04" and ev.current
    assert revision(ev, "date") == [(1, "2026-03-05"), (2, "2026-03-04")]
    # a version correcting another is not two sources disagreeing
    assert not any(c.field == "date" for c in ev.conflicts)
    by_version = {s.version: s for s in ev.sources}
    assert set(by_version) == {1, 2}
    assert by_version[2].current and not by_version[1].current
    assert by_version[1].seen and by_version[1].seen < (by_version[2].seen or "")


def test_changed_figure_and_quote_are_called_out(broadsheet: Store):
    ev = next(e for e in broadsheet.linked_events() if e.place == "Vienna" and e.date)
    assert revision(ev, "figures") == [(1, "$3bn"), (2, "$4bn")]
    quotes = revision(ev, "quotes")
    assert [v for v, _ in quotes] == [1, 2]
    assert "close to a lasting settlement" in quotes[0][1]
    assert "reached a lasting settlement" in quotes[1][1]
    assert quotes[1][1].startswith("Karl Weber")
    telling = revision(ev, "telling")
    assert "Thursday" in telling[0][1] and "Wednesday" in telling[1][1]


def test_event_the_new_version_drops_is_kept_and_marked_withdrawn(broadsheet: Store):
    visits = [e for e in broadsheet.linked_events() if e.place == "Berlin"]
    assert len(visits) == 1
    ev = visits[0]
    assert not ev.current
    assert all(not s.current for s in ev.sources)
    assert revision(ev, "telling")[-1] == (2, "")  # version 2 no longer tells it
    entry = next(e for e in build_timeline(broadsheet) if e.id == ev.id)
    assert not entry.current
    assert "withdrawn" in render_markdown([entry])


def test_timeline_json_carries_versions_and_revisions(broadsheet: Store):
    import json

    data = json.loads(render_json(build_timeline(broadsheet)))
    vienna = next(e for e in data["events"] if e["place"] == "Vienna" and e["date"])
    assert {s["version"] for s in vienna["sources"]} == {1, 2}
    fields = {r["field"] for r in vienna["revisions"]}
    assert {"date", "figures", "quotes", "telling"} <= fields


def test_event_page_says_which_version_said_what(broadsheet: Store):
    client = TestClient(create_app(broadsheet))
    ev = next(e for e in broadsheet.linked_events() if e.place == "Vienna" and e.date)
    data = client.get(f"/events/{ev.id}.json").json()
    dates = next(r for r in data["revisions"] if r["field"] == "date")
    assert [(v["version"], v["value"]) for v in dates["values"]] == [
        (1, "2026-03-05"),
        (2, "2026-03-04"),
    ]
    telling = next(r for r in data["revisions"] if r["field"] == "telling")
    ops = {(w["op"], w["text"].strip()) for w in telling["values"][1]["words"]}
    assert ("delete", "Thursday") in ops and ("insert", "Wednesday") in ops
    page = client.get(f"/events/{ev.id}").text
    assert "Changed between versions" in page
    assert "<del>Thursday</del>" in page and "<ins>Wednesday</ins>" in page
    assert "replaced by a later version" in page
    gone = next(e for e in broadsheet.linked_events() if e.place == "Berlin")
    assert "Withdrawn" in client.get(f"/events/{gone.id}").text


WIRE_URL = "https://wire.example.net/story/eurozone-greece-loan-0512"
WIRE = [
    # wire style, British date order; the sum is revised twice, the quote once
    """BRUSSELS, 12 May (Wire) - Euro zone finance ministers agreed on Sunday to lend Greece \
12 billion euros to cover debt repayments due in July, the group's chairman Jan Dekker said.
Greek Finance Minister Nikos Pappas called the deal "a fair step" and said he would meet \
Dekker again in June.""",
    """BRUSSELS, 12 May (Wire) - Euro zone finance ministers agreed on Sunday to lend Greece \
14 billion euros to cover debt repayments due in July, the group's chairman Jan Dekker said.
Greek Finance Minister Nikos Pappas called the deal "a fair step" and said he would meet \
Dekker again in June.""",
    """BRUSSELS, 12 May (Wire) - Euro zone finance ministers agreed on Sunday to lend Greece \
14.5 billion euros to cover debt repayments due in July, the group's chairman Jan Dekker said.
Greek Finance Minister Nikos Pappas called the deal "a fair and necessary step" and said he \
would meet Dekker again in June.""",
]


def test_a_sum_revised_twice_keeps_every_version(tmp_path: Path):
    store = open_store(tmp_path / "wire.db")
    try:
        ingest_in_turn(store, watched(WIRE_URL, WIRE, "2024-05-12", "Greece loan agreed"))
        deals = events_of(store, "agreement")
        assert len(deals) == 1, [(e.label, e.type) for e in store.linked_events()]
        ev = deals[0]
        assert revision(ev, "figures") == [
            (1, "12 billion"),
            (2, "14 billion"),
            (3, "14.5 billion"),
        ]
        assert len({s.document for s in ev.sources}) == 3
        assert [s.version for s in ev.sources if s.current] == [3]
        assert ev.date == "2024-05-12"
    finally:
        store.close()


LIVE_URL = "https://live.example.com/politics/live/2025/nov/03/budget-talks"
LIVE = [
    # a live page: the date of the talks moves by far more than outlets ever disagree on
    """Finance ministers Paolo Renzi and Maria Santos will meet in Lisbon on 3 December to \
settle the budget dispute, the presidency said on Monday.""",
    """Finance ministers Paolo Renzi and Maria Santos will meet in Lisbon on 17 December to \
settle the budget dispute, the presidency said on Monday.""",
]


def test_a_date_moved_two_weeks_is_still_one_event(tmp_path: Path):
    store = open_store(tmp_path / "live.db")
    try:
        ingest_in_turn(store, watched(LIVE_URL, LIVE, "2025-11-03", "Budget talks"))
        lisbon = [e for e in store.linked_events() if e.place == "Lisbon"]
        assert len(lisbon) == 1, [(e.label, e.date) for e in lisbon]
        assert lisbon[0].date == "2025-12-17"
        assert lisbon[0].status == "planned"
        assert revision(lisbon[0], "date") == [(1, "2025-12-03"), (2, "2025-12-17")]
    finally:
        store.close()


def test_captures_nothing_orders_stay_side_by_side(tmp_path: Path):
    """Two captures of one URL with the same date and no version numbers: neither may
    replace the other, so a difference is a conflict, not a revision."""
    url = "https://paper.example.org/a"
    a, b = (
        Document(
            id=content_hash(text),
            source=url,
            kind="html",
            body=text,
            url=url,
            published=DateEstimate("2026-03-06", "day", "given", 0.9, []),
        )
        for text in LIVE
    )
    assert version_infos({a.id: a, b.id: b}, [[a.id, b.id]]) == {}
    store = open_store(tmp_path / "two.db")
    try:
        add_documents(store, [a, b])
        for ev in store.linked_events():
            assert ev.revisions == [] and ev.current
            assert all(s.version is None and s.current for s in ev.sources)
    finally:
        store.close()


def test_a_revert_makes_the_first_text_the_newest_version():
    url = "https://paper.example.org/b"
    docs = watched(url, [LIVE[0], LIVE[1], LIVE[0]], "2025-11-03", "Budget talks")
    # the third version has the first one's text: the watcher hands over the same document
    assert docs[2].id == docs[0].id
    infos = version_infos({d.id: d for d in docs[1:]}, [[docs[1].id, docs[2].id]])
    assert infos[docs[2].id].number == 3 and infos[docs[1].id].number == 2
    assert infos[docs[1].id].newest == docs[2].id


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A car bomb killed 12 people, police said.", ["12"]),
        ("They agreed a $3bn package and a 40 per cent cut.", ["$3bn", "40 per cent"]),
        ("Turnout was 61.5% against 58,200 votes in 2019.", ["61.5%", "58,200"]),
        ("BRUSSELS, 12 May - talks at 10:30 on May 13th freed 3 hostages", ["3"]),
        ("The 12 mayors ran 3 marathons on 4 Sept. 2020", ["12", "3"]),
        ("No figures here at all.", []),
    ],
)
def test_figures_are_read_as_written(sentence: str, expected: list[str]):
    assert figures(sentence) == expected


# --------------------------------------------------------------------------- end to end


def _page(when: str, toll: int) -> str:
    return f"""<html><head><title>Flood toll rises</title>
<meta property="article:published_time" content="2026-04-14T07:00:00Z"></head><body>
<nav>Home | World</nav><article><h1>Flood toll rises</h1>
<p>Prime Minister Hanna Lind and President Omar Castell met in Valmont on {when} to agree \
emergency aid after floods that killed {toll} people, officials said.</p>
<p>Rescue teams were still searching the lower valley on Tuesday morning.</p>
</article><footer>Contact | Terms</footer></body></html>"""


def _watch(
    tmp_path: Path, base: str, path: str, store: Store, texts: list[str], pages: Pages
) -> list[str]:
    """Watch ``base + path`` while its page shows each of ``texts`` in turn."""
    now = [datetime(2026, 4, 14, 9, 0, tzinfo=UTC)]
    state = WatchState(tmp_path / "watch.db")
    watcher = Watcher(
        state,
        clock=lambda: now[0],
        settings=WatchSettings(allow_private=True, per_host_delay=0.0, timeout=5.0),
        on_document=lambda doc: add_documents(store, [doc]),
    )
    watcher.add_article(base + path)
    results = []
    for text in texts:
        pages[path] = text
        results += [o.result for o in watcher.run_once()]
        due = watcher.next_due()
        assert due is not None
        now[0] = datetime.fromtimestamp(due, UTC) + timedelta(seconds=1)
    watcher.close()
    state.close()
    return results


def test_an_article_that_goes_back_to_its_first_text_takes_its_events_back(tmp_path: Path):
    pages: Pages = {}
    with serving(pages) as base, closing(open_store(tmp_path / "story.db")) as store:
        results = _watch(
            tmp_path,
            base,
            "/world/flood",
            store,
            [_page("Monday", 40), _page("Sunday", 52), _page("Monday", 40)],
            pages,
        )
        assert results == ["new", "changed", "revert"]
        (ev,) = [e for e in store.linked_events() if e.place == "Valmont" and e.type == "meeting"]
        assert ev.date == "2026-04-13"  # back to Monday
        assert revision(ev, "date") == [
            (1, "2026-04-13"),
            (2, "2026-04-12"),
            (3, "2026-04-13"),
        ]
        # version 3 is the article again; version 1 says the very same; version 2 is replaced
        assert {s.version: s.current for s in ev.sources} == {1: True, 2: False, 3: True}


def test_watching_a_page_that_corrects_a_date_updates_its_event(tmp_path: Path):
    pages: Pages = {"/world/flood": _page("Monday", 40)}
    now = [datetime(2026, 4, 14, 9, 0, tzinfo=UTC)]
    store = open_store(tmp_path / "story.db")
    state = WatchState(tmp_path / "watch.db")
    with serving(pages) as base, closing(store), closing(state):
        watcher = Watcher(
            state,
            clock=lambda: now[0],
            settings=WatchSettings(allow_private=True, per_host_delay=0.0, timeout=5.0),
            on_document=lambda doc: add_documents(store, [doc]),
        )
        url = f"{base}/world/flood"
        watcher.add_article(url)
        watcher.run_once()
        first = [e for e in store.linked_events() if e.place == "Valmont" and e.type == "meeting"]
        assert len(first) == 1 and first[0].date == "2026-04-13"  # Monday before Tue 14 April
        pages["/world/flood"] = _page("Sunday", 52)  # the outlet corrects day and toll
        due = watcher.next_due()
        assert due is not None
        now[0] = datetime.fromtimestamp(due, UTC) + timedelta(seconds=1)
        watcher.run_once()
        watcher.close()
        events = [e for e in store.linked_events() if e.place == "Valmont" and e.type == "meeting"]
        assert len(events) == 1
        ev = events[0]
        assert ev.date == "2026-04-12"
        assert revision(ev, "date") == [(1, "2026-04-13"), (2, "2026-04-12")]
        assert revision(ev, "figures") == [(1, "40"), (2, "52")]
        assert [s.version for s in ev.sources if s.current] == [2]


def test_terminal_timeline_shows_the_newest_telling_and_counts_the_older(broadsheet: Store):
    from io import StringIO

    from rich.console import Console

    from dateline.timeline import render_terminal

    entry = next(e for e in build_timeline(broadsheet) if e.place == "Vienna" and e.date)
    buf = StringIO()
    render_terminal([entry], Console(file=buf, width=200, color_system=None))
    text = buf.getvalue()
    assert "Wednesday" in text and "[version 2]" in text
    assert "on Thursday" not in text.split("date revised")[0]  # the old sentence is not a source
    assert f"1 earlier version of {BROADSHEET_URL}" in text
    assert "date revised: v1 “2026-03-05” → v2 “2026-03-04”" in text


def test_event_page_shows_the_quotes_of_its_newest_telling(broadsheet: Store):
    client = TestClient(create_app(broadsheet))
    ev = next(e for e in broadsheet.linked_events() if e.place == "Vienna" and e.date)
    data = client.get(f"/events/{ev.id}.json").json()
    said = [(q["speaker"], q["text"]) for q in data["quotes"]]
    assert len(said) == 1 and said[0][0] == "Karl Weber"
    assert "reached a lasting settlement" in said[0][1]  # version 2's words, not version 1's
    assert "Who said what" in client.get(f"/events/{ev.id}").text


def test_cli_explain_names_versions_and_what_each_said(broadsheet: Store):
    from click.testing import CliRunner

    from dateline.cli import main

    ev = next(e for e in broadsheet.linked_events() if e.place == "Vienna" and e.date)
    result = CliRunner().invoke(main, ["explain", ev.id, "--store", broadsheet.url])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "version 1 (replaced by a later one)" in text
    assert "Changed between versions" in text and "“$3bn”" in text and "“$4bn”" in text


def test_two_crawls_of_one_url_are_ordered_by_when_they_were_captured(tmp_path: Path):
    """A crawler's JSONL with two captures of one URL on one publication day: the capture
    times ("fetched", any UTC offset) say which is newer, so the newer one decides."""
    import json

    from dateline.pipeline import build

    url = "https://daily.example.com/2025/11/03/budget-talks"
    lines = [  # the newer capture first in the file, and written with another offset
        {"url": url, "text": LIVE[1], "published": "2025-11-03", "fetched": "2025-11-03T18:00:00+02:00"},
        {"url": url, "text": LIVE[0], "published": "2025-11-03", "fetched": "2025-11-03T09:30:00Z"},
    ]  # fmt: skip
    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    store = open_store(tmp_path / "crawl.db")
    try:
        build([path], store)
        lisbon = [e for e in store.linked_events() if e.place == "Lisbon"]
        assert len(lisbon) == 1
        ev = lisbon[0]
        assert ev.date == "2025-12-17"  # the 16:00 UTC capture's date, not the 09:30 one's
        assert revision(ev, "date") == [(1, "2025-12-03"), (2, "2025-12-17")]
        assert {s.version: s.seen for s in ev.sources} == {
            1: "2025-11-03T09:30:00+00:00",
            2: "2025-11-03T18:00:00+02:00",
        }
    finally:
        store.close()


def test_a_fetched_time_that_is_not_a_time_is_a_clear_error(tmp_path: Path):
    from dateline.ingest import IngestError, read_paths

    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Talks opened.", "fetched": "yesterday"}\n', encoding="utf-8")
    errors: list[IngestError] = []
    assert list(read_paths([path], on_error=errors.append)) == []
    assert len(errors) == 1 and "bad.jsonl" in str(errors[0]) and '"fetched"' in str(errors[0])


def test_a_url_that_now_shows_another_story_withdraws_nothing(tmp_path: Path):
    """A live page or a reused address: the newer capture is a different text, so what the
    older one told is not 'withdrawn' by it (it is simply no longer on that page)."""
    url = "https://live.example.org/politics/live"
    other = (
        "Parliament passed the fisheries bill by 301 votes to 212 on Wednesday after a "
        "long debate.\\nThe opposition said it would try again in the upper house."
    )
    store = open_store(tmp_path / "live.db")
    try:
        ingest_in_turn(store, watched(url, [BROADSHEET[0], other], "2026-03-06", "Live"))
        visits = [e for e in store.linked_events() if e.place == "Berlin"]
        assert len(visits) == 1
        assert visits[0].current and all(s.current for s in visits[0].sources)
        assert revision(visits[0], "telling") == []
    finally:
        store.close()
