"""dateline: raw news captures in, a dated, sourced record of a story out."""

from dateline.api import Dateline, build, open
from dateline.models import (
    Annotation,
    Capture,
    DateEstimate,
    Document,
    Event,
    Evidence,
    LinkedEvent,
    Participant,
    Quote,
    Role,
    Story,
    TimelineEntry,
)

__version__ = "0.1.0"

__all__ = [
    "Annotation",
    "Capture",
    "DateEstimate",
    "Dateline",
    "Document",
    "Event",
    "Evidence",
    "LinkedEvent",
    "Participant",
    "Quote",
    "Role",
    "Story",
    "TimelineEntry",
    "__version__",
    "build",
    "open",
]
