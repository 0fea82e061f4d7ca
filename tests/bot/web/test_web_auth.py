"""POLICYBOT_API_KEY: the real app over the seed index, driven by httpx and the real openai SDK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from bot.web.app import create_app
from rag.protocol import AnswerService
from tests.conftest import make_settings
from tests.web_live import live_server

KEY = "pb-test-7f3a9c"
QUESTION = "日照市新设创投机构最高奖励多少"


@pytest.fixture(scope="module")
def base_url(
    seed_service: AnswerService, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    settings = make_settings(Path(tmp_path_factory.mktemp("auth")), api_key=KEY)
    with live_server(create_app(settings, seed_service)) as base:
        yield base


def sdk(base_url: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base_url}/v1", api_key=key, max_retries=0, timeout=30)


def ask(client: openai.OpenAI, **options: object) -> object:
    messages = [{"role": "user", "content": QUESTION}]
    return client.chat.completions.create(model="policybot", messages=messages, **options)  # type: ignore[call-overload]


def test_the_right_key_gets_answers(base_url: str) -> None:
    completion = ask(sdk(base_url, KEY))
    assert "200万" in (completion.choices[0].message.content or "")  # type: ignore[attr-defined]
    chunks = list(ask(sdk(base_url, KEY), stream=True))  # type: ignore[call-overload]
    assert "200万" in "".join(c.choices[0].delta.content or "" for c in chunks)
    assert [m.id for m in sdk(base_url, KEY).models.list()] == ["policybot"]


@pytest.mark.parametrize("stream", [False, True])
def test_a_wrong_key_is_an_authentication_error(base_url: str, stream: bool) -> None:
    with pytest.raises(openai.AuthenticationError) as caught:
        ask(sdk(base_url, "not-the-key"), stream=stream)
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_api_key"
    assert "invalid API key" in caught.value.message


def test_v1_without_a_key_says_how_to_send_one(base_url: str) -> None:
    response = httpx.post(f"{base_url}/v1/chat/completions", json={"model": "x", "messages": []})
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    error = response.json()["error"]
    assert "Authorization: Bearer" in error["message"] and error["code"] == "invalid_api_key"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/ask", {"question": QUESTION}),
        ("POST", "/api/ask/stream", {"question": QUESTION}),
        ("GET", "/api/documents", None),
        ("GET", "/api/examples", None),
        ("GET", "/api/search?q=孵化器", None),
        ("DELETE", "/api/sessions/s1", None),
    ],
)
def test_api_routes_need_the_key(base_url: str, method: str, path: str, body: object) -> None:
    url = f"{base_url}{path}"
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"}):
        response = httpx.request(method, url, json=body, headers=headers)
        assert response.status_code == 401, (headers, response.text)
        assert response.json()["error"] == "invalid_api_key" and response.json()["message"]
    allowed = httpx.request(method, url, json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert allowed.status_code in (200, 204), allowed.text


def test_api_ask_with_the_key_answers(base_url: str) -> None:
    ok = httpx.post(
        f"{base_url}/api/ask",
        json={"question": QUESTION},
        headers={"Authorization": f"Bearer {KEY}"},
        timeout=30,
    )
    assert "200万" in ok.json()["answer"]


@pytest.mark.parametrize(
    "path",
    ["/", "/healthz", "/docs", "/openapi.json", "/static/app.js", "/static/docs/swagger-ui.css"],
)
def test_pages_without_policy_data_stay_open(base_url: str, path: str) -> None:
    assert httpx.get(f"{base_url}{path}").status_code == 200


def test_openapi_declares_the_bearer_scheme(base_url: str) -> None:
    spec = httpx.get(f"{base_url}/openapi.json").json()
    assert spec["components"]["securitySchemes"]["POLICYBOT_API_KEY"]["scheme"] == "bearer"
    assert spec["paths"]["/v1/chat/completions"]["post"]["security"]
    assert "security" not in spec["paths"]["/healthz"]["get"]
