"""One intent per question, by the precedence in rag.query.intent; one handler per intent."""

from __future__ import annotations

import pytest

from rag.answer.router import HANDLERS
from rag.answer.wording import example_question
from rag.query.analysis import analyse
from rag.query.intent import Intent, intent_of
from tests.query.test_query import DOCS


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("你好", Intent.GREETING),
        ("What is the max reward?", Intent.NOT_CHINESE),
        ("北京市新设创投机构奖励多少", Intent.UNCOVERED_PLACE),
        ("日照市有哪些科技政策", Intent.CATALOGUE),
        ("这个文件是什么时候发布的", Intent.ISSUE_DATE),
        ("若干政策是什么时候发布的", Intent.RECORD),
        ("若干政策的文号是多少", Intent.RECORD),
        ("若干政策现在还有效吗", Intent.RECORD),
        ("日照若干政策第十四条原文", Intent.CLAUSE_TEXT),
        ("工作要点是哪个市发的", Intent.ISSUER_CITY),
        ("日照和泰安对孵化器的支持有什么不同", Intent.COMPARISON),
        ("日照市新设创投机构最高奖励多少", Intent.FACT),
        ("房东不同意退押金，法律上怎么办", Intent.FACT),
    ],
)
def test_each_kind_of_question_has_its_intent(question: str, intent: Intent) -> None:
    assert intent_of(analyse(question, DOCS)) == intent


def test_precedence_decides_when_several_apply() -> None:
    # a clause asked by number in a city the corpus does not cover: the place is refused first
    assert intent_of(analyse("北京若干政策第3条原文", DOCS)) == Intent.UNCOVERED_PLACE
    # a document's date is its record even when a clause number is named too
    assert intent_of(analyse("若干政策第3条什么时候发布的", DOCS)) == Intent.RECORD
    # a record word without a named document is an ordinary question ("有效期" of a permit)
    assert intent_of(analyse("居住证有效期多久", DOCS)) == Intent.FACT


def test_every_intent_has_exactly_one_handler() -> None:
    assert set(HANDLERS) == set(Intent)


def test_help_texts_use_an_example_built_from_the_index(seed_service) -> None:  # type: ignore[no-untyped-def]
    example = seed_service.context.example
    headings = {c.heading for d in seed_service.documents() for c in seed_service.clauses(d.doc_id)}
    assert example and any(f"“{h}”" in example for h in headings if h)
    assert example in seed_service.ask("你好").answer
    assert not seed_service.ask(example).refused  # the example is a question the index answers
    assert example_question(DOCS, []) is None
