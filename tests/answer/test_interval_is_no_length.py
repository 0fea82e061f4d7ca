"""How often something is done ("每五年…一次") answers "多久一次", not a length of time or an
age asked ("多少年的楼才算…"): a clause below stating only such an interval does not take the
best clause's place."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

STATUTE = (
    "某市历史楼宇管理规定\n\n"
    "第一条 为了保护城市风貌，制定本规定。\n\n"
    "第二条 本规定所称历史楼宇，是指楼龄100年以上的住宅楼，不包括已整体改造的住宅楼。\n\n"
    "第三条 区住房部门每五年组织开展一次历史楼宇普查，普查结果向社会公布。\n\n"
    "第四条 本规定自发布之日起施行。\n\n"
)


def test_an_interval_below_does_not_answer_an_age_asked(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"buildings.txt": STATUTE})
    answer = service.ask("建成多少年的楼才算历史楼宇？")
    assert not answer.refused, answer.answer
    assert "楼龄100年以上" in answer.citations[0].quote, answer.answer


def test_an_interval_answers_how_often(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"buildings.txt": STATUTE})
    answer = service.ask("历史楼宇普查多久搞一次？")
    assert not answer.refused, answer.answer
    assert "每五年" in answer.citations[0].quote, answer.answer
