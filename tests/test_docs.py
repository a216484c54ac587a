"""Docs kept honest: every CLI option and every timeline JSON field must be documented."""

from __future__ import annotations

import re
from pathlib import Path

import click

import dateline
from dateline.cli import main
from dateline.models import Participant, TimelineEntry, TimelineSource

ROOT = Path(__file__).resolve().parents[1]


def test_every_cli_command_and_option_is_in_the_cli_docs() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = []
    for name, cmd in main.commands.items():
        if f"dateline {name}" not in doc:
            missing.append(f"command {name}")
        for param in cmd.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and opt not in doc:
                        missing.append(f"{name} {opt}")
    assert not missing, f"undocumented in docs/cli.md: {missing}"


def test_every_timeline_field_is_documented() -> None:
    doc = (ROOT / "docs" / "timeline-json.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    fields = set(TimelineEntry.__dataclass_fields__)
    fields |= set(TimelineSource.__dataclass_fields__) | set(Participant.__dataclass_fields__)
    assert fields <= documented, f"undocumented timeline fields: {sorted(fields - documented)}"


def test_public_api_is_small_and_sorted() -> None:
    assert dateline.__all__ == sorted(dateline.__all__)
    for name in dateline.__all__:
        assert hasattr(dateline, name), name
    assert callable(dateline.build) and callable(dateline.open)
