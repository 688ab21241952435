"""Answering questions about a procedure, and the choice between offered procedures."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Optional

from rasa_sdk import Tracker

from actions import contract
from actions.answering import Turn, answer_question, choose
from actions.base import CatalogueAction, latest_intent, latest_text
from actions.services import Services
from knowledge.answers import ASPECTS
from knowledge.text import normalise, strip_accents


class ActionAnswerProcedure(CatalogueAction):
    """The aspect comes from the intent; the procedure from the text, or the current one."""

    def name(self) -> str:
        return "action_answer_procedure"

    def decide(self, svc: Services, tracker: Tracker) -> Turn:
        text = latest_text(tracker)
        candidates = tracker.get_slot(contract.CANDIDATES) or []
        if candidates and len(text.split()) <= 4 and not svc.names_procedure(text):
            # "số 2" right after the options, classified as a question: it is still a choice.
            option = option_in_text(text)
            if option is not None:
                pending = tracker.get_slot(contract.PENDING_ASPECT)
                return choose(svc, option, candidates, pending if pending in ASPECTS else "overview")
        return answer_question(svc, text, aspect_for(tracker), tracker.get_slot(contract.PROCEDURE_CODE))


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
        return choose(svc, chosen_option(tracker), candidates, aspect)


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
    payload = re.search(r'"option"\s*:\s*"?(\d+)', text)
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


def _same_word(typed: str, known: Collection[str]) -> Optional[str]:
    """The known word ``typed`` stands for: exactly, or typed without any diacritics."""
    if typed in known:
        return typed
    if typed == strip_accents(typed):
        return next((word for word in known if strip_accents(word) == typed), None)
    return None


def _as_int(value: object) -> Optional[int]:
    try:
        return int(str(value).strip())
    except ValueError:
        return None
