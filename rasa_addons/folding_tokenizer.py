"""Whitespace tokenizer whose token lemmas are the accent-folded words.

Rasa's CountVectorsFeaturizer reads ``token.lemma`` when ``use_lemma`` is on
(the default) and ``token.text`` when it is off. Putting the accent-folded,
lower-cased word in the lemma lets one featurizer see "le phi" and "lệ phí"
as the same feature while another keeps the accented words, which still
separate "ba" (three) from "bà" (grandmother). Citizens type both ways.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from rasa_addons.vietnamese import fold_accents


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class AccentFoldingTokenizer(WhitespaceTokenizer):
    """WhitespaceTokenizer plus accent-folded lemmas."""

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        tokens = super().tokenize(message, attribute)
        for token in tokens:
            token.lemma = fold_accents(token.text)
        return tokens
