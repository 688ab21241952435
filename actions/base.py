"""The shape every catalogue action shares: decide a ``Turn`` off the event loop, then emit it.

Deciding may load the catalogue and the search model (first call) and always
runs a search, so it runs in a worker thread: the action server keeps
answering other requests and its health check meanwhile. Whatever goes wrong,
the citizen gets a polite Vietnamese message, never a stack trace; the
operator gets the trace in the log.
"""

from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import services
from actions.answering import FAILED, UNAVAILABLE, Message, Turn
from knowledge.text import nfc

log = logging.getLogger(__name__)


class CatalogueAction(Action, ABC):
    """Base of the actions that answer from the catalogue (abstract: rasa_sdk skips it)."""

    @abstractmethod
    def name(self) -> str: ...

    @abstractmethod
    def decide(self, svc: services.Services, tracker: Tracker) -> Turn:
        """What to say and which slots to set, given the conversation so far."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        turn = await asyncio.to_thread(self._decide_safely, tracker)
        return emit(dispatcher, turn, tracker)

    def _decide_safely(self, tracker: Tracker) -> Turn:
        try:
            return self.decide(services.get(), tracker)
        except services.ServicesUnavailable as exc:
            log.warning("%s: catalogue or index not available: %s", self.name(), exc)
            return Turn([Message(UNAVAILABLE)])
        except Exception:
            log.exception("%s failed", self.name())
            return Turn([Message(FAILED)])


def emit(
    dispatcher: CollectingDispatcher, turn: Turn, tracker: Optional[Tracker] = None
) -> list[dict[str, Any]]:
    """Send the messages; return ``SlotSet`` events for the slots whose value changes.

    A slot set to the value it already has changes nothing in the conversation
    but is still an event: Rasa validates it, stores it in the tracker store and
    sends it back to the action server with every later call (the full event
    list travels each time), all on the latency of a catalogue answer
    (scripts/bench_rest.py).
    """
    for message in turn.messages:
        if message.buttons:
            dispatcher.utter_message(text=message.text, buttons=message.buttons)
        else:
            dispatcher.utter_message(text=message.text)
    return [
        SlotSet(slot, value)
        for slot, value in turn.slots.items()
        if tracker is None or tracker.get_slot(slot) != value
    ]


def latest_text(tracker: Tracker) -> str:
    """The citizen's latest message in NFC (the NLU pipeline should have done it; cheap to repeat)."""
    return nfc(tracker.latest_message.get("text") or "")


def latest_intent(tracker: Tracker) -> str:
    return (tracker.latest_message.get("intent") or {}).get("name") or ""
