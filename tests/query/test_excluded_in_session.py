"""A group the asker said they are not in ("我不是学生") stays excluded for the session's
follow-ups: the next figure of the same bands is not the excluded group's."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

NOTICE = (
    "某市城乡居民医保参保缴费通告\n"
    "一、缴费标准\n"
    "(一)在校学生：个人缴费标准为每人300元，财政补助标准为每人900元。\n"
    "(二)其他参保人员：个人缴费标准为每人500元，财政补助标准为每人700元。\n"
)


def test_a_follow_up_keeps_the_group_the_asker_is_not_in(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"notice.txt": NOTICE})
    first = service.ask("居民医保个人要交多少钱？我不是学生", session_id="s")
    assert "500元" in first.answer.splitlines()[0], first.answer
    follow = service.ask("那财政补助多少？", session_id="s")
    assert not follow.refused, follow.answer
    assert "900元" not in follow.answer.splitlines()[0], follow.answer
    assert "700元" in follow.answer.splitlines()[0], follow.answer
