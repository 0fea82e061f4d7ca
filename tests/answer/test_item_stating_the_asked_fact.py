"""Under a lead-in ("应当符合下列条件："), the listed item stating the asked fact answers:
the lead-in is a sentence of its own, an item is read with it (it names what every item is
about), and a short item is no title."""

from __future__ import annotations

from pathlib import Path

from rag.text.sentences import split_sentences
from tests.conftest import service_over

COURIERS = """# 某市即时配送管理条例

## 第一章　总则

第一条 为了规范即时配送服务，保障配送人员和消费者合法权益，制定本条例。

第二条 本市行政区域内的即时配送服务及其监督管理，适用本条例。

第三条 市交通运输主管部门负责全市即时配送服务的监督管理工作。

第四条 即时配送服务应当遵循安全、便捷、规范的原则。

第五条 配送企业应当建立健全安全生产责任制度。

第六条 配送企业应当公开服务规则和收费标准。

第七条 行业协会应当加强行业自律。

## 第二章　配送人员

第八条 从事即时配送服务的配送人员应当符合下列条件：

（一）持有有效的电动自行车登记证明且具有一年以上城市道路骑行经历；

（二）无吸毒记录，无醉酒驾驶机动车记录，最近三年内没有因违反道路交通安全法律法规受到行政拘留的记录；

（三）年龄不超过六十周岁；

（四）参加配送企业组织的道路交通安全、食品安全和消防安全培训并考核合格，熟悉配送区域的道路和交通状况。

对符合前款规定条件的人员，由配送企业登记造册。

第九条 配送企业应当为配送人员购买意外伤害保险。

## 第三章　附则

第十条 本条例自发布之日起施行。
"""


def test_a_colon_ending_a_line_ends_the_lead_in_sentence() -> None:
    text = "申请人应当符合下列条件：\n(一)年满十八周岁；\n(二)比例：不低于百分之三十。"
    sentences = [s.text for s in split_sentences(text, 0)]
    assert sentences == [
        "申请人应当符合下列条件：",
        "(一)年满十八周岁；",
        "(二)比例：不低于百分之三十。",
    ]
    assert all(text[s.start : s.end] == s.text for s in split_sentences(text, 0))


def test_the_item_stating_the_asked_age_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"couriers.md": COURIERS})
    answer = service.ask("送外卖的配送人员年龄最大不能超过多少岁？")
    assert not answer.refused, answer.answer
    quote = answer.citations[0].quote
    assert "年龄不超过六十周岁" in quote and "配送人员应当符合下列条件" in quote, quote
    assert quote.endswith("年龄不超过六十周岁；"), quote  # up to the item, not the list after it


CLAIMS = COURIERS.replace(
    "第九条 配送企业应当为配送人员购买意外伤害保险。",
    "第九条 申请有下列情形之一的，不予受理：\n\n"
    "（一）配送人员向配送企业提出的工伤补助申请不属于配送企业工伤补助范围的；\n\n"
    "（二）申请人未按照规定提交事故证明、医疗机构诊断证明、病历和医疗费用票据等材料，"
    "经告知仍不补正的；\n\n"
    "（三）自受伤之日起超过二年的；\n\n"
    "（四）同一事故已经获得商业保险赔付，或者已经由人民法院、仲裁机构受理的；\n\n"
    "（五）法律、法规规定不予受理的其他情形。",
)


def test_a_sibling_item_stating_the_asked_length_answers(tmp_path: Path) -> None:
    """The item sharing most words with the question states no length of time; the item
    under the same lead-in that states one is quoted."""
    service = service_over(tmp_path, {"claims.md": CLAIMS})
    answer = service.ask("配送人员受伤后过了多久，配送企业就不受理工伤补助申请了？")
    assert not answer.refused, answer.answer
    assert "超过二年" in answer.answer, answer.answer
