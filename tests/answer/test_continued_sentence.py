"""A figure asked and the best sentence states none but goes on: after a semicolon the next
sentence stating one is quoted too, and under a lead-in the listed item stating one that
covers most of the question."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市游乐场所管理办法\n"
    "第一条 为了规范游乐场所经营，保障游客安全，制定本办法。\n"
    "第二条 游乐设施运营单位应当建立安全管理制度，配备专职安全管理人员，定期组织应急演练，"
    "向游客提供必要的安全防护用品，并在醒目位置设置投诉电话和紧急求助标识。"
    "游乐设施运营单位未按照规定对大型游乐设施进行日常检查和维护保养，"
    "或者未在设施入口处公示乘坐须知和安全注意事项的，由市场监督管理部门责令限期改正；"
    "逾期不改正的，对运营单位处三千元以上二万元以下罚款。\n"
    "第三条 运营单位发售年卡、次卡等预付凭证的，应当与游客订立书面合同，载明服务内容、"
    "有效期限、退卡条件和退款方式，不得以任何理由拒绝游客查询余额和消费记录。\n"
    "游客购买年卡后，有权在下列期限内申请退还未使用部分的费用，"
    "运营单位应当按照本条规定办理：\n"
    "(一)年卡售出后运营单位变更营业时间的，自变更之日起十五日内；\n"
    "(二)运营单位与游客没有约定退卡期限的，自购卡之日起三个月内。\n"
)


def test_the_fine_after_the_semicolon_is_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"park.txt": RULES})
    answer = service.ask("游乐设施没做日常检查维护保养，运营单位要罚多少？")
    assert not answer.refused, answer.answer
    assert "三千元以上二万元以下" in answer.answer, answer.answer


def test_the_listed_item_stating_the_figure_is_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"park.txt": RULES})
    answer = service.ask("买了年卡，没有约定退卡期限，多久内能申请退还费用？")
    assert not answer.refused, answer.answer
    assert "三个月" in answer.answer, answer.answer
