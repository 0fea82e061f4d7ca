"""WeCom server API: gettoken + message/send (self-built app) and response_url (AI bot).

The access token is cached until shortly before `expires_in` and fetched again when
WeCom answers 40014 (invalid) or 42001 (expired); one refresh per failure, then the
error is raised with its meaning.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from bot.logs import remember_secret

log = logging.getLogger(__name__)

TOKEN_EXPIRED_CODES = frozenset({40014, 42001})
TOKEN_MARGIN_SECONDS = 300  # refresh early: a token fetched at 7199 s is useless
ERRCODE_MEANINGS: dict[int, str] = {
    -1: "WeCom system busy (系统繁忙); retry later",
    40001: "invalid secret (WECOM_SECRET does not belong to this app)",
    40013: "invalid corp id (check WECOM_CORP_ID)",
    40014: "invalid access_token",
    42001: "access_token expired",
    40056: "invalid agentid (check WECOM_AGENT_ID)",
    44004: "empty message content",
    45002: "message content over the byte limit",
    45009: "API rate limit reached (接口调用超过限制): too many messages to this member or app",
    45033: "too many concurrent API calls (接口并发调用超过限制)",
    60020: (
        "this server's IP is not in the app's trusted IP list (企业可信IP): add it in the admin "
        "console under 应用管理 › your app › 企业可信IP"
    ),
    81013: "the user is not in the app's visible range (可见范围)",
}


class WeComApiError(RuntimeError):
    """A non-zero errcode from WeCom, with what it means when we know."""

    def __init__(self, api: str, errcode: int, errmsg: str) -> None:
        meaning = ERRCODE_MEANINGS.get(errcode, "see WeCom's global error codes")
        super().__init__(f"WeCom {api} failed: errcode {errcode} ({errmsg}): {meaning}")
        self.api = api
        self.errcode = errcode
        self.errmsg = errmsg


def _checked(api: str, response: httpx.Response) -> dict[str, Any]:
    response.raise_for_status()
    data = response.json()
    errcode = int(data.get("errcode", 0))
    if errcode:
        raise WeComApiError(api, errcode, str(data.get("errmsg", "")))
    return dict(data)


class WeComApiClient:
    """One self-built app's API access (corp id + secret + agent id)."""

    def __init__(
        self,
        base_url: str,
        corp_id: str,
        secret: str,
        agent_id: str,
        *,
        timeout: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.corp_id = corp_id
        self.secret = secret
        self.agent_id = int(agent_id)
        self._timeout = timeout
        self._clock = clock
        self._http: httpx.AsyncClient | None = None
        self._token: str | None = None
        self._token_deadline = 0.0
        self._token_lock = asyncio.Lock()

    @property
    def http(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self._timeout)
        return self._http

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def access_token(self, *, refresh: bool = False) -> str:
        """The cached token, fetched once when absent, near expiry or known bad."""
        async with self._token_lock:
            if refresh or self._token is None or self._clock() >= self._token_deadline:
                await self._fetch_token()
            assert self._token is not None
            return self._token

    async def _fetch_token(self) -> None:
        response = await self.http.get(
            f"{self.base_url}/cgi-bin/gettoken",
            params={"corpid": self.corp_id, "corpsecret": self.secret},
        )
        data = _checked("gettoken", response)
        expires_in = int(data.get("expires_in", 7200))
        self._token = str(data["access_token"])
        remember_secret(self._token)  # masked in every later log line
        self._token_deadline = self._clock() + max(expires_in - TOKEN_MARGIN_SECONDS, 0)

    async def _invalidate(self, stale: str) -> None:
        async with self._token_lock:
            if self._token == stale:  # another sender may have refreshed it already
                self._token = None

    async def send_text(self, touser: str, content: str) -> dict[str, Any]:
        """message/send one text message to a member of the app."""
        payload = {
            "touser": touser,
            "msgtype": "text",
            "agentid": self.agent_id,
            "text": {"content": content},
        }
        return await self._post_with_token("message/send", payload)

    async def _post_with_token(self, api: str, payload: dict[str, Any]) -> dict[str, Any]:
        for attempt in (1, 2):
            token = await self.access_token()
            response = await self.http.post(
                f"{self.base_url}/cgi-bin/{api}", params={"access_token": token}, json=payload
            )
            try:
                return _checked(api, response)
            except WeComApiError as error:
                if error.errcode not in TOKEN_EXPIRED_CODES or attempt == 2:
                    raise
                log.info("wecom %s: token rejected (%s), refreshing", api, error.errcode)
                await self._invalidate(token)
        raise AssertionError("unreachable")


async def post_response_url(
    http: httpx.AsyncClient, response_url: str, markdown: str
) -> dict[str, Any]:
    """The AI bot's one proactive reply for a message (valid for an hour, usable once)."""
    payload = {"msgtype": "markdown", "markdown": {"content": markdown}}
    return _checked("response_url", await http.post(response_url, json=payload))
