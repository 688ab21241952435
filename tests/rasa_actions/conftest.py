"""Tracker fixtures and injected services for the action tests (as RasaHQ/financial-demo does)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any, Optional

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import services
from rasa_actions.fakes import DEFAULT_SCRIPT, MemoryCatalogue, ScriptedSearcher, services_over

EMPTY_SLOTS = {
    "procedure_code": None,
    "aspect": None,
    "candidates": None,
    "pending_aspect": None,
    "dossier_code": None,
    "phone_digits": None,
    "dossier_failures": None,
}


def make_tracker(
    text: str,
    intent: str,
    slots: Optional[dict[str, Any]] = None,
    entities: Optional[list[dict[str, Any]]] = None,
) -> Tracker:
    """The tracker rasa_sdk builds from Rasa's request, for one user message."""
    return Tracker.from_dict(
        {
            "sender_id": "test-user",
            "slots": {**EMPTY_SLOTS, **(slots or {})},
            "latest_message": {
                "text": text,
                "intent": {"name": intent, "confidence": 0.95},
                "entities": entities or [],
            },
            "events": [],
            "paused": False,
            "followup_action": None,
            "active_loop": {},
            "latest_action_name": "action_listen",
        }
    )


class Outcome:
    """What an action sent and which slots it set."""

    def __init__(
        self, dispatcher: CollectingDispatcher, events: list[dict[str, Any]], before: dict[str, Any]
    ):
        self.messages = dispatcher.messages
        self.events = events
        self.before = before

    @property
    def texts(self) -> list[str]:
        return [m.get("text") or "" for m in self.messages]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def buttons(self) -> list[dict[str, str]]:
        return [b for m in self.messages for b in (m.get("buttons") or [])]

    @property
    def slots(self) -> dict[str, Any]:
        """The slots the action set (only those whose value changes)."""
        return {e["name"]: e["value"] for e in self.events if e.get("event") == "slot"}

    @property
    def after(self) -> dict[str, Any]:
        """Every slot's value once Rasa has applied the events."""
        return {**self.before, **self.slots}


def run_action(action: Action, tracker: Tracker) -> Outcome:
    dispatcher = CollectingDispatcher()
    before = dict(tracker.slots)
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return Outcome(dispatcher, events, before)


@pytest.fixture
def searcher() -> ScriptedSearcher:
    return ScriptedSearcher(dict(DEFAULT_SCRIPT))


@pytest.fixture
def catalogue() -> MemoryCatalogue:
    return MemoryCatalogue()


@pytest.fixture(autouse=True)
def injected(catalogue: MemoryCatalogue, searcher: ScriptedSearcher) -> Iterator[None]:
    """Every action test runs on the small catalogue and the scripted searcher."""
    services.use(services_over(catalogue, searcher, searcher.names_procedure))
    yield
    services.use(None)


@pytest.fixture
def use_services() -> Callable[[Callable[[], services.Services]], None]:
    """Replace the injected services with another factory (e.g. one that fails)."""
    return services.use
