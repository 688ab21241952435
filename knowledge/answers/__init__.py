"""Answers grounded in one catalogue record (contract: docs/contracts.md, "Answers").

Pure functions from a ``Procedure`` to Vietnamese text: no Rasa, no I/O, so
the action server, a CLI or a web channel can all use them, and tests can
check every aspect on hand-built records.
"""

from knowledge.answers.labels import level_label, level_labels, option_label, option_labels
from knowledge.answers.render import (
    ASPECT_LABELS,
    ASPECTS,
    MAX_REPLY_CHARS,
    body,
    display_name,
    heading,
    missing,
    render,
    source_line,
)

__all__ = [
    "ASPECTS",
    "ASPECT_LABELS",
    "MAX_REPLY_CHARS",
    "body",
    "display_name",
    "heading",
    "level_label",
    "level_labels",
    "missing",
    "option_label",
    "option_labels",
    "render",
    "source_line",
]
