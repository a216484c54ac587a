"""The web app over a hand-built store: pages, JSON twins, errors, escaping, OpenAPI."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from dateline.models import Document, LinkedEvent, Version
from dateline.store import Store, open_store
from dateline.web import create_app
from dateline.web.sample import HOSTILE_TITLE, STORY_ID, populate_sample
from dateline.web.text import date_span, display_date, highlight, in_context, safe_href


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Every page test runs on SQLite, and on PostgreSQL when DATELINE_TEST_POSTGRES is set."""
    if request.param == "sqlite":
        s = open_store(tmp_path / "web.db")
        yield s
        s.close()
        return
    url = os.environ.get("DATELINE_TEST_POSTGRES")
    if not url:
        pytest.skip("DATELINE_TEST_POSTGRES is not set (a postgresql:// URL of a test server)")
    import psycopg

    schema = f"dl_web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")  # type: ignore[arg-type]
    sep = "&" if "?" in url else "?"
    s = open_store(f"{url}{sep}options={quote(f'-c search_path={schema}')}")
    yield s
    s.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[arg-type]


@pytest.fixture
def ids(store: Store) -> dict[str, str]:
    return populate_sample(store)


@pytest.fixture
def client(store: Store, ids: dict[str, str]) -> TestClient:
    return TestClient(create_app(store), raise_server_exceptions=False)


class _Scan(HTMLParser):
    """Collects what a browser would execute or follow: tags, attributes, script bodies."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _assert_inert(html: str) -> None:
    """No markup from a capture became live: only our own scripts, no handlers, no js: URLs."""
    scan = _Scan()
    scan.feed(html)
    for tag, attrs in scan.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        if tag == "script":
            src = attrs.get("src")
            assert src is None or src.startswith("/static/"), attrs
        assert tag not in ("img", "iframe", "object", "embed", "b", "i"), (tag, attrs)
    for body in scan.scripts:
        assert "alert(" not in body.replace("\\u003c", "<") or "<script>" not in body


# -- timeline ------------------------------------------------------------------------------


def test_timeline_page_lists_events_in_date_order(client: TestClient) -> None:
    r = client.get("/timeline")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    order = re.findall(r'data-event="([^"]+)"', r.text)
    assert order == [
        "ev-port-2016",
        "ev-askeby-2019",
        "ev-call-2019",
        "ev-visit-2020",
        "ev-summit-2020",
        "ev-hostile-2021",
    ]
    assert "14 Mar 2019" in r.text and "Jun 2019" in r.text  # readable dates with precision
    assert "/static/vendor/vis-timeline/vis-timeline-graph2d.min.js" in r.text
    assert "cdn" not in r.text.lower()
    # people link to their pages; organisations are shown, not linked as people
    assert 'href="/people/Maria%20Lindqvist"' in r.text
    assert "/people/Port%20Elin" not in r.text and "Port Elin Harbour Authority" in r.text


def test_timeline_json_matches_filters_and_pages(client: TestClient) -> None:
    data = client.get("/timeline.json", params={"person": "Herrera", "status": "happened"}).json()
    assert [e["id"] for e in data["events"]] == ["ev-askeby-2019", "ev-call-2019"]
    assert data["dateline"]["filters"] == {"person": "Herrera", "status": "happened"}
    call = data["events"][1]
    assert (call["precision"], call["start"], call["end"]) == ("month", "2019-06-01", "2019-06-30")
    meeting = data["events"][0]
    assert {s["outlet"] for s in meeting["sources"]} == {"Northern Wire", "The Gazette"}

    page1 = client.get("/timeline.json", params={"limit": 2}).json()
    page2 = client.get("/timeline.json", params={"limit": 2, "offset": 2}).json()
    assert page1["dateline"]["next_offset"] == 2 and page1["dateline"]["prev_offset"] is None
    assert [e["id"] for e in page2["events"]] == ["ev-call-2019", "ev-visit-2020"]
    last = client.get("/timeline.json", params={"limit": 2, "offset": 4}).json()
    assert last["dateline"]["next_offset"] is None and len(last["events"]) == 2

    by_story = client.get("/timeline.json", params={"story": STORY_ID}).json()
    assert "ev-hostile-2021" not in [e["id"] for e in by_story["events"]]
    ranged = client.get("/timeline.json", params={"from": "2019-06", "to": "2020-01"}).json()
    assert [e["id"] for e in ranged["events"]] == ["ev-call-2019", "ev-visit-2020"]
    text = client.get("/timeline.json", params={"q": "summit"}).json()
    assert [e["id"] for e in text["events"]] == ["ev-summit-2020"]
    place = client.get("/timeline.json", params={"place": "vesterby"}).json()
    assert place["events"] == []


def test_timeline_page_filter_form_keeps_values_and_paging_links(client: TestClient) -> None:
    r = client.get("/timeline", params={"person": "Lindqvist", "limit": 2})
    assert 'value="Lindqvist"' in r.text
    assert re.findall(r'data-event="([^"]+)"', r.text) == ["ev-port-2016", "ev-askeby-2019"]
    assert 'href="/timeline?person=Lindqvist&amp;limit=2&amp;offset=2"' in r.text


@pytest.mark.parametrize(
    "params",
    [
        {"from": "last tuesday"},
        {"to": "2019-13-45x"},
        {"limit": "0"},
        {"limit": "lots"},
        {"offset": "-1"},
        {"status": "rumoured"},
        {"from": "2020", "to": "2019"},
    ],
)
def test_bad_parameters_give_400_with_a_message(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/timeline.json", params=params)
    assert r.status_code == 400
    body = r.json()
    assert body["status"] == 400 and len(body["error"]) > 10
    page = client.get("/timeline", params=params)
    assert page.status_code == 400 and "Bad request" in page.text
    assert "Traceback" not in page.text


# -- event ---------------------------------------------------------------------------------


def test_event_page_shows_sources_with_highlighted_evidence_and_conflicts(
    client: TestClient, ids: dict[str, str]
) -> None:
    r = client.get("/events/ev-askeby-2019")
    assert r.status_code == 200
    html = r.text
    marks = re.findall(r'<mark class="evidence">(.*?)</mark>', html)
    assert len(marks) == 2
    assert marks[1].startswith("Maria Lindqvist and Tomás Herrera held talks in Vesterby")
    # the surrounding paragraph is shown, not just the sentence
    assert "ASKEBY, March 15 (Northern Wire) - " in html
    assert (
        f'href="/documents/{ids["wire"]}"' in html
        and f'href="/documents/{ids["broadsheet"]}"' in html
    )
    # conflicting places side by side
    conflict = html[html.index("Sources disagree") :]
    assert conflict.index("Askeby") < conflict.index("Vesterby")
    assert 'href="https://wire.example/2019/03/15/askeby"' in html


def test_event_json_has_roles_at_the_date_and_evidence_context(client: TestClient) -> None:
    data = client.get("/events/ev-askeby-2019.json").json()
    assert data["event"]["date"] == "2019-03-14" and data["event"]["precision"] == "day"
    lind = next(p for p in data["participants"] if p["name"] == "Maria Lindqvist")
    assert [r["office"] for r in lind["roles_at_date"]] == ["Foreign Minister"]
    ctx = data["sources"][0]["evidence"][0]["context"]
    assert [s["mark"] for s in ctx] == ["", "evidence"]
    assert data["conflicts"][0]["field"] == "place"
    port = client.get("/events/ev-port-2016.json").json()
    assert [r["office"] for r in port["participants"][0]["roles_at_date"]] == ["Minister of Trade"]


def test_unknown_ids_give_404_pages_and_json(client: TestClient) -> None:
    for path in ("/events/nope", "/documents/nope", "/people/Nobody%20Here", "/stories/nope"):
        r = client.get(path)
        assert r.status_code == 404 and "Not found" in r.text, path
        j = client.get(path + ".json")
        assert j.status_code == 404 and "error" in j.json(), path
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Not found" in r.text


# -- person, document, story, search --------------------------------------------------------


def test_person_page_has_both_offices_events_and_quotes(client: TestClient) -> None:
    r = client.get("/people/" + quote("Maria Lindqvist"))
    assert r.status_code == 200
    html = r.text
    assert html.index("Minister of Trade") < html.index("Foreign Minister")
    assert "frank and useful" in html and "Trade is how small countries stay free" in html
    data = client.get("/people/" + quote("maria lindqvist") + ".json").json()
    assert data["name"] == "Maria Lindqvist"
    assert [r["office"] for r in data["roles"]] == ["Minister of Trade", "Foreign Minister"]
    assert [e["id"] for e in data["events"]] == [
        "ev-port-2016",
        "ev-askeby-2019",
        "ev-call-2019",
        "ev-summit-2020",
    ]
    assert [q["document"]["published"] for q in data["quotes"]] == ["2016-05-01", "2019-03-15"]
    marked = [[seg["text"] for seg in q["context"] if seg["mark"]] for q in data["quotes"]]
    assert marked == [["Trade is how small countries stay free,"], ["frank and useful"]]
    people = client.get("/people.json").json()["people"]
    assert "Tomás Herrera" in people


def test_document_page_highlights_facts_and_shows_versions(
    client: TestClient, ids: dict[str, str]
) -> None:
    data = client.get(f"/documents/{ids['broadsheet']}.json").json()
    marked = [s for s in data["body"] if s["mark"]]
    assert {s["mark"] for s in marked} == {"event", "quote"}
    assert "".join(s["text"] for s in data["body"]).startswith("Maria Lindqvist and Tomás")
    assert [v["label"] for v in data["versions"]] == ["first", "updated"]
    assert len(data["diffs"]) == 1 and data["diffs"][0]["blocks"]
    assert [e["id"] for e in data["events"]] == ["ev-askeby-2019"]
    html = client.get(f"/documents/{ids['broadsheet']}").text
    assert "<ins>" in html or "<del>" in html
    assert '<mark class="quote"' in html


def test_story_pages(client: TestClient) -> None:
    stories = client.get("/stories.json").json()["stories"]
    assert [s["id"] for s in stories] == [STORY_ID]
    story = client.get(f"/stories/{STORY_ID}.json").json()
    assert len(story["events"]) == 5 and len(story["documents"]) == 5
    assert client.get(f"/stories/{STORY_ID}").status_code == 200


def test_search_with_facets(client: TestClient, ids: dict[str, str]) -> None:
    data = client.get("/search.json", params={"q": "talks"}).json()
    docs = {h["document"] for h in data["hits"]}
    assert {ids["wire"], ids["broadsheet"]} <= docs
    outlets = {f["value"]: f["count"] for f in data["facets"]["outlet"]}
    assert outlets["The Gazette"] >= 1 and outlets["Northern Wire"] >= 1
    assert any(s["mark"] == "match" for h in data["hits"] for s in h["snippet"])
    only = client.get("/search.json", params={"q": "talks", "outlet": "The Gazette"}).json()
    assert {h["outlet"] for h in only["hits"]} == {"The Gazette"}
    years = client.get("/search.json", params={"q": "talks", "year": "2019"}).json()
    assert all(h["year"] == "2019" for h in years["hits"]) and years["hits"]
    typed = client.get("/search.json", params={"q": "talks", "type": "call"}).json()
    assert [h["document"] for h in typed["hits"]] == []
    assert client.get("/search.json", params={"q": ""}).json()["hits"] == []
    assert client.get("/search.json", params={"q": "talks", "year": "19"}).status_code == 400
    page = client.get("/search", params={"q": "talks"})
    assert page.status_code == 200 and "Outlet" in page.text


def test_openapi_describes_every_json_twin(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for p in (
        "/timeline.json",
        "/events/{event_id}.json",
        "/people/{name}.json",
        "/documents/{doc_id}.json",
        "/stories/{story_id}.json",
        "/search.json",
        "/export/{fmt}",
    ):
        assert p in paths, p
    assert {"400", "404"} <= set(spec["paths"]["/events/{event_id}.json"]["get"]["responses"])
    assert "422" not in str(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/timeline.json"]["get"]["parameters"]}
    assert {"story", "person", "place", "type", "status", "from", "to", "q", "limit"} <= params


# -- hostile captures ------------------------------------------------------------------------


def test_nothing_from_a_capture_is_rendered_unescaped(
    client: TestClient, ids: dict[str, str]
) -> None:
    pages = [
        "/timeline",
        f"/documents/{ids['hostile']}",
        "/events/ev-hostile-2021",
        "/people/Ana%20Vidal",
        "/search?q=harbour",
        "/search?q=%3Cscript%3Ealert(1)%3C/script%3E",
        "/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ]
    for path in pages:
        r = client.get(path)
        assert r.status_code in (200, 404), path
        _assert_inert(r.text)
        assert "<script>alert" not in r.text, path
    doc = client.get(f"/documents/{ids['hostile']}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in doc  # title shown as text
    assert "&lt;img src=x onerror=alert(" in doc  # body markup shown as text
    assert "&lt;html&gt;&lt;head&gt;&lt;script&gt;" in doc  # raw capture shown as text
    assert 'href="javascript:' not in doc  # javascript: URL is not a link
    assert "(not a web link)" in doc
    csp = client.get("/timeline").headers["content-security-policy"]
    assert "script-src 'self'" in csp


def test_embedded_timeline_data_cannot_close_its_script_tag(
    store: Store, client: TestClient
) -> None:
    html = client.get("/timeline").text
    blob = html[html.index('id="timeline-data">') :]
    blob = blob[: blob.index("</script>")]
    assert "<" not in blob.split(">", 1)[1]  # every < inside is \u003c
    assert HOSTILE_TITLE not in html


def test_server_errors_do_not_leak_tracebacks(store: Store, ids: dict[str, str]) -> None:
    class Broken(type(store)):  # type: ignore[misc]
        def get_linked_event(self, event_id: str) -> LinkedEvent | None:
            raise RuntimeError("secret internals /etc/passwd")

    broken = Broken.__new__(Broken)
    broken.__dict__.update(store.__dict__)
    client = TestClient(create_app(broken), raise_server_exceptions=False)
    for path in ("/events/ev-askeby-2019", "/events/ev-askeby-2019.json"):
        r = client.get(path)
        assert r.status_code == 500
        assert "secret" not in r.text and "Traceback" not in r.text


def test_document_without_annotation_or_date(store: Store, client: TestClient) -> None:
    doc = Document("bare", "x.txt", "text", "Just text.\n\nMore.", versions=[Version(0, "a", "t")])
    store.put_documents([doc])
    data = client.get("/documents/bare.json").json()
    assert data["annotated"] is False and data["document"]["display_published"] == "undated"
    assert data["diffs"] == []
    assert client.get("/documents/bare").status_code == 200


# -- helpers --------------------------------------------------------------------------------


def test_date_spans_and_display() -> None:
    assert date_span("2013-10-03") == ("2013-10-03", "2013-10-03")
    assert date_span("2012-02", "month") == ("2012-02-01", "2012-02-29")
    assert date_span("2013-Q4", "quarter") == ("2013-10-01", "2013-12-31")
    assert date_span("2013-W40", "week") == ("2013-09-30", "2013-10-06")
    assert date_span("2013-H2", "half") == ("2013-07-01", "2013-12-31")
    assert date_span("2013", "year") == ("2013-01-01", "2013-12-31")
    assert date_span("2013", "decade") == ("2010-01-01", "2019-12-31")
    assert date_span("2013-02-30") is None and date_span(None) is None
    assert date_span("soon") is None
    assert display_date("2013-10-03", "day") == "3 Oct 2013"
    assert display_date("2013-10", "month") == "Oct 2013"
    assert display_date(None, "unknown") == "undated"


def test_safe_href_and_context_helpers() -> None:
    assert safe_href("https://a.example/x") == "https://a.example/x"
    for bad in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//a.b",
        "",
        None,
    ):
        assert safe_href(bad) is None
    doc = Document(
        "d", "s", "text", "First para.\nSecond one here. Evidence sentence. Tail.\nThird."
    )
    from dateline.models import Evidence

    start = doc.body.index("Evidence sentence.")
    segs = in_context(doc, Evidence("d", "Evidence sentence.", start, start + 18))
    assert [s.text for s in segs] == ["Second one here. ", "Evidence sentence.", " Tail."]
    # stale offsets: the sentence is found again by its text
    segs = in_context(doc, Evidence("d", "Evidence sentence.", 0, 5))
    assert segs[1].text == "Evidence sentence." and segs[1].mark == "evidence"
    assert [s.text for s in in_context(None, Evidence("d", "Only.", 0, 5))] == ["Only."]
    # a span that swallowed its paragraph break does not pull the next paragraph in
    para = Document("p", "s", "text", "Lead sentence here.\nNext paragraph.")
    segs = in_context(para, Evidence("p", "Lead sentence here.\n", 0, 20))
    assert [(s.text, s.mark) for s in segs] == [("Lead sentence here.", "evidence")]
    hl = highlight("abcdefghij", [(2, 5, "event", ""), (3, 4, "time", ""), (7, 9, "quote", "")])
    assert [(s.text, s.mark) for s in hl] == [
        ("ab", ""),
        ("c", "event"),
        ("d", "event time"),
        ("e", "event"),
        ("fg", ""),
        ("hi", "quote"),
        ("j", ""),
    ]
    assert "".join(s.text for s in hl) == "abcdefghij"
    assert [s.text for s in highlight("ab", [(0, 9, "event", ""), (1, 1, "x", "")])] == ["ab"]


def test_serve_binds_to_loopback_by_default() -> None:
    import inspect

    from dateline.web import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
