"""Latency of /timeline.json on a generated store of many documents, over loopback.

    .venv/bin/python benchmarks/bench_web.py [--docs 50000] [--requests 200] [--store URL]

Builds a store of synthetic documents, each telling one linked event (bulk inserts, no
language pipeline), starts ``dateline.web.serve`` in a subprocess on 127.0.0.1, and measures
from this process the median and 95th-percentile latency of several timeline queries. The
request loop is bounded in count and time and talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from dateline.store import open_store
from dateline.web.sample import populate_synthetic

SCENARIOS = [
    ("first page (100 events)", {"limit": 100}),
    ("deep page (offset 25000)", {"limit": 100, "offset": 25000}),
    ("person filter", {"person": "Ada Moreau", "limit": 100}),
    ("date range 2001-2003", {"from": "2001", "to": "2003", "limit": 100}),
    ("text query", {"q": "summit Askeby", "limit": 100}),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def build(url: str, docs: int) -> float:
    t0 = time.perf_counter()
    with open_store(url) as store:
        if len(store.document_ids()) >= docs:
            return 0.0
        populate_synthetic(store, docs)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=50_000)
    ap.add_argument("--requests", type=int, default=200, help="requests per scenario")
    ap.add_argument("--store", help="store URL or path (default: a temporary SQLite file)")
    ap.add_argument("--max-seconds", type=float, default=300, help="stop measuring after this")
    args = ap.parse_args(argv)

    tmp = tempfile.TemporaryDirectory(prefix="dateline-bench-")
    url = args.store or str(Path(tmp.name) / "bench.db")
    took = build(url, args.docs)
    print(f"store: {args.docs} documents and events in {took:.1f} s ({url.split('@')[-1]})")

    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    code = (
        "import sys; from dateline.web import serve; "
        "serve(sys.argv[1], host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, url, str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if client.get("/timeline.json", params={"limit": 1}).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    print("server did not start", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            stop_at = time.monotonic() + args.max_seconds
            print(f"{'scenario':28} {'n':>5} {'events':>7} {'median ms':>10} {'p95 ms':>8}")
            for name, params in SCENARIOS:
                client.get("/timeline.json", params=params)  # warm caches
                times: list[float] = []
                count = 0
                for _ in range(args.requests):
                    if time.monotonic() > stop_at:
                        break
                    t0 = time.perf_counter()
                    r = client.get("/timeline.json", params=params)
                    times.append((time.perf_counter() - t0) * 1000)
                    r.raise_for_status()
                    count = len(r.json()["events"])
                if not times:
                    break
                print(
                    f"{name:28} {len(times):>5} {count:>7} "
                    f"{statistics.median(times):>10.1f} {_percentile(times, 95):>8.1f}"
                )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
