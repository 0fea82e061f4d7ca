"""Which indexed documents another indexed document replaces, and the words that say so.

Two general facts of 公文: a later version of a document keeps its title (a regulation
amended, a 办法 reissued), and a new document names the ones it repeals in a sentence
ending in 废止 ("《甲》(文号)同时废止"). An answer resting on a replaced document says so,
citing the replacing document's own words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rag.lexicon.cues import DOC_NUMBER, QUOTED_TITLE, REPEAL_WORD
from rag.records import Document
from rag.text.forms import compact_form

_SENTENCE = re.compile(r"[^。；\n]+[。；]?")


@dataclass(frozen=True)
class Replacement:
    """`by` replaces the document; `start:end` of `by.text` says so (None: a later version
    of the same title, cited by its own opening)."""

    by: Document
    span: tuple[int, int] | None = None


# doc_id -> (the replacing document's id, the span of its text that says so): what a process
# saves with the generation's derived data (finding it reads every document's whole text)
ReplacementIds = dict[str, tuple[str, tuple[int, int] | None]]


def replacements(documents: Sequence[Document]) -> dict[str, Replacement]:
    """doc_id -> what replaces it, for every indexed document another indexed one replaces."""
    by_id = {d.doc_id: d for d in documents}
    return resolve_replacements(replacement_ids(documents), by_id.get)


def replacement_ids(documents: Sequence[Document]) -> ReplacementIds:
    found: dict[str, Replacement] = {}
    found.update(_newer_versions(documents))
    found.update(_repealed(documents))
    return {doc_id: (r.by.doc_id, r.span) for doc_id, r in found.items()}


def resolve_replacements(
    ids: Mapping[str, tuple[str, tuple[int, int] | None]],
    document: Callable[[str], Document | None],
) -> dict[str, Replacement]:
    found = {doc_id: (document(by), span) for doc_id, (by, span) in ids.items()}
    return {doc_id: Replacement(by, span) for doc_id, (by, span) in found.items() if by}


def _newer_versions(documents: Sequence[Document]) -> dict[str, Replacement]:
    by_title: dict[tuple[str, str | None], list[Document]] = {}
    for document in documents:
        if document.date and document.kind != "interpretation":
            by_title.setdefault((compact_form(document.title), document.place), []).append(document)
    found = {}
    for versions in by_title.values():
        newest = max(versions, key=lambda d: (d.date or "", d.effective or ""))
        for older in versions:
            if older.date and newest.date and older.date < newest.date:
                found[older.doc_id] = Replacement(newest)
    return found


def _repealed(documents: Sequence[Document]) -> dict[str, Replacement]:
    titles = {compact_form(d.title): d for d in documents}
    numbers = {compact_form(d.doc_number): d for d in documents if d.doc_number}
    found = {}
    for document in documents:
        if REPEAL_WORD not in document.text:
            continue
        for sentence in _SENTENCE.finditer(document.text):
            text = sentence.group(0)
            if REPEAL_WORD not in text:
                continue
            before = text[: text.rindex(REPEAL_WORD)]
            named = [titles.get(compact_form(t)) for t in QUOTED_TITLE.findall(before)]
            named += [numbers.get(compact_form(n)) for n in DOC_NUMBER.findall(before)]
            for repealed in named:
                if repealed is not None and repealed.doc_id != document.doc_id:
                    found[repealed.doc_id] = Replacement(document, sentence.span())
    return found
