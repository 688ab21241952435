"""Short labels for the options a citizen chooses from (chat buttons).

A button has little room: the label is the procedure's name without its
level suffix, then the level from the record, so two levels of one family
stay distinguishable even when their titles were cut short.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Optional

from knowledge.answers.render import display_name
from knowledge.answers.text import capitalise, clip, distinguishing_clips, levels_phrase, one_line
from knowledge.catalogue.model import Procedure

LABEL_NAME_CHARS = 90


def option_label(proc: Procedure, levels: Optional[Iterable[str]] = None) -> str:
    """ "Cấp hộ chiếu phổ thông ở trong nước (cấp tỉnh)".

    ``levels`` replaces the record's own, e.g. with every level of its family
    when the option stands for the whole family.
    """
    shown = proc.levels if levels is None else list(levels)
    return f"{clip(display_name(proc), LABEL_NAME_CHARS)} ({levels_phrase(shown)})"


def option_labels(procs: Sequence[Procedure], levels: Sequence[Iterable[str]]) -> list[str]:
    """Labels for options offered together: like ``option_label``, but a long name that
    begins like another one's shows where it differs ("Đăng ký đất đai, tài sản gắn liền
    … đối với tổ chức đang sử dụng đất") instead of a beginning they share."""
    names = distinguishing_clips([display_name(p) for p in procs], LABEL_NAME_CHARS)
    return [f"{name} ({levels_phrase(list(shown))})" for name, shown in zip(names, levels, strict=True)]


def level_label(proc: Procedure, quote: str = "") -> str:
    """ "Cấp tỉnh (mã 1.001456)": enough when every option is the same procedure.

    ``quote``: the title's own level words, for records that share a level
    ("Cấp xã, theo tên: thực hiện tại cấp huyện (mã 1.010385)").
    """
    phrase = capitalise(levels_phrase(proc.levels))
    if quote:
        phrase = f"{phrase}, theo tên: {quote}"
    return f"{phrase} (mã {proc.code})"


def level_labels(variants: Sequence[Procedure]) -> list[str]:
    """``level_label`` of each level of one procedure, told apart where two share a level.

    After the 2025 reform a family can hold two records at the same level: the
    former "cấp huyện" one and the "cấp xã" one are both "cấp xã" now. Their
    buttons then also quote the title's own level words, so the citizen sees
    more than two codes.
    """
    phrases = [levels_phrase(v.levels) for v in variants]
    return [
        level_label(variant, title_level_words(variant) if phrases.count(phrase) > 1 else "")
        for variant, phrase in zip(variants, phrases, strict=True)
    ]


def title_level_words(proc: Procedure) -> str:
    """The level the title itself names ("thực hiện tại cấp huyện"), or "" when it names none."""
    tail = one_line(proc.name)[len(display_name(proc)) :]
    return tail.strip(" ().;")
