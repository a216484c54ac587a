"""Builders for the linking tests: hand-made documents and annotations (fictional people and
places), a small knowledge object and a re-anchoring function that understands the symbolic
time forms. No tests here; the test_link_* modules import these."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateline.models import (
    Annotation,
    DateEstimate,
    Document,
    Entity,
    Event,
    Evidence,
    Participant,
    Role,
    Sentence,
    TimeExpression,
    content_hash,
)


@dataclass
class Tenure:
    person: str
    office: str
    country: str | None
    start: str
    end: str | None
    source: str = "test fixture"


class FakeKnowledge:
    def __init__(self, rows: list[Tenure]) -> None:
        self.rows = rows

    def tenures(self, person: str) -> list[Tenure]:
        return [r for r in self.rows if r.person == person]

    def holders(self, office: str, country: str | None, on: str) -> list[Tenure]:
        return [
            r
            for r in self.rows
            if r.office == office and r.country == country and r.start <= on <= (r.end or "9999")
        ]


def doc(
    doc_id: str,
    body: str,
    published: str | None = None,
    *,
    basis: str = "stated",
    url: str | None = None,
    outlet: str | None = None,
    partial: str | None = None,
    title: str | None = None,
) -> Document:
    pub = None
    if published:
        prec = {10: "day", 7: "month", 4: "year"}[len(published)]
        pub = DateEstimate(published, prec, basis)  # type: ignore[arg-type]
    meta = {"partial_date": partial} if partial else {}
    return Document(
        id=doc_id,
        source=f"/captures/{doc_id}.txt",
        kind="text",
        body=body,
        title=title,
        outlet=outlet,
        url=url,
        published=pub,
        metadata_evidence=meta,
    )


class AnnBuilder:
    """An annotation for a body, with spans found by searching the body for phrases."""

    def __init__(self, document: Document) -> None:
        self.d = document
        anchor = document.published.value if document.published else None
        self.ann = Annotation(document=document.id, language="en", anchor=anchor)
        start = 0
        for i, m in enumerate(re.finditer(r"[^.!?]+[.!?]?", document.body)):
            text = m.group(0)
            if text.strip():
                s = m.start() + len(text) - len(text.lstrip())
                self.ann.sentences.append(Sentence(i, s, m.end(), document.body[s : m.end()]))
            start = m.end()
        _ = start

    def _span(self, phrase: str, after: int = 0) -> tuple[int, int]:
        i = self.d.body.index(phrase, after)
        return i, i + len(phrase)

    def _sentence(self, pos: int) -> Evidence:
        for s in self.ann.sentences:
            if s.start <= pos < s.end:
                return Evidence(self.d.id, s.text, s.start, s.end)
        return Evidence(self.d.id, self.d.body, 0, len(self.d.body))

    def person(self, name: str, country: str | None = None) -> AnnBuilder:
        self.ann.entities.append(
            Entity(content_hash(self.d.id + name, 8), "person", name, country=country)
        )
        return self

    def role(self, person: str, office: str, country: str, surface: str = "") -> AnnBuilder:
        anchor = self.ann.anchor
        self.person(person, country)
        self.ann.roles.append(Role(person, office, country, anchor, surface=surface or office))
        return self

    def time(self, phrase: str, symbolic: str | None, value: str | None = None) -> TimeExpression:
        s, e = self._span(phrase)
        precision = "day"
        if value is None and symbolic and self.ann.anchor:
            value, precision = resolve(symbolic, self.ann.anchor)
        elif value is not None:
            precision = {10: "day", 7: "month", 4: "year"}.get(len(value), "day")
        t = TimeExpression(
            phrase,
            s,
            e,
            value,
            precision,
            anchor=self.ann.anchor,
            symbolic=symbolic,  # type: ignore[arg-type]
        )
        self.ann.times.append(t)
        return t

    def event(
        self,
        phrase: str,
        ev_type: str,
        people: list[str],
        *,
        place: str | None = None,
        status: str = "happened",
        mode: str = "unknown",
        time: TimeExpression | None = None,
        others: list[str] | None = None,
        label: str | None = None,
    ) -> Event:
        s, _e = self._span(phrase)
        parts = [Participant(p, None, None, "person") for p in people]
        parts += [Participant(o, None, None, "organisation") for o in others or []]
        date = time.value if time is not None else None
        prec = time.precision if time is not None and date else "unknown"
        ev = Event(
            id=content_hash(f"{self.d.id}|{phrase}|{ev_type}", 12),
            document=self.d.id,
            type=ev_type,
            plover="CONSULT" if ev_type in ("meeting", "talks", "summit", "visit") else "OTHER",
            label=label or f"{' and '.join(people or others or [])} {ev_type}",
            trigger=phrase.split()[0],
            status=status,  # type: ignore[arg-type]
            mode=mode,  # type: ignore[arg-type]
            date=date,
            precision=prec,  # type: ignore[arg-type]
            place=place,
            participants=parts,
            evidence=[self._sentence(s)],
            time=time,
        )
        self.ann.events.append(ev)
        return ev


# --------------------------------------------------------------------------- re-anchoring

_WD = re.compile(r"^WD\((prev|next|near),(\d)\)$")
_DCT = re.compile(r"^DCT([+-])(\d+)([DMY])$")
_MON = re.compile(r"^MON\((prev|next|near),(\d+)\)$")


def resolve(symbolic: str, anchor: str) -> tuple[str | None, str]:
    a = dt.date.fromisoformat(anchor[:10])
    if m := _WD.match(symbolic):
        rel, wd = m.group(1), int(m.group(2))
        back, fwd = (a.weekday() - wd) % 7, (wd - a.weekday()) % 7
        if rel == "prev" or (rel == "near" and back <= fwd):
            return (a - dt.timedelta(days=back)).isoformat(), "day"
        return (a + dt.timedelta(days=fwd)).isoformat(), "day"
    if m := _DCT.match(symbolic):
        n = int(m.group(2)) * (1 if m.group(1) == "+" else -1)
        if m.group(3) == "D":
            return (a + dt.timedelta(days=n)).isoformat(), "day"
        if m.group(3) == "M":
            idx = a.year * 12 + a.month - 1 + n
            return f"{idx // 12:04d}-{idx % 12 + 1:02d}", "month"
        return str(a.year + n), "year"
    if m := _MON.match(symbolic):
        rel, month = m.group(1), int(m.group(2))
        year = a.year - 1 if rel == "prev" and month > a.month else a.year
        return f"{year:04d}-{month:02d}", "month"
    return None, "unknown"


def fake_reanchor(document: Document, annotation: Annotation, anchor: str) -> Annotation:
    """What dateline.understand.reanchor does, for the symbolic forms these tests use."""
    ann = Annotation.from_dict(annotation.to_dict())
    ann.anchor = anchor
    for t in ann.times:
        if t.symbolic:
            t.value, t.precision = resolve(t.symbolic, anchor)  # type: ignore[assignment]
            t.anchor = anchor
    for ev in ann.events:
        if ev.time is not None and ev.time.symbolic:
            ev.time.value, ev.time.precision = resolve(ev.time.symbolic, anchor)  # type: ignore[assignment]
            ev.date, ev.precision = ev.time.value, ev.time.precision
    for r in ann.roles:
        r.as_of = anchor
    return ann
