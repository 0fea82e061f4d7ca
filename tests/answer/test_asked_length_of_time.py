"""A length of time asked whose best clause states none is answered by a clause nearly as
close to the question that states one, written as the bound asked when one is asked."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市劳动关系协调规定\n"
    "第一条 为了协调企业劳动关系，制定本规定。\n"
    "第二条 企业工会提出工资集体协商要约，应当听取本企业职工意见；尚未建立工会的，"
    "由上级工会指导职工民主推荐的协商代表提出工资集体协商要约。\n"
    "第三条 职工方或者工会提出工资集体协商要约的，另一方应当自收到要约之日起十日内"
    "予以书面答复。\n"
    "第四条 企业工资集体协商的期限为六十日，自接受要约的一方答复同意协商之日起计算。\n"
    "第五条 企业应当依法支付劳动者工资。\n"
)


def test_a_clause_nearly_as_close_that_states_the_time_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"wages.txt": RULES})
    answer = service.ask("工会给企业发了工资集体协商要约，企业要在几天内回复？")
    assert not answer.refused, answer.answer
    assert answer.direct is not None and "十日内" in answer.direct, answer.answer


LIBRARIES = (
    "某市阅读服务条例\n"
    "第一条 为了保障公众阅读权利，制定本条例。\n"
    "第二条 公共阅览室向社会公众免费开放，并应当有固定的开放时间。\n"
    "第三条 公共阅览室应当设置少年儿童阅览区域。\n"
    "第四条 公共阅览室的读者证有效期为三年。\n"
)


def test_a_length_asked_in_its_unit_of_clauses_stating_none_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"reading.txt": LIBRARIES})
    # a length in another unit (三年) answers nothing asked in hours or days
    for question in ("公共阅览室每周至少开放多少个小时？", "公共阅览室每周开放几天？"):
        answer = service.ask(question)
        assert answer.refused and "时限或时长" in answer.answer, answer.answer
    # "多久" may be answered without a number ("当场", "及时"): the clause is quoted
    assert not service.ask("公共阅览室开放时间有规定吗？").refused
    assert not service.ask("读者证有效期是几年？").refused


def test_hours_asked_are_a_length_of_time() -> None:
    from rag.query.analysis import analyse

    for question in ("每周至少开放多少个小时", "几个小时能办好", "排队要等几分钟"):
        assert analyse(question, []).fact_kind == "duration", question
    assert analyse("几周岁能上小学", []).fact_kind == "age"


def test_days_past_a_bound_are_a_length_of_time_written() -> None:
    from rag.answer.gates import states_a_length
    from rag.records import Clause

    def clause(text: str) -> Clause:
        return Clause("c", "d", (), "第一条", None, text, 0, len(text), 0)

    assert states_a_length(clause("无正当理由超过二十日未退还的，视为拖延。"), "几天内要退")
    assert not states_a_length(clause("本条例自3月15日起施行。"), "几天内要退")


GARDENS = (
    "某市社区花园管理办法\n"
    "第一条 为了规范社区花园管理，制定本办法。\n"
    "第二条 居民申请认领社区花园地块的，街道办事处应当及时审核并书面答复申请人。\n"
    "第三条 社区花园地块被毁损的，管理单位应当在五个工作日内组织修复。\n"
    "第四条 社区花园的种植活动不得使用剧毒农药。\n"
)


def test_a_length_asked_that_no_quoted_passage_writes_is_refused(tmp_path: Path) -> None:
    """ "几个工作日内答复": the clause on the reply says 及时, no number of days; another
    clause's time limit, for another act and not quoted, is not the length asked."""
    service = service_over(tmp_path, {"gardens.txt": GARDENS})
    answer = service.ask("申请认领社区花园地块，街道几个工作日内要答复我？")
    assert answer.refused, answer.answer
    assert "没有写明时限" in answer.answer
