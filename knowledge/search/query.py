"""A question, analysed once and shared by lexical and dense retrieval.

Steps: normalise (``knowledge.text``), rewrite colloquial terms into catalogue
wording (``aliases``), and label the words that only name an aspect or are
filler (``querywords``), so retrieval can weigh them down and the conversation
can tell "còn lệ phí thì sao?" (no procedure named) from "lệ phí làm hộ chiếu".
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.search.aliases import AliasLexicon, default_lexicon
from knowledge.search.querywords import roles
from knowledge.text import normalise, strip_accents

# A longer text is not a question any more; its head carries what matters and
# the cap keeps the time of a search bounded whatever is pasted in.
MAX_TOKENS = 48

# Share of syllables with diacritics above which a question counts as fully
# accented. In catalogue titles about 70% of syllables carry a mark; careful
# typists reach that, hasty ones land in between.
FULLY_ACCENTED_RATIO = 0.45


@dataclass(frozen=True)
class Query:
    text: str  # as received, NFC
    tokens: tuple[str, ...]  # normalised, alias-rewritten
    minor: tuple[bool, ...]  # per token: aspect/filler/person word, weighed down
    accent: float  # of the words naming the procedure: 0 (no diacritics) .. 1 (fully accented)

    @property
    def content(self) -> tuple[str, ...]:
        return tuple(t for t, m in zip(self.tokens, self.minor, strict=True) if not m)

    @property
    def has_procedure(self) -> bool:
        """Whether any word may name a procedure (not only aspects and fillers)."""
        return bool(self.content)

    @property
    def rewritten(self) -> str:
        return " ".join(self.tokens)

    @property
    def dense_text(self) -> str:
        """What the embedding model reads: the words naming the procedure, in order.

        Aspect words would pull the vector toward unrelated titles ("làm hộ chiếu
        mất bao lâu" toward "Trình báo mất hộ chiếu"), so they are left out.
        """
        return " ".join(self.content) or self.rewritten


def accent_share(tokens: list[str]) -> float:
    """Diacritic-carrying share of alphabetic syllables, scaled so a careful typist reaches 1."""
    words = [t for t in tokens if t.isalpha()]
    if not words:
        return 0.0
    marked = sum(1 for t in words if strip_accents(t) != t)
    return min(1.0, marked / len(words) / FULLY_ACCENTED_RATIO)


def analyse(text: str, lexicon: AliasLexicon | None = None) -> Query:
    """Normalise, rewrite and label one question. Never raises on odd text."""
    lexicon = lexicon or default_lexicon()
    original = normalise(text if isinstance(text, str) else "").split()[:MAX_TOKENS]
    tokens, official = lexicon.rewrite_tokens(original)
    labels = roles(tokens)
    minor = tuple(
        label is not None and not from_lexicon for label, from_lexicon in zip(labels, official, strict=True)
    )
    content = [t for t, m in zip(tokens, minor, strict=True) if not m]
    return Query(
        text=normalise(text) if isinstance(text, str) else "",
        tokens=tuple(tokens),
        minor=minor,
        accent=accent_share(content),
    )
