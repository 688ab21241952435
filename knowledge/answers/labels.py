"""Short labels for the options a citizen chooses from (chat buttons).

A button has little room: the label is the procedure's name without its
level suffix, then the level from the record, so two levels of one family
stay distinguishable even when their titles were cut short.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

from knowledge.answers.render import display_name
from knowledge.answers.text import capitalise, clip, levels_phrase
from knowledge.catalogue.model import Procedure

LABEL_NAME_CHARS = 90


def option_label(proc: Procedure, levels: Optional[Iterable[str]] = None) -> str:
    """ "Cấp hộ chiếu phổ thông ở trong nước (cấp tỉnh)".

    ``levels`` replaces the record's own, e.g. with every level of its family
    when the option stands for the whole family.
    """
    shown = proc.levels if levels is None else list(levels)
    return f"{clip(display_name(proc), LABEL_NAME_CHARS)} ({levels_phrase(shown)})"


def level_label(proc: Procedure) -> str:
    """ "Cấp tỉnh (mã 1.001456)": enough when every option is the same procedure."""
    return f"{capitalise(levels_phrase(proc.levels))} (mã {proc.code})"
