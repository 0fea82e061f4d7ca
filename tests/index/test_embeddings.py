"""Embedders: the offline hashing default, and the OpenAI path against a local fake server."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from rag.index.embeddings import HashingEmbedder, OpenAIEmbedder, make_embedder
from rag.settings import MissingSettingError, Settings


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_hashing_vectors_are_unit_length_and_fixed_size() -> None:
    vectors = HashingEmbedder(dim=256).embed(["创业投资机构", "孵化器", ""])
    assert [len(v) for v in vectors] == [256, 256, 256]
    assert math.isclose(math.sqrt(sum(x * x for x in vectors[0])), 1.0, rel_tol=1e-5)
    assert all(x == 0 for x in vectors[2])  # nothing to hash: the zero vector, not NaN


def test_hashing_similarity_follows_shared_words() -> None:
    query, near, far = HashingEmbedder().embed(
        [
            "新设立的创业投资机构奖励",
            "对新设立的创业投资机构给予最高200万元奖励",
            "科技特派员服务乡村振兴",
        ]
    )
    assert cosine(query, near) > 0.4
    assert cosine(query, far) < 0.1


def test_hashing_is_deterministic_across_processes() -> None:
    code = (
        "from rag.index.embeddings import HashingEmbedder;"
        "print(HashingEmbedder(64).embed(['高新技术企业'])[0])"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(runs) == 1
    assert json.loads(runs.pop()) == HashingEmbedder(64).embed(["高新技术企业"])[0]


def test_name_identifies_the_vector_space() -> None:
    assert HashingEmbedder(1024).name != HashingEmbedder(512).name


class FakeEmbeddings(BaseHTTPRequestHandler):
    """A strict OpenAI-compatible /v1/embeddings peer: checks auth, model and input."""

    requests: ClassVar[list[dict[str, object]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeEmbeddings.requests.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), **body}
        )
        if self.path != "/v1/embeddings" or not isinstance(body.get("input"), list):
            self.send_error(404)
            return
        data = [
            {"object": "embedding", "index": i, "embedding": [float(len(text)), 1.0, float(i)]}
            for i, text in enumerate(body["input"])
        ]
        data.reverse()  # the SDK contract is the `index` field, not the order
        payload = {"object": "list", "data": data, "model": body["model"],
                   "usage": {"prompt_tokens": 1, "total_tokens": 1}}  # fmt: skip
        raw = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def embeddings_server() -> Iterator[str]:
    FakeEmbeddings.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeEmbeddings)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_openai_embedder_talks_to_a_compatible_server(embeddings_server: str) -> None:
    settings = Settings(
        embedding_model="bge-m3", embedding_base_url=embeddings_server, openai_api_key="sk-test"
    )
    embedder = make_embedder(settings)
    assert isinstance(embedder, OpenAIEmbedder)
    embedder.batch_size = 2
    vectors = embedder.embed(["一", "二二", "三三三"])
    assert vectors == [[1.0, 1.0, 0.0], [2.0, 1.0, 1.0], [3.0, 1.0, 0.0]]
    assert [r["input"] for r in FakeEmbeddings.requests] == [["一", "二二"], ["三三三"]]
    assert {r["model"] for r in FakeEmbeddings.requests} == {"bge-m3"}
    assert {r["auth"] for r in FakeEmbeddings.requests} == {"Bearer sk-test"}
    assert embedder.name == "openai-bge-m3"


def test_local_server_needs_no_key(embeddings_server: str) -> None:
    embedder = make_embedder(
        Settings(embedding_model="bge-m3", embedding_base_url=embeddings_server)
    )
    assert embedder.embed(["x"]) == [[1.0, 1.0, 0.0]]


def test_remote_model_without_key_or_server_names_the_setting() -> None:
    settings = Settings(
        embedding_model="text-embedding-3-small",
        openai_api_key=None,
        embedding_base_url=None,
        openai_base_url=None,
    )
    with pytest.raises(MissingSettingError, match="OPENAI_API_KEY"):
        make_embedder(settings)


def test_default_is_the_offline_hashing_embedder() -> None:
    embedder = make_embedder(Settings(_env_file=None, embedding_model="hashing"))
    assert isinstance(embedder, HashingEmbedder) and embedder.name == "hashing-v1-1024"


def test_hashing_dimension_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBOT_HASHING_DIM", "384")
    embedder = make_embedder(Settings(_env_file=None))
    assert embedder.name == "hashing-v1-384"
    assert len(embedder.embed(["高新技术企业"])[0]) == 384
