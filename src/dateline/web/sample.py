"""A small invented story, and a bulk generator, written straight into a store.

Used by the web and export tests, the store contract suite, the browser tests and the web
benchmark: they need realistic objects (sources with evidence spans, conflicts, role changes,
quotes, a hostile capture) without running the language pipeline. Every name here is made up.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from dateline.models import (
    Annotation,
    Conflict,
    DateEstimate,
    Document,
    Entity,
    Event,
    Evidence,
    LinkedEvent,
    Participant,
    Quote,
    Role,
    RoleSpell,
    Source,
    Story,
    Version,
    content_hash,
)
from dateline.store.base import Store

# The hostile capture: markup and script in every field a page might show.
HOSTILE_TITLE = '<script>alert("title")</script> Harbour <b>talks</b>'
HOSTILE_URL = "javascript:alert('url')"
HOSTILE_BODY = (
    "Harbour officials met on 3 May 2021 in Port Elin. <img src=x onerror=alert('body')> "
    "<a href=\"javascript:alert('link')\">More</a>\n\n"
    "Ana Vidal said \"<script>alert('quote')</script> we are ready\" after the meeting."
)
HOSTILE_RAW = (
    "<html><head><script>alert('raw')</script></head><body onload=alert('raw2')>"
    + HOSTILE_BODY
    + "</body></html>"
)

STORY_ID = "story-harbour"
STORY_NAME = "Nordland–Costa Verde defence ties"


def _doc(
    source: str,
    title: str,
    outlet: str,
    published: str,
    body: str,
    url: str | None = None,
    raw: str | None = None,
    versions: list[Version] | None = None,
) -> Document:
    raw = raw if raw is not None else body
    return Document(
        id=content_hash(source + body),
        source=source,
        kind="text",
        body=body,
        title=title,
        outlet=outlet,
        url=url,
        published=DateEstimate(published, "day", "given", 1.0, ["capture metadata"]),
        language="en",
        versions=versions or [],
        raw=raw,
        raw_hash=content_hash(raw),
    )


def _ev(doc: Document, sentence: str) -> Evidence:
    start = doc.body.index(sentence)
    return Evidence(doc.id, sentence, start, start + len(sentence))


def sample_documents() -> list[Document]:
    """Five invented articles (wire, broadsheet, British dates, a live blog) and one hostile."""
    wire = _doc(
        "captures/wire-2019-03-15.txt",
        "Nordland and Costa Verde defence chiefs meet in Askeby",
        "Northern Wire",
        "2019-03-15",
        "ASKEBY, March 15 (Northern Wire) - Nordland's Foreign Minister Maria Lindqvist met "
        "Costa Verde's Defence Minister Tomás Herrera in Askeby on Thursday.\n\n"
        "The two discussed a joint naval exercise. Lindqvist said the talks were "
        '"frank and useful".\n\nHerrera will visit Nordland again in January, officials said.',
        url="https://wire.example/2019/03/15/askeby",
    )
    broadsheet = _doc(
        "captures/gazette-2019-03-16.txt",
        "Ministers hold talks on naval cooperation",
        "The Gazette",
        "2019-03-16",
        "Maria Lindqvist and Tomás Herrera held talks in Vesterby on 14 March 2019, the "
        'foreign ministry said.\n\nThe meeting lasted two hours. "We have agreed to keep '
        'talking," Herrera told reporters.',
        url="https://gazette.example/news/ministers-talks",
        versions=[
            Version(0, "first", "Maria Lindqvist and Tomás Herrera held talks.", None, None, "a"),
            Version(
                1,
                "updated",
                "Maria Lindqvist and Tomás Herrera held talks in Vesterby on 14 March 2019.",
                None,
                None,
                "b",
            ),
        ],
    )
    call = _doc(
        "captures/blog-2019-06.txt",
        "Live: Lindqvist phones Herrera",
        "Harbour Live",
        "2019-06-20",
        "12:40 - Maria Lindqvist spoke by phone with Tomás Herrera in June, her office said.\n\n"
        "12:55 - No details of the call were released.",
    )
    planned = _doc(
        "captures/wire-2019-12-02.txt",
        "Herrera to visit Nordland in January",
        "Northern Wire",
        "2019-12-02",
        "Tomás Herrera will travel to Askeby on 20 January 2020 for a second round of talks, "
        "the defence ministry announced.\n\nA summit planned for 2 February 2020 was called off.",
    )
    trade = _doc(
        "captures/gazette-2016-05-01.txt",
        "Trade minister opens port",
        "The Gazette",
        "2016-05-01",
        "Trade Minister Maria Lindqvist opened the new container port at Askeby on 30 April "
        '2016.\n\n"Trade is how small countries stay free," Lindqvist said.',
    )
    hostile = _doc(
        "captures/hostile.html",
        HOSTILE_TITLE,
        "<i>Evil</i> Outlet",
        "2021-05-04",
        HOSTILE_BODY,
        url=HOSTILE_URL,
        raw=HOSTILE_RAW,
    )
    hostile.kind = "html"
    return [wire, broadsheet, call, planned, trade, hostile]


def populate_sample(store: Store) -> dict[str, str]:
    """Write the sample story into ``store``; return the ids tests refer to by name."""
    wire, broadsheet, call, planned, trade, hostile = docs = sample_documents()
    store.put_documents(docs)

    lindqvist = Participant("Maria Lindqvist", "e1", "Foreign Minister of Nordland", "person")
    herrera = Participant("Tomás Herrera", "e2", "Defence Minister of Costa Verde", "person")
    vidal = Participant("Ana Vidal", "e3", None, "person")
    harbour = Participant("Port Elin Harbour Authority", "e4", None, "organisation")

    def event(
        doc: Document,
        n: int,
        type_: str,
        plover: str,
        status: str,
        mode: str,
        date: str | None,
        precision: str,
        place: str | None,
        sentence: str,
        parts: list[Participant],
    ) -> Event:
        return Event(
            id=f"{doc.id}-ev{n}",
            document=doc.id,
            type=type_,
            plover=plover,
            label=f"{type_} of " + " and ".join(p.name for p in parts),
            trigger=type_,
            status=status,
            mode=mode,
            date=date,
            precision=precision,
            place=place,  # type: ignore[arg-type]
            participants=parts,
            evidence=[_ev(doc, sentence)],
        )

    s_wire = "Nordland's Foreign Minister Maria Lindqvist met Costa Verde's Defence Minister Tomás Herrera in Askeby on Thursday."
    s_broad = "Maria Lindqvist and Tomás Herrera held talks in Vesterby on 14 March 2019, the foreign ministry said."
    s_call = "12:40 - Maria Lindqvist spoke by phone with Tomás Herrera in June, her office said."
    s_visit = "Tomás Herrera will travel to Askeby on 20 January 2020 for a second round of talks, the defence ministry announced."
    s_summit = "A summit planned for 2 February 2020 was called off."
    s_port = (
        "Trade Minister Maria Lindqvist opened the new container port at Askeby on 30 April 2016."
    )
    s_hostile = "Harbour officials met on 3 May 2021 in Port Elin."

    ev_wire = event(
        wire,
        1,
        "meeting",
        "CONSULT",
        "happened",
        "in_person",
        "2019-03-14",
        "day",
        "Askeby",
        s_wire,
        [lindqvist, herrera],
    )
    ev_broad = event(
        broadsheet,
        1,
        "talks",
        "CONSULT",
        "happened",
        "in_person",
        "2019-03-14",
        "day",
        "Vesterby",
        s_broad,
        [lindqvist, herrera],
    )
    ev_call = event(
        call,
        1,
        "call",
        "CONSULT",
        "happened",
        "phone",
        "2019-06",
        "month",
        None,
        s_call,
        [lindqvist, herrera],
    )
    ev_visit = event(
        planned,
        1,
        "visit",
        "CONSULT",
        "planned",
        "in_person",
        "2020-01-20",
        "day",
        "Askeby",
        s_visit,
        [herrera],
    )
    ev_summit = event(
        planned,
        2,
        "summit",
        "CONSULT",
        "cancelled",
        "in_person",
        "2020-02-02",
        "day",
        None,
        s_summit,
        [lindqvist, herrera],
    )
    trade_minister = Participant("Maria Lindqvist", "e1", "Minister of Trade of Nordland", "person")
    ev_port = event(
        trade,
        1,
        "visit",
        "CONSULT",
        "happened",
        "in_person",
        "2016-04-30",
        "day",
        "Askeby",
        s_port,
        [trade_minister],
    )
    ev_hostile = event(
        hostile,
        1,
        "meeting",
        "CONSULT",
        "happened",
        "in_person",
        "2021-05-03",
        "day",
        "Port Elin <script>x</script>",
        s_hostile,
        [vidal, harbour],
    )

    def quote(doc: Document, text: str, speaker: str | None, sentence: str) -> Quote:
        start = doc.body.index(text)
        return Quote(text, speaker, start, start + len(text), _ev(doc, sentence))

    anns = [
        Annotation(
            wire.id,
            "en",
            "2019-03-15",
            entities=[
                Entity("e1", "person", "Maria Lindqvist", country="Nordland"),
                Entity("e2", "person", "Tomás Herrera", country="Costa Verde"),
            ],
            roles=[
                Role(
                    "Maria Lindqvist",
                    "Foreign Minister",
                    "Nordland",
                    "2019-03-15",
                    _ev(wire, s_wire),
                )
            ],
            events=[ev_wire],
            quotes=[
                quote(
                    wire,
                    "frank and useful",
                    "Maria Lindqvist",
                    'Lindqvist said the talks were "frank and useful".',
                )
            ],
        ),
        Annotation(
            broadsheet.id,
            "en",
            "2019-03-16",
            events=[ev_broad],
            quotes=[
                quote(
                    broadsheet,
                    "We have agreed to keep talking,",
                    "Tomás Herrera",
                    '"We have agreed to keep talking," Herrera told reporters.',
                )
            ],
        ),
        Annotation(call.id, "en", "2019-06-20", events=[ev_call]),
        Annotation(planned.id, "en", "2019-12-02", events=[ev_visit, ev_summit]),
        Annotation(
            trade.id,
            "en",
            "2016-05-01",
            events=[ev_port],
            roles=[
                Role(
                    "Maria Lindqvist",
                    "Minister of Trade",
                    "Nordland",
                    "2016-05-01",
                    _ev(trade, s_port),
                )
            ],
            quotes=[
                quote(
                    trade,
                    "Trade is how small countries stay free,",
                    "Maria Lindqvist",
                    '"Trade is how small countries stay free," Lindqvist said.',
                )
            ],
        ),
        Annotation(
            hostile.id,
            "en",
            "2021-05-04",
            events=[ev_hostile],
            quotes=[
                quote(
                    hostile,
                    "<script>alert('quote')</script> we are ready",
                    "Ana Vidal",
                    "Ana Vidal said \"<script>alert('quote')</script> we are ready\" after the meeting.",
                )
            ],
        ),
    ]
    store.put_annotations(anns, base=True)

    def src(e: Event, outlet: str | None) -> Source:
        return Source(e.document, e.id, e.evidence, e.date, e.precision, outlet)  # type: ignore[arg-type]

    def linked(
        lid: str,
        e: Event,
        sources: list[Source],
        conflicts: list[Conflict] | None = None,
        stories: list[str] | None = None,
    ) -> LinkedEvent:
        return LinkedEvent(
            id=lid,
            type=e.type,
            plover=e.plover,
            label=e.label,
            status=e.status,
            mode=e.mode,
            date=e.date,
            precision=e.precision,
            place=e.place,
            participants=e.participants,
            sources=sources,
            conflicts=conflicts or [],
            confidence=0.8,
            stories=[STORY_ID] if stories is None else stories,
        )

    meeting = linked(
        "ev-askeby-2019",
        ev_wire,
        [src(ev_wire, "Northern Wire"), src(ev_broad, "The Gazette")],
        [Conflict("place", {"Askeby": [wire.id], "Vesterby": [broadsheet.id]})],
    )
    events = [
        linked("ev-port-2016", ev_port, [src(ev_port, "The Gazette")]),
        meeting,
        linked("ev-call-2019", ev_call, [src(ev_call, "Harbour Live")]),
        linked("ev-visit-2020", ev_visit, [src(ev_visit, "Northern Wire")]),
        linked("ev-summit-2020", ev_summit, [src(ev_summit, "Northern Wire")]),
        linked("ev-hostile-2021", ev_hostile, [src(ev_hostile, "<i>Evil</i> Outlet")], stories=[]),
    ]
    story = Story(
        STORY_ID,
        STORY_NAME,
        [e.id for e in events if e.stories],
        [wire.id, broadsheet.id, call.id, planned.id, trade.id],
        "2016-04-30",
        "2020-02-02",
        ["naval", "defence"],
    )
    roles = [
        RoleSpell(
            "Maria Lindqvist",
            "Minister of Trade",
            "Nordland",
            "2015-01-10",
            "2016-05-01",
            [trade.id],
        ),
        RoleSpell(
            "Maria Lindqvist",
            "Foreign Minister",
            "Nordland",
            "2018-10-01",
            "2019-12-02",
            [wire.id, call.id],
        ),
        RoleSpell(
            "Tomás Herrera",
            "Defence Minister",
            "Costa Verde",
            "2019-03-14",
            "2020-01-20",
            [wire.id, broadsheet.id],
        ),
    ]
    store.replace_links(events, [story], roles)
    return {
        "wire": wire.id,
        "broadsheet": broadsheet.id,
        "call": call.id,
        "planned": planned.id,
        "trade": trade.id,
        "hostile": hostile.id,
        "meeting": "ev-askeby-2019",
        "visit": "ev-visit-2020",
        "summit": "ev-summit-2020",
        "hostile_event": "ev-hostile-2021",
    }


# --------------------------------------------------------------------------- bulk generator

_PEOPLE = [
    f"{first} {last}"
    for first in ("Ada", "Bo", "Cai", "Dara", "Eli", "Fen", "Gil", "Hana")
    for last in ("Moreau", "Okafor", "Tanaka", "Silva", "Novak", "Haddad")
]
_PLACES = ["Askeby", "Vesterby", "Port Elin", "Calden", "Marrow Bay", "Isterholm", "Quinta"]
_TYPES = [
    ("meeting", "CONSULT"),
    ("call", "CONSULT"),
    ("visit", "CONSULT"),
    ("agreement", "AGREE"),
    ("protest", "PROTEST"),
    ("summit", "CONSULT"),
]
_OUTLETS = ["Northern Wire", "The Gazette", "Harbour Live", "Daily Ledger", "Coast Times"]


def synthetic_documents(n: int, seed: int = 7) -> Iterator[tuple[Document, LinkedEvent]]:
    """``n`` generated documents, each telling one event (deterministic for a seed)."""
    rng = random.Random(seed)
    for i in range(n):
        a, b = rng.sample(_PEOPLE, 2)
        place = rng.choice(_PLACES)
        type_, plover = rng.choice(_TYPES)
        date = f"{rng.randint(1995, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentence = f"{a} and {b} held a {type_} in {place} on {date}."
        body = f"{sentence}\n\nFiller paragraph number {i} about {rng.choice(_PLACES)} trade."
        doc = Document(
            id=f"d{i:07d}",
            source=f"synthetic/{i}.txt",
            kind="text",
            body=body,
            title=f"{type_.title()} in {place}",
            outlet=rng.choice(_OUTLETS),
            published=DateEstimate(date, "day", "given"),
            language="en",
        )
        ev = Evidence(doc.id, sentence, 0, len(sentence))
        linked = LinkedEvent(
            id=f"e{i:07d}",
            type=type_,
            plover=plover,
            label=f"{type_} of {a} and {b}",
            status="happened",
            mode="in_person",
            date=date,
            precision="day",
            place=place,
            participants=[Participant(a), Participant(b)],
            sources=[Source(doc.id, f"{doc.id}-ev1", [ev], date, "day", doc.outlet)],
        )
        yield doc, linked


def populate_synthetic(store: Store, n: int, batch: int = 5000) -> None:
    """Bulk-load ``n`` generated documents and one linked event per document."""
    events: list[LinkedEvent] = []
    docs: list[Document] = []
    for doc, ev in synthetic_documents(n):
        docs.append(doc)
        events.append(ev)
        if len(docs) >= batch:
            store.put_documents(docs)
            docs = []
    if docs:
        store.put_documents(docs)
    store.replace_links(events, [], [])
