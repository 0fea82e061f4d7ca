"""`policybot ask/eval --mode llm` end to end: a subprocess, the real SDK, a fake endpoint."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fakes.fake_openai import FakeOpenAI, RecordedRequest

_SOURCE = re.compile(r"^\[(\d+)\] 《.*?\n<<<\n(.*?)\n>>>", re.MULTILINE | re.DOTALL)


def grounded_model(request: RecordedRequest) -> str:
    """A well-behaved model: rewrites follow-ups, else quotes the first sentence of the first
    source that names an amount (or of source [1]) and cites it. Questions asking for a
    "最多" amount get an invented one, to exercise verification."""
    user = request.message_text("user")
    if "<history>" in user:
        return "日照市对新设立的创业投资机构有什么支持?"
    question = user.split("<question>\n", 1)[1].split("\n</question>", 1)[0]
    if "最多" in question:
        return "日照对新设立的创业投资机构最多奖励300万元[1]。"
    sources = [(int(n), text) for n, text in _SOURCE.findall(user)]
    number, text = next(((n, t) for n, t in sources if "万元" in t), sources[0])
    sentences = [s for s in re.split(r"(?<=[。;；])", text) if s.strip()]
    sentence = next((s for s in sentences if "万元" in s), sentences[0])
    return f"「{sentence.strip()}」[{number}]"


@pytest.fixture(scope="module")
def data_dir(seed_service, seed_settings) -> Path:  # type: ignore[no-untyped-def]
    return Path(seed_settings.data_dir)  # already indexed by seed_service


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        server.handler = grounded_model
        yield server


def policybot(
    args: list[str], data_dir: Path, base_url: str | None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "POLICYBOT_"))}
    env |= {"POLICYBOT_DATA_DIR": str(data_dir), "POLICYBOT_SEEDS_DIR": str(REPO / "seeds")}
    if base_url:
        env |= {"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-fake"}
        env |= {"POLICYBOT_LLM_MODEL": "fake-model", "POLICYBOT_LLM_TIMEOUT": "3"}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=data_dir,  # no developer .env is picked up
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
    )


def test_ask_llm_json_verifies_condenses_and_falls_back(data_dir, fake):
    questions = "日照对孵化器有什么支持?\n那新设立的创投机构呢?\n日照新设创投机构最多奖励多少\n"
    args = ["ask", "--mode", "llm", "--json", "--session", "llm-cli"]
    result = policybot(args, data_dir, fake.base_url, questions)
    assert result.returncode == 0, result.stderr
    incubator, follow_up, invented = (json.loads(line) for line in result.stdout.splitlines())
    for answer in (incubator, follow_up):
        assert (answer["mode"], answer["verified"], answer["fallback_reason"]) == (
            "llm",
            True,
            None,
        )
        assert "200万元" in answer["answer"] and answer["answer"].endswith("[1]")
        assert "200万元" in answer["citations"][0]["quote"]
    assert "第14条" in follow_up["citations"][0]["clause"]
    [condense] = [r for r in fake.chat_requests if "<history>" in r.message_text("user")]
    assert "用户：日照对孵化器有什么支持?" in condense.message_text("user")
    sent = fake.chat_requests[-2].message_text("user")  # the follow-up, retrieved as condensed
    assert "对新设立的创业投资机构,按照投资额度给予最高200万元奖励" in sent
    assert (invented["mode"], invented["verified"]) == ("extractive", True)
    assert invented["fallback_reason"] == "unverified amount 300万元"
    assert "300万元" not in invented["answer"] and "200万元" in invented["answer"]


def test_unreachable_endpoint_falls_back_quietly(data_dir):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    question = "日照市新设创投机构最高奖励多少"
    result = policybot(["ask", "--mode", "llm", "--json", question], data_dir, closed)
    assert result.returncode == 0 and "Traceback" not in result.stderr
    answer = json.loads(result.stdout)
    assert (answer["mode"], answer["fallback_reason"]) == ("extractive", "connection error")
    assert "200万元" in answer["answer"]


def test_eval_runs_in_llm_mode_against_the_endpoint(data_dir, fake, tmp_path):
    golden = tmp_path / "golden.jsonl"
    rows = [
        {"id": "a", "question": "日照市新设创投机构最高奖励多少", "expect_facts": ["200万元"]},
        {"id": "b", "question": "日照对孵化器有什么支持?", "expect_facts": ["200万元"]},
    ]
    golden.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = policybot(["eval", str(golden), "--mode", "llm", "--json"], data_dir, fake.base_url)
    assert result.returncode == 0, result.stderr
    metrics = json.loads(result.stdout)
    assert metrics["facts"] == 1.0 and metrics["verbatim"] == 1.0
    assert len(fake.chat_requests) == 2
