"""A score asked ("要达到多少分") is answered by a figure in points, or not at all."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

POINTS_RULES = (
    "某市居住证积分管理办法\n"
    "第一条 为了规范居住证积分管理，制定本办法。\n"
    "第二条 居住证积分指标体系由基础指标、加分指标和减分指标组成，积分结果作为居住证持有人"
    "在本市享受相应公共服务的依据，具体分值由市人民政府另行公布。\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_a_score_no_clause_states_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"points.txt": POINTS_RULES})
    answer = service.ask("居住证积分要达到多少分才能享受公共服务？")
    assert answer.refused, answer.answer


def test_a_clause_stating_the_score_answers(tmp_path: Path) -> None:
    stated = POINTS_RULES.replace(
        "第三条 本办法自发布之日起施行。",
        "第三条 居住证持有人积分达到100分的，可以申请享受相应公共服务。\n"
        "第四条 本办法自发布之日起施行。",
    )
    service = service_over(tmp_path, {"points.txt": stated})
    answer = service.ask("居住证积分要达到多少分才能享受公共服务？")
    assert not answer.refused, answer.answer
    assert "100分" in answer.answer
