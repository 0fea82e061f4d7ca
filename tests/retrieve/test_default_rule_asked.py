"""A question saying the agreement is silent ("合同没写的话") asks for the statute's
default rule: the sentence opening "…未约定的", "没有约定…的" is the answer, not the sentence
pointing to the agreement before it, which shares more of the asker's words."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

STATUTE = (
    "某市仓储服务条例\n\n"
    "第一条 为了规范仓储服务，制定本条例。\n\n"
    "第二条 存货人应当按照仓储合同的约定支付保管费。保管人应当按照仓储合同的约定收取保管费；"
    "除仓储合同另有约定外，不得向存货人收取其他费用。\n\n"
    "存货人逾期支付保管费的，应当支付违约金。违约金的数额，按照仓储合同约定的标准计算；"
    "仓储合同未约定的，按照所欠保管费的日万分之三的标准计算。\n\n"
    "存货人逾期不支付保管费累计超过三个月的，保管人可以解除仓储合同，但仓储合同另有约定的，"
    "从其约定。保管人解除仓储合同的，应当提前十五日书面通知存货人，并在通知中写明提取仓储物"
    "的期限和地点。\n\n"
    "第三条 仓储物在保管期间灭失或者损坏的，保管人应当承担赔偿责任。赔偿的数额由当事人"
    "依法约定。保管人应当在仓储物灭失或者损坏之日起五日内书面通知存货人，并如实说明原因；"
    "存货人要求查验的，保管人应当配合。没有约定数额的，按照下列标准确定：\n\n"
    "（一）仓储物灭失的，不低于货物价值的百分之五十；\n\n"
    "（二）仓储物损坏的，不低于修复费用的百分之八十。\n\n"
    "第四条 本条例自发布之日起施行。\n\n"
)


def test_the_default_rule_answers_when_the_contract_is_silent(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"storage.txt": STATUTE})
    answer = service.ask("存货人晚交保管费，仓储合同里没写违约金的话怎么算？")
    assert not answer.refused, answer.answer
    assert answer.citations[0].quote.endswith("日万分之三的标准计算。"), answer.answer


def test_a_question_not_saying_the_agreement_is_silent_gets_the_agreed_rule(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"storage.txt": STATUTE})
    answer = service.ask("存货人晚交保管费要付违约金吗？")
    assert "应当支付违约金" in answer.answer, answer.answer
