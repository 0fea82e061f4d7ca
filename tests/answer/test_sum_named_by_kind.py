"""A sum asked by what it is ("日薪是多少", "摊位价格大概多少") is a sum of money: refused when no
clause states one, answered by a sum set as a share of another ("估算价的百分之二")."""

from __future__ import annotations

from pathlib import Path

from rag.answer.gates import states_any_amount
from rag.query.analysis import asked_kind
from tests.conftest import service_over
from tests.corpus_builders import lone_clause


def test_a_sum_named_by_what_it_is_is_asked_as_a_sum() -> None:
    for question in ("保安的日薪是多少？", "摊位价格大概多少", "押金要交多少"):
        assert asked_kind(question) == "amount", question
    assert asked_kind("资格分要够多少分才能申请？") != "amount"
    assert asked_kind("租金几天内要交？") == "duration"


def test_a_share_of_another_sum_states_a_sum() -> None:
    assert states_any_amount(lone_clause("履约保证金不得超过合同金额的百分之十。"))
    assert not states_any_amount(lone_clause("灵活就业人员的缴费比例为20%。"))


def test_a_share_of_a_wage_states_a_sum() -> None:
    """A pay set as a share of a wage or of a remuneration is a sum the asker gets."""
    assert states_any_amount(lone_clause("学徒期间的月薪不得低于正式岗位工资的百分之七十。"))
    assert states_any_amount(lone_clause("停工期间按照劳动报酬的60%支付生活费。"))


def test_a_multiple_of_another_sum_states_a_sum() -> None:
    assert states_any_amount(
        lone_clause("无票乘船的，按照全程票价补收船票款，并可以加收三倍票款。")
    )
    assert states_any_amount(lone_clause("逾期未退还的，按照押金的二倍赔偿。"))
    assert not states_any_amount(lone_clause("游客量超过核定承载量二倍的，应当暂停售票。"))


RULES = (
    "某市物业管理办法\n"
    "第一条 为了规范物业管理活动，制定本办法。\n"
    "第二条 物业服务人员的工资由物业服务企业按照劳动合同约定支付，不得低于当地最低工资标准。\n"
    "第三条 物业服务企业应当公示服务内容和收费项目。\n"
    "第四条 本办法自发布之日起施行。\n"
)


def test_a_sum_no_clause_states_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"property.txt": RULES})
    answer = service.ask("物业服务人员的工资一般是多少？")
    assert answer.refused, answer.answer


STANDARD_BY_REFERENCE = (
    "某市家政服务条例\n"
    "第一条 为了规范家政服务，制定本条例。\n"
    "第二条 家政服务人员的劳动报酬由双方协商确定，不得低于本市公布的最低小时工资标准。"
    "家政服务机构应当按月足额支付家政服务人员的劳动报酬，不得无故拖欠或者克扣，不得以押金、"
    "保证金等名义向家政服务人员收取财物，不得扣押家政服务人员的身份证件和技能证书。"
    "家政服务机构违反前款规定收取财物的，由市场监督管理部门责令退还，并处二千元以上一万元以下罚款。\n"
    "第三条 本条例自公布之日起施行。\n"
)


def test_a_standard_named_only_by_reference_is_no_sum(tmp_path: Path) -> None:
    """ "最低小时工资标准是多少": the clause names the standard ("不得低于…标准") but states no
    sum for it; a fine further on in the clause is not the sum asked."""
    service = service_over(tmp_path, {"domestic.txt": STANDARD_BY_REFERENCE})
    answer = service.ask("家政服务人员的最低小时工资标准是多少钱？")
    assert answer.refused, answer.answer
    assert "没有写明金额" in answer.answer
