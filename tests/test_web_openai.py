"""The OpenAI-compatible endpoint, driven by the real `openai` SDK over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest

from bot.web.app import create_app
from rag.protocol import AnswerService
from rag.settings import Settings
from tests.web_live import live_server

QUESTION = "日照市新设创投机构最高奖励多少"


@pytest.fixture(scope="module")
def client(seed_settings: Settings, seed_service: AnswerService) -> Iterator[openai.OpenAI]:
    with live_server(create_app(seed_settings, seed_service)) as base:
        yield openai.OpenAI(base_url=f"{base}/v1", api_key="unused", max_retries=0, timeout=30)


def test_models_lists_policybot(client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["policybot"]


def test_completion_carries_the_answer_and_its_sources(
    client: openai.OpenAI, seed_service: AnswerService
) -> None:
    completion = client.chat.completions.create(
        model="policybot", messages=[{"role": "user", "content": QUESTION}]
    )
    choice = completion.choices[0]
    assert choice.finish_reason == "stop" and choice.message.role == "assistant"
    text = choice.message.content or ""
    answer = seed_service.ask(QUESTION)
    assert text.startswith(answer.answer.strip()) and "200万" in text
    assert "出处" in text
    for citation in answer.citations:
        assert citation.title in text and citation.clause in text and citation.quote in text
    assert completion.model == "policybot" and completion.id.startswith("chatcmpl-")


def test_streaming_gives_the_same_text_and_ends_cleanly(client: openai.OpenAI) -> None:
    messages = [{"role": "user", "content": QUESTION}]
    whole = client.chat.completions.create(model="policybot", messages=messages)
    stream = client.chat.completions.create(model="policybot", messages=messages, stream=True)
    chunks = list(stream)  # the SDK stops at `data: [DONE]`
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"
    streamed = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert streamed == whole.choices[0].message.content and len(chunks) > 3


def test_last_user_message_is_answered_and_user_is_the_session(client: openai.OpenAI) -> None:
    history = [
        {"role": "system", "content": "你是助手"},
        {"role": "user", "content": "泰安对高新技术企业有什么支持?"},
        {"role": "assistant", "content": "……"},
        {"role": "user", "content": [{"type": "text", "text": QUESTION}]},
    ]
    text = ask(client, history, user="openai-test-1")
    assert "200万" in text and "日照" in text
    ask(client, [{"role": "user", "content": "日照对孵化器有什么支持?"}], user="openai-test-2")
    follow = ask(
        client, [{"role": "user", "content": "那新设立的创投机构呢?"}], user="openai-test-2"
    )
    assert "200万" in follow


def ask(client: openai.OpenAI, messages: list, user: str) -> str:
    completion = client.chat.completions.create(model="policybot", messages=messages, user=user)
    return completion.choices[0].message.content or ""


@pytest.mark.parametrize(
    "messages",
    [
        [],
        [{"role": "system", "content": "只有系统消息"}],
        [{"role": "user", "content": "   "}],
    ],
)
def test_requests_without_a_question_are_rejected(client: openai.OpenAI, messages: list) -> None:
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="policybot", messages=messages)
    assert caught.value.status_code == 400
    assert "message" in str(caught.value.body)


def test_unknown_route_under_v1_is_an_openai_error(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        client.embeddings.create(model="policybot", input="孵化器")
