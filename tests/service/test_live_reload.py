"""Serving processes follow re-indexing without a restart, and keep what they read on disk."""

from __future__ import annotations

from pathlib import Path

import httpx

from rag.index.build import add_paths, index_paths
from rag.index.corpus import open_corpus
from rag.index.generations import current_id, generations_dir
from rag.live import LiveAnswerService
from tests.conftest import SEEDS_DIR, make_settings
from tests.live_serve import Asker, policybot, served

TAIAN, NANTONG = SEEDS_DIR / "000_0e7b4b1e1064c15b.txt", SEEDS_DIR / "001_1bc77537f83d15ef.txt"
RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"
RIZHAO_QUESTION = "日照市新设创投机构最高奖励多少"
NANTONG_QUESTION = "南通到2018年高新技术产业产值要达到多少"


def ask(base: str, question: str) -> dict[str, object]:
    response = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=60)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_serve_follows_index_runs_without_failing_a_request(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert policybot(data, "index", str(TAIAN), str(RIZHAO)).returncode == 0
    with served(data) as base, Asker(base, RIZHAO_QUESTION).running() as asker:
        assert ask(base, NANTONG_QUESTION)["refused"]
        added = policybot(data, "index", "--add", str(NANTONG))
        assert added.returncode == 0, added.stderr
        answer = ask(base, NANTONG_QUESTION)  # the very next request sees the new generation
        assert not answer["refused"] and "7800亿元" in str(answer["answer"])
        documents = httpx.get(f"{base}/healthz").json()["documents"]
        # two more generations while the asker keeps going: the oldest ones are pruned
        assert policybot(data, "index", "--remove", NANTONG.name).returncode == 0
        assert ask(base, NANTONG_QUESTION)["refused"]
        assert policybot(data, "index", "--add", str(NANTONG)).returncode == 0
        assert not ask(base, NANTONG_QUESTION)["refused"]
        assert httpx.get(f"{base}/healthz").json()["documents"] == documents
    assert asker.answers > 0 and asker.failures == []
    assert len(list(generations_dir(data).iterdir())) <= 3


def test_a_generation_in_use_stays_on_disk(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    index_paths([TAIAN], settings, progress=False)
    reader = open_corpus(settings)
    assert reader is not None
    add_paths([NANTONG], settings, progress=False)
    add_paths([RIZHAO], settings, progress=False)  # two switches later it is still readable
    assert (reader.path / "corpus.sqlite").is_file() and reader.documents()
    reader.close()
    index_paths([TAIAN], settings, progress=False)
    assert not reader.path.exists()  # released: the next switch deletes it


def test_live_service_switches_on_the_next_call_and_closes_the_old_corpus(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path / "data")
    index_paths([TAIAN, RIZHAO], settings, progress=False)
    live = LiveAnswerService(settings, "extractive")
    first = live.generation
    assert live.ask(NANTONG_QUESTION).refused
    add_paths([NANTONG], settings, progress=False)
    assert not live.ask(NANTONG_QUESTION).refused
    assert live.generation == current_id(settings.data_dir) != first
    index_paths([TAIAN], settings, progress=False)  # the first generation was released
    assert not (generations_dir(settings.data_dir) / first).exists()
