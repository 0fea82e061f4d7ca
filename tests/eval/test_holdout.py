"""The auditor's holdout questions have their own thresholds (scored with the golden set in
test_golden.py), and the direct-answer metrics judge only the first line."""

from __future__ import annotations

from rag.eval_report import load_thresholds
from rag.evaluation import GoldenQuestion, Outcome, direct_metrics
from rag.records import Answer
from tests.conftest import GOLDEN_DIR

HOLDOUT = GOLDEN_DIR / "holdout.jsonl"


def test_holdout_has_its_own_thresholds_with_direct_precision() -> None:
    thresholds = load_thresholds(HOLDOUT)
    golden = load_thresholds(HOLDOUT.parent / "golden.jsonl")
    assert thresholds != golden
    assert thresholds["direct_precision"] == 1.0
    assert golden["direct_precision"] == 1.0


def outcome(direct: str | None, facts: tuple[str, ...] = ("50万元",)) -> Outcome:
    golden = GoldenQuestion(id="q", question="?", expect_facts=facts)
    text = "\n".join(x for x in (direct, "“…50万元…” [1]") if x)
    return Outcome(golden, Answer(question="?", answer=text, refused=False, direct=direct), 0.0)


def test_only_the_direct_line_is_judged_and_abstaining_is_not_wrong() -> None:
    right, wrong, silent = outcome("50万元"), outcome("100万元"), outcome(None)
    assert wrong.facts_ok  # the quote holds the fact: facts alone cannot see the wrong line
    assert [o.direct_verdict for o in (right, wrong, silent)] == ["right", "wrong", "abstained"]
    values = direct_metrics([right, wrong, silent, silent])
    assert values == {"direct": 0.75, "direct_precision": 0.5, "direct_coverage": 0.5}


def test_questions_without_expected_facts_are_not_scored() -> None:
    assert direct_metrics([outcome("x", facts=())]) == {
        "direct": 1.0,
        "direct_precision": 1.0,
        "direct_coverage": 1.0,
    }


def test_a_fact_written_in_chinese_numerals_is_the_same_fact() -> None:
    golden = GoldenQuestion(id="q", question="?", expect_facts=("30日内",))
    said = Answer(question="?", answer="自录用之日起三十日内 [1]", refused=False,
                  direct="自录用之日起三十日内")  # fmt: skip
    other = Answer(question="?", answer="自录用之日起十五日内 [1]", refused=False,
                   direct="自录用之日起十五日内")  # fmt: skip
    assert Outcome(golden, said, 0.0).facts_ok
    assert Outcome(golden, said, 0.0).direct_verdict == "right"
    assert not Outcome(golden, other, 0.0).facts_ok
    assert Outcome(golden, other, 0.0).direct_verdict == "wrong"
