""" "法律上" (legally speaking) refers to the law in general, as 规定 and 政策 do: it is no
topic the clause must write."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

SCHOOLING = """# 某省义务教育条例

## 第一章　总则

第一条 为了保障适龄儿童接受义务教育的权利，根据有关法律，制定本条例。

第二条 本条例所称适龄儿童，是指年满六周岁的儿童。

第三条 适龄儿童接受义务教育的权利受法律保护，任何组织和个人不得侵犯。

第四条 父母应当依照法律送适龄儿童入学，法律另有规定的除外。

第五条 学校应当依照法律和章程实施教育教学活动。

第六条 县级人民政府教育行政部门负责本行政区域内义务教育的管理工作。

第七条 学校不得以考试方式选拔学生。

## 第二章　附则

第八条 本条例自发布之日起施行。
"""


def test_legally_speaking_names_no_topic(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"schooling.md": SCHOOLING})
    answer = service.ask("法律上几岁算适龄儿童？")
    assert not answer.refused, answer.answer
    assert "年满六周岁" in answer.citations[0].quote, answer.answer
