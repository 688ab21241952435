"""A question, analysed once and shared by lexical and dense retrieval.

Steps, each in its own module:

1. normalise (``knowledge.text``);
2. read syllables typed in Telex with the input method off (``telex``);
3. rewrite colloquial terms into catalogue wording (``aliases``);
4. label the words that only name an aspect, are filler or name a person
   (``querywords``): retrieval weighs them down, and a question made only of
   them names no procedure ("còn lệ phí thì sao?");
5. for words typed without diacritics, guess the accented spelling from the
   catalogue (``diacritics``) so the embedding model and the accented index can
   read them; words typed with a wrong mark are re-read the same way;
6. weigh down context (``context_positions``): a closing purpose clause
   ("… để mua nhà"), what was already done ("hộ chiếu đã báo mất"), a death
   ("bố mất"), the paper a copy is made of: the story, not the procedure asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from knowledge.search.aliases import AliasLexicon, default_lexicon
from knowledge.search.diacritics import DiacriticRestorer
from knowledge.search.querywords import (
    Role,
    copied_positions,
    done_positions,
    lost_positions,
    phrase_spans,
    roles,
    says_someone_died,
)
from knowledge.search.telex import decode_telex
from knowledge.text import bare_key, normalise, strip_accents

# A longer text is not a question any more; its head carries what matters and
# the cap keeps the time of a search bounded whatever is pasted in.
MAX_TOKENS = 48

# Share of syllables with diacritics from which a question counts as fully
# accented. About 90% of catalogue title syllables carry a mark; careful
# typists get close, hasty ones land in between.
FULLY_ACCENTED_RATIO = 0.6

# Aspect and filler words still count a little: "khai lệ phí trước bạ" is a title.
MINOR_WEIGHT = 0.2
# An official phrase from the lexicon is one idea, however many words it has:
# its words share this total weight, so "giấy chứng nhận quyền sử dụng đất"
# (for "sổ đỏ") does not drown "lần đầu" or "cấp lại" beside it.
ALIAS_PHRASE_WEIGHT = 2.5
# Words of context (``context_positions``) count this much: they tell the story, not the procedure.
CONTEXT_WEIGHT = 0.5
# "để" starting no purpose: "đất ông bà để lại".
NOT_PURPOSE = frozenset({"lại", "dành"})


@dataclass(frozen=True)
class Query:
    text: str  # as received, normalised
    tokens: tuple[str, ...]  # normalised, alias-rewritten
    weights: tuple[float, ...]  # per token, for lexical scoring
    minor: tuple[bool, ...]  # per token: aspect/filler/person word
    aspect: tuple[bool, ...]  # per token: part of an aspect phrase ("mất bao lâu", "lệ phí")
    restored: tuple[str, ...]  # tokens with likely diacritics put back (same length)
    accent: float  # of the citizen's own words, as typed: 0 (no diacritics) .. 1 (fully accented)
    # per token: purpose ("… để mua nhà"), done ("đã báo mất"), a death ("bố mất"), a copied paper
    context: tuple[bool, ...]

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
        """What the embedding model reads: the words naming the procedure, accented, in order.

        Aspect words and context would pull the vector toward unrelated titles ("làm hộ chiếu
        mất bao lâu" toward "Trình báo mất hộ chiếu"), so they are left out.
        """
        words = [
            r for r, m, c in zip(self.restored, self.minor, self.context, strict=True) if not m and not c
        ]
        return " ".join(words) or " ".join(self.restored)


def accent_share(tokens: list[str]) -> float:
    """Diacritic-carrying share of alphabetic syllables, scaled so a careful typist reaches 1."""
    words = [t for t in tokens if t.isalpha()]
    if not words:
        return 0.0
    marked = sum(1 for t in words if strip_accents(t) != t)
    return min(1.0, marked / len(words) / FULLY_ACCENTED_RATIO)


def read_telex(tokens: list[str], restorer: Optional[DiacriticRestorer]) -> list[str]:
    """Syllables typed in Telex with the input method off, decoded when the catalogue uses the result."""
    if restorer is None:
        return tokens
    out = []
    for token in tokens:
        decoded = None if restorer.knows_bare(bare_key(token)) else decode_telex(token)
        out.append(decoded if decoded is not None and restorer.knows(decoded) else token)
    return out


def analyse(
    text: str,
    lexicon: Optional[AliasLexicon] = None,
    restorer: Optional[DiacriticRestorer] = None,
) -> Query:
    """Normalise, rewrite, label and re-accent one question. Never raises on odd text."""
    lexicon = lexicon or default_lexicon()
    text = normalise(text) if isinstance(text, str) else ""
    original = read_telex(text.split()[:MAX_TOKENS], restorer)
    # "mất" means lost, except inside "mất bao lâu": aspect phrases keep their words.
    died = says_someone_died(original)
    tokens, phrase_sizes = lexicon.rewrite_tokens(
        original, keep=phrase_spans(original), literal=lost_positions(original) if died else ()
    )
    typed = [t for t, size in zip(tokens, phrase_sizes, strict=True) if not size]
    accent = accent_share(typed) if typed else 1.0
    restored = restorer.restore(tokens) if restorer is not None else list(tokens)
    if restorer is not None and restored != tokens:
        tokens, phrase_sizes, restored = _aliases_after_correction(
            tokens, phrase_sizes, restored, lexicon, restorer, original, died
        )
    labels = roles(tokens, restored)
    minor = tuple(label is not None and size == 0 for label, size in zip(labels, phrase_sizes, strict=True))
    aspect = tuple(
        label is Role.ASPECT and size == 0 for label, size in zip(labels, phrase_sizes, strict=True)
    )
    context = context_positions(tokens, restored, minor, phrase_sizes, died)
    weights = tuple(
        (min(1.0, ALIAS_PHRASE_WEIGHT / size) if size else (MINOR_WEIGHT if is_minor else 1.0))
        * (CONTEXT_WEIGHT if in_context else 1.0)
        for size, is_minor, in_context in zip(phrase_sizes, minor, context, strict=True)
    )
    return Query(
        text=text,
        tokens=tuple(tokens),
        weights=weights,
        minor=minor,
        aspect=aspect,
        restored=tuple(restored),
        accent=accent,
        context=context,
    )


def context_positions(
    tokens: list[str], restored: list[str], minor: tuple[bool, ...], phrase_sizes: list[int], died: bool
) -> tuple[bool, ...]:
    """Per token: whether it tells the citizen's story rather than names the procedure asked for.

    A purpose clause ("… để mua nhà"), what was already done ("hộ chiếu đã báo
    mất"), a death ("bố mất") and the paper a copy is made of ("bản sao | căn cước").
    """
    own = [size == 0 and not is_minor for size, is_minor in zip(phrase_sizes, minor, strict=True)]
    story = done_positions(restored) | copied_positions(restored, own)
    if died:
        story |= set(lost_positions(tokens))
    return tuple(p or i in story for i, p in enumerate(purpose_clause(restored, minor)))


def purpose_clause(restored: list[str], minor: tuple[bool, ...]) -> tuple[bool, ...]:
    """Per token: whether it is in the purpose clause that ends a question.

    "giấy xác nhận độc thân để kết hôn với người nước ngoài" asks for the
    certificate; what it is for ("kết hôn …") is context. The clause starts at
    "để" once the question has named something before it: in "làm thế nào để
    đăng ký kết hôn" the words after "để" are the procedure itself.
    """
    flags = [False] * len(restored)
    named = False
    for position, token in enumerate(restored):
        following = restored[position + 1] if position + 1 < len(restored) else ""
        if token == "để" and named and following not in NOT_PURPOSE:
            flags[position:] = [True] * (len(restored) - position)
            break
        named = named or not minor[position]
    return tuple(flags)


def _aliases_after_correction(
    tokens: list[str],
    phrase_sizes: list[int],
    restored: list[str],
    lexicon: AliasLexicon,
    restorer: DiacriticRestorer,
    question: list[str],
    died: bool = False,
) -> tuple[list[str], list[int], list[str]]:
    """Look for colloquial terms again among the citizen's own words, as corrected.

    A slip can hide a term from the lexicon: "cà vẹc" is "cà vẹt" once the
    final c/t confusion is read back. Each stretch of the citizen's own words
    (between the official phrases already put in) is matched again in its
    corrected form; a stretch that holds a term is taken in that form. The
    whole ``question`` is the context of each stretch (``Alias.unless``).
    """
    out_tokens: list[str] = []
    out_sizes: list[int] = []
    found = False
    start = 0
    while start < len(tokens):
        own = phrase_sizes[start] == 0
        end = start
        while end < len(tokens) and (phrase_sizes[end] == 0) == own:
            end += 1
        stretch, sizes = list(tokens[start:end]), list(phrase_sizes[start:end])
        if own:
            corrected = list(restored[start:end])
            again, again_sizes = lexicon.rewrite_tokens(
                corrected,
                keep=phrase_spans(corrected),
                literal=lost_positions(corrected) if died else (),
                context=question + list(restored),
            )
            if any(again_sizes):
                stretch, sizes, found = again, again_sizes, True
        out_tokens.extend(stretch)
        out_sizes.extend(sizes)
        start = end
    if not found:
        return tokens, phrase_sizes, restored
    return out_tokens, out_sizes, restorer.restore(out_tokens)


__all__ = ["Query", "Role", "accent_share", "analyse"]
