"""Shared by the quality gates: the MEANTIME corpus and the benchmark scripts they run."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "corpus" / "meantime"


def benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ imported as a module (the gate runs what the script prints)."""
    if not MEANTIME.is_dir():
        pytest.skip("../shared/corpus/meantime is not beside the checkout")
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod
