"""A fact question whose best sentence states no fact quotes a short clause whole: the fact
is often in the next sentence, which names the subject only through the first."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

TEXT = (
    "某市就业服务问答\n"
    "一、护理补贴怎么发？\n"
    "护理补贴由街道按季度审核后按月发放到本人账户，审核结果在社区公示。目前的标准为每人1800元。\n"
    "二、护理补贴找谁申请？\n"
    "向户籍所在地街道提出申请。\n"
)


def test_the_sentence_after_the_best_one_is_quoted_with_it(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"faq.txt": TEXT})
    answer = service.ask("护理补贴能领多少钱")
    assert not answer.refused
    assert "1800元" in answer.citations[0].quote
    assert answer.citations[0].quote.startswith("护理补贴由街道")
