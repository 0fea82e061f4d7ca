"""A clause whose own text names the year asked about ranks above one that only sits in a
document whose title names that year."""

from __future__ import annotations

from pathlib import Path

from rag.facts.precision import asked_years
from tests.conftest import service_over

REPORT = (
    "某市高龄津贴2025年发放情况和2026年标准调整说明\n"
    "一、发放情况\n"
    "2025年1月起，全市八十周岁以上老人高龄津贴标准为每人每月100元，全年共发放1.2亿元。\n"
    "二、高龄津贴标准调整\n"
    "根据省里的通知，自2026年1月起，上述标准提高至每人每月120元。\n"
)


def test_years_asked_are_not_years_naming_a_version() -> None:
    assert asked_years("2026年高龄津贴每月多少") == {"2026"}
    assert asked_years("2019年修订的那部条例第三条") == frozenset()


def test_the_clause_naming_the_asked_year_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"report.txt": REPORT})
    answer = service.ask("2026年高龄津贴每月多少钱？")
    assert "120元" in answer.answer.splitlines()[0], answer.answer
    assert "2026年" in answer.citations[0].quote, answer.answer
