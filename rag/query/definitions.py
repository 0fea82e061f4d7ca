"""What a document's own definitions make kinds of its terms: "本条例所称养护机构，是指养老院、
护理院…" makes 养老院 a 养护机构 wherever that document writes 养护机构, so a clause naming the
defined term names each thing the definition lists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rag.lexicon.cues import DEFINITION, LISTED_KIND, LISTED_KINDS_BREAK, NOT_A_LISTED_KIND


def defined_kinds(texts: Iterable[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """doc_id -> {listed kind: the term the document defines with it}, from (doc_id, text)."""
    kinds: dict[str, dict[str, str]] = {}
    for doc_id, text in texts:
        for definition in DEFINITION.finditer(text):
            term = definition.group("term")
            for kind in listed_kinds(definition.group("body")):
                if kind != term:
                    kinds.setdefault(doc_id, {}).setdefault(kind, term)
    return kinds


def listed_kinds(body: str) -> Iterator[str]:
    """The things a definition enumerates ("幼儿园、托儿所以及其他…机构": 幼儿园, 托儿所)."""
    for piece in LISTED_KINDS_BREAK.split(body):
        kind = LISTED_KIND.fullmatch(piece.strip())
        if kind and not NOT_A_LISTED_KIND.search(kind.group(1)):
            yield kind.group(1)
