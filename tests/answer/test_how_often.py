"""How often something is done ("多久要更换一次") is answered by a clause stating an interval
(每半年, 三年一次, 定期), and refused when the best clause states none."""

from __future__ import annotations

from pathlib import Path

from rag.answer.gates import asks_how_often, states_an_interval
from rag.query.analysis import analyse
from tests.conftest import service_over
from tests.corpus_builders import lone_clause


def test_an_interval_asked_and_stated() -> None:
    assert asks_how_often(analyse("应急照明灯多久要检测一次？", []))
    assert not asks_how_often(analyse("应急照明灯坏了多久能修好？", []))
    for text in ("应急照明灯应当每半年检测一次。", "管理单位应当定期检测应急照明灯。"):
        assert states_an_interval(lone_clause(text)), text
    assert not states_an_interval(lone_clause("应急照明灯应当保持完好有效。"))


RULES = (
    "某市地下空间安全管理办法\n"
    "第一条 为了加强地下空间安全管理，制定本办法。\n"
    "第二条 地下空间管理单位应当配置应急照明灯和疏散指示标志，并保持完好有效。\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_an_interval_no_clause_states_is_refused(tmp_path: Path) -> None:
    service = service_over(tmp_path, {"underground.txt": RULES})
    answer = service.ask("某市地下车库的应急照明灯多久要更换一次？")
    assert answer.refused, answer.answer
    stated = RULES.replace("并保持完好有效", "每半年检测一次，并保持完好有效")
    service = service_over(tmp_path / "stated", {"underground.txt": stated})
    assert not service.ask("某市地下车库的应急照明灯多久要检测一次？").refused
