"""Reading syllables typed in Telex with the input method switched off ("hoj chieeus lamf").

Most Vietnamese keyboards use Telex: "aa" gives â, "ow" ơ, "dd" đ, and a final
s/f/r/x/j gives the tone. When the input method is off, or an app ignores it,
the letters arrive as typed. Decoding is only a proposal: the analyser takes it
when the decoded syllable is one the catalogue uses and the typed letters are
not already a syllable on their own ("cas" is decoded, "can" is not).
"""

from __future__ import annotations

import unicodedata

from knowledge.text import normalise

_TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
# Longest first: "uow" is ươ before "ow" could make it uơ.
_SHAPES = (
    ("uwow", "ươ"),
    ("uow", "ươ"),
    ("aa", "â"),
    ("aw", "ă"),
    ("ee", "ê"),
    ("oo", "ô"),
    ("ow", "ơ"),
    ("uw", "ư"),
    ("dd", "đ"),
)
_VOWELS = "aeiouyâăêôơư"
MAX_LETTERS = 9  # "nghieengx" (nghiễng) is about the longest Telex syllable


def decode_telex(token: str) -> str | None:
    """The syllable ``token`` spells in Telex, or None when it holds no Telex keys."""
    if not (token.isascii() and token.isalpha() and 2 <= len(token) <= MAX_LETTERS):
        return None
    word = token.lower()
    tone = ""
    if word[-1] in _TONE_KEYS and any(v in word[:-1] for v in "aeiouy"):
        tone, word = _TONE_KEYS[word[-1]], word[:-1]
    for keys, letter in _SHAPES:
        word = word.replace(keys, letter)
    if "w" in word or not any(v in word for v in _VOWELS):
        return None
    if tone:
        first_vowel = next(i for i, ch in enumerate(word) if ch in _VOWELS)
        word = unicodedata.normalize("NFC", word[: first_vowel + 1] + tone + word[first_vowel + 1 :])
        word = normalise(word)  # moves the tone to the vowel the convention wants
    return word if word != token.lower() else None
