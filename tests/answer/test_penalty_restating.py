"""A penalty may restate its duty instead of citing its article ("违反本规定，在…的，处…")."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

_DUTIES = (
    "游泳池经营者应当在游泳池入口设置禁止吐痰标志，游泳池内禁止吐痰的提示应当醒目。",
    "游泳池救生员发现有人在游泳池内吐痰的，应当及时劝阻，劝阻吐痰无效的报告经营者。",
    "游泳池经营者应当在游泳池周边设置痰盂，方便游泳者在游泳池外吐痰，痰盂每日清洗。",
    "学校组织学生到游泳池游泳的，应当教育学生不在游泳池内吐痰，带队教师负责提醒吐痰禁令。",
    "游泳池的保洁人员应当每小时巡查一次游泳池，清除游泳池边的吐痰痕迹并记录巡查情况。",
    "新闻媒体应当宣传游泳池文明规范，倡导游泳者不在游泳池吐痰，营造不吐痰的良好风尚。",
    "游泳协会应当制定游泳池文明公约，将不在游泳池吐痰列入公约内容，引导会员不随地吐痰。",
    "游泳池经营者应当对员工开展培训，使员工掌握劝阻在游泳池吐痰行为的方法和吐痰危害知识。",
    "卫生健康部门应当对游泳池禁止吐痰工作进行指导，定期通报各游泳池吐痰行为的劝阻情况。",
    "任何人发现在游泳池吐痰的行为，都可以向游泳池经营者或者卫生健康部门投诉、举报吐痰者。",
)
RULES = (
    "某市游泳池禁止吐痰规定\n"
    + "".join(f"第{n}条 {text}\n" for n, text in zip("一二三四五六七八九十", _DUTIES, strict=True))
    + "第十一条 违反本规定，在游泳池内吐痰的，由卫生健康部门责令改正，可以处五十元罚款；"
    "拒不改正的，处二百元罚款。\n"
    "第十二条 本规定自公布之日起施行。\n"
)


def test_the_fine_restating_the_duty_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"pool.txt": RULES})
    answer = service.ask("游泳池吐痰罚多少？")
    assert not answer.refused, answer.answer
    assert "五十元" in answer.answer and "二百元" in answer.answer, answer.answer
