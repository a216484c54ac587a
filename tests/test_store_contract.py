"""One behavioural suite, run against every Store implementation.

The PostgreSQL leg needs a server: set DATELINE_TEST_POSTGRES to a postgresql:// URL (each
test works in a schema of its own, dropped afterwards). Without it that leg is skipped.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from dateline.models import (
    Annotation,
    DateEstimate,
    Document,
    LinkedEvent,
    Participant,
    RoleSpell,
    Story,
    Version,
)
from dateline.store import EventFilter, SearchHit, Store, open_store
from dateline.store.base import MATCH_CLOSE, MATCH_OPEN
from dateline.web.sample import HOSTILE_RAW, STORY_ID, STORY_NAME, populate_sample

PG_URL = os.environ.get("DATELINE_TEST_POSTGRES")


def _pg_schema_url(schema: str) -> str:
    assert PG_URL
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options={quote(f'-c search_path={schema}')}"


@pytest.fixture
def pg_schema() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("DATELINE_TEST_POSTGRES is not set (a postgresql:// URL of a test server)")
    import psycopg

    schema = f"dl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")  # type: ignore[arg-type]
    yield _pg_schema_url(schema)
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")  # type: ignore[arg-type]


def _open(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    if kind == "sqlite":
        return open_store(tmp_path / "store.db")
    url = request.getfixturevalue("pg_schema")
    return open_store(url)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = _open(request.param, tmp_path, request)
    yield s
    s.close()


@pytest.fixture
def sample(store: Store) -> dict[str, str]:
    return populate_sample(store)


def _doc(i: int, body: str, **kw: object) -> Document:
    kw.setdefault("source", f"src/{i}.txt")
    return Document(id=f"doc{i}", kind="text", body=body, **kw)  # type: ignore[arg-type]


# -- documents ------------------------------------------------------------------------------


def test_put_documents_is_idempotent_and_reports_new_ids(store: Store) -> None:
    a = _doc(1, "Alpha body.", raw="RAW <b>1</b>", raw_hash="h1")
    b = _doc(2, "Beta body.", title="Beta")
    assert store.put_documents([a, b]) == ["doc1", "doc2"]
    before = store.dump()
    assert store.put_documents([a, b]) == []
    assert store.put_documents([b, _doc(3, "Gamma")]) == ["doc3"]
    after = store.dump()
    assert len(after["documents"]) == len(before["documents"]) + 1
    assert store.document_ids() == ["doc1", "doc2", "doc3"]
    dup = _doc(4, "Twice in one batch.")
    assert store.put_documents([dup, dup]) == ["doc4"]


def test_document_round_trip_keeps_raw_versions_and_metadata(store: Store) -> None:
    doc = _doc(
        7,
        "Körper mit Umlauten — and an em dash.",
        title="Titel",
        outlet="Die Zeitung",
        url="https://example.org/a",
        published=DateEstimate("2013-10", "month", "inferred", 0.6, ["from a version table"]),
        language="de",
        versions=[Version(0, "v1", "Körper", None, "2013-10-01T10:00", "x")],
        raw="<html>Körper</html>",
        raw_hash="rawhash7",
        notes=["kept"],
    )
    store.put_documents([doc])
    got = store.get_document("doc7")
    assert got is not None
    assert got.to_dict() == doc.to_dict()
    # iteration skips the raw capture (it can be large) but keeps everything else
    listed = list(store.documents())
    assert listed[0].raw == "" and listed[0].versions == doc.versions
    assert store.get_document("nope") is None


def test_nul_characters_from_captures_are_stored(store: Store) -> None:
    doc = _doc(
        9,
        "Body with a NUL\x00 inside.",
        title="Ti\x00tle",
        outlet="Out\x00let",
        raw="r\x00",
        raw_hash="n",
    )
    assert store.put_documents([doc]) == ["doc9"]
    got = store.get_document("doc9")
    assert got is not None and got.title == "Ti\x00tle" and got.body == doc.body
    assert [h.document for h in store.search("inside")] == ["doc9"]


def test_find_documents_by_prefix_source_and_url(store: Store) -> None:
    store.put_documents(
        [_doc(1, "a", url="https://x.org/1"), _doc(2, "b"), _doc(30, "c", source="feeds/other.xml")]
    )
    assert store.find_documents("doc") == ["doc30", "doc1", "doc2"]
    assert store.find_documents("SRC/2") == ["doc2"]
    assert store.find_documents("https://x.org/1") == ["doc1"]
    assert store.find_documents("zzz") == []


def test_set_published_and_versions(store: Store) -> None:
    store.put_documents([_doc(1, "a")])
    est = DateEstimate("2014-02-03", "day", "inferred", 0.7, ["dated by its neighbours"])
    store.set_published("doc1", est)
    got = store.get_document("doc1")
    assert got is not None and got.published == est and got.id == "doc1"
    store.set_published("doc1", None)
    assert store.get_document("doc1").published is None  # type: ignore[union-attr]
    with pytest.raises(KeyError):
        store.set_published("missing", est)
    store.put_versions("doc1", [Version(0, "a", "t0"), Version(1, "b", "t1")])
    store.put_versions("doc1", [Version(0, "a", "t0"), Version(1, "b", "t1 edited")])
    assert [v.text for v in store.get_document("doc1").versions] == ["t0", "t1 edited"]  # type: ignore[union-attr]


def test_failed_batch_writes_nothing(store: Store) -> None:
    store.put_documents([_doc(1, "kept")])
    before = store.dump()
    bad = _doc(3, "x")
    bad.body = None  # type: ignore[assignment]  # violates NOT NULL mid-batch
    with pytest.raises(Exception):  # noqa: B017  # each driver raises its own IntegrityError
        store.put_documents([_doc(2, "fine"), bad])
    assert store.dump() == before
    assert store.put_documents([_doc(2, "fine")]) == ["doc2"]  # the store is still usable


# -- annotations -----------------------------------------------------------------------------


def test_annotations_base_and_current(store: Store, sample: dict[str, str]) -> None:
    wire = sample["wire"]
    base = store.get_annotation(wire, base=True)
    assert base is not None and base.anchor == "2019-03-15"
    moved = Annotation.from_dict(base.to_dict())
    moved.anchor = "2019-03-20"
    moved.events = []
    store.put_annotations([moved])
    assert store.get_annotation(wire).anchor == "2019-03-20"  # type: ignore[union-attr]
    assert store.get_annotation(wire, base=True).anchor == "2019-03-15"  # type: ignore[union-attr]
    assert [a.anchor for a in store.annotations() if a.document == wire] == ["2019-03-20"]
    assert [a.anchor for a in store.annotations(base=True) if a.document == wire] == ["2019-03-15"]
    with pytest.raises(KeyError):
        store.put_annotations([Annotation("doc-without-base", "en", None)])
    assert store.get_annotation("nope") is None


def test_quotes_by_speaker(store: Store, sample: dict[str, str]) -> None:
    lind = store.quotes("Maria Lindqvist")
    assert sorted(q.text for _, q in lind) == [
        "Trade is how small countries stay free,",
        "frank and useful",
    ]
    assert {d for d, _ in lind} == {sample["wire"], sample["trade"]}
    assert all(q.evidence.document == d for d, q in lind)
    assert len(store.quotes()) == 4
    assert store.quotes("Nobody") == []


# -- linked results --------------------------------------------------------------------------


def _ids(store: Store, **kw: object) -> list[str]:
    return [e.id for e in store.linked_events(EventFilter(**kw))]  # type: ignore[arg-type]


def test_linked_events_order_and_filters(store: Store, sample: dict[str, str]) -> None:
    assert _ids(store) == [
        "ev-port-2016",
        "ev-askeby-2019",
        "ev-call-2019",
        "ev-visit-2020",
        "ev-summit-2020",
        "ev-hostile-2021",
    ]
    assert _ids(store, story=STORY_ID) == _ids(store, story=STORY_NAME)
    assert "ev-hostile-2021" not in _ids(store, story=STORY_ID)
    assert _ids(store, person="tomás herrera") == [
        "ev-askeby-2019",
        "ev-call-2019",
        "ev-visit-2020",
        "ev-summit-2020",
    ]
    assert _ids(store, organisation="Harbour Authority") == ["ev-hostile-2021"]
    assert _ids(store, place="askeby") == ["ev-port-2016", "ev-askeby-2019", "ev-visit-2020"]
    assert _ids(store, type="call") == ["ev-call-2019"]
    assert len(_ids(store, type="CONSULT")) == 6
    assert _ids(store, status="planned") == ["ev-visit-2020"]
    assert _ids(store, date_from="2020") == ["ev-visit-2020", "ev-summit-2020", "ev-hostile-2021"]
    # a year as upper bound includes its last day; a month bound includes month precision
    assert _ids(store, date_to="2019") == ["ev-port-2016", "ev-askeby-2019", "ev-call-2019"]
    assert _ids(store, date_from="2019-06", date_to="2019-06") == ["ev-call-2019"]
    assert _ids(store, document=sample["broadsheet"]) == ["ev-askeby-2019"]
    assert _ids(store, text="phone") == []  # text searches labels/people/places, not bodies
    assert _ids(store, text="herr") == _ids(store, person="Herrera")
    assert _ids(store, text="meetings Askeby") == ["ev-askeby-2019"]
    assert _ids(store, text='"; DROP TABLE x; --') == []
    assert _ids(store, limit=2, offset=1) == ["ev-askeby-2019", "ev-call-2019"]
    assert _ids(store, person="Herrera", status="cancelled") == ["ev-summit-2020"]


def test_linked_event_round_trip_and_replace(store: Store, sample: dict[str, str]) -> None:
    ev = store.get_linked_event("ev-askeby-2019")
    assert ev is not None
    assert [s.document for s in ev.sources] == [sample["wire"], sample["broadsheet"]]
    assert ev.conflicts[0].values == {
        "Askeby": [sample["wire"]],
        "Vesterby": [sample["broadsheet"]],
    }
    assert store.get_linked_event("missing") is None
    solo = LinkedEvent(
        "only",
        "call",
        "CONSULT",
        "Call",
        "happened",
        "phone",
        None,
        "unknown",
        None,
        [Participant("Zed Q")],
    )
    store.replace_links(
        [solo], [Story("s2", "Other")], [RoleSpell("Zed Q", "Mayor", None, None, None)]
    )
    assert [e.id for e in store.linked_events()] == ["only"]
    assert [s.id for s in store.stories()] == ["s2"]
    assert store.people() == ["Zed Q"]
    assert _ids(store, story=STORY_ID) == []


def test_undated_events_sort_last(store: Store) -> None:
    def ev(i: str, date: str | None) -> LinkedEvent:
        return LinkedEvent(i, "meeting", "CONSULT", i, "happened", "unknown", date, "day", None)

    store.replace_links([ev("b", None), ev("a", "2001"), ev("c", "1999-12-31")], [], [])
    assert _ids(store) == ["c", "a", "b"]


def test_stories_roles_people(store: Store, sample: dict[str, str]) -> None:
    (story,) = store.stories()
    assert story.name == STORY_NAME and "ev-askeby-2019" in story.events
    spells = store.role_spells("maria lindqvist")
    assert [(s.office, s.first_seen) for s in spells] == [
        ("Minister of Trade", "2015-01-10"),
        ("Foreign Minister", "2018-10-01"),
    ]
    assert len(store.role_spells()) == 3
    assert store.people() == ["Ana Vidal", "Maria Lindqvist", "Tomás Herrera"]


# -- search and state -----------------------------------------------------------------------


def test_full_text_search(store: Store, sample: dict[str, str]) -> None:
    hits = store.search("naval exercise")
    assert [h.document for h in hits] == [sample["wire"]]
    assert "[" in hits[0].snippet and "]" in hits[0].snippet
    assert hits[0].title and "Askeby" in hits[0].title
    # stemming and prefixes: "container" finds "container", "talk" finds "talks"/"talking"
    assert [h.document for h in store.search("contain")] == [sample["trade"]]
    assert {h.document for h in store.search("talk")} >= {sample["wire"], sample["broadsheet"]}
    assert len(store.search("talk", limit=1)) == 1
    assert store.search("") == [] and store.search("!!! ---") == []
    assert store.search("zebra") == []


def test_search_snippets_mark_matches_even_in_text_with_brackets(store: Store) -> None:
    store.put_documents(
        [
            _doc(1, "[Reuters] The naval exercise [sic] ended; a list [1] of ships followed."),
            _doc(2, "Talks on the naval treaty resumed in Valda on Monday."),
        ]
    )
    (hit,) = [h for h in store.search("exercise") if h.document == "doc1"]
    marked = [text for text, match in hit.parts() if match]
    assert [m.lower() for m in marked] == ["exercise"]
    plain = "".join(text for text, _ in hit.parts())
    assert "[sic]" in plain and "exercise" in plain  # the body's brackets are plain text
    assert MATCH_OPEN not in plain and MATCH_CLOSE not in plain
    # for reading, a match is still shown in brackets (the CLI prints this)
    (hit,) = store.search("treaty")
    assert "[treaty]" in hit.snippet and MATCH_OPEN not in hit.snippet
    assert [(t, m) for t, m in hit.parts() if m] == [("treaty", True)]


def test_search_hit_parts() -> None:
    hit = SearchHit.from_marked("d", None, f"a {MATCH_OPEN}b{MATCH_CLOSE} [c] {MATCH_OPEN}d", 1.0)
    assert hit.snippet == "a [b] [c] [d"
    assert hit.parts() == [("a ", False), ("b", True), (" [c] ", False), ("d", True)]
    stray = SearchHit.from_marked("d", None, f"x{MATCH_CLOSE}y", 1.0)
    assert stray.parts() == [("xy", False)]
    assert SearchHit("d", None, "old [style]", 1.0).parts() == [("old [style]", False)]
    assert SearchHit("d", None, "", 1.0).parts() == []


def test_offset_without_limit_and_document_meta(store: Store, sample: dict[str, str]) -> None:
    assert _ids(store, offset=4) == ["ev-summit-2020", "ev-hostile-2021"]
    meta = store.document_meta([sample["wire"], sample["trade"], "missing", sample["wire"]])
    assert sorted(meta) == sorted([sample["wire"], sample["trade"]])
    wire = store.get_document(sample["wire"])
    assert wire is not None and meta[wire.id].title == wire.title
    assert meta[wire.id].published == (wire.published.value if wire.published else None)
    assert store.document_meta([]) == {}


def test_state(store: Store) -> None:
    assert store.get_state("k") is None
    store.set_state("k", {"a": [1, 2], "b": "ü"})
    store.set_state("k", {"a": [3]})
    assert store.get_state("k") == {"a": [3]}
    store.set_state("n", 5)
    assert store.get_state("n") == 5


def test_reopen_keeps_data(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    for kind in ("sqlite", "postgres"):
        if kind == "postgres" and not PG_URL:
            continue
        url = str(tmp_path / "re.db") if kind == "sqlite" else request.getfixturevalue("pg_schema")
        with open_store(url) as s:
            populate_sample(s)
            dump = s.dump()
        with open_store(url) as s:  # migrations must not run twice
            assert s.dump() == dump
            assert s.get_document(s.document_ids()[0]) is not None


def _named(url: str, name: str) -> str:
    """``url`` with an application_name, so a test can find (and drop) the store's own
    server connections among those of other tests using the same server."""
    return f"{url}&application_name={name}"


def _backends(name: str) -> list[dict[str, object]]:
    import psycopg
    from psycopg.rows import dict_row

    assert PG_URL
    with psycopg.connect(PG_URL, autocommit=True, row_factory=dict_row) as admin:
        return admin.execute(
            "SELECT pid, state, wait_event_type FROM pg_stat_activity WHERE application_name = %s",
            (name,),
        ).fetchall()


def _drop_backends(name: str) -> int:
    """Terminate the store's server connections and wait until they are gone (the server
    ends them a moment after it is asked), as a server restart would leave them."""
    import psycopg

    assert PG_URL
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        pids = [
            r[0]
            for r in admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE application_name = %s", (name,)
            )
        ]
        # by pid, apart from the filter: a condition calling pg_terminate_backend could run
        # on every row before the name is compared
        admin.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", (pids,))
        deadline = time.monotonic() + 20
        # only those: the store's pool may open a new connection meanwhile
        while admin.execute(
            "SELECT 1 FROM pg_stat_activity WHERE pid = ANY(%s)", (pids,)
        ).fetchall():
            assert time.monotonic() < deadline, "terminated backends did not go away"
            time.sleep(0.01)
    return len(pids)


@pytest.mark.postgres
@pytest.mark.parametrize("first", ["read", "write"])
def test_postgres_store_survives_dropped_connections(pg_schema: str, first: str) -> None:
    name = f"dl_drop_{uuid.uuid4().hex[:8]}"
    with open_store(_named(pg_schema, name)) as s:
        populate_sample(s)
        assert _drop_backends(name) >= 1  # as a server restart would
        # reads reconnect by themselves and are repeated; a write checks its connection first
        if first == "write":
            s.set_state("after", 1)
        assert s.get_linked_event("ev-askeby-2019") is not None
        s.set_state("after", 2)
        assert s.get_state("after") == 2


@pytest.mark.postgres
def test_postgres_reads_run_concurrently(pg_schema: str) -> None:
    """A read that waits on the server does not hold up the other threads' reads (with one
    connection behind a lock, the second read would wait for the first)."""
    import psycopg

    name = f"dl_conc_{uuid.uuid4().hex[:8]}"
    with open_store(_named(pg_schema, name)) as s:
        populate_sample(s)
        assert PG_URL
        with psycopg.connect(pg_schema, autocommit=True) as locker:
            with locker.transaction():
                # another session holds the stories table: a read of it has to wait
                locker.execute("LOCK TABLE stories IN ACCESS EXCLUSIVE MODE")
                blocked: list[object] = []
                slow = threading.Thread(target=lambda: blocked.append(s.stories()))
                slow.start()
                deadline = time.monotonic() + 20
                while not any(b["wait_event_type"] == "Lock" for b in _backends(name)):
                    assert time.monotonic() < deadline, "the read never reached the lock"
                    time.sleep(0.02)
                others: list[object] = []

                def read_others() -> None:
                    others.append(s.get_linked_event("ev-askeby-2019"))
                    others.append(s.search("naval exercise"))
                    others.append(s.get_state("missing"))

                fast = threading.Thread(target=read_others)
                fast.start()
                fast.join(timeout=20)
                assert not fast.is_alive(), "a read waited for another thread's read"
                assert others[0] is not None and others[1] and others[2] is None
                assert slow.is_alive() and not blocked
            slow.join(timeout=20)  # the lock is gone with the transaction
        assert not slow.is_alive()
        assert [st.name for st in blocked[0]] == [STORY_NAME]  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_postgres_concurrent_readers_see_whole_writes(pg_schema: str) -> None:
    """Many threads read while another replaces the linked results again and again: every
    read sees one whole result, never half of one, and the pool stays within its size."""
    from dateline.store.postgres import PostgresStore

    name = f"dl_many_{uuid.uuid4().hex[:8]}"

    def ev(i: str) -> LinkedEvent:
        return LinkedEvent(i, "meeting", "CONSULT", i, "happened", "unknown", "2001", "year", None)

    old = [ev(f"old{i}") for i in range(30)]
    new = [ev(f"new{i}") for i in range(20)]
    whole = {tuple(e.id for e in sorted(x, key=lambda e: e.id)) for x in (old, new)}
    with PostgresStore(_named(pg_schema, name), pool_size=3) as s:
        s.replace_links(old, [], [])
        stop = threading.Event()
        reads, cap, written_after = [0], 5000, [-1]
        torn: list[tuple[str, ...]] = []  # results that are neither the old nor the new whole
        errors: list[BaseException] = []

        def write() -> None:
            try:
                for n in range(15):
                    s.replace_links(new if n % 2 == 0 else old, [], [])
                written_after[0] = reads[0]
            except BaseException as exc:  # reported below
                errors.append(exc)
            finally:
                stop.set()

        def read() -> None:
            try:
                while not stop.is_set() and reads[0] < cap:
                    got = tuple(sorted(e.id for e in s.linked_events()))
                    reads[0] += 1
                    if got not in whole:
                        torn.append(got)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=read) for _ in range(6)]
        threads.append(threading.Thread(target=write))
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors and not any(t.is_alive() for t in threads)
        assert reads[0] > 0 and not torn
        # the writer got its turns while the readers were busy (readers cannot starve it)
        assert 0 <= written_after[0] < cap
        assert len(_backends(name)) <= 3


@pytest.mark.postgres
def test_postgres_replacements_from_two_processes_do_not_collide(pg_schema: str) -> None:
    """Two stores on one database (as a watcher and a CLI build would be) replace the linked
    results at the same time: each replacement waits for the other, none fails on a key."""
    from dateline.store.postgres import PostgresStore

    def ev(i: int, label: str) -> LinkedEvent:
        return LinkedEvent(
            f"e{i}", "meeting", "CONSULT", label, "happened", "unknown", "2001", "year", None
        )

    # the same event ids with other content, as two linking passes over similar stores give
    sets = {"a": [ev(i, "a") for i in range(40)], "b": [ev(i, "b") for i in range(25)]}
    errors: list[BaseException] = []
    with PostgresStore(pg_schema) as one, PostgresStore(pg_schema) as two:
        one.replace_links([], [], [])  # both open: the schema exists before they race

        def replace(store: Store, key: str) -> None:
            try:
                for _ in range(10):
                    store.replace_links(sets[key], [Story(f"s{key}", key, [sets[key][0].id])], [])
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [
            threading.Thread(target=replace, args=(one, "a")),
            threading.Thread(target=replace, args=(two, "b")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors and not any(t.is_alive() for t in threads)
        got = sorted((e.id, e.label) for e in one.linked_events())
        assert got in [sorted((e.id, e.label) for e in sets[k]) for k in ("a", "b")]
        assert len(two.stories()) == 1


# -- the two stores agree --------------------------------------------------------------------


@pytest.mark.postgres
def test_sqlite_and_postgres_dumps_are_equal(pg_schema: str, tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as lite, open_store(pg_schema) as pg:
        for s in (lite, pg):
            populate_sample(s)
            s.set_state("watch", {"urls": ["https://a.example"]})
        a, b = lite.dump(), pg.dump()
        assert sorted(a) == sorted(b)
        for table in a:
            assert a[table] == b[table], table
        raw = [r for r in b["raw_captures"]]
        assert raw and isinstance(raw[0][1], bytes)
        hostile = next(d for d in pg.documents() if d.kind == "html")
        assert pg.get_document(hostile.id).raw == HOSTILE_RAW  # type: ignore[union-attr]


def test_version_texts_are_stored_once(store: Store) -> None:
    """Each document of a watched article carries every version so far; the store keeps each
    text once, and every document still reads back all of its versions."""
    texts = [f"Version {i} of the story. " * 20 for i in range(1, 6)]
    docs = [
        Document(
            id=f"w{i}",
            source="https://x.example/a",
            kind="html",
            body=texts[i - 1],
            url="https://x.example/a",
            versions=[Version(j, f"version {j}", texts[j - 1]) for j in range(1, i + 1)],
        )
        for i in range(1, 6)
    ]
    store.put_documents(docs)
    for i, d in enumerate(docs, 1):
        got = store.get_document(d.id)
        assert got is not None and [v.text for v in got.versions] == texts[:i]
    dumped = store.dump()
    assert len(dumped["version_texts"]) == 5  # not 1 + 2 + 3 + 4 + 5
    assert len(dumped["versions"]) == 15
