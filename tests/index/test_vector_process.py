"""A one-shot process's vectors load in a forked child (`rag.index.vector_process`): its
searches equal Chroma's in the answering process, and every way the child can fail leaves
the answer to Chroma opened in-process.

Forking is only done before chromadb is imported, and this test process has imported it,
so each case runs in a fresh Python process, as `policybot ask` does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rag.index.embeddings import HashingEmbedder
from rag.index.write import build_generation
from tests.corpus_builders import settings_for, two_city_corpus

REPO = Path(__file__).resolve().parents[2]
DIM = 256

# searches in the child and in the parent, printed as JSON: one unfiltered, one by city (a
# wide filter: unfiltered neighbours kept), one by document (exact ranking: `get`)
SEARCHES = """
import json, sys
from pathlib import Path
from rag.index.corpus import open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.vector_process import RemoteCollection, VectorProcess
from rag.protocol import SearchFilters
from tests.corpus_builders import settings_for

settings = settings_for(Path(sys.argv[1]), hashing_dim={dim})
process = VectorProcess.start(settings) if sys.argv[2] == "child" else None
{before_search}
corpus = open_corpus(settings, HashingEmbedder({dim}))
corpus.background_vectors = False
corpus.vector_process = process
city = corpus.documents()[0].city
doc = corpus.documents()[1].doc_id
found = []
for query, filters in [
    ("孵化器补助", None),
    ("创业投资机构奖励", SearchFilters(cities=(city,) if city else ())),
    ("研发投入", SearchFilters(doc_ids=(doc,))),
]:
    hits = corpus.vector.search(query, 4, filters)
    found.append([[h.clause.clause_id, round(h.score, 5)] for h in hits])
remote = all(isinstance(c, RemoteCollection) for c in corpus.vector._collections)
print(json.dumps({{"started": process is not None, "remote": remote, "found": found}}))
"""


def _indexed(path: Path) -> Path:
    """A generation of two cities' policies, its vectors in several shards."""
    settings = settings_for(path, hashing_dim=DIM, vector_shard_size=4)
    build_generation(path, two_city_corpus(), settings, HashingEmbedder(DIM))
    return path


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _indexed(tmp_path_factory.mktemp("vector-process"))


def _searched(data_dir: Path, side: str, before_search: str = "") -> dict[str, object]:
    script = SEARCHES.format(dim=DIM, before_search=textwrap.dedent(before_search))
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir), side],
        capture_output=True, text=True, cwd=REPO, env=_environment(), timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POLICYBOT_", "CHROMA"))}
    return {**env, "PYTHONPATH": str(REPO)}


def test_the_child_searches_every_shard_as_the_answering_process_would(data_dir: Path) -> None:
    in_process = _searched(data_dir, "parent")
    in_child = _searched(data_dir, "child")
    assert in_process["started"] is False and in_process["remote"] is False
    assert in_child["started"] is True and in_child["remote"] is True
    assert in_child["found"] == in_process["found"]
    assert all(in_process["found"])  # type: ignore[arg-type]  # every search found clauses


def test_a_child_that_died_leaves_the_search_to_this_process(data_dir: Path) -> None:
    killed = "import os, signal; os.kill(process.pid, signal.SIGKILL); os.waitpid(process.pid, 0)"
    result = _searched(data_dir, "child", killed)
    assert result["started"] is True and result["remote"] is False
    assert result["found"] == _searched(data_dir, "parent")["found"]


def test_a_child_that_dies_after_opening_leaves_the_searches_to_this_process(
    data_dir: Path,
) -> None:
    killed = (
        "import os, signal; process._wait_until_opened(); "
        "os.kill(process.pid, signal.SIGKILL); os.waitpid(process.pid, 0)"
    )
    result = _searched(data_dir, "child", killed)
    assert result["started"] is True and result["remote"] is True  # opened by the child …
    assert result["found"] == _searched(data_dir, "parent")["found"]  # … searched here


def test_a_child_holding_another_generation_is_not_used(tmp_path: Path) -> None:
    # the served generation moves on between the fork and the search: the child opened the
    # old one, so the answering process opens the new one itself
    republish = f"""
    import time
    process._wait_until_opened()
    from rag.index.write import build_generation
    from tests.corpus_builders import two_city_corpus
    build_generation(settings.data_dir, two_city_corpus(), settings, HashingEmbedder({DIM}))
    """
    result = _searched(_indexed(tmp_path), "child", republish)
    assert result["started"] is True and result["remote"] is False


def test_no_fork_once_chromadb_is_loaded_or_another_thread_runs(data_dir: Path) -> None:
    sleeper = "import threading, time; threading.Thread(target=time.sleep, args=(2,)).start()"
    for before in ("import chromadb", sleeper):
        script = f"""
import sys
from pathlib import Path
{before}
from rag.index.vector_process import VectorProcess
from tests.corpus_builders import settings_for
print(VectorProcess.start(settings_for(Path(sys.argv[1]))) is None)
"""
        done = subprocess.run([sys.executable, "-c", script, str(data_dir)], capture_output=True,
                              text=True, cwd=REPO, env=_environment(), timeout=60)  # fmt: skip
        assert done.stdout.strip() == "True", (before, done.stderr)


def test_a_one_shot_ask_answers_alike_and_leaves_no_process(tmp_path: Path) -> None:
    """`policybot ask` on the seeds, with the vector process and without: the same answer,
    and once it has printed, no process of it is left."""
    env = {**_environment(), "POLICYBOT_DATA_DIR": str(tmp_path / "data")}
    question = "日照市新设创投机构最高奖励多少"
    subprocess.run([sys.executable, "-m", "bot", "ask", question], env=env, cwd=REPO,
                   capture_output=True, timeout=300, check=True)  # fmt: skip  # indexes the seeds
    answers = []
    for setting in ("1", "0"):
        done = subprocess.run(
            [sys.executable, "-m", "bot", "ask", "--json", question],
            env={**env, "POLICYBOT_VECTOR_PROCESS": setting}, cwd=REPO,
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        answers.append(json.loads(done.stdout))
    assert answers[0]["citations"]
    assert {k: v for k, v in answers[0].items() if answers[1][k] != v} == {}
    time.sleep(0.5)  # SIGKILL is sent before exit; the kernel ends the child at once
    assert not _processes_naming(question)


def _processes_naming(text: str) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text.encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:  # ended while being read
            continue
    return found
