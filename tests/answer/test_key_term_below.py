"""The best-ranked clause misses the question's most specific subject, a clause just below it
names it: that clause answers, and the question is not refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

FLATS = (
    "某区人才公寓申请指南\n"
    "一、申请对象\n"
    "1.侨胞青年人才。在本区指定的侨胞青年创新创业基地就业或者创业的侨胞青年人才，可以申请人才公寓。\n"
    "2.本地青年人才。在本区就业的青年人才，可以申请人才公寓。\n"
    "二、申请材料\n"
    "1.申请表。\n"
    "2.申请人侨胞身份证明材料：提供侨胞来往通行证。\n"
    "三、租金标准\n"
    "租金按市场租金的百分之五十收取。\n"
)


def test_a_clause_below_the_best_that_names_the_subject_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"flats.txt": FLATS})
    answer = service.ask("我是侨胞，在侨胞青年创新创业基地上班，申请人才公寓身份证明要交哪些？")
    assert not answer.refused, answer.answer
    assert "侨胞来往通行证" in answer.answer.splitlines()[0], answer.answer
