"""Answering questions about a procedure, and the choice between offered procedures."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Optional

from rasa_sdk import Tracker

from actions import contract
from actions.answering import Turn, answer_question, choose, one_family, reoffer_for_aspect
from actions.base import CatalogueAction, latest_intent, latest_text
from actions.services import Services
from knowledge.answers import ASPECTS
from knowledge.catalogue.model import LEVEL_COMMUNE, LEVEL_MINISTRY, LEVEL_PROVINCE
from knowledge.text import normalise, strip_accents


class ActionAnswerProcedure(CatalogueAction):
    """The aspect comes from the intent; the procedure from the text, or the current one."""

    def name(self) -> str:
        return "action_answer_procedure"

    def decide(self, svc: Services, tracker: Tracker) -> Turn:
        text = latest_text(tracker)
        candidates = tracker.get_slot(contract.CANDIDATES) or []
        aspect = aspect_for(tracker)
        names_procedure = svc.names_procedure(text)
        if candidates and len(text.split()) <= 4:
            # "số 2" or "cấp tỉnh" right after the options, classified as a question:
            # it is still a choice ("cấp tỉnh" would otherwise be searched as a name).
            option = None if names_procedure else option_in_text(text)
            if option is None and (not names_procedure or one_family(svc, candidates)):
                option = level_option(svc, text, candidates)
            if option is not None:
                pending = tracker.get_slot(contract.PENDING_ASPECT)
                return choose(svc, option, candidates, pending if pending in ASPECTS else "overview")
        if candidates and not names_procedure and aspect != "overview":
            # "còn lệ phí thì sao?" while the options are still on screen: they still
            # stand, now for the new aspect, rather than asking for a procedure again.
            return reoffer_for_aspect(svc, candidates, aspect)
        return answer_question(svc, text, aspect, tracker.get_slot(contract.PROCEDURE_CODE))


def aspect_for(tracker: Tracker) -> str:
    """The intent's aspect; a bare procedure name answers the aspect still waiting, if any.

    After "lệ phí bao nhiêu?" the assistant asks which procedure; the reply
    "hộ chiếu" is classified ``ask_procedure`` but means "the fee of hộ chiếu".
    """
    intent = latest_intent(tracker)
    pending = tracker.get_slot(contract.PENDING_ASPECT)
    if intent == contract.ASK_PROCEDURE and pending in ASPECTS:
        return pending
    return contract.INTENT_ASPECTS.get(intent, "overview")


class ActionChooseOption(CatalogueAction):
    """Answers the question that was waiting, for the option the citizen picked."""

    def name(self) -> str:
        return "action_choose_option"

    def decide(self, svc: Services, tracker: Tracker) -> Turn:
        candidates = tracker.get_slot(contract.CANDIDATES) or []
        aspect = tracker.get_slot(contract.PENDING_ASPECT)
        if aspect not in ASPECTS:
            aspect = "overview"
        option = chosen_option(tracker)
        if option is None:
            option = level_option(svc, latest_text(tracker), candidates)
        return choose(svc, option, candidates, aspect)


_ORDINALS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4}
# An ordinal counts first in the message ("hai ạ") or after one of these words
# ("thứ hai", "số ba"); a "ba" inside a sentence is too often "bà" to count.
_ORDINAL_AFTER = {"thứ", "số", "cái", "mục", "chọn"}
# A digit standing as a word ("2", "số 2", "2.", "chọn 3 nhé"), not one inside "alert(1)" or "2026".
_DIGIT = re.compile(r"(?:^|\s)([1-9])(?=$|[\s.,!?)])")


def chosen_option(tracker: Tracker) -> Optional[int]:
    """The option number from the ``option`` entity, else from the text ("2", "cái thứ hai")."""
    for value in tracker.get_latest_entity_values(contract.OPTION):
        number = _as_int(value)
        if number is not None:
            return number
    return option_in_text(latest_text(tracker))


def option_in_text(text: str) -> Optional[int]:
    payload = re.search(r'"option"\s*:\s*"?(\d{1,3})(?!\d)', text)
    if payload:
        return int(payload.group(1))
    digit = _DIGIT.search(text.strip())
    if digit:
        return int(digit.group(1))
    words = normalise(text).split()
    if "đầu tiên" in " ".join(words) or "dau tien" in " ".join(words):
        return 1
    for position, word in enumerate(words):
        if position == 0 or _same_word(words[position - 1], _ORDINAL_AFTER):
            number = _same_word(word, _ORDINALS)
            if number:
                return _ORDINALS[number]
    return None


# How citizens name each level when answering "Anh/chị làm thủ tục ở cấp nào ạ?".
_LEVEL_NAMES = {
    LEVEL_MINISTRY: ("bộ", "trung ương"),
    LEVEL_PROVINCE: ("tỉnh", "thành phố"),
    LEVEL_COMMUNE: ("xã", "phường", "đặc khu"),
}


def level_option(svc: Services, text: str, candidates: Sequence[str]) -> Optional[int]:
    """The option whose level the text names ("cấp tỉnh", "o trung uong"), if exactly one has it."""
    words = normalise(text).split()
    named = {
        level
        for level, names in _LEVEL_NAMES.items()
        if any(_mentions(words, name.split()) for name in names)
    }
    if len(named) != 1:
        return None
    level = named.pop()
    matches = [
        number
        for number, code in enumerate(candidates, start=1)
        if (proc := svc.catalogue.get(code)) is not None and level in proc.levels
    ]
    return matches[0] if len(matches) == 1 else None


def _mentions(words: Sequence[str], phrase: Sequence[str]) -> bool:
    """``phrase`` occurs in ``words``, each word typed as written or without diacritics."""
    width = len(phrase)
    return any(
        all(_same_word(typed, {known}) for typed, known in zip(words[i : i + width], phrase, strict=True))
        for i in range(len(words) - width + 1)
    )


def _same_word(typed: str, known: Collection[str]) -> Optional[str]:
    """The known word ``typed`` stands for: exactly, or typed without any diacritics."""
    if typed in known:
        return typed
    if typed == strip_accents(typed):
        return next((word for word in known if strip_accents(word) == typed), None)
    return None


def _as_int(value: object) -> Optional[int]:
    """An option number; ``None`` for anything else, including digit runs too long to be one."""
    text = str(value).strip()
    if len(text) > 3:
        return None
    try:
        return int(text)
    except ValueError:
        return None
