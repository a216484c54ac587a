"""Shared fixtures. Real news text is read from ../shared/corpus, never copied here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
GOLD_PATH = CORPUS / "seeds.gold.json"
MEANTIME = CORPUS / "meantime"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not beside the checkout")
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    if not GOLD_PATH.is_file():
        pytest.skip("../shared/corpus/seeds.gold.json is not beside the checkout")
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))
