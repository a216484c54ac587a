"""Measure dateline.understand on MEANTIME (NewsReader, 120 English Wikinews articles).

Prints, over every file:

- time normalisation: of the gold TIMEX3 expressions (except the creation time, which is
  the anchor we are given), how many we find (token overlap) and how many we resolve to
  the gold value against the document's CREATION_TIME; DATE values are compared at the
  gold precision ("2009-06" vs our "2009-06"); DURATION values exactly ("P5Y").
- event status: for every gold EVENT_MENTION (verbs and nouns), our status rule read from
  the parse, mapped to three classes — negated (gold polarity NEG), future (gold time
  FUTURE) and non-future — and the agreement with gold.
- extracted events: how many of our events sit on a gold event mention, and how often
  their status class agrees with it.

Usage: python benchmarks/eval_meantime.py [MEANTIME_DIR] [--limit N] [--json]
The corpus is read-only and stays outside the repository (../shared/corpus/meantime).
"""

from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "meantime"


@dataclass
class GoldDoc:
    name: str
    text: str
    creation: str | None
    tokens: dict[str, tuple[int, int]]  # t_id -> char span in text
    timexes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def read(path: Path) -> GoldDoc:
    """Rebuild the article as tokenised text (one sentence a line) with gold spans."""
    tree = ET.parse(path)
    root = tree.getroot()
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    last_sentence = None
    for tok in root.iter("token"):
        sent = tok.get("sentence")
        if last_sentence is not None and sent != last_sentence:
            pieces.append("\n")
            pos += 1
        elif pieces:
            pieces.append(" ")
            pos += 1
        word = tok.text or ""
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
        last_sentence = sent
    text = "".join(pieces)
    markables = root.find("Markables")
    creation = None
    timexes: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    if markables is not None:
        for t in markables.iter("TIMEX3"):
            ids = [a.get("t_id", "") for a in t.iter("token_anchor")]
            if not ids:
                continue
            item = {"type": t.get("type"), "value": t.get("value"), "span": _span(spans, ids)}
            if t.get("functionInDocument") == "CREATION_TIME":
                creation = t.get("value")
            else:
                timexes.append(item)
        for e in markables.iter("EVENT_MENTION"):
            ids = [a.get("t_id", "") for a in e.iter("token_anchor")]
            if not ids:
                continue
            events.append(
                {
                    "span": _span(spans, ids),
                    "pos": e.get("pos"),
                    "polarity": e.get("polarity"),
                    "time": e.get("time"),
                    "certainty": e.get("certainty"),
                }
            )
    return GoldDoc(path.name, text, creation[:10] if creation else None, spans, timexes, events)


def _span(spans: dict[str, tuple[int, int]], ids: list[str]) -> tuple[int, int]:
    got = [spans[i] for i in ids if i in spans]
    return (min(s for s, _ in got), max(e for _, e in got)) if got else (0, 0)


def gold_class(e: dict[str, Any]) -> str:
    if e["polarity"] == "NEG":
        return "negated"
    return "future" if e["time"] == "FUTURE" else "non-future"


def our_class(status: str | None) -> str:
    if status == "negated":
        return "negated"
    if status in ("planned", "uncertain"):
        return "future"
    return "non-future"


def value_matches(gold: str | None, ours: str | None, kind: str) -> bool:
    if not gold or not ours:
        return False
    if kind == "DURATION":
        return gold == ours
    g = gold.split("T")[0]
    return ours == g or (len(g) > len(ours) and False)


def evaluate(root: Path = DEFAULT, limit: int | None = None) -> dict[str, Any]:
    from dateline.models import DateEstimate, Document
    from dateline.understand import _parse, annotate
    from dateline.understand.events import status_of_token

    files = sorted(root.glob("intra_cross-doc_annotation/*/*.xml")) or sorted(root.rglob("*.xml"))
    files = [f for f in files if not f.name.endswith(".xsd")][: limit or None]
    c: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for path in files:
        g = read(path)
        doc = Document(
            id=g.name,
            source=str(path),
            kind="text",
            body=g.text,
            language="en",
            published=DateEstimate(g.creation) if g.creation else None,
        )
        ann = annotate(doc, anchor=g.creation)
        c["files"] += 1
        # ---- times
        for t in g.timexes:
            if t["type"] not in ("DATE", "DURATION", "TIME"):
                continue
            c["timex_gold"] += 1
            s, e = t["span"]
            hit = [x for x in ann.times if x.start < e and s < x.end]
            if not hit:
                continue
            c["timex_found"] += 1
            kind = "DURATION" if t["type"] == "DURATION" else "DATE"
            if any(value_matches(t["value"], x.value, kind) for x in hit):
                c["timex_value_right"] += 1
        # ---- status of every gold event mention, read from the parse
        parsed = _parse(g.text)
        for e in g.events:
            s, _ = e["span"]
            span = parsed.char_span(s, e["span"][1], alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            tok = span.root
            ours = our_class(status_of_token(tok))
            gold = gold_class(e)
            c["status_total"] += 1
            c["status_agree"] += ours == gold
            confusion[(gold, ours)] += 1
        # ---- our extracted events against gold mentions on their trigger
        for ev in ann.events:
            c["events_ours"] += 1
            for evd in ev.evidence[:1]:
                i = evd.sentence.find(ev.trigger)
                if i < 0:
                    continue
                at = evd.start + i
                gold_on = [x for x in g.events if x["span"][0] <= at < x["span"][1]]
                if gold_on:
                    c["events_on_gold"] += 1
                    c["events_status_agree"] += our_class(ev.status) == gold_class(gold_on[0])
    out: dict[str, Any] = dict(c)
    out["timex_detection_recall"] = _ratio(c["timex_found"], c["timex_gold"])
    out["timex_value_accuracy"] = _ratio(c["timex_value_right"], c["timex_gold"])
    out["timex_value_accuracy_found"] = _ratio(c["timex_value_right"], c["timex_found"])
    out["status_agreement"] = _ratio(c["status_agree"], c["status_total"])
    out["events_on_gold_share"] = _ratio(c["events_on_gold"], c["events_ours"])
    out["events_status_agreement"] = _ratio(c["events_status_agree"], c["events_on_gold"])
    out["status_confusion"] = {f"{a}->{b}": n for (a, b), n in sorted(confusion.items())}
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("root", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = evaluate(Path(args.root), args.limit)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"MEANTIME files: {res.get('files', 0)}")
    print(
        f"time expressions: found {res.get('timex_found', 0)}/{res.get('timex_gold', 0)} "
        f"(recall {res['timex_detection_recall']:.1%}); value right {res.get('timex_value_right', 0)} "
        f"({res['timex_value_accuracy']:.1%} of gold, {res['timex_value_accuracy_found']:.1%} of found)"
    )
    print(
        f"event status (negated / future / non-future) over {res.get('status_total', 0)} gold mentions: "
        f"{res['status_agreement']:.1%} agreement"
    )
    print(f"  confusion gold->ours: {res['status_confusion']}")
    print(
        f"extracted events: {res.get('events_ours', 0)}, on a gold event mention {res['events_on_gold_share']:.1%}, "
        f"status agreeing {res['events_status_agreement']:.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
