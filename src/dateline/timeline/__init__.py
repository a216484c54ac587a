"""The story as a timeline: entries built from the store, rendered for people and scripts."""

from dateline.timeline.build import build_timeline, document_timeline, lead_sentence
from dateline.timeline.render import (
    render_html,
    render_json,
    render_markdown,
    render_terminal,
    to_json_obj,
)

__all__ = [
    "build_timeline",
    "document_timeline",
    "lead_sentence",
    "render_html",
    "render_json",
    "render_markdown",
    "render_terminal",
    "to_json_obj",
]
