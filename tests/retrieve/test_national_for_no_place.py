"""A question naming no place is best answered by the rule that applies everywhere: of a
national and a local document saying the same, the national one ranks first; naming the
place brings its own rule first."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

NATIONAL = (
    "中华人民共和国停车场管理条例\n"
    "第一条 为了规范停车场管理，制定本条例。\n"
    "第二条 经营者应当自取得停车场之日起三十日内办理停车场备案。\n"
)
LOCAL = (
    "甲州市停车场管理条例\n"
    "第一条 为了规范本市停车场管理，制定本条例。\n"
    "第二条 经营者应当自取得停车场之日起十五日内办理停车场备案。\n"
)


def test_no_place_named_the_national_rule_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"national.txt": NATIONAL, "local.txt": LOCAL})
    anywhere = service.ask("经营者多少天内要办停车场备案？")
    assert "三十日" in anywhere.answer.splitlines()[0], anywhere.answer
    local = service.ask("甲州经营者多少天内要办停车场备案？")
    assert "十五日" in local.answer.splitlines()[0], local.answer
