"""The dossier form's validation and action_dossier_status, on a small in-memory back end."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from typing import Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import services
from actions.dossier import ActionDossierStatus, ValidateDossierStatusForm
from knowledge.dossiers import Applicant, Dossier, DossierLookup, DossierStatus, normalise_code
from knowledge.dossiers import messages as dossier_messages
from knowledge.dossiers.limiter import InMemoryAttemptLimiter
from rasa_actions.conftest import EMPTY_SLOTS, run_action

CODE = normalise_code("000.00.04.H51-260315-0007")
DOMAIN = {
    "forms": {"dossier_status_form": {"required_slots": ["dossier_code", "phone_digits"]}},
    "slots": {name: {"type": "any", "mappings": [{"type": "custom"}]} for name in EMPTY_SLOTS},
}


class MemoryBackend:
    def __init__(self, *dossiers: Dossier):
        self._by_code = {d.code: d for d in dossiers}

    def get(self, code: str) -> Optional[Dossier]:
        return self._by_code.get(code)


@pytest.fixture(autouse=True)
def lookup():
    dossier = Dossier(
        code=CODE,
        procedure_name="Cấp hộ chiếu phổ thông",
        received_at=datetime(2026, 7, 1, 9, 0),
        due_at=date(2026, 7, 13),
        status=DossierStatus.PROCESSING,
        agency_name="Công an tỉnh Mẫu",
        applicant=Applicant(name="Nguyễn Văn A", phone="0912345678"),
    )
    services.dossiers.use(
        lambda: DossierLookup(
            MemoryBackend(dossier), InMemoryAttemptLimiter(), today=lambda: date(2026, 7, 8)
        )
    )
    yield
    services.dossiers.use(None)


def form_turn(slot: str, value: str) -> tuple[list[str], dict]:
    """Run the form validation on a message that just filled ``slot``."""
    tracker = Tracker.from_dict(
        {
            "sender_id": "dossier-user",
            "slots": {**EMPTY_SLOTS, slot: value, "requested_slot": slot},
            "latest_message": {"text": value, "intent": {"name": "inform_dossier_code"}, "entities": []},
            "events": [
                {"event": "user", "text": value},
                {"event": "slot", "name": slot, "value": value},
            ],
            "active_loop": {"name": "dossier_status_form"},
            "latest_action_name": "action_listen",
        }
    )
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateDossierStatusForm().run(dispatcher, tracker, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return [m["text"] for m in dispatcher.messages], slots


def test_a_code_written_loosely_is_kept_in_canonical_form():
    messages, slots = form_turn("dossier_code", "000 00 04 h51 - 260315 - 0007")
    assert slots["dossier_code"] == CODE
    assert messages == []


def test_not_a_code_is_refused_with_the_format():
    messages, slots = form_turn("dossier_code", "hồ sơ hôm qua")
    assert slots["dossier_code"] is None
    assert messages == [dossier_messages.INVALID_CODE]


@pytest.mark.parametrize("value", ["567", "56789", "５６７８", "abcd"])
def test_anything_but_four_ascii_digits_is_refused(value):
    messages, slots = form_turn("phone_digits", value)
    assert slots["phone_digits"] is None
    assert messages == [dossier_messages.INVALID_DIGITS]


def status(code: str, digits: str):
    tracker = Tracker.from_dict(
        {
            "sender_id": "dossier-user",
            "slots": {**EMPTY_SLOTS, "dossier_code": code, "phone_digits": digits},
            "latest_message": {"text": digits, "intent": {"name": "inform_phone_digits"}, "entities": []},
            "events": [],
        }
    )
    return run_action(ActionDossierStatus(), tracker)


def test_owner_gets_the_status_and_the_digits_are_forgotten():
    outcome = status(CODE, "5678")
    assert "Cấp hộ chiếu phổ thông" in outcome.text
    assert "0912345678" not in outcome.text and "Nguyễn Văn A" not in outcome.text
    assert outcome.slots == {"phone_digits": None, "dossier_code": CODE}


def test_wrong_digits_and_unknown_code_get_the_same_reply():
    wrong_digits = status(CODE, "1111")
    unknown_code = status(normalise_code("000.00.04.H51-260315-0099"), "5678")
    assert wrong_digits.text.split(" (")[0] == unknown_code.text.split(" (")[0]
    assert wrong_digits.text.startswith(dossier_messages.NOT_VERIFIED)
    assert wrong_digits.slots == {"phone_digits": None, "dossier_code": CODE}


def test_a_lookup_that_cannot_be_built_gets_a_polite_reply():
    def broken() -> DossierLookup:
        raise RuntimeError("TTHC_DOSSIER_BACKEND=http but no config")

    services.dossiers.use(broken)
    outcome = status(CODE, "5678")
    assert outcome.text == dossier_messages.UNAVAILABLE
    assert outcome.slots["phone_digits"] is None
