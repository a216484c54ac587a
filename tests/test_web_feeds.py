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
