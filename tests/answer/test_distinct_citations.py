"""An answer never cites the same clause, or the same words, twice."""

from __future__ import annotations

from rag.answer.extractive import Quote, distinct_quotes
from rag.evaluation import load_golden
from rag.protocol import AnswerService
from tests.conftest import REPO
from tests.corpus_builders import RIZHAO, make_document

GOLDEN = REPO / "tests" / "golden" / "golden.jsonl"


def test_two_quotes_of_one_clause_become_one_verbatim_span() -> None:
    first, second, _ = make_document("a.txt", "日照", "若干政策", RIZHAO).clauses
    copy = make_document("b.txt", "日照", "若干政策解读", RIZHAO).clauses[1]
    middle = first.start + 5
    quotes = [
        Quote(first, middle, first.end, fact=(middle, middle + 2)),
        Quote(second, second.start, second.end),
        Quote(first, first.start, middle),  # the same clause again
        Quote(copy, copy.start, copy.end),  # the same words in another document
    ]
    kept = distinct_quotes(quotes)
    assert [q.clause.clause_id for q in kept] == [first.clause_id, second.clause_id]
    assert (kept[0].start, kept[0].end, kept[0].fact) == (
        first.start,
        first.end,
        (middle, middle + 2),
    )


def test_no_golden_answer_cites_a_clause_or_a_quote_twice(seed_service: AnswerService) -> None:
    for question in load_golden(GOLDEN):
        answer = seed_service.ask(question.question)
        clauses = [c.clause_id for c in answer.citations]
        quotes = ["".join(c.quote.split()) for c in answer.citations]
        assert len(set(clauses)) == len(clauses), (question.question, answer.answer)
        assert len(set(quotes)) == len(quotes), (question.question, answer.answer)
