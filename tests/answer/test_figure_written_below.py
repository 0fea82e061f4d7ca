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
