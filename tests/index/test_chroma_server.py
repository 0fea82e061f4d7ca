"""CHROMA_URL: the same indexing and retrieval code against a real local Chroma server
(started from the installed chromadb), and a frozen server costing a clear error, not a hang."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.chroma_server import free_port, wait_until_up
from rag.index.chroma import TIMEOUT, VectorStoreUnavailable, chroma_client
from rag.index.corpus import open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.write import build_generation
from tests.conftest import REPO
from tests.corpus_builders import RIZHAO, file_records, make_document, settings_for, two_city_corpus

CHROMA = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
ROOT = REPO
QUESTION = "日照市新设创投机构最高奖励多少"


@pytest.fixture(scope="module")
def chroma_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    if not Path(CHROMA).is_file():
        pytest.skip("the chroma server CLI (chromadb) is not installed")
    port, path = free_port(), tmp_path_factory.mktemp("chroma-server")
    command = [CHROMA, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url, process
    finally:
        process.send_signal(signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture()
def chroma_url(chroma_server: tuple[str, subprocess.Popen[bytes]]) -> str:
    return chroma_server[0]


def names_on(url: str) -> set[str]:
    return {c.name for c in chroma_client(url, Path("/nonexistent")).list_collections()}


def test_index_and_search_through_a_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    settings = settings_for(tmp_path, chroma_url=chroma_url)
    first = build_generation(tmp_path, two_city_corpus(), settings, HashingEmbedder(256))
    assert not (tmp_path / "generations" / first / "chroma").exists()  # vectors live on the server
    assert f"policybot-{first}-hashing-v1-256" in names_on(chroma_url)
    corpus = open_corpus(settings, HashingEmbedder(256))
    assert corpus is not None
    assert corpus.vector.search("新设立的创业投资机构奖励", 1)[0].clause.text == RIZHAO[0]


def test_pruned_generations_leave_the_server_too(chroma_url: str, tmp_path: Path) -> None:
    settings = settings_for(tmp_path, chroma_url=chroma_url)
    generations = []
    for i in range(3):
        doc = make_document(f"{i}.txt", "日照", f"政策{i}", RIZHAO[: i + 1])
        records = [file_records(f"/src/{i}.txt", doc)]
        generations.append(build_generation(tmp_path, records, settings, HashingEmbedder(256)))
    ours = {n for n in names_on(chroma_url) if any(g in n for g in generations)}
    assert ours == {f"policybot-{g}-hashing-v1-256" for g in generations[1:]}


def policybot(*args: str, data_dir: Path, chroma_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(data_dir), "CHROMA_URL": chroma_url}
    command = [sys.executable, "-m", "bot", *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_index_ask_and_serve_through_chroma_url(chroma_url: str, tmp_path: Path) -> None:
    indexed = policybot("index", str(ROOT / "seeds"), data_dir=tmp_path, chroma_url=chroma_url)
    assert indexed.returncode == 0, indexed.stderr
    generation = (tmp_path / "CURRENT").read_text().strip()
    assert any(generation in name for name in names_on(chroma_url))
    asked = policybot("ask", "--json", QUESTION, data_dir=tmp_path, chroma_url=chroma_url)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert not answer["refused"] and answer["citations"]
    port = free_port()
    env = {**os.environ, "POLICYBOT_DATA_DIR": str(tmp_path), "CHROMA_URL": chroma_url}
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--port", str(port)], env=env, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        served = post_when_up(f"http://127.0.0.1:{port}/api/ask", {"question": QUESTION}, server)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert served["answer"] == answer["answer"]


def post_when_up(url: str, body: dict[str, str], process: subprocess.Popen[bytes]) -> dict:  # type: ignore[type-arg]
    data = json.dumps(body).encode()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        request = urllib.request.Request(url, data, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())  # type: ignore[no-any-return]
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("policybot serve did not answer")


def test_a_frozen_server_costs_a_clear_error_not_a_hang(
    chroma_server: tuple[str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    url, process = chroma_server
    settings = settings_for(tmp_path, chroma_url=url)
    build_generation(tmp_path, two_city_corpus(), settings, HashingEmbedder(256))
    corpus = open_corpus(settings, HashingEmbedder(256))
    assert corpus is not None
    vector = corpus.vector
    assert vector.search("新设立的创业投资机构奖励", 1)  # connected, then the server freezes
    process.send_signal(signal.SIGSTOP)  # the port still accepts; nothing answers
    time.sleep(0.5)  # on a loaded machine: let a reply already in flight arrive first
    try:
        start = time.monotonic()
        with pytest.raises(VectorStoreUnavailable, match="did not answer in time"):
            vector.search("新设立的创业投资机构奖励", 1)
        assert time.monotonic() - start < TIMEOUT[0] + TIMEOUT[1] + 2
    finally:
        process.send_signal(signal.SIGCONT)
    assert vector.search("新设立的创业投资机构奖励", 1)  # and it recovers with the server


@pytest.fixture()
def silent_port() -> Iterator[int]:
    """A socket that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield int(sock.getsockname()[1])


def test_ask_against_a_silent_server_says_so_within_the_budget(
    silent_port: int, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{silent_port}"
    start = time.monotonic()
    with pytest.raises(VectorStoreUnavailable, match=r"did not answer in time.*CHROMA_URL"):
        chroma_client(url, tmp_path)
    assert time.monotonic() - start < TIMEOUT[0] + TIMEOUT[1] + 2
    build_generation(tmp_path, two_city_corpus(), settings_for(tmp_path), HashingEmbedder())
    start = time.monotonic()
    asked = policybot("ask", QUESTION, data_dir=tmp_path, chroma_url=url)
    assert f"the Chroma server at {url} did not answer in time" in asked.stderr
    assert time.monotonic() - start < 60  # process start-up included; never a hang


def test_a_clause_question_never_waits_for_the_vector_index(
    chroma_server: tuple[str, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    from rag.index.embeddings import make_embedder
    from rag.service import build_answer_service

    url, process = chroma_server
    settings = settings_for(tmp_path, chroma_url=url)
    build_generation(tmp_path, two_city_corpus(), settings, make_embedder(settings))
    process.send_signal(signal.SIGSTOP)  # Chroma cannot be opened until it is resumed
    try:
        service = build_answer_service(
            settings, mode="extractive"
        )  # opens Chroma in the background
        start = time.monotonic()
        answer = service.ask("日照若干政策第1条原文")
        assert time.monotonic() - start < TIMEOUT[0]  # answered without waiting for Chroma
        assert not answer.refused and answer.citations[0].quote == RIZHAO[0]
        with pytest.raises(VectorStoreUnavailable, match="did not answer in time"):
            service.ask(QUESTION)  # a vector search waits for the opening, which failed
    finally:
        process.send_signal(signal.SIGCONT)
    answer = service.ask(QUESTION)  # the next search opens it again
    assert not answer.refused and "200万元" in answer.answer
