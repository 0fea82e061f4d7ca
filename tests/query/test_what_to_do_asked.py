""" "怎么处理" asks a penalty of conduct told before it ("…乱扔，会怎么处理", "被查了怎么处理",
"…，怎么处理"); of a thing ("尸体怎么处理") or after a modal of duty ("该怎么处理") it asks what
to do, which the duty clause says, not the penalty for breaking it."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from tests.conftest import service_over

STATUTE = (
    "某市家禽饲养管理条例\n\n"
    "第一章 总则\n\n"
    "第一条 为了规范家禽饲养，制定本条例。\n\n"
    "第二章 饲养规范\n\n"
    "第八条 饲养的家禽病死的，饲养人应当在二十四小时内将尸体送交无害化处理场所，"
    "不得随意丢弃。\n\n"
    "第三章 法律责任\n\n"
    "第二十条 违反本条例第八条规定，随意丢弃病死家禽尸体的，由农业农村部门责令改正，"
    "处二百元以上一千元以下罚款。\n\n"
)


def test_a_thing_asked_how_to_handle_asks_no_penalty() -> None:
    assert "penalty" not in analyse("家里的鸡病死了，尸体怎么处理？", []).passages
    assert "penalty" not in analyse("剩下的饲料该怎么处理？", []).passages
    assert "penalty" in analyse("邻居把死鸡扔路边，会怎么处理？", []).passages
    assert "penalty" in analyse("有人乱丢死鸡，怎么处理？", []).passages


def test_the_duty_answers_how_to_handle_a_thing(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"poultry.txt": STATUTE})
    answer = service.ask("家里养的鸡病死了，尸体怎么处理？")
    assert not answer.refused, answer.answer
    assert "无害化处理场所" in answer.citations[0].quote, answer.answer
