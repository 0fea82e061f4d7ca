"""Documents a question names by (part of) their title.

Users name a document by a stretch of its title ("停车场管理办法第五条", "垃圾分类办法的文号"),
rarely the whole of it. A stretch of the question that stands in the titles of only a few
indexed documents identifies them; a stretch many titles share ("管理办法", "关于印发")
names a kind of document, not one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.lexicon.cues import QUOTED_TITLE, STATE_PREFIX
from rag.lexicon.places import cities_named, provinces_named
from rag.lexicon.portal import DOCUMENT_KIND_WORDS
from rag.query.view import corpus_view
from rag.records import Document
from rag.text.forms import compact_form
from rag.text.segment import normalise, segmenter

MIN_CHARS = 4  # shorter stretches ("办法", "广州") name no document
MAX_DOCUMENTS = 2  # a stretch in more titles than this is generic
MAX_NAME_CHARS = 10  # a short name longer than this is no shorter than the title
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")


def documents_titled(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """Ids of the documents whose titles hold the longest distinctive stretch of `text`."""
    titles = corpus_view(documents).titles
    for length in range(_longest_run(text), MIN_CHARS - 1, -1):
        chosen: dict[str, None] = {}
        for stretch in _stretches(text, length):
            holders = titles.holders(stretch)
            if titles.title_count(holders) > MAX_DOCUMENTS:  # many cite it, one is named so
                holders = titles.named(stretch)
            if holders and titles.title_count(holders) <= MAX_DOCUMENTS:
                chosen.update(dict.fromkeys(holders))
        if chosen:
            return tuple(chosen)
    return ()


def _longest_run(text: str) -> int:
    return max((len(m.group(0)) for m in _HAN_RUN.finditer(text)), default=0)


def _stretches(text: str, length: int) -> list[str]:
    return [
        run[i : i + length]
        for run in (m.group(0) for m in _HAN_RUN.finditer(text))
        for i in range(len(run) - length + 1)
    ]


def documents_numbered(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """Ids of the documents whose 文号 the question writes (brackets and spaces as it likes)."""
    asked = compact_form(text)
    numbers = corpus_view(documents).numbers
    return tuple(
        doc_id for doc_id, number in numbers if len(number) >= MIN_CHARS and number in asked
    )


def short_name(document: Document, documents: Sequence[Document]) -> str | None:
    """The shortest run of whole title words (MIN_CHARS or more Chinese characters) that no
    other indexed title holds, leftmost first: how a reader names this one document."""
    words = segmenter().lcut(normalise(document.title), HMM=False)
    others = [normalise(d.title) for d in documents if d.doc_id != document.doc_id]
    stretches = sorted(
        (len(stretch), start, stretch)
        for start in range(len(words))
        for stretch in _word_runs(words[start:])
    )
    return next((s for _, _, s in stretches if not any(s in title for title in others)), None)


def _word_runs(words: Sequence[str]) -> list[str]:
    """The runs of Chinese words starting at `words[0]`, MIN_CHARS to MAX_NAME_CHARS long.
    A run starts and ends with a word of two characters or more: a lone character at an
    edge is usually cut from a compound or a date ("2026年" leaves "年")."""
    if len(words[0]) < 2:
        return []
    runs, run = [], ""
    for word in words:
        run += word
        if len(run) > MAX_NAME_CHARS or not _HAN_WORD.fullmatch(word):
            break
        if len(run) >= MIN_CHARS and len(word) >= 2:
            runs.append(run)
    return runs


def unindexed_title(text: str, documents: Sequence[Document]) -> str | None:
    """A title the question quotes in 《》 that is another place's version of an indexed
    document ("《甲市…条例》" where only the national "…条例" is indexed): the place in a
    title is part of the document's identity, so that document is not indexed. A quoted
    title shortening an indexed one, or adding no place, names the indexed one."""
    matches = list(QUOTED_TITLE.finditer(text))
    titles = [_without_state(d.title) for d in documents] if matches else []
    for match in matches:
        quoted = _without_state(match.group(1))
        if any(quoted in title for title in titles):
            continue
        shorter = [title for title in titles if title and title in quoted]
        if shorter and all(_adds_a_place(quoted.replace(t, ""), t) for t in shorter):
            return match.group(1)
    return None


def title_of_place_without_documents(text: str, places: Sequence[str]) -> str | None:
    """A document the question names by a title of a place no indexed document is of
    ("乙市…管理办法规定…"): whatever the indexed documents of its province say, that
    document itself is not indexed."""
    for place in places:
        written = re.search(
            rf"{re.escape(place)}[^\s\W]{{0,24}}?(?:{DOCUMENT_KIND_WORDS.pattern})", text
        )
        if written:
            return written.group(0)
    return None


def _without_state(title: str) -> str:
    return STATE_PREFIX.sub("", "".join(title.split()))


def _adds_a_place(extra: str, title: str) -> bool:
    named = (*cities_named(extra), *provinces_named(extra))
    return any(place not in title for place in named)
