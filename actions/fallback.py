"""The reply when the assistant did not understand, or the question is not about procedures."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import contract
from actions.answering import fallback
from actions.base import emit, latest_intent


class ActionDefaultFallback(Action):
    """What the assistant can do, with three example questions.

    Unlike Rasa's built-in fallback it does not revert the user's message:
    the rules in nlu_data/rules.yml continue after it (for instance to end a
    dossier lookup the citizen walked away from), which a revert would undo.
    It needs neither the catalogue nor the index, so it works even before
    they are built.
    """

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        return emit(
            dispatcher, fallback(out_of_scope=latest_intent(tracker) == contract.OUT_OF_SCOPE), tracker
        )
