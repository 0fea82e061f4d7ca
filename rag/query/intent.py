"""What a question asks for, as one `Intent`, with the precedence written in one place."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum

from rag.query.analysis import QueryPlan


class Intent(StrEnum):
    GREETING = "greeting"
    NOT_CHINESE = "not_chinese"
    UNCOVERED_PLACE = "uncovered_place"  # names only places the corpus does not cover
    CATALOGUE = "catalogue"  # which documents are indexed
    ISSUE_DATE = "issue_date"  # a document's own date (metadata)
    CLAUSE_TEXT = "clause_text"  # one clause verbatim, by its number
    TITLE_NOT_INDEXED = "title_not_indexed"  # a clause or record of a document not indexed
    RECORD = "record"  # a named document's 文号, issuer, dates, validity, adopting meeting
    ISSUER_CITY = "issuer_city"  # which city a document is from (metadata)
    COMPARISON = "comparison"  # one answer per place
    FACT = "fact"  # everything else: retrieve, then quote and state the fact


_CJK = re.compile(r"[\u4e00-\u9fff]")

# First match wins. A greeting or a question that is not Chinese is never searched; a place
# the corpus does not cover is refused before anything about it is looked up; questions about
# documents themselves (metadata, a clause by number) come before retrieval.
PRECEDENCE: tuple[tuple[Intent, Callable[[QueryPlan], bool]], ...] = (
    (Intent.GREETING, lambda plan: plan.greeting),
    (Intent.NOT_CHINESE, lambda plan: not _CJK.search(plan.question)),
    (Intent.UNCOVERED_PLACE, lambda plan: bool(plan.foreign_cities) and not plan.cities),
    (Intent.CATALOGUE, lambda plan: plan.asks_catalogue),
    (
        Intent.TITLE_NOT_INDEXED,
        lambda plan: (
            bool(plan.unindexed_title) and (_about_document(plan) or plan.names_unindexed_document)
        ),
    ),
    (Intent.RECORD, lambda plan: bool(plan.record_fields) and plan.names_document),
    (Intent.ISSUE_DATE, lambda plan: plan.asks_issue_date),
    (Intent.CLAUSE_TEXT, lambda plan: bool(plan.clause_number)),
    (Intent.ISSUER_CITY, lambda plan: plan.asks_issuer_city),
    (Intent.COMPARISON, lambda plan: plan.fact_kind == "comparison" or bool(plan.foreign_cities)),
)


def _about_document(plan: QueryPlan) -> bool:
    """A clause by number or a record field: only the named document itself can answer."""
    return bool(plan.clause_number or plan.record_fields)


def intent_of(plan: QueryPlan) -> Intent:
    """The plan's intent (after any follow-up context has been merged into it)."""
    return next((intent for intent, applies in PRECEDENCE if applies(plan)), Intent.FACT)
