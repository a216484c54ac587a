"""Quality gate on dating MEANTIME's Wikinews articles (benchmarks/eval_meantime_dating.py).

As captured, the date line must be read right; with it hidden, dateline may leave an article
undated, but a date it does give must hold the gold day: it never invents.
"""

from __future__ import annotations

from typing import Any

import pytest
from gate_support import MEANTIME, benchmark

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    return benchmark("eval_meantime_dating").evaluate(MEANTIME)  # type: ignore[no-any-return]


def test_stated_date_lines_are_read(scores: dict[str, Any]) -> None:
    stated = scores["stated"]
    assert stated["documents"] >= 115
    # measured 116 of 117; the one miss is an article whose date line and gold disagree
    assert stated["day_exact_share_of_day_precise"] >= 0.98
    assert stated["coverage"] == 1.0


def test_hidden_dates_are_never_invented(scores: dict[str, Any]) -> None:
    hidden = scores["hidden"]
    assert hidden["wrong"] == [], hidden["wrong"]
