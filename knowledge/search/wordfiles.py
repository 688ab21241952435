"""Reading the word lists the team edits (aliases.yml, querywords.yml, everyday.yml).

Plain ``yaml.safe_load`` keeps the last of two equal keys and drops the other
without a word, so an entry added twice in a long list silently loses one of
its meanings. These files are read with a loader that refuses that instead.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.constructor import ConstructorError


class _UniqueKeyLoader(yaml.SafeLoader):
    """``SafeLoader`` that refuses a mapping with the same key twice."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"mục {key!r} có hai lần / key {key!r} appears twice",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def load_word_file(path: Path) -> object:
    """The YAML document in ``path``; raises ``yaml.YAMLError`` on a repeated key too."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # a SafeLoader subclass
