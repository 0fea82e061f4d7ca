"""An asker who says which group they are not in ("我不是…") is not answered with that group's
band, and the group is no word the answer's clause must write."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from tests.conftest import service_over

FEES = (
    "某市城乡居民大病保险缴费通知\n"
    "一、缴费标准\n"
    "（一）在校学生：个人缴费标准为每人150元。\n"
    "（二）其他参保人员：个人缴费标准为每人390元。\n"
    "二、缴费时间\n"
    "集中缴费期为每年9月至12月。\n"
)


def test_the_group_the_asker_is_not_in_is_excluded_not_a_term() -> None:
    plan = analyse("大病保险个人交多少钱？我不是在校学生", [])
    assert plan.excluded == ("在校学生",)
    terms = {t.term for t in plan.terms}
    assert "不是" not in terms and "在校学生" not in terms
    assert "大病" in terms or "大病保险" in terms


def test_a_not_a_and_plain_questions_exclude_nothing() -> None:
    assert analyse("在校学生是不是也要交大病保险？", []).excluded == ()
    assert analyse("在校学生大病保险交多少？", []).excluded == ()
    assert analyse("我并不属于低保户，能申请吗", []).excluded == ("低保户",)


def test_the_band_of_the_excluded_group_gives_no_first_line(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"fees.txt": FEES})
    answer = service.ask("大病保险个人缴费标准是多少钱？我不是在校学生")
    first = answer.answer.splitlines()[0]
    assert "150元" not in first, answer.answer
    student = service.ask("在校学生大病保险个人缴费标准是多少钱？")
    assert "150元" in student.answer.splitlines()[0], student.answer


def test_relative_years_are_no_terms() -> None:
    terms = {t.term for t in analyse("今年的大病保险个人缴费标准是多少", []).terms}
    assert "今年" not in terms
