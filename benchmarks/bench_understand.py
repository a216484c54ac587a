"""Throughput of dateline.understand: documents/second and words/second per core, peak memory.

The corpus is the demo captures (src/dateline/demo/captures, read with dateline.ingest and
dateline.clean) plus the test captures, repeated until there are at least --docs documents
(default 2,000). When ingest/clean are unavailable, invented wire texts are used instead.

Usage: python benchmarks/bench_understand.py [--docs 2000] [--workers 1]
With --workers N the documents are spread over N processes (each loads the model once);
rates are reported per core (total rate / N) and in total.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

# one BLAS thread per process: rates are per core, and workers must not fight over cores
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.models import DateEstimate, Document  # noqa: E402

FALLBACK = [
    "WASHINGTON (Wire) — Foreign Minister Ana Ruiz met her German counterpart Jonas Berg on Tuesday "
    "to discuss trade. “We agreed on the next steps,” Ruiz said. The two will meet again in Madrid next month.",
    "Britain's Defence Secretary, Ruth Okafor, travelled to Warsaw on Monday for talks with Poland's "
    "defence minister. Ms Okafor said the visit had been postponed twice. ‘We are here to stay,’ she said.",
    "President Omar Haddad held a phone call with Chancellor Greta Brandt on Wednesday. The leaders are "
    "expected to sign an energy agreement in Vienna in early June, officials said.",
]


def corpus(n: int) -> list[Document]:
    docs: list[Document] = []
    try:
        from dateline.clean import documents_from_capture
        from dateline.ingest import read_paths

        paths = [ROOT / "src" / "dateline" / "demo" / "captures", ROOT / "tests" / "captures"]
        for cap in read_paths([p for p in paths if p.exists()], on_error=lambda e: None):
            docs.extend(d for d in documents_from_capture(cap) if d.body.strip())
    except Exception as exc:  # ingest/clean missing or failing: fall back to invented texts
        print(f"(demo corpus unavailable: {exc}; using invented texts)", file=sys.stderr)
    if not docs:
        docs = [
            Document(
                id=f"f{i}",
                source="bench",
                kind="text",
                body=t,
                published=DateEstimate("2024-03-14"),
            )
            for i, t in enumerate(FALLBACK)
        ]
    out = []
    while len(out) < n:
        out.extend(docs)
    return out[:n]


def _work(docs: list[Document]) -> tuple[int, int, float, int]:
    from dateline.understand import annotate, load_nlp

    load_nlp()  # model load is not part of the per-document rate
    t0 = time.perf_counter()
    words = 0
    for d in docs:
        annotate(d)
        words += len(d.body.split())
    elapsed = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return len(docs), words, elapsed, peak_kb


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args(argv)
    docs = corpus(args.docs)
    distinct = len({d.id for d in docs})
    print(
        f"corpus: {len(docs)} documents ({distinct} distinct), {sum(len(d.body.split()) for d in docs)} words"
    )
    if args.workers <= 1:
        results = [_work(docs)]
    else:
        parts = [docs[i :: args.workers] for i in range(args.workers)]
        with mp.get_context("spawn").Pool(args.workers) as pool:
            results = pool.map(_work, parts)
    n = sum(r[0] for r in results)
    words = sum(r[1] for r in results)
    wall = max(r[2] for r in results)
    busy = sum(r[2] for r in results)
    peak_mb = max(r[3] for r in results) / 1024
    print(f"workers: {args.workers}")
    print(f"documents/second per core: {n / busy:.1f}   words/second per core: {words / busy:.0f}")
    print(f"documents/second total:    {n / wall:.1f}   words/second total:    {words / wall:.0f}")
    print(f"peak memory per process: {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
