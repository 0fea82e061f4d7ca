"""Questions about a named document's own record (文号, issuer, 施行, validity, meeting, date)
are answered by quoting where the document or its page states it, over a real index."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.index.build import index_paths
from rag.service import PolicyAnswerService, build_answer_service
from tests.conftest import make_settings, service_over

PORTAL_PAGE = """索引号：XYZ-2020-0001
文号：苏府规〔2020〕3号
发布机构：苏州市人民政府办公室
成文日期：2020-03-01
有效性：失效
失效日期：2025年02月28日
苏州市人民政府办公室关于印发苏州市社区食堂补贴办法的通知
各区人民政府：
现将《苏州市社区食堂补贴办法》印发给你们，请认真贯彻执行。
苏州市人民政府办公室
2020年3月1日
苏州市社区食堂补贴办法
第一条 为规范社区食堂运营补贴，制定本办法。
第二条 社区食堂按每人每餐3元给予运营补贴。
第三条 本办法自2020年4月1日起施行，有效期5年。
"""

REGULATION = """# 浙江省志愿服务促进条例

2018年5月30日 浙江省第十三届人民代表大会常务委员会第三次会议通过 \
2021年9月29日 浙江省第十三届人民代表大会常务委员会第三十次会议\
《关于修改〈浙江省志愿服务促进条例〉的决定》第一次修正

<!-- INFO END -->

第一条 为了发展志愿服务事业，根据有关法律，制定本条例。

第二条 志愿者每年参加志愿服务的时间累计不少于二十小时的，可以申请星级认定。

第三条 本条例自2018年10月1日起施行。
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> PolicyAnswerService:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "canteen.txt").write_text(PORTAL_PAGE, encoding="utf-8")
    (folder / "volunteer.md").write_text(REGULATION, encoding="utf-8")
    settings = make_settings(tmp_path_factory.mktemp("data"))
    index_paths([folder], settings, progress=False)
    return build_answer_service(settings, "extractive")


def first_line(service: PolicyAnswerService, question: str) -> tuple[str, list[str]]:
    answer = service.ask(question)
    assert not answer.refused, answer.answer
    return answer.answer.split("\n")[0], [c.quote for c in answer.citations]


def test_the_doc_number_is_quoted_from_the_page_record(service: PolicyAnswerService) -> None:
    line, quotes = first_line(service, "社区食堂补贴办法的文号是多少")
    assert line.startswith("苏府规〔2020〕3号")
    assert "文号：苏府规〔2020〕3号" in quotes


def test_validity_states_the_term_then_the_end_date(service: PolicyAnswerService) -> None:
    """The document's own 有效期 sentence is cited first (the document is the authority),
    then the page's record with its end date and status."""
    answer = service.ask("苏府规〔2020〕3号现在还有效吗")
    first = answer.answer.split("\n")[0]
    assert first.startswith("有效期5年 [1]") and "2025年02月28日 [2]" in first, answer.answer
    assert "失效" in answer.answer  # the page's status, and the validity note
    assert "有效期5年" in answer.citations[0].quote


def test_effective_date_is_the_documents_own_sentence(service: PolicyAnswerService) -> None:
    line, quotes = first_line(service, "社区食堂补贴办法从哪天开始施行")
    assert line == "自2020年4月1日起施行 [1]"
    assert quotes[0] == "本办法自2020年4月1日起施行，有效期5年。"


def test_issuer_comes_from_the_record_and_issue_date_from_the_signature(
    service: PolicyAnswerService,
) -> None:
    line, _ = first_line(service, "社区食堂补贴办法是哪个部门发的")
    assert line == "苏州市人民政府办公室 [1]"
    answer = service.ask("社区食堂补贴办法是什么时候印发的")
    assert "2020年3月1日" in answer.answer.split("\n")[0]


def test_meeting_that_adopted_or_amended_a_regulation(service: PolicyAnswerService) -> None:
    line, _ = first_line(service, "志愿服务促进条例是哪次会议通过的")
    assert "第三次会议通过" in line and "修正" not in line
    line, _ = first_line(service, "志愿服务促进条例第一次修正是哪次会议")
    assert "第三十次会议" in line and line.endswith("第一次修正 [1]")


def test_a_record_question_about_an_unindexed_places_document_is_not_answered_from_another(
    service: PolicyAnswerService,
) -> None:
    answer = service.ask("江苏省志愿服务促进条例哪天起施行")
    assert answer.refused or "2018年10月1日" not in answer.answer.split("\n")[0]


DECREE = """某省养犬管理规定
发布日期：2019-03-10
2019年3月2日某省人民政府令第12号公布
第一条 为规范养犬行为，制定本规定。
第二条 本规定自2019年5月1日起施行。
"""


def test_the_publication_date_is_the_decree_line_with_its_number(tmp_path) -> None:
    service = service_over(tmp_path, {"dogs.txt": DECREE})
    line, quotes = first_line(service, "养犬管理规定是哪天公布的")
    assert "2019年3月2日" in line
    assert any("令第12号公布" in q for q in quotes)


PRINTED = (
    "某市人民政府办公厅关于印发某市社区助浴服务管理办法的通知\n"
    "各区人民政府，市政府各部门：\n"
    "《某市社区助浴服务管理办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。\n"
    "某市人民政府办公厅\n"
    "2023年5月8日\n"
    "某市社区助浴服务管理办法\n"
    "第一条 为规范社区助浴服务，制定本办法。\n"
    "第二条 本办法自2023年6月1日起施行。\n"
    "某市人民政府办公厅秘书处 2023年5月12日印发\n"
)


def test_the_issue_date_is_the_signature_date_not_the_printing_line(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"printed.txt": PRINTED})
    answer = service.ask("某市社区助浴服务管理办法是哪天印发的？")
    first = answer.answer.split("\n")[0]
    assert "2023年5月8日" in first and "5月12日" not in first, answer.answer


def test_a_takes_effect_date_no_sentence_states_is_said_to_be_unstated(tmp_path: Path) -> None:
    unstated = (
        "某省集市管理条例\n"
        "第一条 为了规范集市管理，制定本条例。\n"
        "第二条 集市开办者应当公示市场规则。\n"
    )
    stated = (
        "某省夜市管理办法\n第一条 夜市经营者应当公示营业时间。\n"
        "第二条 本办法自2020年1月1日起施行。\n"
    )
    service = service_over(tmp_path, {"fair.txt": unstated, "night.txt": stated})
    answer = service.ask("某省集市管理条例从哪天开始施行？")
    assert answer.refused and "没有写明施行日期" in answer.answer, answer.answer
    answer = service.ask("某省夜市管理办法从哪天开始施行？")
    assert not answer.refused and "2020年1月1日" in answer.answer, answer.answer


def test_one_titles_record_asked_of_two_provinces_answers_each(tmp_path: Path) -> None:
    zhejiang = (
        "浙江省宠物医疗管理条例\n第一条 为了规范宠物诊疗活动，制定本条例。\n"
        "第二条 本条例自2018年3月1日起施行。\n"
    )
    henan = (
        "河南省宠物医疗管理条例\n第一条 为了规范宠物诊疗活动，制定本条例。\n"
        "第二条 本条例自2020年7月1日起施行。\n"
    )
    service = service_over(tmp_path, {"zj.txt": zhejiang, "hn.txt": henan})
    answer = service.ask("浙江和河南的宠物医疗管理条例分别是哪天开始施行的？")
    assert not answer.refused, answer.answer
    lines = answer.answer.splitlines()
    assert "浙江" in lines[0] and "2018年3月1日" in lines[0], answer.answer
    assert "河南" in lines[1] and "2020年7月1日" in lines[1], answer.answer


def test_the_effective_date_is_quoted_with_the_repeal_it_makes(tmp_path: Path) -> None:
    rules = (
        "某市公园游览管理规定\n"
        "第一条 为了加强公园游览管理，制定本规定。\n"
        "第二条 公园应当在入口处公示开放时间。\n"
        "第三条 本规定自2031年3月1日起施行。2019年5月8日公布的《某市公园管理暂行规定》同时废止。\n"
    )
    service = service_over(tmp_path, {"parks.txt": rules})
    answer = service.ask("某市公园游览管理规定什么时候施行？")
    assert not answer.refused, answer.answer
    assert answer.answer.startswith("自2031年3月1日起施行 [1]"), answer.answer
    assert "同时废止" in answer.citations[0].quote, answer.answer
