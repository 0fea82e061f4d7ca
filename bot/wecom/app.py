"""FastAPI routes for WeCom: /wecom/callback (self-built app) and /wecom/aibot (AI bot).

A route is served only when its settings are present; a half-configured route is an
error naming what is missing. Rejected callbacks get a 4xx and one log line, never a 500.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import PlainTextResponse

from bot.wecom.aibot import AiBot
from bot.wecom.api_client import WeComApiClient
from bot.wecom.conversation import Conversation
from bot.wecom.crypto import CryptoError, WeComCrypto, aes_key
from bot.wecom.envelope import MAX_BODY_BYTES
from bot.wecom.gate import JSON, XML, CallbackGate
from bot.wecom.push import RetryPolicy
from bot.wecom.selfbuilt import SelfBuiltApp
from bot.wecom.tasks import TaskGroup
from rag.protocol import AnswerService
from rag.settings import MissingSettingError, Settings

log = logging.getLogger(__name__)

CALLBACK_SETTINGS = ("WECOM_CORP_ID", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")
PUSH_SETTINGS = ("WECOM_SECRET", "WECOM_AGENT_ID")
AIBOT_SETTINGS = ("WECOM_AIBOT_TOKEN", "WECOM_AIBOT_ENCODING_AES_KEY")


class _Endpoint(Protocol):
    @property
    def gate(self) -> CallbackGate[Any]: ...

    async def handle(self, msg_signature: str, timestamp: str, nonce: str, body: bytes) -> str: ...


@dataclass(frozen=True)
class WeComTimings:
    """How long a callback may wait for the answer before acknowledging (tests shrink these)."""

    reply_budget: float = 3.5  # self-built app: WeCom gives up after 5 s
    stream_reply_budget: float = 1.0  # AI bot first reply: a fast answer finishes at once
    fallback_after: float = 20.0  # AI bot: no poll collected the answer -> response_url
    push_attempts: int = 4  # self-built app: tries per pushed part on 45009/-1/5xx
    push_first_delay: float = 2.0  # then doubling: 2, 4, 8 s


def _configured(settings: Settings, names: tuple[str, ...]) -> list[bool]:
    return [bool(getattr(settings, name.lower())) for name in names]


def _route_wanted(settings: Settings, names: tuple[str, ...], purpose: str) -> bool:
    """True when every setting is there, False when none is; a partial set is an error."""
    present = _configured(settings, names)
    if any(present):
        settings.require(purpose, *names)
    return all(present)


def _invalid(name: str, why: str) -> MissingSettingError:
    error = MissingSettingError(name, purpose="policybot wecom")
    error.args = (f"{name} is not valid: {why}",)
    return error


def _check_values(settings: Settings, want_app: bool, want_bot: bool) -> None:
    """Malformed values fail at start with the variable's name, not on the first callback."""
    keys = [("WECOM_ENCODING_AES_KEY", settings.wecom_encoding_aes_key, want_app)]
    keys.append(("WECOM_AIBOT_ENCODING_AES_KEY", settings.wecom_aibot_encoding_aes_key, want_bot))
    for name, value, wanted in keys:
        try:
            if wanted:
                aes_key(str(value))
        except CryptoError:
            raise _invalid(
                name, "copy the 43-character EncodingAESKey from the admin console"
            ) from None
    agent_id = settings.wecom_agent_id
    if want_app and agent_id and not str(agent_id).strip().isdigit():
        raise _invalid("WECOM_AGENT_ID", "the app's AgentId is a number, e.g. 1000002")


def _self_built(
    settings: Settings, conversation: Conversation, tasks: TaskGroup, timings: WeComTimings
) -> tuple[SelfBuiltApp, WeComApiClient | None]:
    corp_id = str(settings.wecom_corp_id)
    crypto = WeComCrypto(str(settings.wecom_token), str(settings.wecom_encoding_aes_key), corp_id)
    gate = CallbackGate(crypto, XML, replay_window=settings.wecom_replay_window)
    api = None
    if _route_wanted(settings, PUSH_SETTINGS, "pushing late WeCom answers"):
        api = WeComApiClient(
            settings.wecom_api_base,
            corp_id,
            str(settings.wecom_secret),
            str(settings.wecom_agent_id),
        )
    else:
        log.warning("wecom: %s not set: slow answers cannot be pushed", ", ".join(PUSH_SETTINGS))
    retry = RetryPolicy(timings.push_attempts, timings.push_first_delay)
    app = SelfBuiltApp(
        gate, conversation, corp_id, api, tasks, reply_budget=timings.reply_budget, retry=retry
    )
    return app, api


def _aibot(
    settings: Settings,
    conversation: Conversation,
    tasks: TaskGroup,
    http: httpx.AsyncClient,
    timings: WeComTimings,
) -> AiBot:
    crypto = WeComCrypto(
        str(settings.wecom_aibot_token), str(settings.wecom_aibot_encoding_aes_key), ""
    )
    return AiBot(
        CallbackGate(crypto, JSON, replay_window=settings.wecom_replay_window),
        conversation,
        tasks,
        http,
        reply_budget=timings.stream_reply_budget,
        fallback_after=timings.fallback_after,
    )


def configured_modes(settings: Settings, *, require: bool = False) -> tuple[bool, bool]:
    """(self-built app, AI bot): which routes to serve. A half-configured mode is an error;
    with `require`, so is neither."""
    want_app = _route_wanted(settings, CALLBACK_SETTINGS, "the WeCom self-built app callback")
    want_bot = _route_wanted(settings, AIBOT_SETTINGS, "the WeCom AI bot callback")
    _check_values(settings, want_app, want_bot)
    if require and not (want_app or want_bot):
        error = MissingSettingError(*CALLBACK_SETTINGS, *AIBOT_SETTINGS, purpose="policybot wecom")
        error.args = (
            f"policybot wecom needs {', '.join(CALLBACK_SETTINGS)} (self-built app) or "
            f"{', '.join(AIBOT_SETTINGS)} (AI bot): set them in the environment or in .env",
        )
        raise error
    return want_app, want_bot


def create_wecom_router(
    settings: Settings,
    service: AnswerService,
    *,
    timings: WeComTimings | None = None,
    require: bool = False,
) -> APIRouter | None:
    """The WeCom routes whose settings are present; None (or, with `require`, an error
    naming the settings) when neither mode is configured."""
    timings = timings or WeComTimings()
    want_app, want_bot = configured_modes(settings, require=require)
    if not (want_app or want_bot):
        return None
    conversation, tasks = Conversation(service), TaskGroup()
    http = httpx.AsyncClient(timeout=10.0)
    api: WeComApiClient | None = None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await tasks.cancel_all()
        await http.aclose()
        if api is not None:
            await api.aclose()

    router = APIRouter(lifespan=lifespan)
    if want_app:
        app, api = _self_built(settings, conversation, tasks, timings)
        _add_routes(router, "/wecom/callback", app, "application/xml")
    if want_bot:
        _add_routes(
            router,
            "/wecom/aibot",
            _aibot(settings, conversation, tasks, http, timings),
            "application/json",
        )
    return router


def _add_routes(router: APIRouter, path: str, endpoint: _Endpoint, media_type: str) -> None:
    @router.get(path, response_class=PlainTextResponse)
    async def verify(request: Request) -> Response:
        """URL verification: answer the decrypted echostr, plain, no newline."""
        q = request.query_params

        async def check() -> str:
            return endpoint.gate.verify_url(
                q.get("msg_signature", ""),
                q.get("timestamp", ""),
                q.get("nonce", ""),
                q.get("echostr", ""),
            )

        return await _guarded(request, path, check, "text/plain")

    @router.post(path)
    async def callback(request: Request) -> Response:
        q = request.query_params
        body = await _read_body(request)

        async def run() -> str:
            if body is None:
                raise CryptoError("too_large")
            return await endpoint.handle(
                q.get("msg_signature", ""), q.get("timestamp", ""), q.get("nonce", ""), body
            )

        return await _guarded(request, path, run, media_type)


async def _read_body(request: Request) -> bytes | None:
    """The body, or None when it is larger than any real callback."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def _guarded(
    request: Request, path: str, handler: Callable[[], Awaitable[str]], media_type: str
) -> Response:
    """Run a handler; a CryptoError becomes a 4xx with one warning line."""
    try:
        text = await handler()
    except CryptoError as error:
        status = {"bad_signature": 403, "stale_timestamp": 403, "too_large": 413}.get(
            error.reason, 400
        )
        client = request.client.host if request.client else "?"
        log.warning("wecom %s %s rejected from %s: %s", request.method, path, client, error)
        return PlainTextResponse(f"rejected: {error.reason}", status_code=status)
    if not text:
        return Response(status_code=200)
    return Response(content=text, media_type=media_type)
