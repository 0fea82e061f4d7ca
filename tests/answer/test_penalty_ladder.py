"""A sum asked and the quoted sentence goes on, after a semicolon, to a heavier penalty for
not complying: the quote takes in that rung too, one verbatim span."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import service_over

RULES = (
    "某市烟花爆竹燃放管理规定\n"
    "第一条 为了加强烟花爆竹燃放管理，保障公共安全，制定本规定。\n"
    "第二条 本市中心城区为烟花爆竹禁止燃放区域。\n"
    "第三条 违反本规定第二条，在禁止燃放区域燃放烟花爆竹的，由公安机关责令停止燃放，可以处一百元"
    "罚款；拒不改正的，处五百元罚款；造成他人损害的，依法承担赔偿责任。"
    "燃放人应当配合公安机关和街道办事处、乡镇人民政府开展的燃放管理监督检查，如实提供所购烟花"
    "爆竹的来源、数量等有关情况，不得拒绝、阻碍，有关部门应当将检查情况记录在案并向社会公开。"
    "街道办事处、乡镇人民政府应当组织居民委员会、村民委员会和物业服务企业宣传安全燃放知识，"
    "引导居民自觉遵守本规定，对多次违反本规定的燃放人进行劝导和教育。\n"
)


def test_the_heavier_rung_is_quoted_with_the_sum(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"fireworks.txt": RULES})
    answer = service.ask("在禁止燃放区域燃放烟花爆竹会被罚多少钱")
    assert not answer.refused, answer.answer
    quote = answer.citations[0].quote
    assert "一百元罚款" in quote and "拒不改正的，处五百元罚款" in quote, answer.answer
    assert "赔偿" not in quote  # the ladder ends where the sums end
