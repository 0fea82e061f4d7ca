"""A share the asker states ("超速百分之二十") is the tier they are in, not a word a clause must
write: the tiered clause answers instead of a refusal; its band holding the asker's share
("超过百分之十不足百分之三十的") is found as a tier (tests/facts/test_tiers.py)."""

from __future__ import annotations

from pathlib import Path

from rag.query.analysis import analyse
from tests.conftest import service_over

RULES = (
    "某市船舶航行管理办法\n"
    "第一条 为了加强内河船舶航行管理，制定本办法。\n"
    "第二条 船舶在内河航道航行，应当遵守限速规定。\n"
    "第三条 违反本办法第二条规定的，超过规定航速不足百分之十的，给予警告；"
    "超过百分之十不足百分之三十的，处一百元罚款；超过百分之三十的，处五百元罚款。\n"
    "第四条 船舶应当按照规定配备救生设备。\n"
)


def test_a_stated_share_is_no_term() -> None:
    terms = [g.term for g in analyse("船舶超速百分之二十罚多少钱", []).terms]
    assert not any("百分之" in t or "二十" in t for t in terms), terms
    # the asked share is no term either (an asking word inside a word: the asked figure), and
    # stripping stated shares leaves the words around it
    assert [g.term for g in analyse("罚款比例是百分之几", []).terms] == ["罚款", "比例"]


def test_the_tier_of_the_stated_share_answers(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"boats.txt": RULES})
    answer = service.ask("船舶在航道上超速百分之二十，罚多少钱？")
    assert not answer.refused, answer.answer
    assert "处一百元罚款" in answer.citations[0].quote, answer.answer
