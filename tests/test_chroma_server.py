"""CHROMA_URL: the same indexing and retrieval code against a real local Chroma server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.index.build import build_generation
from rag.index.corpus import open_corpus
from rag.index.embeddings import HashingEmbedder
from rag.index.vector import chroma_client
from tests.corpus_builders import RIZHAO, file_records, make_document, settings_for, two_city_corpus

CHROMA = shutil.which("chroma")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the Chroma server did not start")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if CHROMA is None:
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
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


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
