"""An organisation asked by its everyday head (保险公司) is the one a statute names by a
generic head for the same stem (保险机构): the kind is in the stem."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

PARCELS = """# 某市快递市场管理条例

## 第一章　总则

第一条 为了保障快递服务安全，维护用户合法权益，制定本条例。

第二条 本市行政区域内从事快递经营活动以及对快递业的监督管理，适用本条例。

第三条 市邮政管理部门负责本市快递市场的监督管理工作。

## 第二章　快递服务

第四条 保险机构收到被保险人的赔偿请求后，应当在三十日内作出核定，并将核定结果通知被保险人。

第五条 寄件人交寄快件，应当如实填写快递运单。

第六条 用户对快递服务质量有异议的，可以向市邮政管理部门申诉。

第七条 行业协会应当加强快递行业自律。

## 第三章　附则

第八条 本条例自发布之日起施行。
"""


def test_a_company_is_the_institution_the_statute_names(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"parcels.md": PARCELS})
    answer = service.ask("我家车险出险了，保险公司拖着不给结论，最多多少天内得核定？")
    assert not answer.refused, answer.answer
    assert "三十日内" in answer.answer, answer.answer
