"""What question analysis derives from all indexed documents, computed once per corpus.

Every question asks the same things of the whole corpus: which cities and places are
indexed, each place's chain, which titles hold a stretch of the question, which 文号 are
indexed. Worked out per question, that is a scan of every document (≈ 70 ms of each answer
at 3,500 documents); the served generation's document list (`DocumentList`) keeps the view
instead, so it is built once per generation. A plain sequence gets a fresh view per call.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rag.lexicon.divisions import NATIONAL, short_name
from rag.records import Document
from rag.text.forms import compact_form

GRAM = 4  # a title stretch is looked up by its first and last GRAM characters (MIN_CHARS)
_VIEW = "query"


@dataclass(frozen=True)
class TitleIndex:
    """The indexed titles, each GRAM-character stretch with the titles holding it."""

    titles: tuple[tuple[str, str], ...]  # (doc_id, title), in document order
    grams: dict[str, tuple[int, ...]]  # stretch -> positions in `titles`, ascending
    by_id: dict[str, str]  # doc_id -> title

    @classmethod
    def of(cls, documents: Sequence[Document]) -> TitleIndex:
        titles = tuple((d.doc_id, d.title) for d in documents if d.title)
        grams: dict[str, dict[int, None]] = {}
        for position, (_, title) in enumerate(titles):
            for start in range(len(title) - GRAM + 1):
                grams.setdefault(title[start : start + GRAM], {})[position] = None
        held_by = {gram: tuple(held) for gram, held in grams.items()}
        return cls(titles, held_by, dict(titles))

    def holders(self, stretch: str) -> list[str]:
        """Ids of the documents whose title holds `stretch` (GRAM characters or more), in
        document order: those holding its first and last GRAM characters, checked."""
        return [self.titles[i][0] for i in self._positions(stretch)]

    def title_count(self, doc_ids: Sequence[str]) -> int:
        """How many different titles the documents have (a code split into files shares one)."""
        return len({self.by_id[doc_id] for doc_id in doc_ids})

    def named(self, stretch: str) -> list[str]:
        """Ids of the documents whose title ends with `stretch`: the ones it is the name of
        (其他 titles hold it as what they are about: "关于适用《…》的解释")."""
        return [
            self.titles[i][0]
            for i in self._positions(stretch)
            if self.titles[i][1].endswith(stretch)
        ]

    def _positions(self, stretch: str) -> list[int]:
        if len(stretch) < GRAM:
            return [i for i, (_, title) in enumerate(self.titles) if stretch in title]
        first = self.grams.get(stretch[:GRAM], ())
        last = set(self.grams.get(stretch[-GRAM:], ()))
        return [i for i in first if i in last and stretch in self.titles[i][1]]


@dataclass(frozen=True)
class CorpusView:
    cities: frozenset[str]  # the cities documents are of
    places: frozenset[str]  # every place of the documents' chains
    short_places: frozenset[str]  # the same without level words (广东 for 广东省)
    chains: dict[str, tuple[str, ...]]  # each place but 全国 with its chain (itself, parents)
    titles: TitleIndex
    numbers: tuple[tuple[str, str], ...]  # (doc_id, compact 文号) of documents that have one
    # where the documents apply, in document order: their cities; their city, else their
    # province or the whole country (what a refusal names as covered)
    covered_cities: tuple[str, ...] = ()
    covered_places: tuple[str, ...] = ()

    @classmethod
    def of(cls, documents: Sequence[Document]) -> CorpusView:
        places = frozenset(p for d in documents for p in d.place_chain)
        applies = (d.city or d.place for d in documents)
        return cls(
            cities=frozenset(d.city for d in documents if d.city),
            places=places,
            short_places=frozenset(short_name(p) for p in places),
            chains=_chains(documents),
            titles=TitleIndex.of(documents),
            numbers=tuple(
                (d.doc_id, compact_form(d.doc_number)) for d in documents if d.doc_number
            ),
            covered_cities=tuple(dict.fromkeys(d.city for d in documents if d.city)),
            covered_places=tuple(dict.fromkeys(p for p in applies if p)),
        )


def corpus_view(documents: Sequence[Document]) -> CorpusView:
    """The view of `documents`: kept on a `DocumentList`, else built for this call."""
    views = getattr(documents, "views", None)
    if views is None:
        return CorpusView.of(documents)
    view = views.get(_VIEW)
    if not isinstance(view, CorpusView):
        view = views[_VIEW] = CorpusView.of(documents)
    return view


def keep_view(documents: Sequence[Document], view: CorpusView) -> None:
    """Serve `view` for `documents` (a `DocumentList`), e.g. one a process saved with the
    generation's derived data (unpickling it takes a third of building it)."""
    views = getattr(documents, "views", None)
    if views is not None:
        views[_VIEW] = view


def _chains(documents: Sequence[Document]) -> dict[str, tuple[str, ...]]:
    chains: dict[str, tuple[str, ...]] = {}
    for document in documents:
        for index, place in enumerate(document.place_chain):
            if place != NATIONAL:
                chains.setdefault(place, document.place_chain[index:])
    return chains
