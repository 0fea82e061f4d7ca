"""The roles places play in a question: the asked place, the asker's origin, a partner named
in a policy, places compared. Pure functions of the question and the indexed documents'
place chains."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.lexicon.cues import CITIES_JOINED, CITY_SUFFIX, COMPARISON_CUE
from rag.lexicon.divisions import (
    NATIONAL,
    counties_after_their_city,
    counties_named,
    short_name,
)
from rag.lexicon.places import PROVINCE_SUFFIX, city_spans, province_of, provinces_named
from rag.query.view import corpus_view
from rag.records import Document


def beside(text: str, names_indexed_place: bool) -> bool:
    """ "我是某市人，在天河…": beside an indexed place that is not a city of the table, a
    city the corpus does not cover is the asker's origin (unless places are compared)."""
    return names_indexed_place and not COMPARISON_CUE.search(text)


def provinces_not_indexed(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    indexed = corpus_view(documents).short_places
    return tuple(p for p in provinces_named(text) if p not in indexed)


def without(text: str, names: Sequence[str]) -> str:
    """The named places (a province no document is of, a county) struck from the text: the
    asker's origin, a refusal or where the asker is, never evidence."""
    for name in names:
        text = re.sub(rf"{re.escape(name)}{PROVINCE_SUFFIX}?", " ", text)
    return text


def counties_not_indexed(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """Counties and districts the question names (in full, or by short name after their city)
    that no document is of: the asker's place, which the rules of its city, province and
    country cover without writing it, so never a word a clause must hold."""
    indexed = corpus_view(documents).places
    named = [(d, d.name) for d in counties_named(text)] + counties_after_their_city(text)
    return tuple(dict.fromkeys(written for county, written in named if county.name not in indexed))


def provinces_not_covered(
    text: str, documents: Sequence[Document], names_covered: bool
) -> tuple[str, ...]:
    """Provinces the question names that no indexed document's place lies in. Beside a place
    the corpus covers, such a province is only context ("我从外省来…"), not the asked place."""
    if names_covered or COMPARISON_CUE.search(text):
        return ()
    return provinces_not_indexed(text, documents)


def city_in_indexed_parent(city: str, documents: Sequence[Document]) -> tuple[str, ...]:
    """A city no document is of, in a province some document is of: the province's and the
    country's documents apply there (ids), the way a county's city's do. Empty when no
    document is its province's own (the city is then not covered: a national law alone, or
    a sibling city's rules, make no place covered)."""
    province = province_of(city)  # the city table: no division dataset at question time
    if province is None:
        return ()
    own = [d for d in documents if d.city is None and d.place and short_name(d.place) == province]
    if not own:
        return ()  # no document is its province's own
    return tuple(d.doc_id for d in documents if d.city is None and d.place == NATIONAL) + tuple(
        d.doc_id for d in own
    )


def county_scope(
    text: str, documents: Sequence[Document], doc_ids: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A county or district no document is of, named in full: the documents of its city,
    province and country apply there (not its sibling districts'); when none of its parents
    is indexed either, it is a place the corpus does not cover."""
    counties = counties_named(text)
    if not counties:
        return doc_ids, ()
    county = counties[0]
    indexed = corpus_view(documents).places
    if not indexed & set(county.chain):
        return doc_ids, (county.name,)
    applies = {*county.chain, NATIONAL}
    there = tuple(d.doc_id for d in documents if d.place in applies)
    return (tuple(i for i in doc_ids if i in there) or there) if doc_ids else there, ()


def compared_places(
    text: str, documents: Sequence[Document], cities: Sequence[str]
) -> tuple[str, ...]:
    """ "北京和浙江…有什么不同": two or more places compared, when some is a province (two
    covered cities are a comparison already)."""
    if len(cities) >= 2 or not COMPARISON_CUE.search(text):
        return ()
    indexed = corpus_view(documents).short_places
    provinces = [p for p in provinces_named(text) if p in indexed]
    places = tuple(dict.fromkeys([*cities, *provinces]))
    return places if len(places) >= 2 else ()


def partner(text: str, city: str, covered: Sequence[str]) -> bool:
    """ "北京给三明派了多少专家": an uncovered city that is not set beside the asked one
    ("济南和日照…", "对比") is a partner named in that city's policy, not a second place."""
    if not covered or COMPARISON_CUE.search(text):
        return False
    spans = {text[a:b].removesuffix(CITY_SUFFIX): (a, b) for a, b in city_spans(text)}
    if city not in spans:
        return False
    start, end = spans[city]
    for other in covered:
        if other not in spans:
            continue
        o_start, o_end = spans[other]
        between = text[end:o_start] if end <= o_start else text[o_end:start]
        if CITIES_JOINED.match(between):
            return False
    return True
