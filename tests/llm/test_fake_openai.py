"""The fake OpenAI-compatible server speaks the protocol the real `openai` SDK expects."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import openai
import pytest

from tests.fakes.fake_openai import FakeOpenAI, Reply


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def client(fake: FakeOpenAI, **options: object) -> openai.OpenAI:
    return openai.OpenAI(api_key="sk-fake", base_url=fake.base_url, max_retries=0, **options)  # type: ignore[arg-type]


def test_chat_completion_is_served_and_recorded(fake: FakeOpenAI) -> None:
    fake.reply("你好[1]")
    result = client(fake).chat.completions.create(
        model="m", messages=[{"role": "user", "content": "问"}], temperature=0
    )
    assert result.choices[0].message.content == "你好[1]"
    assert fake.chat_requests[0].body["messages"] == [{"role": "user", "content": "问"}]
    assert fake.chat_requests[0].message_text("user") == "问"


def test_streaming_sends_deltas_then_done(fake: FakeOpenAI) -> None:
    fake.reply(Reply("最高200万元[1]", chunk_chars=2))
    stream = client(fake).chat.completions.create(
        model="m",
        messages=[{"role": "user", "content": "问"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "最高200万元[1]"
    assert len(chunks) > 5 and chunks[-1].usage is not None


def test_wrong_key_unknown_path_and_bad_request(fake: FakeOpenAI) -> None:
    wrong = openai.OpenAI(api_key="sk-wrong", base_url=fake.base_url, max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        wrong.chat.completions.create(model="m", messages=[{"role": "user", "content": "q"}])
    response = httpx.post(
        fake.base_url + "/nowhere", headers={"Authorization": "Bearer sk-fake"}, json={}
    )
    assert response.status_code == 404
    with pytest.raises(openai.BadRequestError):
        client(fake).chat.completions.create(model="m", messages=[])


def test_errors_delays_and_malformed_bodies(fake: FakeOpenAI) -> None:
    fake.reply(Reply.error(429, retry_after=0.05), Reply.error(500), Reply(raw=b"{not json"))
    with pytest.raises(openai.RateLimitError) as rate_limited:
        client(fake).chat.completions.create(model="m", messages=[{"role": "user", "content": "q"}])
    assert rate_limited.value.response.headers["retry-after"] == "0.05"
    with pytest.raises(openai.InternalServerError):
        client(fake).chat.completions.create(model="m", messages=[{"role": "user", "content": "q"}])
    with pytest.raises(Exception):  # noqa: B017 - any parse failure will do
        client(fake).chat.completions.create(model="m", messages=[{"role": "user", "content": "q"}])
    fake.reply(Reply("slow", delay=1.0))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client(fake, timeout=0.2).chat.completions.create(
            model="m", messages=[{"role": "user", "content": "q"}]
        )
    assert time.monotonic() - started < 0.9


def test_handler_sees_the_request(fake: FakeOpenAI) -> None:
    fake.handler = lambda request: "echo:" + request.message_text("user")
    result = client(fake).chat.completions.create(
        model="m", messages=[{"role": "user", "content": "abc"}]
    )
    assert result.choices[0].message.content == "echo:abc"


def test_embeddings_are_deterministic_in_both_encodings(fake: FakeOpenAI) -> None:
    api = client(fake)
    base64_vectors = api.embeddings.create(model="e", input=["创业投资", "创业投资机构", "天气"])
    float_vectors = api.embeddings.create(model="e", input="创业投资", encoding_format="float")
    first = base64_vectors.data[0].embedding
    assert len(first) == 64
    assert first == pytest.approx(float_vectors.data[0].embedding, abs=1e-6)

    def cosine(a: list[float], b: list[float]) -> float:
        return sum(x * y for x, y in zip(a, b, strict=True))

    similar = cosine(first, base64_vectors.data[1].embedding)
    assert similar > cosine(first, base64_vectors.data[2].embedding)
    fake.fail_embeddings(Reply.error(503))
    with pytest.raises(openai.InternalServerError):
        api.embeddings.create(model="e", input="x")
    assert len(fake.embedding_requests) == 3


def test_a_failing_handler_is_a_500_that_says_why(fake: FakeOpenAI) -> None:
    fake.handler = lambda request: {}["missing"]
    with pytest.raises(openai.InternalServerError, match="handler failed"):
        client(fake).chat.completions.create(model="m", messages=[{"role": "user", "content": "q"}])
