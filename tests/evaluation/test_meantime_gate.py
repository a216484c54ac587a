"""Quality gate on MEANTIME (120 Wikinews articles with TimeML-style gold).

Floors sit a little under what the stage reaches today (see benchmarks/eval_meantime.py);
a change that makes time normalisation or event status worse fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "corpus" / "meantime"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    if not MEANTIME.is_dir():
        pytest.skip("../shared/corpus/meantime is not beside the checkout")
    spec = importlib.util.spec_from_file_location(
        "eval_meantime", ROOT / "benchmarks" / "eval_meantime.py"
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod.evaluate(MEANTIME)  # type: ignore[no-any-return]


def test_all_files_read(scores: dict[str, Any]) -> None:
    assert scores["files"] == 120
    assert scores["timex_gold"] > 300 and scores["status_total"] > 2500


def test_time_expressions_found(scores: dict[str, Any]) -> None:
    assert scores["timex_detection_recall"] >= 0.69  # measured 0.719


def test_time_values_resolved_against_creation_time(scores: dict[str, Any]) -> None:
    assert scores["timex_value_accuracy"] >= 0.58  # measured 0.615
    assert scores["timex_value_accuracy_found"] >= 0.82  # measured 0.855


def test_event_status_agreement(scores: dict[str, Any]) -> None:
    assert scores["status_agreement"] >= 0.84  # measured 0.862


def test_extracted_events_sit_on_gold_events_with_right_status(scores: dict[str, Any]) -> None:
    assert scores["events_on_gold_share"] >= 0.68  # measured 0.766
    assert scores["events_status_agreement"] >= 0.88  # measured 0.944
