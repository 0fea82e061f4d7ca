"""Query understanding: pure functions from a question to a `QueryPlan`.

What city or document the question names (a metadata filter, or a refusal for a city the
corpus does not cover), which fact it asks for, whether it wants a clause verbatim, and the
content terms (with domain synonyms, `rag.query.terms`) that retrieval and evidence
scoring work on.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rag.lexicon.asking import (
    AREA_OF_A_PLACE,
    ASKING,
    CLAUSE_BREAK,
    KIND_WRITTEN,
    LOCATIVE,
    MODAL_VERBS,
    NAMED_YEAR,
    PASSAGES_ASKED,
    REFERS_TO_DOCUMENT,
    SITUATION,
)
from rag.lexicon.cues import (
    CATALOGUE,
    CATALOGUE_WORDS,
    CLAUSE_REF,
    COMPARISON_CUE,
    DOC_HINTS,
    FACT_CUES,
    GREETING,
    HINT_KINDS,
    ISSUE_DATE,
    ISSUER_CITY,
    REACHED_AGE,
    RECORD_QUESTIONS,
    TARGET_CUE,
    FactKind,
)
from rag.lexicon.places import cities_named
from rag.query.abbreviations import CorpusTerms
from rag.query.place_roles import (
    beside,
    city_in_indexed_parent,
    compared_places,
    counties_not_indexed,
    county_scope,
    partner,
    provinces_not_covered,
    provinces_not_indexed,
    without,
)
from rag.query.places import applies_in_cities, asked_place, city_scope, place_scope
from rag.query.terms import (
    TermGroup,
    adjacent_phrases,
    content_terms,
    excluded_groups,
    terms_are,
)
from rag.query.titles import (
    documents_numbered,
    documents_titled,
    title_of_place_without_documents,
    unindexed_title,
)
from rag.query.view import corpus_view
from rag.records import Document
from rag.text.script import to_simplified


@dataclass(frozen=True)
class QueryPlan:
    question: str  # normalised question text
    cities: tuple[str, ...] = ()  # covered cities the question names
    foreign_cities: tuple[str, ...] = ()  # named cities the corpus does not cover
    doc_ids: tuple[str, ...] = ()  # documents the question names
    fact_kind: FactKind = "general"
    clause_number: str | None = None  # "第8条" for "…第8条原文" (see rag.text.clause_key)
    terms: tuple[TermGroup, ...] = field(default_factory=tuple)
    phrases: tuple[str, ...] = ()  # adjacent content-word pairs, for ranking
    wants_target: bool = False  # asks what is planned ("要达到", "目标"), not what was done
    greeting: bool = False
    asks_issue_date: bool = False  # "什么时候发布的": the document's own date, not a clause
    asks_catalogue: bool = False  # "日照有哪些科技政策": the documents themselves
    asks_issuer_city: bool = False  # "工作要点是哪个市发的": the document's own city
    places: tuple[str, ...] = ()  # places compared when they are not all covered cities
    place: str | None = None  # the indexed place (province, district …) the question names
    record_fields: tuple[str, ...] = ()  # "文号是多少", "还有效吗": the document's own record
    names_document: bool = False  # doc_ids are the documents the question names (title, 文号)
    unindexed_title: str | None = None  # a quoted title of a document that is not indexed
    names_unindexed_document: bool = False  # the title is of a place no document is of
    # a city no document is of, answered by its province's and the country's documents
    city_without_documents: str | None = None
    context: tuple[TermGroup, ...] = ()  # a follow-up's previous subject ("泰山创新谷")
    scope_ids: tuple[str, ...] = ()  # documents that apply in the named city, parents included
    passages: tuple[str, ...] = ()  # asks for a list: "materials", "conditions", "procedure"
    told: tuple[TermGroup, ...] = ()  # terms only of the asker's told situation ("我…打工…")
    scene: tuple[TermGroup, ...] = ()  # terms only of clauses asking nothing ("…被拿走了")
    excluded: tuple[str, ...] = ()  # groups the asker is not in ("我不是在职职工"): bands to skip
    previous_clause: str | None = None  # a follow-up's: the clause the last answer quoted first

    @property
    def search_text(self) -> str:
        """The question plus every synonym variant, for BM25 and the vector index."""
        extra = [v for group in self.terms for v in group.variants if v not in self.question]
        extra.extend(w for w in KIND_WRITTEN.get(self.fact_kind, ()) if w not in extra)
        return " ".join([self.question, *dict.fromkeys(extra)])

    @property
    def names_scope(self) -> bool:
        return bool(self.cities or self.doc_ids or self.foreign_cities)


def normalise_question(text: str) -> str:
    """NFKC (full-width to half-width), simplified characters, one line, collapsed spaces."""
    return " ".join(to_simplified(unicodedata.normalize("NFKC", text)).split())


def analyse(
    question: str, documents: Sequence[Document], corpus_terms: CorpusTerms | None = None
) -> QueryPlan:
    """Everything the retriever and the answerer need to know about one question;
    `corpus_terms` adds the full forms the corpus writes for an abbreviation it does not."""
    text = normalise_question(question)
    covered = corpus_view(documents).cities
    named = cities_named(text)
    cities = tuple(c for c in named if c in covered)
    beside_place = not cities and asked_place(text, documents) is not None
    in_parent = {
        c: ids for c in named if c not in covered if (ids := city_in_indexed_parent(c, documents))
    }
    foreign = tuple(
        c
        for c in named
        if c not in covered and c not in in_parent
        and not partner(text, c, cities) and not beside(text, beside_place)
    )  # fmt: skip
    clause_number = clause_reference(text)
    term_text = without(text, provinces_not_indexed(text, documents))
    term_text = without(term_text, counties_not_indexed(text, documents))
    terms = content_terms(term_text, corpus_terms)
    told = told_terms(term_text, terms, corpus_terms)
    told += tuple(t for t in located_terms(term_text, terms) if t not in told)
    scene = told_terms(term_text, terms, corpus_terms, split=split_scene)
    kind = fact_kind(text, cities, clause_number)
    doc_ids, names_document = scoped_documents(text, documents, cities)
    if in_parent and not cities:  # the city's province's and the country's rules apply
        there = tuple(i for ids in in_parent.values() for i in ids)
        named_there = tuple(i for i in doc_ids if i in there)
        doc_ids, names_document = named_there or there, names_document and bool(named_there)
    in_covered_place = bool(cities) or bool(in_parent) or (bool(doc_ids) and not names_document)
    foreign += provinces_not_covered(text, documents, in_covered_place)
    place = None if cities else asked_place(text, documents)
    if not cities and place is None:
        doc_ids, outside = county_scope(text, documents, doc_ids)
        foreign += outside
    uncovered_title = None if cities else title_of_place_without_documents(text, tuple(in_parent))
    places = compared_places(text, documents, cities)
    if places:
        kind = "comparison"
    return QueryPlan(
        question=text,
        cities=cities,
        foreign_cities=foreign,
        doc_ids=doc_ids,
        names_document=names_document,
        unindexed_title=unindexed_title(text, documents) or uncovered_title,
        names_unindexed_document=bool(uncovered_title),
        city_without_documents=next(iter(in_parent), None) if not cities else None,
        fact_kind=kind,
        clause_number=clause_number,
        terms=terms,
        phrases=adjacent_phrases(text),
        wants_target=bool(TARGET_CUE.search(text)),
        greeting=bool(GREETING.match(text)),
        asks_issue_date=bool(ISSUE_DATE.search(text)),
        asks_issuer_city=bool(ISSUER_CITY.search(text)) and not cities,
        asks_catalogue=bool(CATALOGUE.search(text)) and terms_are(terms, CATALOGUE_WORDS),
        record_fields=tuple(name for name, cue in RECORD_QUESTIONS if cue.search(text)),
        passages=tuple(name for name, cue in PASSAGES_ASKED if cue.search(text)),
        told=told,
        scene=scene,
        excluded=excluded_groups(text),
        places=places,
        place=place,
        scope_ids=city_scope(cities, documents) if len(cities) == 1 and not doc_ids else (),
    )


def told_terms(
    text: str,
    terms: tuple[TermGroup, ...],
    corpus_terms: CorpusTerms | None,
    split: Callable[[str], tuple[str, str]] | None = None,
) -> tuple[TermGroup, ...]:
    """The terms only the asker's told situation holds (segmented again only when it tells one)."""
    asked_text, situation = (split or split_situation)(text)
    if not situation:
        return ()
    asked = {t.term for t in content_terms(asked_text, corpus_terms)}
    return tuple(t for t in terms if t.term not in asked) if asked else ()


def located_terms(text: str, terms: tuple[TermGroup, ...]) -> tuple[TermGroup, ...]:
    """The terms written only inside the place a told event happened ("在菜场门口路边烧落叶"),
    the part of a city the asker is in ("市区") and a modal verb ("必须"), when the question
    keeps terms of its own beside them."""
    spans = [m.span(1) for m in LOCATIVE.finditer(text)]
    located = tuple(
        t
        for t in terms
        if t.term in AREA_OF_A_PLACE
        or t.term in MODAL_VERBS
        or (spans and _only_within(t.term, text, spans))
    )
    return located if len(located) < len(terms) else ()


def _only_within(word: str, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    starts = [m.start() for m in re.finditer(re.escape(word), text)]
    inside = (any(a <= s and s + len(word) <= b for a, b in spans) for s in starts)
    return bool(starts) and all(inside)


def split_situation(text: str) -> tuple[str, str]:
    """The question without the clauses telling the asker's situation, and those clauses."""
    asked: list[str] = []
    told: list[str] = []
    for part in CLAUSE_BREAK.split(text):
        situation = SITUATION.match(part.strip()) and not ASKING.search(part)
        (told if situation else asked).append(part)
    return "，".join(asked), "，".join(told)


def split_scene(text: str) -> tuple[str, str]:
    """The clauses that ask, and those that ask nothing ("快递在楼下被人拿走了，…找谁赔"): a
    question tells what happened before it asks, whoever it happened to."""
    parts = CLAUSE_BREAK.split(text)
    asked = [part for part in parts if ASKING.search(part)]
    if not asked:
        return text, ""
    return "，".join(asked), "，".join(part for part in parts if part not in asked)


def fact_kind(text: str, cities: Sequence[str], clause_number: str | None) -> FactKind:
    if clause_number:
        return "clause_text"
    if len(cities) >= 2 or (not cities and COMPARISON_CUE.search(text)):
        return "comparison"  # one named city compares with nothing: "分别" lists its items
    return asked_kind(text)


def asked_kind(text: str) -> FactKind:
    """The kind of fact asked, whatever compares: "上海和北京罚款分别是多少" asks a sum of each."""
    text = REACHED_AGE.sub(" ", text)  # "到了退休年龄": the asker's situation, no age asked
    for kind, cue in FACT_CUES:
        if re.search(cue, text):
            return kind
    return "general"


def clause_reference(text: str) -> str | None:
    """The clause a question asks for verbatim, as written: "…第十四条原文" -> "第十四条"."""
    match = CLAUSE_REF.search(text)
    return "".join(match.group().split()) if match else None


def scoped_documents(
    text: str, documents: Sequence[Document], cities: Sequence[str]
) -> tuple[tuple[str, ...], bool]:
    """The documents the question names, within those that apply at a place it names (a
    province, district or county the city table does not cover), and whether they are
    named documents rather than a place's. A title of another place's document names none
    ("甲省…条例" where only 乙省 has one so titled): the place's documents are searched."""
    named = documents_named(text, documents, cities)
    in_place = place_scope(text, documents) if not cities else None
    if in_place is None:
        return named, bool(named)
    if not named:
        return in_place, False
    there = tuple(d for d in named if d in in_place)
    return (there, True) if there else (in_place, False)


def documents_named(
    text: str, documents: Sequence[Document], cities: Sequence[str]
) -> tuple[str, ...]:
    """Documents whose title holds a distinctive stretch of the question, else those whose
    title shares a hint word the question uses (若干政策, 专项规划 …); of the named cities."""
    # a clause number is no part of a document's name ("某法第十二条" must not name a title
    # that happens to cite 某法第十二条)
    unnumbered = CLAUSE_REF.sub(" ", text)
    titled = set(documents_numbered(text, documents) or _titled(unnumbered, documents))
    hints = [h for h in DOC_HINTS if h in text]
    kinds = {HINT_KINDS[h] for h in hints if h in HINT_KINDS}
    if titled:
        chosen = [d for d in documents if d.doc_id in titled]
    elif hints:
        chosen = [d for d in documents if any(h in d.title for h in hints) or d.kind in kinds]
    else:
        return ()
    if cities:
        applies = set(applies_in_cities(cities, documents, unplaced=True))
        chosen = [d for d in chosen if d.doc_id in applies]
    return tuple(d.doc_id for d in of_year(text, chosen))


def _titled(text: str, documents: Sequence[Document]) -> tuple[str, ...]:
    return documents_titled(text, documents) if REFERS_TO_DOCUMENT.search(text) else ()


def of_year(text: str, documents: Sequence[Document]) -> Sequence[Document]:
    """ "2019年那份通知": of several documents named, the ones dated (issued, amended or in
    force from) in a year the question names, or whose title names it ("2031年度…通告",
    issued the year before); all of them when none is."""
    years = set(NAMED_YEAR.findall(text))
    if len(documents) < 2 or not years:
        return documents
    dated = [d for d in documents if {(d.date or "")[:4], (d.effective or "")[:4]} & years]
    titled = [d for d in documents if any(year in d.title for year in years)]
    return titled or dated or documents
