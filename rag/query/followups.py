"""Follow-up turns: what a turn was about, and how the next question inherits it.

"那新设立的创投机构呢?" keeps the city; "那2016年呢?" keeps the subject too; "创新平台呢?" after
a 泰山创新谷 question ranks clauses on 泰山创新谷 first. Pure functions over `QueryPlan`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from rag.lexicon.cues import (
    ELLIPTICAL_ASK,
    ELLIPTICAL_OPENING,
    INHERITED_KINDS,
    OWN_ASKING_WORD,
    POINTS_BACK,
)
from rag.lexicon.places import city_spans
from rag.lexicon.synonyms import expand_term
from rag.query.abbreviations import CorpusTerms
from rag.query.analysis import QueryPlan
from rag.query.terms import TermGroup, subject_groups


@dataclass(frozen=True)
class Scope:
    """What a turn was about: carried over to a follow-up that names nothing itself."""

    cities: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    fact_kind: str = "general"
    topic: tuple[str, ...] = ()  # the subject terms ("研发投入", "强度")
    scope_ids: tuple[str, ...] = ()  # documents that apply in the named city
    cited_clause: str | None = None  # the clause the turn's answer quoted first
    excluded: tuple[str, ...] = ()  # groups the asker said they are not in ("我不是在职职工")
    asked: str = ""  # the question as answered ("桂林养信鸽不登记罚多少?" for "要是在桂林呢?")


def scope_of(plan: QueryPlan, cited_clause: str | None = None) -> Scope:
    # the subject carried over from before ("泰山创新谷") stays the conversation's subject
    topic = tuple(dict.fromkeys(g.term for g in (*subject_groups(plan.terms), *plan.context)))
    return Scope(
        plan.cities, plan.doc_ids, plan.fact_kind, topic, plan.scope_ids, cited_clause,
        plan.excluded, plan.question,
    )  # fmt: skip


def asked_again_in(
    question: str, previous_question: str, topic: tuple[str, ...] = ()
) -> str | None:
    """ "要是在桂林呢?" after "柳州养信鸽不登记罚多少?": the last question asked again about the
    city this one names ("桂林养信鸽不登记罚多少?"), with the words of its subject it did not
    write itself (`topic`: a follow-up's inherited subject); None when the question asks
    something of its own or names no city."""
    if not ELLIPTICAL_ASK.search(question) or OWN_ASKING_WORD.search(question):
        return None
    spans = city_spans(question)
    if not spans:
        return None
    cities = "、".join(question[a:b] for a, b in spans)
    # what else it says ("没登记" of "要是在桂林没登记呢?") is the case asked about there
    case = ELLIPTICAL_ASK.sub("", _without_spans(question, spans)).strip()
    case = ELLIPTICAL_OPENING.sub("", case).strip()
    rest = _without_spans(previous_question, city_spans(previous_question))
    asked = f"{cities}{case}，{rest}" if case else f"{cities}{rest}"
    unsaid = [word for word in topic if word not in asked]
    return f"{'、'.join(unsaid)}：{asked}" if unsaid else asked


def _without_spans(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return text


def with_context(
    plan: QueryPlan, previous: Scope | None, corpus_terms: CorpusTerms | None = None
) -> QueryPlan:
    """A follow-up that names no city or document inherits the previous turn's scope; one
    whose own subject words the corpus never writes ("那只租了两年的呢?") also its subject."""
    if previous is None or plan.names_scope or plan.greeting:
        return plan
    if plan.clause_number:  # "第8条呢?" after "日照若干政策第14条原文": same document
        return replace(plan, cities=previous.cities, doc_ids=previous.doc_ids,
                       scope_ids=previous.scope_ids,
                       names_document=bool(previous.doc_ids))  # fmt: skip
    kind = plan.fact_kind
    terms = plan.terms
    topic = tuple(TermGroup(t, expand_term(t)) for t in previous.topic)
    context: tuple[TermGroup, ...] = ()
    if not _written_subjects(terms, corpus_terms) or POINTS_BACK.search(plan.question):
        own = {t.term for t in terms}  # "那2016年呢?", "这种车…": the same subject
        terms = (*terms, *(g for g in topic if g.term not in own))
    else:  # "创新平台呢?" after "泰山创新谷…科技型企业": still about 泰山创新谷
        context = tuple(g for g in topic if g.term not in {t.term for t in terms})
    if kind == "general" and len(previous.cities) >= 2:
        kind = "comparison"
    elif kind == "general" and previous.fact_kind in INHERITED_KINDS:
        kind = previous.fact_kind  # type: ignore[assignment]
    return replace(
        plan,
        cities=previous.cities,
        doc_ids=previous.doc_ids,
        scope_ids=previous.scope_ids,
        names_document=bool(previous.doc_ids),
        fact_kind=kind,
        terms=terms,
        context=context,
        previous_clause=previous.cited_clause,
        excluded=plan.excluded or previous.excluded,  # the asker is still not in that group
    )


def _written_subjects(
    terms: tuple[TermGroup, ...], corpus_terms: CorpusTerms | None
) -> list[TermGroup]:
    """The subject words the corpus writes in some form (all of them, with no corpus at hand):
    a word it never writes names nothing a clause is about."""
    subjects = subject_groups(terms)
    if corpus_terms is None:
        return subjects
    return [g for g in subjects if any(_written(v, corpus_terms) for v in g.variants)]


# a word the corpus writes once may be a piece of another ("只租" of "只租赁")
WRITTEN_TIMES = 2


def _written(word: str, corpus_terms: CorpusTerms) -> bool:
    return corpus_terms.knows(word) or corpus_terms.times_written(word) >= WRITTEN_TIMES
