"""A sentence stating a figure as an upper bound and another as a lower one ("不得超过…，
…不得少于…"): the bound asked (至少, 最多) chooses which answers; minutes are a duration."""

from __future__ import annotations

from rag.facts.spans import fact_span
from rag.query.terms import content_terms

RULE = "游泳馆连续开放不得超过十个小时，闭馆消毒时间不得少于三十分钟。"


def _fact(question: str, text: str = RULE) -> str | None:
    found = fact_span("duration", text, content_terms(question), question, True, text, 24)
    return text[found[0] : found[1]] if found else None


def test_at_least_takes_the_lower_bound() -> None:
    assert "三十分钟" in (_fact("闭馆后至少要消毒多长时间？") or "")


def test_at_most_takes_the_upper_bound() -> None:
    assert "十个小时" in (_fact("一天最多能开放多久？") or "")


def test_a_bound_the_text_does_not_state_changes_nothing() -> None:
    text = "游泳馆应当在开放前一小时完成水质检测，检测结果公示三日。"
    assert _fact("至少要公示几日？", text) == _fact("要公示几日？", text)


def test_minutes_are_a_length_of_time() -> None:
    text = "每次献血后应当休息二十分钟。"
    found = fact_span("duration", text, (), "献完血要休息多久？")
    assert found is not None and "二十分钟" in text[found[0] : found[1]]


def test_a_figure_states_the_asked_bound_only_when_written_as_that_bound() -> None:
    from rag.facts.spans import states_the_asked_bound

    text = "补贴标准为每平方米30元；计算的补贴不得低于150元。"
    plain, floor = text.index("30元"), text.index("150元")
    assert not states_the_asked_bound(text, (plain, plain + 3), "最低给多少")
    assert states_the_asked_bound(text, (floor, floor + 4), "最低给多少")
    assert states_the_asked_bound(text, (plain, plain + 3), "给多少")  # no bound asked


def test_a_deadline_asked_is_never_a_least_length() -> None:
    text = "培训机构招用学员并与其签订二年以上期限学习合同的，给予培训补贴。"
    assert _fact("培训机构要多久内给学员办登记？", text) is None
    assert _fact("培训机构多久内要办理登记？", "培训机构应当在招用学员之日起十日内办理登记。")
    assert "二年以上" in (_fact("学习合同签多久才有补贴？", text) or "")
    at_least = "学员有权在结业后提出复训，复训期限不得少于三个月。"
    assert _fact("结业后多久内能提出复训？", at_least) is None
