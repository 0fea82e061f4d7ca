""" "怎么赔", "谁来赔", "能赔多少" ask who pays for a loss: the clause stating 赔偿 ranks up,
and its sentence saying 赔偿 is quoted, not the lead-in of the list it stands in."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from tests.conftest import service_over

RULES = (
    "某市体育器材借用办法\n"
    "第一条 为了规范公共体育器材借用，制定本办法。\n"
    "第二条 公共体育器材借用期限不超过七日。\n"
    "第三条 违反本办法规定的，按照下列规定处理；情节严重的，依法追究责任：\n"
    "(一)损坏公共体育器材场地设施的，由体育部门责令改正；\n"
    "(二)遗失所借公共体育器材的，应当按照原价予以赔偿；\n"
    "(三)逾期不归还公共体育器材的，暂停借用资格三个月。\n"
    "第四条 公共体育器材的管理单位应当定期检查器材。\n"
)


def test_a_loss_to_pay_for_is_asked() -> None:
    assert analyse("快递丢了谁来赔", []).passages == ("compensation",)
    assert analyse("车被刮了能赔多少钱", []).passages == ("compensation",)
    assert analyse("这场比赛的赔率是多少", []).passages == ()


def test_the_sentence_stating_the_compensation_is_quoted(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"gear.txt": RULES})
    answer = service.ask("借的公共体育器材弄丢了，要怎么赔？")
    assert not answer.refused, answer.answer
    assert "按照原价予以赔偿" in answer.citations[0].quote, answer.answer
