"""Vietnamese text helpers shared by the custom Rasa components.

Kept free of Rasa imports so they can be unit-tested from either venv.
"""

from __future__ import annotations

import unicodedata

_COMBINING_TONE_AND_SHAPE = "Mn"


def nfc(text: str) -> str:
    """Compose text to NFC.

    Phones and some keyboards (notably on macOS and iOS) send decomposed
    Vietnamese (NFD): "ệ" arrives as three code points. Without composing it
    first, the same word would produce different tokens and n-grams.
    """
    return unicodedata.normalize("NFC", text)


def fold_accents(text: str) -> str:
    """Lower-case text with every diacritic removed ("Lệ phí" -> "le phi").

    Many citizens type without diacritics; folding lets a featurizer treat
    "le phi" and "lệ phí" as the same word. "đ" is a separate letter, not a
    base letter plus a mark, so it is mapped by hand.
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != _COMBINING_TONE_AND_SHAPE)
    return stripped.replace("đ", "d")
