"""Dossier status: the form that collects code and digits, and the lookup that answers.

Everything about privacy lives in ``knowledge.dossiers.DossierLookup``
(ownership check, identical replies for unknown codes and wrong digits,
attempt limits per conversation and per code). The actions only collect the
two values, call it once, and forget the digits afterwards so they do not sit
in the tracker store.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import contract, services
from knowledge.dossiers import LookupOutcome, OutcomeKind, normalise_code
from knowledge.dossiers import messages as dossier_messages
from knowledge.text import nfc

log = logging.getLogger(__name__)


class ValidateDossierStatusForm(FormValidationAction):
    """Keeps a slot only when it is usable; otherwise says why, and the form asks again."""

    def name(self) -> str:
        return "validate_dossier_status_form"

    def validate_dossier_code(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        code = normalise_code(str(slot_value or ""))
        if code is None:
            dispatcher.utter_message(text=dossier_messages.INVALID_CODE)
        return {contract.DOSSIER_CODE: code}

    def validate_phone_digits(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        digits = four_digits(slot_value)
        if digits is None:
            dispatcher.utter_message(text=dossier_messages.INVALID_DIGITS)
        return {contract.PHONE_DIGITS: digits}


def four_digits(value: Any) -> Optional[str]:
    """ "5678" stays; anything else (fewer digits, full-width digits, words) is not the last four."""
    digits = nfc(str(value or "")).strip()
    return digits if len(digits) == 4 and digits.isascii() and digits.isdigit() else None


class ActionDossierStatus(Action):
    """Checks code and digits once and replies with the outcome's own Vietnamese message."""

    def name(self) -> str:
        return "action_dossier_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        code = tracker.get_slot(contract.DOSSIER_CODE) or ""
        digits = tracker.get_slot(contract.PHONE_DIGITS) or ""
        outcome = await asyncio.to_thread(_check, code, digits, tracker.sender_id)
        dispatcher.utter_message(text=outcome.message)
        return slots_after(outcome)


def _check(code: str, digits: str, conversation_id: str) -> LookupOutcome:
    try:
        return services.dossiers.get().check(code, digits, conversation_id)
    except Exception:  # a misconfigured back end must still get the citizen a reply
        log.exception("dossier lookup could not run")
        return LookupOutcome(kind=OutcomeKind.UNAVAILABLE)


def slots_after(outcome: LookupOutcome) -> list[dict[str, Any]]:
    """The digits are always forgotten. The code is kept unless it was not a code at all,
    so asking again ("hồ sơ của tôi đến đâu rồi?") only needs the digits."""
    events = [SlotSet(contract.PHONE_DIGITS, None)]
    if outcome.kind is OutcomeKind.INVALID_CODE:
        events.append(SlotSet(contract.DOSSIER_CODE, None))
    elif outcome.code:
        events.append(SlotSet(contract.DOSSIER_CODE, outcome.code))
    return events
