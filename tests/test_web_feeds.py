"""Atom change feeds served from the watcher's state."""

from __future__ import annotations

from pathlib import Path

import feedparser
from fastapi.testclient import TestClient

from dateline.store import open_store
from dateline.watch import WatchState
from dateline.web import create_app
from dateline.web.sample import populate_sample

URL = "https://news.example/2024/05/harbour-talks"
T0 = 1_715_000_000.0


def _record(state: WatchState) -> None:
    item, _ = state.add_item(URL, "article", "news.example", T0)
    v1 = state.add_version(
        item.id, T0, content_hash="h1", title="Talks <b>open</b>", text="Talks opened today."
    )
    state.add_change(item.id, T0, "first", None, v1.id)
    v2 = state.add_version(
        item.id,
        T0 + 3600,
        content_hash="h2",
        title="Talks <b>open</b>",
        text="Talks opened today in Askeby. <script>alert(1)</script>",
    )
    state.add_change(item.id, T0 + 3600, "changed", v1.id, v2.id)


def test_feeds_from_a_separate_state_file(tmp_path: Path) -> None:
    state_path = tmp_path / "watch.db"
    state = WatchState(state_path)
    _record(state)
    state.close()
    store = open_store(tmp_path / "s.db")
    populate_sample(store)
    client = TestClient(create_app(store, watch=str(state_path)), raise_server_exceptions=False)

    r = client.get("/feeds/changes.atom")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo
    assert len(feed.entries) == 2
    newest = feed.entries[0]
    assert "version 2" in newest.title and newest.link == URL
    assert "<script>" not in r.text  # markup in captured text travels escaped
    assert "Askeby" in newest.summary

    one = client.get("/feeds/article.atom", params={"url": URL})
    assert len(feedparser.parse(one.content).entries) == 2
    host = client.get("/feeds/hosts/news.example.atom")
    assert len(feedparser.parse(host.content).entries) == 2
    listing = client.get("/feeds.json").json()
    assert listing["hosts"] == [{"host": "news.example", "feed": "/feeds/hosts/news.example.atom"}]
    assert listing["articles"][0]["url"] == URL

    assert (
        client.get("/feeds/article.atom", params={"url": "https://x.example/"}).status_code == 404
    )
    assert client.get("/feeds/hosts/unknown.example.atom").status_code == 404
    assert client.get("/feeds/changes.atom", params={"limit": 0}).status_code == 400
    store.close()


def test_feeds_from_the_store_file_and_without_a_watcher(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    client = TestClient(create_app(store), raise_server_exceptions=False)
    r = client.get("/feeds/changes.atom")
    assert r.status_code == 404 and "dateline watch" in r.text
    # the watcher keeping its tables in the store's own file is found without configuration
    _record(WatchState(store.connection))  # type: ignore[attr-defined]
    client = TestClient(create_app(store), raise_server_exceptions=False)
    assert len(feedparser.parse(client.get("/feeds/changes.atom").content).entries) == 2
    store.close()


def _state_file(path: Path) -> Path:
    state = WatchState(path)
    _record(state)
    state.close()
    return path


def _story_store(path: Path):
    """A store whose one article (at URL) is a story of its own."""
    from dateline.models import DateEstimate, Document
    from dateline.pipeline import add_documents

    store = open_store(path)
    body = (
        "Harbour authority chief Lena Moss met port workers' leader Aron Veld in Askeby on "
        "Monday to open talks on the new shift rota, both sides said."
    )
    doc = Document(
        id="harbour1",
        source=URL,
        kind="html",
        body=body,
        title="Talks open",
        url=URL,
        published=DateEstimate("2024-05-06", "day", "given", 0.9, []),
    )
    add_documents(store, [doc])
    return store


def test_story_feed_is_served_and_listed(tmp_path: Path) -> None:
    state_path = _state_file(tmp_path / "watch.db")
    store = _story_store(tmp_path / "s.db")
    (story,) = [s for s in store.stories() if "harbour1" in s.documents]
    client = TestClient(create_app(store, watch=str(state_path)), raise_server_exceptions=False)
    r = client.get(f"/feeds/stories/{story.id}.atom")
    assert r.status_code == 200
    feed = feedparser.parse(r.content)
    assert not feed.bozo and len(feed.entries) == 2
    assert feed.feed.title == f"Changes to {story.name}"
    assert client.get("/feeds/stories/nope.atom").status_code == 404
    listing = client.get("/feeds.json").json()
    assert {"id": story.id, "name": story.name, "feed": f"/feeds/stories/{story.id}.atom"} in (
        listing["stories"]
    )
    store.close()


def test_change_feeds_are_exported_by_the_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import main

    state_path = _state_file(tmp_path / "watch.db")
    store_path = tmp_path / "s.db"
    store = _story_store(store_path)
    (story,) = [s for s in store.stories() if "harbour1" in s.documents]
    store.close()
    runner = CliRunner()
    base = ["feed", "--store", str(store_path), "--watch", str(state_path)]
    for extra in (["--story", story.id], ["--article", URL], ["--site", "news.example"], []):
        out = tmp_path / "f.atom"
        result = runner.invoke(main, [*base, *extra, "--out", str(out)])
        assert result.exit_code == 0, (extra, result.output)
        feed = feedparser.parse(out.read_bytes())
        assert not feed.bozo and len(feed.entries) == 2, extra
    printed = runner.invoke(main, [*base, "--limit", "1"])
    assert printed.exit_code == 0 and len(feedparser.parse(printed.output).entries) == 1
    both = runner.invoke(main, [*base, "--story", story.id, "--site", "news.example"])
    assert both.exit_code == 2 and "at most one" in both.output
    unknown = runner.invoke(main, [*base, "--article", "https://elsewhere.example/x"])
    assert unknown.exit_code == 1 and "is not watched" in unknown.output
    missing = runner.invoke(main, ["feed", "--store", str(store_path), "--watch", "nope.db"])
    assert missing.exit_code == 1 and "no such watch state file" in missing.output
