"""A fine is asked ("罚多少") and the best clause is the duty itself, which states no sum:
the penalty clause, covering the question as fully and stating a fine, answers instead of a
"no sum stated" refusal. Without a named kind of sum the refusal stays."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市停车场管理条例\n"
    "第八条 经营者应当为车辆办理停放登记。\n"
    "第九条 经营者应当在停车场入口公示收费标准。\n"
    "第十条 违反本条例第八条规定，经营者不为车辆办理停放登记的，"
    "由交通主管部门责令限期改正；逾期不改正的，处二千元以上一万元以下罚款。\n"
)


def test_a_fine_asked_is_answered_by_the_penalty_clause(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"parking.txt": RULES})
    answer = service.ask("经营者不给车辆办停放登记，会被罚多少？")
    assert not answer.refused, answer.answer
    assert "二千元以上一万元以下" in answer.answer.splitlines()[0], answer.answer


def test_a_sum_of_no_named_kind_is_still_refused_when_the_best_clause_states_none(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"parking.txt": RULES})
    answer = service.ask("经营者为车辆办理停放登记的费用是多少？")
    assert answer.refused, answer.answer


def test_what_happens_if_is_answered_by_the_penalty_clause(tmp_path: Path) -> None:
    from rag.query.analysis import analyse

    for question in ("不办登记会怎么罚？", "会被怎么处理", "要承担什么责任"):
        assert "penalty" in analyse(question, []).passages, question
    service = service_over(tmp_path, {"parking.txt": RULES})
    answer = service.ask("经营者不给车辆办停放登记，会怎么处罚？")
    assert not answer.refused, answer.answer
    assert "罚款" in answer.answer.splitlines()[0], answer.answer


LISTED = (
    "某市养老机构管理条例\n"
    "第一条 为了规范养老机构，制定本条例。\n"
    "第二条 养老机构暂停服务的，应当提前六十日向民政部门报告。\n"
    "第三条 违反本条例规定，养老机构有下列行为之一的，由民政部门责令限期改正；"
    "逾期不改正的，处一万元以上三万元以下罚款：\n"
    "(一)未与老年人订立服务合同的；\n"
    "(二)未按照有关标准和规定开展服务，或者配备的人员资格不符合国家和本市规定的；\n"
    "(三)利用养老机构的房屋、场地、设施开展与养老服务宗旨无关的活动的；\n"
    "(四)未依照规定建立入院评估、健康档案、安全管理等各项管理制度的；\n"
    "(五)擅自暂停或者终止服务的。\n"
)


def test_a_listed_offence_takes_the_fine_of_its_lead_in(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"care.txt": LISTED})
    answer = service.ask("养老机构擅自终止服务会罚多少钱？")
    assert not answer.refused, answer.answer
    first = answer.answer.splitlines()[0]
    assert "一万元以上三万元以下" in first, answer.answer
    assert "有下列行为之一的" in answer.citations[0].quote, answer.answer  # the lead-in quoted


POINTS = (
    "某市机动车驾驶人记分办法\n"
    "第一条 为了规范交通违法记分，制定本办法。\n"
    "第二条 机动车驾驶人有下列交通违法行为之一，一次记6分：\n"
    "(一)驾驶机动车在高速公路上倒车的；\n"
    "(二)驾驶机动车不按交通信号灯指示通行的；\n"
    "(三)驾驶机动车违反规定牵引挂车的；\n"
    "(四)驾驶营运客车以外的机动车在高速公路车道内停车的；\n"
    "(五)驾驶机动车在高速公路或者城市快速路上违法占用应急车道行驶的；\n"
    "(六)驾驶机动车在道路上行驶时，驾驶人未按规定系安全带，且造成后果的。\n"
    "第三条 驾驶人应当按照规定参加学习。\n"
)


def test_a_listed_offence_takes_the_count_of_its_lead_in(tmp_path: Path) -> None:
    # the clause is longer than one quoted whole: its item is quoted, with the lead-in
    service = service_over(tmp_path, {"points.txt": POINTS})
    answer = service.ask("驾驶机动车不按交通信号灯指示通行一次记几分？")
    assert not answer.refused, answer.answer
    assert answer.direct is not None and "6分" in answer.direct, answer.answer


def test_a_fine_stated_as_a_multiple_of_a_base_is_the_sum_asked(tmp_path: Path) -> None:
    from rag.facts.spans import fact_span

    text = "处违法所得一倍以上三倍以下的罚款；情节严重的，处货值金额百分之十的罚款。"
    found = fact_span("amount", text, ())
    assert found is not None and "一倍以上三倍以下的罚款" in text[found[0] : found[1]]
    rules = (
        "某市燃放烟花爆竹管理条例\n"
        "第八条 任何单位和个人不得销售非法生产的烟花爆竹。\n"
        "第九条 销售烟花爆竹应当取得零售许可证。\n"
        "第二十条 违反本条例第八条规定，销售非法生产的烟花爆竹的，由公安机关没收非法物品，"
        "处违法所得二倍以上五倍以下的罚款。\n"
    )
    service = service_over(tmp_path, {"fireworks.txt": rules})
    answer = service.ask("卖非法生产的烟花爆竹被查到罚多少？")
    assert not answer.refused, answer.answer
    assert "二倍以上五倍以下的罚款" in answer.answer, answer.answer
