"""Limits of the ingest stage. Environment variables override the defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

MB = 1024 * 1024


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class IngestSettings:
    """``max_bytes`` caps a whole text/HTML/feed file and one JSONL line or WARC record (WARC and
    JSONL files stream, so only their records are capped). ``legacy_encodings`` lets a file that
    is not UTF-8 be decoded by charset detection instead of being rejected."""

    max_bytes: int = field(default_factory=lambda: _env_int("DATELINE_MAX_BYTES", 50 * MB))
    legacy_encodings: bool = field(
        default_factory=lambda: os.environ.get("DATELINE_LEGACY_ENCODINGS", "") not in ("", "0")
    )
