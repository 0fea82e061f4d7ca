"""A clause giving an organisation's duty and then an individual's right on the same matter
("单位应当在N日内申报；单位未申报的，本人可以在M内申报"): an asker who says they would do
it themselves ("我自己能…吗") is answered by the individual's sentence, not the
organisation's, though both share the asker's words."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

STATUTE = (
    "某市职业病待遇条例\n\n"
    "第一条 为了保障患职业病的劳动者的权益，制定本条例。\n\n"
    "第二条 用人单位应当自劳动者被诊断为职业病之日起二十日内提出待遇核定申请。"
    "用人单位逾期未提出申请的，患病劳动者或者其近亲属可以在诊断之日起六个月内"
    "提出待遇核定申请。\n\n"
    "第三条 本条例自发布之日起施行。\n\n"
)


def test_the_individuals_deadline_answers_an_asker_acting_themselves(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"disease.txt": STATUTE})
    answer = service.ask("单位一直拖着不给报，我自己能去申请待遇核定吗？期限多久？")
    assert not answer.refused, answer.answer
    assert "六个月内" in answer.answer.splitlines()[0], answer.answer


def test_the_organisations_deadline_answers_when_the_organisation_is_asked(
    tmp_path: Path,
) -> None:
    service = service_over(tmp_path, {"disease.txt": STATUTE})
    answer = service.ask("单位多少天内要提出待遇核定申请？")
    assert not answer.refused, answer.answer
    assert "二十日内" in answer.answer.splitlines()[0], answer.answer
