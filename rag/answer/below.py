"""When the best clause misses what is asked, a clause just below it that has it answers.

The best-ranked clause can share more of the asker's words and still miss the point: it
does not name the question's most specific subject, or states no sum or share where one is
asked. A clause a little further down that does, and that answers the question about as
well, is moved to the top instead of refusing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rag.answer.context import AnswerContext
from rag.answer.gates import (
    asks_a_counted_unit,
    asks_how_often,
    covering_hits,
    missing_key_term,
    states_a_length,
    states_a_share,
    states_any_amount,
    states_the_asked_count,
    writes_the_asked_count,
)
from rag.facts.spans import states_the_asked_bound
from rag.lexicon import figures
from rag.query.analysis import QueryPlan
from rag.records import Clause, Hit
from rag.retrieve.evidence import CompiledTerms
from rag.retrieve.rerank import Retrieved, best_sentence

INTERVAL_REACH = 2  # characters around a figure where "每" or "一次" makes it an interval


def naming_key_term(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """The best clause misses the question's most specific subject: a clause just below it
    that names the subject answers instead (the asker's other words favoured the first)."""
    evidence, scoring = context.retriever.evidence, context.retriever.scoring
    for hit in retrieved.hits[1 : scoring.key_term_reach]:
        if not missing_key_term(plan, hit, evidence, scoring, context.corpus_terms):
            return lifted(retrieved, hit)
    return None


def stating_the_asked_sum(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A sum of a named kind is asked (a fine, a compensation) and the best clause states
    none, while another clause covers the question just as fully (evidence within
    `equal_evidence`) and states that kind of sum: among equals, the one stating what is
    asked answers (a duty and the penalty for breaking it share every word of the question)."""
    written = [sum_word for asked, sum_word in figures.ASKED_SUM_KINDS
               if asked.search(plan.question)]  # fmt: skip
    if not written:
        return None

    def states(clause: Clause) -> bool:
        return all(w.search(clause.text) for w in written) and states_any_amount(clause)

    floor = retrieved.evidence - context.retriever.scoring.equal_evidence
    return _first_below(context, plan, retrieved, states, floor, len(retrieved.hits))


def stating_a_share(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A share or rate asked and the best clause states none: one of the next clauses that
    answers the question too (its evidence over the threshold) and states a share answers;
    a rate has few wordings (费率, 缴费比例), and the clause stating it is seldom the one
    repeating the question's words."""
    scoring = context.retriever.scoring
    floor = scoring.evidence_threshold
    return _first_below(context, plan, retrieved, states_a_share, floor, scoring.key_term_reach)


def stating_a_score(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A score asked ("多少分") and the best clause states none: one of the next clauses that
    answers the question too and states one answers, as for a share."""
    scoring = context.retriever.scoring
    floor = scoring.evidence_threshold

    def states(clause: Clause) -> bool:
        return states_the_asked_count(clause, plan)

    return _first_below(context, plan, retrieved, states, floor, scoring.key_term_reach)


def stating_the_asked_figure(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A length of time asked and the best clause states none: a clause nearly as close to
    the question (evidence within `figure_evidence`) whose sentence provably states one,
    written as the bound asked if one is ("最少…多少年" is not answered by "延长…五年"),
    answers; when the best clause writes no length of time at all, the first such clause
    that writes one in the asked unit answers (its sentences may word the subject otherwise
    than the asker: a thing sold is written "出让" or "转让")."""
    if plan.fact_kind != "duration" or retrieved.hits[0].fact is not None:
        return None
    evidence = context.retriever.evidence
    terms = CompiledTerms.build(plan.terms, evidence.weights)
    scoring = context.retriever.scoring
    floor, reach = retrieved.evidence - scoring.figure_evidence, scoring.key_term_reach
    often = asks_how_often(plan)
    for hit in covering_hits(retrieved, terms, evidence, floor, 1, reach):
        if hit.fact is None or not _of_the_asked_bound(hit.clause, hit.fact, plan.question):
            continue
        if often or not _an_interval(hit.clause, hit.fact):
            return lifted(retrieved, hit)
    if states_a_length(retrieved.hits[0].clause, plan.question):
        return None

    def writes_one(clause: Clause) -> bool:
        if not states_a_length(clause, plan.question):
            return False
        return often or not _only_intervals(clause)

    return _first_below(context, plan, retrieved, writes_one, floor, reach)


def _only_intervals(clause: Clause) -> bool:
    """Every length of time the clause writes says how often ("每两年…一次")."""
    spans = [m.span() for m in figures.DURATION.finditer(clause.text)]
    return all(_an_interval(clause, (a + clause.start, b + clause.start)) for a, b in spans)


def writing_the_asked_count(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A number of things asked in its measure word and the best clause states none in it: a
    clause nearly as close (within `figure_evidence`, covering the question as well) that
    writes a number in that measure word answers, as for a length of time. A best clause that
    writes one itself stays: a clause below is no better on that ground."""
    top = retrieved.hits[0].clause
    if not asks_a_counted_unit(plan) or states_the_asked_count(top, plan):
        return None
    if writes_the_asked_count(top, plan):
        return None
    scoring = context.retriever.scoring
    floor = retrieved.evidence - scoring.figure_evidence

    def writes_one(clause: Clause) -> bool:
        return writes_the_asked_count(clause, plan)

    return _first_below(context, plan, retrieved, writes_one, floor, scoring.key_term_reach)


def _an_interval(clause: Clause, fact: tuple[int, int]) -> bool:
    """The figure at document offsets `fact` says how often ("每五年…一次"), which answers
    "多久一次", not how long or how old."""
    start, end = fact[0] - clause.start, fact[1] - clause.start
    around = clause.text[max(0, start - INTERVAL_REACH) : end + INTERVAL_REACH]
    return figures.INTERVAL_STATED.search(around) is not None


def _of_the_asked_bound(clause: Clause, fact: tuple[int, int], question: str) -> bool:
    """The figure at document offsets `fact` is written as the one bound asked, if any."""
    start, end = fact[0] - clause.start, fact[1] - clause.start
    return states_the_asked_bound(clause.text, (start, end), question)


def in_the_last_answers_document(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A follow-up stays with the document the last answer quoted: the best of the next
    clauses from that document answers when it covers the question nearly as well (evidence
    within `figure_evidence`) as the best clause of another document."""
    previous = context.corpus.clause(plan.previous_clause) if plan.previous_clause else None
    if previous is None or retrieved.hits[0].clause.doc_id == previous.doc_id:
        return None
    evidence = context.retriever.evidence
    terms = CompiledTerms.build(plan.terms, evidence.weights)
    scoring = context.retriever.scoring
    floor = retrieved.evidence - scoring.figure_evidence
    for hit in covering_hits(retrieved, terms, evidence, floor, 1, len(retrieved.hits)):
        if hit.clause.doc_id == previous.doc_id:
            return lifted(retrieved, hit)
    return None


def figure_in_the_last_answer(
    context: AnswerContext, plan: QueryPlan, retrieved: Retrieved
) -> Retrieved | None:
    """A follow-up asking a figure that no clause found for it states ("那政府补多少？",
    "最低给多少？" after an answer on a subsidy): the clause the last answer quoted answers
    when one of its sentences provably states it (of the asked kind and bound, about the
    turn's words); a rule and its figures often stand in one clause."""
    previous = context.corpus.clause(plan.previous_clause) if plan.previous_clause else None
    if previous is None:
        return None
    retriever = context.retriever
    terms = CompiledTerms.build(plan.terms, retriever.evidence.weights)
    found = best_sentence(previous, plan, terms, retriever.scoring)
    sentence, fact = found if found else (None, None)
    if sentence is None or fact is None:
        return None
    if not _of_the_asked_bound(previous, fact, plan.question):
        return None  # "最低给多少" is not answered by the clause's plain rate
    score = retrieved.hits[0].score if retrieved.hits else 0.0
    hit = Hit(previous, score, sentence=sentence, fact=fact)
    others = tuple(h for h in retrieved.hits if h.clause.clause_id != previous.clause_id)
    return replace(retrieved, hits=(hit, *others), support=None)


def _first_below(
    context: AnswerContext,
    plan: QueryPlan,
    retrieved: Retrieved,
    states: Callable[[Clause], bool],
    floor: float,
    reach: int,
) -> Retrieved | None:
    """The first of the `reach` best clauses after the first whose evidence reaches `floor`
    and that `states` what is asked, moved to the top."""
    evidence = context.retriever.evidence
    terms = CompiledTerms.build(plan.terms, evidence.weights)
    for hit in covering_hits(retrieved, terms, evidence, floor, 1, reach):
        if states(hit.clause):
            return lifted(retrieved, hit)
    return None


def lifted(retrieved: Retrieved, hit: Hit) -> Retrieved:
    others = tuple(h for h in retrieved.hits if h is not hit)
    return replace(retrieved, hits=(hit, *others), support=None)
