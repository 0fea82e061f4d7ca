"""A figure asked whose best clause writes none is quoted first from a clause nearly as close
that writes one: a length of time in the asked unit, a number in the asked measure word (any
measure word for "几个"), even where no sentence of it provably states the asked figure (the
asker's words are written otherwise: 卖 / 出售)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import service_over

TENANCY = (
    "某市房屋租赁条例\n"
    "第一条 为了规范房屋租赁，制定本条例。\n"
    "第二条 承租人转租房屋的，应当在签订转租合同前书面告知出租人。\n"
    "第三条 房屋在租赁期间出售的，出租人应当在出售前三个月通知承租人。\n"
)
BARGAINING = (
    "某市工资集体协商办法\n"
    "第一条 为了规范工资集体协商，制定本办法。\n"
    "第二条 职工一方的协商代表由工会推选，未建立工会的，由职工民主推选协商代表。\n"
    "第三条 协商双方推选的代表人数应当对等，职工一方为三至五名。\n"
)


@pytest.mark.parametrize(
    ("rules", "question", "figure"),
    [
        # the best clause repeats the asker's words (告知 for 告诉, 出租人 for 房东) and writes
        # no length of time at all
        (TENANCY, "房东要卖房子，要提前多久告诉租客？", "三个月"),
        # the best clause names the asker's 推选 twice and writes no number
        (BARGAINING, "职工推选协商代表，每方推选几个代表？", "五名"),
    ],
)
def test_the_clause_writing_the_asked_figure_is_quoted_first(
    tmp_path: Path, rules: str, question: str, figure: str
) -> None:
    service = service_over(tmp_path, {"rules.txt": rules})
    answer = service.ask(question)
    assert not answer.refused, answer.answer
    assert answer.citations and figure in answer.citations[0].quote, answer.answer


FAMILY = (
    "某省家庭发展条例\n\n"
    "第一条 为了促进家庭发展，制定本条例。\n\n"
    "第二条 提倡适龄婚育。一对夫妻可以领养两个子女。\n\n"
    "第三条 对在过去一对夫妻只领养一个子女的家庭，各级人民政府应当给予照顾。\n\n"
    "第四条 本条例自发布之日起施行。\n\n"
)


def test_a_best_clause_writing_a_number_in_the_asked_measure_word_stays_first(
    tmp_path: Path,
) -> None:
    # neither writes a count the direct answer may state alone ("两个", "一个" are small
    # worded numbers); the best clause is not passed over for one that only writes another
    service = service_over(tmp_path, {"family.txt": FAMILY})
    answer = service.ask("现在一对夫妻最多可以领养几个孩子？")
    assert not answer.refused, answer.answer
    assert "领养两个子女" in answer.citations[0].quote, answer.answer
