"""Date MEANTIME's 120 Wikinews articles, first as captured, then with their dates hidden.

Each article is a plain-text capture: its headline, a date line ("March 01 , 2008") and the
story. Two runs, scored against the gold CREATION_TIME:

- **stated**: the capture as it is, through ``dateline.clean``: is the date line read right?
- **hidden**: the date line removed and no date given, so that the whole corpus, understood
  and linked as ``dateline build`` would, must infer each date from the article's own text
  (full dates it reports as past, weekdays, partial dates), from other documents (shared
  events, copies) and from who held which office when.

Printed for each run:

- coverage: how many articles get any date estimate, and at which precision;
- correctness: of those, how many cover the gold day (the gold day lies inside the estimate's
  interval) — the figure that must stay high, since dateline must not invent dates;
- for day-precise estimates: exact-day accuracy and the error in days;
- the wrong estimates, with the first reason of their evidence chain, for reading.

Usage: python benchmarks/eval_meantime_dating.py [MEANTIME_DIR] [--json] [--show-wrong N]
The corpus is read-only and stays outside the repository (../shared/corpus/meantime).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "meantime"


def _reader() -> Any:
    """The MEANTIME reader of ``eval_meantime.py`` (one reader for both benchmarks)."""
    spec = importlib.util.spec_from_file_location(
        "eval_meantime", ROOT / "benchmarks" / "eval_meantime.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, mod)
    spec.loader.exec_module(mod)
    return mod


def _without_date_line(text: str, truth: dt.date) -> str:
    """The article with its date line (a short line that is only the gold date) removed."""
    from dateline.clean.dates import full_dates

    kept = []
    for line in text.split("\n"):
        found = full_dates(line) if len(line) < 40 else []
        if found and any(f.value == truth.isoformat() for f in found):
            continue
        kept.append(line)
    return "\n".join(kept)


def load(root: Path) -> tuple[list[tuple[str, str, dt.date]], list[str]]:
    """(document id, text, gold date) per article, and the files without a usable gold date."""
    meantime = _reader()
    out, skipped = [], []
    for path in sorted(root.glob("intra_cross-doc_annotation/*/*.xml")):
        g = meantime.read(path)
        try:
            truth = dt.date.fromisoformat((g.creation or "")[:10])
        except ValueError:  # no CREATION_TIME, or one that reads "03-02-2009"
            skipped.append(path.name)
            continue
        out.append((f"{path.parent.name}/{path.stem}", g.text, truth))
    return out, skipped


def evaluate(root: Path = DEFAULT) -> dict[str, Any]:
    from dateline.clean import documents_from_capture
    from dateline.knowledge import Knowledge
    from dateline.link import link_corpus
    from dateline.models import Capture, Document
    from dateline.understand import annotate, reanchor

    articles, skipped = load(root)
    gold = {doc_id: truth for doc_id, _, truth in articles}
    started = time.perf_counter()
    stated: dict[str, Any] = {}
    for doc_id, text, _ in articles:
        (doc,) = documents_from_capture(Capture(source=doc_id, kind="text", raw=text, id=doc_id))
        stated[doc_id] = doc.published
    docs = [
        Document(
            id=doc_id,
            source=doc_id,
            kind="text",
            body=_without_date_line(text, truth),
            language="en",
        )
        for doc_id, text, truth in articles
    ]
    annotations = {d.id: annotate(d) for d in docs}
    result = link_corpus(docs, annotations, Knowledge.load(), reanchor)
    seconds = time.perf_counter() - started
    return {
        "stated": _score(stated, gold),
        "hidden": _score(dict(result.dates), gold),
        "skipped": skipped,
        "seconds": round(seconds, 1),
    }


def _score(estimates: dict[str, Any], gold: dict[str, dt.date]) -> dict[str, Any]:
    from dateline.link.isodates import interval

    c: Counter[str] = Counter()
    precision: Counter[str] = Counter()
    errors: list[int] = []
    wrong: list[dict[str, Any]] = []
    for doc_id, truth in sorted(gold.items()):
        c["documents"] += 1
        est = estimates.get(doc_id)
        iv = interval(est.value) if est is not None and est.value else None
        if est is None or iv is None:
            continue
        c["dated"] += 1
        precision[est.precision] += 1
        covers = iv[0] <= truth <= iv[1]
        c["covers_gold"] += covers
        if est.precision == "day":
            c["day_precise"] += 1
            c["day_exact"] += iv[0] == truth
            errors.append(abs((iv[0] - truth).days))
        if not covers:
            wrong.append(
                {
                    "document": doc_id,
                    "gold": truth.isoformat(),
                    "ours": est.value,
                    "precision": est.precision,
                    "why": " / ".join(est.reasons[:2]),
                }
            )
    out: dict[str, Any] = {
        k: c[k] for k in ("documents", "dated", "covers_gold", "day_precise", "day_exact")
    }
    out["coverage"] = _ratio(c["dated"], c["documents"])
    out["correct_share_of_dated"] = _ratio(c["covers_gold"], c["dated"])
    out["day_exact_share_of_day_precise"] = _ratio(c["day_exact"], c["day_precise"])
    out["day_error_median"] = statistics.median(errors) if errors else None
    out["precision_counts"] = dict(sorted(precision.items()))
    out["wrong"] = wrong
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("root", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show-wrong", type=int, default=10, metavar="N")
    args = ap.parse_args(argv)
    if not args.root.is_dir():
        print(f"no MEANTIME corpus at {args.root}", file=sys.stderr)
        return 2
    res = evaluate(args.root)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    n = res["hidden"]["documents"]
    print(f"MEANTIME dating ({n} articles, {res['seconds']} s)")
    if res["skipped"]:
        print(f"  skipped (no usable gold creation date): {', '.join(res['skipped'])}")
    for run in ("stated", "hidden"):
        r = res[run]
        print(f"{run}:")
        print(
            f"  dated at any precision : {r['dated']} ({r['coverage']:.1%})  {r['precision_counts']}"
        )
        print(
            f"  estimate covers gold   : {r['covers_gold']} of {r['dated']} "
            f"({r['correct_share_of_dated']:.1%})"
        )
        print(
            f"  day-precise            : {r['day_precise']}, exact {r['day_exact']} "
            f"({r['day_exact_share_of_day_precise']:.1%}), median error "
            f"{r['day_error_median']} days"
        )
        for w in r["wrong"][: args.show_wrong]:
            print(
                f"  wrong: {w['document']}: gold {w['gold']}, ours {w['ours']} "
                f"({w['precision']}): {w['why']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
