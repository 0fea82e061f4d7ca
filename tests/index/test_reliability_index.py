"""The index is never replaced by anything the user did not ask to index, and a damaged one
is reported (file + what to run), never answered from, never a traceback."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from bot.cli import main
from bot.web.app import create_app
from rag.compose import open_or_index
from rag.index.build import index_paths
from rag.index.generations import (
    CURRENT,
    IndexDamagedError,
    complete_generations,
    current_dir,
)
from rag.settings import Settings
from tests.wecom_support import live_server

POLICY = (
    "关于支持青年科技人才创新的若干措施\n\n测试市科学技术局\n2025年3月1日\n\n"
    "一、支持青年人才\n1. 对新引进的青年科技人才给予每人5万元安家补贴。\n"
    "2. 对青年人才承担的市级科研项目给予最高20万元资助。\n"
)
SEED = (
    "关于促进孵化器发展的办法\n\n测试市科学技术局\n2025年1月1日\n\n"
    "一、孵化器\n1. 对新认定的孵化器给予10万元奖励。\n"
)


@pytest.fixture
def user_files(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "youth_policy.txt").write_text(POLICY, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path: Path, settings_factory: Callable[..., Settings]) -> Settings:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seed_policy.txt").write_text(SEED, encoding="utf-8")
    return settings_factory(data_dir=tmp_path / "data", seeds_dir=seeds)


@pytest.fixture
def indexed(settings: Settings, user_files: Path) -> Path:
    """A data directory holding what the user indexed; returns its generation directory."""
    index_paths([user_files], settings, progress=False)
    generation = current_dir(Path(settings.data_dir))
    assert generation is not None
    return generation


def ask(settings: Settings, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--data-dir", str(settings.data_dir), "ask", "青年人才安家补贴多少"])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_empty_data_directory_gets_the_seeds(settings: Settings) -> None:
    corpus = open_or_index(settings)
    assert [d.title for d in corpus.documents()] == ["关于促进孵化器发展的办法"]


@pytest.mark.parametrize("damage", ["missing", "empty", "gone"])
def test_a_damaged_current_is_reported_and_nothing_replaces_the_users_index(
    damage: str, settings: Settings, indexed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = Path(settings.data_dir)
    if damage == "missing":
        (data_dir / CURRENT).unlink()
    elif damage == "empty":
        (data_dir / CURRENT).write_text("\n")
    else:
        (data_dir / CURRENT).write_text("20990101T000000-abcdef\n")
    code, out, err = ask(settings, capsys)
    assert code != 0 and out == ""
    assert str(data_dir / CURRENT) in err and f"echo {indexed.name} >" in err
    assert "policybot index" in err and "Traceback" not in err
    assert complete_generations(data_dir) == [indexed.name]  # the seeds were not indexed
    with pytest.raises(IndexDamagedError):
        open_or_index(settings)
    assert complete_generations(data_dir) == [indexed.name]


def test_indexing_with_a_damaged_current_deletes_no_earlier_generation(
    settings: Settings, indexed: Path, user_files: Path
) -> None:
    (Path(settings.data_dir) / CURRENT).unlink()
    report = index_paths([user_files], settings, progress=False)
    assert report.switched
    assert set(complete_generations(Path(settings.data_dir))) == {indexed.name, report.generation}


def _garbage_vocabulary(generation: Path) -> str:
    (generation / "vocabulary.marshal").write_bytes(b"\x00garbage\xff" * 10)
    return "vocabulary.marshal"


def _truncated_corpus(generation: Path) -> str:
    path = generation / "corpus.sqlite"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return "corpus.sqlite"


def _missing_bm25(generation: Path) -> str:
    shutil.rmtree(generation / "bm25")
    return "bm25"


def _not_sqlite(generation: Path) -> str:
    (generation / "corpus.sqlite").write_bytes(b"hello")
    return "corpus.sqlite"


def _garbage_rows(generation: Path) -> str:
    (generation / "rows.json").write_text('{"clause_ids": [', encoding="utf-8")
    return "rows.json"


@pytest.mark.parametrize(
    "damage", [_garbage_vocabulary, _truncated_corpus, _missing_bm25, _not_sqlite, _garbage_rows]
)
def test_a_damaged_file_is_named_with_what_to_run_never_a_traceback(
    damage: Callable[[Path], str],
    settings: Settings,
    indexed: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = damage(indexed)
    code, out, err = ask(settings, capsys)
    assert code != 0 and out == ""
    assert name in err and "policybot index" in err and "Traceback" not in err
    code = main(["--data-dir", str(settings.data_dir), "docs"])
    err = capsys.readouterr().err
    if name in ("corpus.sqlite", "bm25"):  # `docs` reads no vocabulary and no BM25 rows
        assert code == 1 and name in err and "Traceback" not in err
    else:
        assert code == 0
    code = main(["--data-dir", str(settings.data_dir), "serve", "--port", "9"])
    err = capsys.readouterr().err
    assert code == 1 and name in err
    assert complete_generations(Path(settings.data_dir)) == [indexed.name]


def test_serve_answers_503_when_the_index_breaks_under_it(
    settings: Settings, indexed: Path
) -> None:
    from rag.service import build_answer_service

    service = build_answer_service(settings, mode="extractive")
    with live_server(create_app(settings, service)) as base:
        before = httpx.post(base + "/api/ask", json={"question": "青年人才安家补贴多少"})
        (indexed / "corpus.sqlite").write_bytes(b"\x00" * 4096)
        after = httpx.post(base + "/api/ask", json={"question": "青年人才项目资助多少"})
        clause = httpx.get(base + "/api/clauses/anything")
    assert before.status_code == 200 and "5万元" in before.json()["answer"]
    assert after.status_code == 503 and after.json()["error"] == "index_unavailable"
    assert "policybot index" in after.json()["message"]
    assert clause.status_code == 503


def test_indexing_over_a_damaged_generation_parses_every_file_again(
    settings: Settings, indexed: Path, user_files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _truncated_corpus(indexed)
    report = index_paths([user_files], settings, progress=False)
    assert report.switched and report.ok
    code, out, _ = ask(settings, capsys)
    assert code == 0 and "5万元" in out
