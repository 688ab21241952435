"""First pipeline step: compose every incoming text to Unicode NFC.

It sits in the NLU graph (not in a channel) so that every channel, the REST
webhook, ``rasa shell``, Telegram or a kiosk page, gets the same treatment,
and so that training examples go through exactly the same code as live
messages. It is registered as a tokenizer-type component only because that is
how Rasa 3.6 places a node that runs both ``process_training_data`` (training)
and ``process`` (inference) before the real tokenizer; it does not subclass
``Tokenizer``, so Rasa's "one tokenizer only" check is unaffected.
"""

from __future__ import annotations

from typing import Any, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from rasa_addons.vietnamese import nfc


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class NFCNormalizer(GraphComponent):
    """Rewrites the message text to NFC, collapses whitespace and caps the length.

    Collapsing whitespace lets the entity patterns anchor on the whole message
    (a bare " 2 " is option 2). The cap (``max_chars``) bounds the cost of one message: DIET's transformer
    is quadratic in the number of tokens, and nobody asks about a procedure in
    more than a few hundred characters. A pasted 10,000-character text still
    gets an answer, computed from its beginning.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"max_chars": 1000}

    def __init__(self, config: dict[str, Any]) -> None:
        self._max_chars = int(config["max_chars"])

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NFCNormalizer:
        return cls(config)

    def normalise(self, text: Optional[str]) -> Optional[str]:
        if not isinstance(text, str):
            return text
        return " ".join(nfc(text).split())[: self._max_chars]

    def _rewrite(self, message: Message) -> None:
        text = message.get(TEXT)
        normalised = self.normalise(text)
        if normalised != text:
            message.set(TEXT, normalised, add_to_output=True)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for example in training_data.training_examples:
            self._rewrite(example)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._rewrite(message)
        return messages
