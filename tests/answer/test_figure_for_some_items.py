"""A figure that holds for some items of the list before it only ("决定前款第一项规定的事项，
应当经三分之二以上…同意。决定前款其他事项，…过半数…") is no first line: which item the asked
matter is decides between the sentences, and the quote shows the rule instead."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

ASSOCIATION = (
    "某市行业协会管理办法\n"
    "第一条 为了规范行业协会的活动，制定本办法。\n"
    "第二条 下列事项由会员大会决定：\n"
    "（一）修改协会章程；\n"
    "（二）选举和罢免理事；\n"
    "（三）决定协会的合并、分立或者解散。\n"
    "决定前款第一项、第三项规定的事项，应当经三分之二以上的会员同意。"
    "决定前款其他事项，应当经过半数的会员同意。\n"
    "第三条 协会应当每年向会员公布财务收支情况。\n"
)


def test_no_first_line_from_a_figure_for_some_items(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"association.txt": ASSOCIATION})
    answer = service.ask("协会想罢免理事，要多少会员同意？")
    assert not answer.refused, answer.answer
    assert answer.direct is None, answer.answer
    assert "会员同意" in answer.answer, answer.answer


def test_sentences_for_some_items_are_recognised() -> None:
    from rag.lexicon.figures import FOR_SOME_ITEMS

    assert FOR_SOME_ITEMS.search("决定前款第九项至第十一项规定的事项，应当经…同意")
    assert FOR_SOME_ITEMS.search("决定前款其他事项，应当经过半数的会员同意")
    assert not FOR_SOME_ITEMS.search("违反前款规定的，处一千元罚款")
