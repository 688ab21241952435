"""The alias lexicon: colloquial terms citizens use -> the catalogue's wording.

"nhập hộ khẩu" never occurs in a catalogue title; "đăng ký thường trú" does.
Lexical and dense retrieval both do better when the question is rewritten into
the catalogue's words before searching, so the lexicon (``aliases.yml``, edited
by the team, not by code) is applied to every query.

Matching (``knowledge.search.phrases``) works on normalised syllables and
tolerates missing diacritics: "so do" matches "sổ đỏ", "sơ đồ" does not.

An entry may name words that make it not apply (``unless``): "sai tên" is the
civil-status register's correction, except in "sổ đỏ bị ghi sai tên", where
the wrong name is on the land title and the citizen's own words serve better.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Union

import yaml

from knowledge.search.phrases import PhraseMatch, PhraseMatcher
from knowledge.search.wordfiles import load_word_file
from knowledge.text import bare_key, normalise

DEFAULT_PATH = Path(__file__).with_name("aliases.yml")
# States of a paper that citizens put after it, with or without "bị" ("tiền (bị) rách").
STATES = frozenset({"mất", "rách", "nát", "cháy", "hỏng", "ướt", "mờ", "sai"})

Expansion = Union[str, list[str], dict[str, object]]


class AliasFileError(ValueError):
    """The lexicon file cannot be used; the message says which entry and why."""


@dataclass(frozen=True)
class Alias:
    term: str  # normalised colloquial term
    official: str  # normalised official wording
    unless: tuple[str, ...] = ()  # normalised phrases whose presence in the question turns it off


class AliasLexicon:
    """Finds colloquial terms in a query and rewrites them into official wording."""

    def __init__(self, entries: Mapping[str, Expansion]):
        aliases: dict[str, Alias] = {}
        spelled: dict[str, str] = {}
        for raw_term, raw_official in entries.items():
            alias = _parse_entry(raw_term, raw_official)
            if alias.term in aliases:
                raise AliasFileError(
                    f"Mục trùng lặp sau khi chuẩn hóa: {raw_term!r} và {spelled[alias.term]!r} "
                    f"(duplicate entries after normalisation)."
                )
            aliases[alias.term], spelled[alias.term] = alias, str(raw_term)
        for alias in [*_short_forms(aliases, entries), *_state_forms(aliases)]:
            aliases.setdefault(alias.term, alias)
        self.aliases = list(aliases.values())
        self._matcher = PhraseMatcher((a.term, a) for a in self.aliases)
        self._blockers = PhraseMatcher((phrase, phrase) for a in self.aliases for phrase in a.unless)

    @classmethod
    def from_file(cls, path: Path) -> AliasLexicon:
        try:
            data = load_word_file(path)
        except (OSError, yaml.YAMLError) as exc:
            raise AliasFileError(f"Không đọc được tệp từ đồng nghĩa {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise AliasFileError(
                f"{path}: cần một bảng 'từ thông dụng: cách gọi chính thức' (expected a mapping)."
            )
        return cls(data)

    def __len__(self) -> int:
        return len(self.aliases)

    def find(self, tokens: list[str]) -> list[PhraseMatch[Alias]]:
        """Non-overlapping colloquial terms in normalised ``tokens``, read left to right, longest first."""
        return self._matcher.find(tokens)

    def rewrite_tokens(
        self,
        tokens: list[str],
        keep: Sequence[tuple[int, int]] = (),
        literal: Collection[int] = (),
        context: Sequence[str] = (),
    ) -> tuple[list[str], list[int]]:
        """Normalised ``tokens`` with each colloquial term replaced by the official wording.

        Returns the new tokens and, for each, the length of the official phrase it
        came from (0 for the citizen's own words). A term is left alone when its
        official wording is already in the query ("đăng ký khai sinh" stays as it
        is; "khai sinh" alone gains "đăng ký"), or when it lies inside a longer
        span of ``keep`` (the "mất" of "mất bao lâu" is not "lost"), or when it is the
        single word at a position of ``literal`` (the "mất" of "bố mất" when the
        question is about a death), or when the question names one of its ``unless``
        phrases: in ``tokens``, or in ``context`` (the whole question, when ``tokens``
        is a stretch of it).
        """
        bare_query = f" {_bare(tokens)} "
        present = {m.value for m in self._blockers.find(list(context or tokens))}
        rewritten: list[str] = []
        sizes: list[int] = []
        position = 0
        for match in self.find(tokens):
            length = match.end - match.start
            if (
                f" {_bare(match.value.official.split())} " in bare_query
                or any(
                    start <= match.start and match.end <= end and end - start > length for start, end in keep
                )
                or (length == 1 and match.start in literal)
                or present.intersection(match.value.unless)
            ):
                continue
            words = match.value.official.split()
            rewritten.extend(tokens[position : match.start])
            rewritten.extend(words)
            sizes.extend([0] * (match.start - position) + [len(words)] * len(words))
            position = match.end
        rewritten.extend(tokens[position:])
        sizes.extend([0] * (len(tokens) - position))
        return rewritten, sizes

    def rewrite(self, text: str) -> str:
        """The normalised text with colloquial terms in official wording."""
        return " ".join(self.rewrite_tokens(normalise(text).split())[0])

    def terms(self) -> list[str]:
        """Every colloquial term (question language, for the diacritics model)."""
        return [a.term for a in self.aliases]

    def terms_in(self, text: str) -> list[str]:
        """Colloquial terms whose official wording (two syllables or more) occurs in ``text``.

        Used on the index side, so that a title also answers to its everyday names.
        Words listed as themselves (kept whole, not rewritten) are no everyday names.
        """
        haystack = f" {normalise(text)} "
        return sorted(
            a.term
            for a in self.aliases
            if a.term != a.official and len(a.official.split()) >= 2 and f" {a.official} " in haystack
        )


def _short_forms(aliases: Mapping[str, Alias], entries: Mapping[str, Expansion]) -> list[Alias]:
    """Each term again with the one-word short forms of the phrases it contains.

    "khóa mã số thuế" is also "khóa mst", since "mst" stands for "mã số thuế";
    "làm lại thẻ căn cước" also "làm lại cccd". Citizens abbreviate inside the
    longer terms too, and the lexicon need not list every combination.
    """
    short: dict[str, str] = {}  # phrase -> its one-word short form
    for raw_term, raw_official in entries.items():
        term = normalise(str(raw_term))
        for phrase in _phrases(_split_entry(str(raw_term), raw_official)[0]):
            if len(term.split()) == 1 and len(phrase.split()) >= 2:
                short.setdefault(phrase, term)
    derived = []
    for alias in aliases.values():
        padded = f" {alias.term} "
        for phrase, word in short.items():
            if alias.term != phrase and f" {phrase} " in padded:
                derived.append(
                    Alias(
                        term=padded.replace(f" {phrase} ", f" {word} ").strip(),
                        official=alias.official,
                        unless=alias.unless,
                    )
                )
    return derived


def _state_forms(aliases: Mapping[str, Alias]) -> list[Alias]:
    """Each term that ends in a paper's state again as citizens also say it.

    "tiền rách" is also "tiền bị rách"; "mất giấy khai sinh" is also "giấy khai
    sinh bị mất". Terms written with "bị" already are left as they are.
    """
    derived = []
    for alias in aliases.values():
        words = alias.term.split()
        if len(words) >= 2 and words[-1] in STATES and words[-2] != "bị":
            derived.append(replace(alias, term=" ".join([*words[:-1], "bị", words[-1]])))
        if len(words) >= 2 and words[0] == "mất":
            derived.append(replace(alias, term=" ".join([*words[1:], "bị", "mất"])))
    return derived


def _bare(tokens: list[str]) -> str:
    return " ".join(bare_key(t) for t in tokens)


def _parse_entry(raw_term: object, raw_official: object) -> Alias:
    if not isinstance(raw_term, str) or not normalise(raw_term):
        raise AliasFileError(f"Từ khóa không hợp lệ: {raw_term!r} (a term must be non-empty text).")
    official, unless = _split_entry(raw_term, raw_official)
    phrases = official if isinstance(official, list) else [official]
    if not phrases or not all(isinstance(p, str) and normalise(p) for p in phrases):
        raise AliasFileError(
            f"Cách gọi chính thức của {raw_term!r} phải là chữ hoặc danh sách chữ "
            f"(the official wording must be text or a list of text), got {official!r}."
        )
    if not isinstance(unless, list) or not all(isinstance(u, str) and normalise(u) for u in unless):
        raise AliasFileError(
            f"'unless' của {raw_term!r} phải là danh sách chữ (must be a list of text), got {unless!r}."
        )
    return Alias(
        term=normalise(raw_term),
        official=" ".join(_phrases(official)),
        unless=tuple(normalise(u) for u in unless),
    )


def _split_entry(raw_term: str, raw_official: object) -> tuple[object, object]:
    """The official wording and the ``unless`` phrases of an entry (plain or ``{official, unless}``)."""
    if not isinstance(raw_official, dict):
        return raw_official, []
    unknown = set(raw_official) - {"official", "unless"}
    if unknown or "official" not in raw_official:
        raise AliasFileError(
            f"Mục {raw_term!r}: chỉ dùng 'official' (bắt buộc) và 'unless' "
            f"(only 'official', required, and 'unless' are allowed), got {sorted(map(str, raw_official))}."
        )
    return raw_official["official"], raw_official.get("unless", [])


def _phrases(raw_official: object) -> list[str]:
    """The official phrases of an entry (one, or a list), normalised."""
    phrases = raw_official if isinstance(raw_official, list) else [raw_official]
    return [normalise(str(phrase)) for phrase in phrases]


@lru_cache(maxsize=1)
def default_lexicon() -> AliasLexicon:
    """The lexicon shipped with the code (loaded once per process)."""
    return AliasLexicon.from_file(DEFAULT_PATH)
