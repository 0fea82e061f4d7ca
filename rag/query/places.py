"""The place a question asks about, at any level, scoped to the documents that apply there.

A document applies at its own place and everywhere below it: a 广东省 regulation holds in
天河区, and a national law everywhere. So a question naming a place (a province, a city, a
district or county) is answered from documents of that place, of its parents and of the
country — found through the place chains the indexed documents carry, without loading the
division dataset at question time.
"""

from __future__ import annotations

from collections.abc import Sequence

from rag.lexicon.divisions import NATIONAL, short_name
from rag.query.view import corpus_view
from rag.records import Document

MIN_SHORT = 2  # "天河" for 天河区; a one-character remainder names nothing


def place_scope(text: str, documents: Sequence[Document]) -> tuple[str, ...] | None:
    """Ids of the documents that apply at the most specific indexed place `text` names (else
    those of the places within it), or None when it names none of them."""
    asked = asked_place(text, documents)
    if asked is None:
        return None
    applies = {*corpus_view(documents).chains[asked], NATIONAL}
    there = tuple(d.doc_id for d in documents if d.place in applies)
    # no document holds at the place itself: those of the places within it are what there is
    return there or within(asked, documents)


def city_scope(cities: Sequence[str], documents: Sequence[Document]) -> tuple[str, ...]:
    """Ids of the documents that apply in the named cities when some lie above the cities'
    own (their provinces', the country's), else empty: the cities' own are the scope."""
    ids = applies_in_cities(cities, documents)
    own = sum(d.city in cities for d in documents)
    return ids if len(ids) > own else ()


def applies_in_cities(
    cities: Sequence[str], documents: Sequence[Document], unplaced: bool = False
) -> tuple[str, ...]:
    """Ids of the documents of the cities (districts included), of their provinces and of the
    country; `unplaced` adds documents whose place is unknown. A document of another city
    never applies, whatever place its chain was given."""
    above = {
        parent
        for place, chain in corpus_view(documents).chains.items()
        if short_name(place) in cities
        for parent in chain[1:]
    }
    above.add(NATIONAL)
    return tuple(
        d.doc_id
        for d in documents
        if d.city in cities
        or (d.city is None and (d.place in above or (unplaced and d.place is None)))
    )


def asked_place(text: str, documents: Sequence[Document]) -> str | None:
    """The most specific indexed place `text` names (full name), or None."""
    chains = corpus_view(documents).chains
    named = [place for place in chains if _names(text, place)]
    return max(named, key=lambda place: len(chains[place])) if named else None


def within(place: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """Ids of the documents of `place` and of the places inside it."""
    return tuple(d.doc_id for d in documents if place in d.place_chain)


def _names(text: str, place: str) -> bool:
    short = short_name(place)
    return place in text or (len(short) >= MIN_SHORT and short in text)
