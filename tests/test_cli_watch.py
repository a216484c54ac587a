"""`dateline watch` end to end: a feed on a local server, one cycle, the story's timeline grows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main
from http_support import Pages, serving

ARTICLE = """<!doctype html><html><head><title>Foreign ministers meet in Castelmere</title>
<meta property="article:published_time" content="2015-03-10T09:00:00Z">
<meta property="og:site_name" content="Lenhavn Herald"></head>
<body><nav>Home | World | Sport</nav><article><h1>Foreign ministers meet in Castelmere</h1>
<p>CASTELMERE, March 10 - Valdorian Foreign Minister Irena Kovalt met her Merovian
counterpart Edmund Halloran in Castelmere on Tuesday to discuss the border ceasefire,
officials from both governments said.</p>
<p>The two ministers agreed to meet again in Valda next month, a spokesman for Halloran
said after the talks, which lasted more than three hours.</p>
<p>"We have a long road ahead, but we are on it together," Kovalt told reporters.</p>
</article><footer>Copyright Lenhavn Herald</footer></body></html>"""


def _feed(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Lenhavn Herald - World</title><link>{base}/</link>
<description>World news</description>
<item><title>Foreign ministers meet in Castelmere</title><link>{base}/world/ministers-meet</link>
<guid>{base}/world/ministers-meet</guid><pubDate>Tue, 10 Mar 2015 09:00:00 GMT</pubDate>
<description>Kovalt and Halloran met in Castelmere.</description></item>
</channel></rss>"""


@pytest.fixture()
def site() -> Iterator[str]:
    pages: Pages = {"/world/ministers-meet": ARTICLE}
    with serving(pages) as base:
        pages["/feed.xml"] = ("application/rss+xml", _feed(base))
        yield base


def test_a_new_feed_entry_reaches_the_timeline_after_one_cycle(site: str, tmp_path: Path) -> None:
    store = tmp_path / "story.db"
    runner = CliRunner()
    result = runner.invoke(
        main,
        ["watch", "--store", str(store), "--feed", f"{site}/feed.xml", "--once", "--allow-private"],
    )
    assert result.exit_code == 0, result.output
    with dateline.open(store) as dl:
        docs = dl.documents()
        assert [d.url for d in docs] == [f"{site}/world/ministers-meet"]
        entries = dl.timeline(person="Irena Kovalt")
    assert entries, "the watched article's meeting is not on the timeline"
    meeting = entries[0]
    assert meeting.date == "2015-03-10"
    assert {"Irena Kovalt", "Edmund Halloran"} <= {p.name for p in meeting.participants}
    assert meeting.sources[0].url == f"{site}/world/ministers-meet"

    status = runner.invoke(main, ["watch", "--store", str(store), "--status"])
    assert status.exit_code == 0, status.output
    assert f"{site}/world/ministers-meet" in status.output
    assert "changed 0 times" in status.output


def test_private_addresses_are_refused_unless_allowed(site: str, tmp_path: Path) -> None:
    store = tmp_path / "story.db"
    result = CliRunner().invoke(
        main,
        ["watch", "--store", str(store), "--article", f"{site}/world/ministers-meet", "--once"],
    )
    assert result.exit_code == 1
    assert "private or local address" in result.output and "--allow-private" in result.output
    with dateline.open(store) as dl:
        assert dl.documents() == []


def test_document_page_counts_changes_and_shows_the_watch_schedule(
    site: str, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from dateline.store import open_store
    from dateline.web import create_app

    store_path = tmp_path / "story.db"
    result = CliRunner().invoke(
        main,
        [
            "watch",
            "--store",
            str(store_path),
            "--feed",
            f"{site}/feed.xml",
            "--once",
            "--allow-private",
        ],
    )
    assert result.exit_code == 0, result.output
    store = open_store(store_path)
    (doc_id,) = store.document_ids()
    client = TestClient(create_app(store))
    data = client.get(f"/documents/{doc_id}.json").json()
    assert data["changes"] == 0  # one version: the first version is not a change
    # Published in 2015, long past the quiet period: checked once, then stopped, and the
    # page says why.
    assert data["watch"]["state"] == "stopped"
    assert data["watch"]["summary"].startswith("not checked since ")
    assert "unchanged" in data["watch"]["summary"] or "quiet" in data["watch"]["summary"]
    page = client.get(f"/documents/{doc_id}").text
    assert "Not changed since first seen" in page and "watched: not checked since" in page


def test_change_count_skips_identical_recaptures() -> None:
    from dateline.models import Document, Version
    from dateline.versions import count_changes

    texts = ["A first text.", "A first text.", "A second text.", "A third text."]
    doc = Document(
        id="d",
        source="s",
        kind="text",
        body=texts[-1],
        versions=[Version(i + 1, f"v{i + 1}", t) for i, t in enumerate(texts)],
    )
    assert count_changes(doc.versions) == 2


def test_watch_follows_the_articles_of_a_story(site: str, tmp_path: Path) -> None:
    """`--story` turns a story of the store into followed articles; a story that does not
    exist is a clear error, and nothing is fetched."""
    from dateline.pipeline import build

    article = tmp_path / "captures" / "ministers.jsonl"
    article.parent.mkdir()
    import json

    # the story starts from a capture on disk that names its web address
    article.write_text(
        json.dumps({"url": f"{site}/world/ministers-meet", "html": ARTICLE}) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "story.db"
    with dateline.open(store) as dl:
        build([article], dl.store)
        story = next(s for s in dl.stories() if s.documents)
    runner = CliRunner()
    missing = runner.invoke(main, ["watch", "--store", str(store), "--story", "no such thing"])
    assert missing.exit_code == 1 and "no story matches 'no such thing'" in missing.output
    result = runner.invoke(
        main,
        ["watch", "--store", str(store), "--story", story.id[:8], "--once", "--allow-private"],
    )
    assert result.exit_code == 0, result.output
    assert "following 1 article(s)" in result.output
    status = runner.invoke(main, ["watch", "--store", str(store), "--status"])
    assert f"{site}/world/ministers-meet" in status.output
