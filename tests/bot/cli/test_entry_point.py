"""The console entry point as pyproject declares it, run the way pip's generated `policybot`
script runs it: a command that prints and ends leaves without the interpreter's teardown,
and still delivers all of its output, its exit code and its session turn."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from rag.index.build import index_paths
from rag.index.corpus import open_corpus
from rag.sessions import SESSIONS_DB, SessionStore
from tests.conftest import SEEDS_DIR, make_settings
from tests.live_serve import ROOT, policybot_env

RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"
QUESTION = "日照市新设创投机构最高奖励多少"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    index_paths([RIZHAO], make_settings(data), progress=False)
    return data


def console_script() -> str:
    """What pip writes for `[project.scripts] policybot` (its `sys.exit(function())` wrapper)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    module, function = pyproject["project"]["scripts"]["policybot"].split(":")
    return f"import sys\nfrom {module} import {function}\nsys.exit({function}())\n"


def policybot(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", console_script(), "--data-dir", str(data), *args],
        input=stdin, capture_output=True, text=True, env=policybot_env(), cwd=ROOT, timeout=240,
    )  # fmt: skip


def test_a_one_shot_answer_is_whole_and_its_session_turn_is_kept(data: Path) -> None:
    assert console_script().endswith("sys.exit(run())\n")  # the early-exit entry point
    result = policybot(data, "ask", "--json", "--session", "s1", QUESTION)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)  # the whole object: nothing cut by the early exit
    assert "200万元" in answer["answer"] and answer["citations"]
    turns = SessionStore(data / SESSIONS_DB).history("s1")
    assert [turn.question for turn in turns] == [QUESTION]


def test_buffered_output_and_exit_codes_survive_the_early_exit(data: Path) -> None:
    listed = policybot(data, "docs", "--json")  # block-buffered: a pipe, no flush by print
    corpus = open_corpus(make_settings(data))
    assert listed.returncode == 0 and corpus is not None
    shown = [json.loads(line)["id"] for line in listed.stdout.splitlines()]
    assert shown == [doc.doc_id for doc in corpus.documents()]
    missing = policybot(data, "clause", "若干政策", "999")
    assert missing.returncode == 1 and missing.stderr.startswith("policybot clause: ")
    several = policybot(data, "ask", stdin=f"{QUESTION}\n{QUESTION}\n")
    assert several.returncode == 0 and several.stdout.count("200万元") >= 2
