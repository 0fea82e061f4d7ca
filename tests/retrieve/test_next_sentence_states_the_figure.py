"""A length of time asked of a clause that tells the situation in one sentence and the time
limit in the next ("…可以向…投诉。有关部门应当在三十日内答复。"): the next sentence is quoted too,
since it names what the ask is about."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市消费者权益保护办法\n"
    "第一条 为了保护消费者的合法权益，制定本办法。\n"
    "第二条 消费者的合法权益受到侵害的，可以向消费者协会投诉，消费者协会有权要求有关行政部门"
    "处理投诉。有关行政部门应当依法查处，并在三十日内给予书面答复。\n"
    "有关行政部门对侵害消费者合法权益的行为不依法查处的，同级人民政府应当督促其依法处理，"
    "对无正当理由拒不履行职责的，可以建议有关机关依法对直接负责的主管人员给予处分；"
    "构成犯罪的，依法追究刑事责任。同级人民政府应当将督促处理的情况定期向社会公开。\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_the_sentence_stating_the_time_limit_after_the_situation_is_quoted(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"consumer.txt": RULES})
    answer = service.ask("我是消费者，合法权益被侵害，向消费者协会投诉了，有关部门多久要答复我？")
    assert not answer.refused, answer.answer
    assert "三十日内" in answer.answer, answer.answer
