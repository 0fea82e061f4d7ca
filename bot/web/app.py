"""The one web process: JSON API, staff page, OpenAI-compatible endpoint, bot webhooks."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web import admin, api, auth, channels, docs_pages, openai_compat
from rag.index.integrity import is_damage
from rag.live import LiveAnswerService
from rag.protocol import AnswerService
from rag.settings import Settings

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
MAX_BODY_BYTES = 64 * 1024
UPLOAD_FILES = 5  # an upload request may carry 5 files of POLICYBOT_MAX_FILE_BYTES
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
INDEX_UNAVAILABLE = (
    "政策索引已损坏或不可用,请联系管理员重建索引 (policybot index) "
    "(the policy index is damaged or unavailable)"
)
ERROR_CODES = {
    400: "bad_request",
    401: "invalid_api_key",
    403: "forbidden",
    409: "conflict",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "validation_error",
    503: "index_unavailable",
}


def create_app(settings: Settings, service: AnswerService) -> FastAPI:
    """Build the app around an already-built service (settings only decide what to mount)."""
    telegram = channels.build_telegram(settings, service)
    app = FastAPI(
        title="政策问答 policybot",
        description="Answers about municipal S&T policies, with verbatim clause citations.",
        version="0.1.0",
        lifespan=channels.telegram_lifespan(telegram, settings),
        docs_url=None,  # served from local assets by docs_pages (works offline)
        redoc_url=None,
    )
    app.state.service = service
    app.state.settings = settings
    upload_limit = {admin.router.prefix + "/documents": UPLOAD_FILES * settings.max_file_bytes}
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES, larger=upload_limit)
    _add_error_handlers(app)
    guard = [Depends(auth.api_key_guard(settings.api_key))] if settings.api_key else []
    app.include_router(api.meta_router)
    app.include_router(api.router, dependencies=guard)
    app.include_router(openai_compat.router, dependencies=guard)
    if isinstance(service, LiveAnswerService):  # document management needs a reloading service
        app.include_router(admin.router, dependencies=[Depends(admin.admin_guard(settings))])
    docs_pages.mount_docs(app)  # before /static: its assets live under /static/docs
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_api_route("/", _index_page, methods=["GET"], include_in_schema=False)
    app.state.channels = channels.mount_channels(app, settings, service, telegram)
    return app


def _index_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", headers=PAGE_HEADERS)


def error_response(
    request: Request,
    status: int,
    message: str,
    headers: Mapping[str, str] | None = None,
    **extra: object,
) -> JSONResponse:
    """`{"error": code, "message": …}`; OpenAI's `{"error": {…}}` shape under /v1."""
    code = ERROR_CODES.get(status, "internal_error" if status >= 500 else f"http_{status}")
    if request.url.path.startswith("/v1/"):
        kind = "invalid_request_error" if status < 500 else "server_error"
        body: dict[str, object] = {"error": {"message": message, "type": kind, "code": code}}
    else:
        body = {"error": code, "message": message, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [_describe(e) for e in error.errors()]
        status = 400 if request.url.path.startswith("/v1/") else 422
        return error_response(request, status, "; ".join(problems), details=problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        message = str(error.detail)
        if error.status_code == 404 and message == "Not Found":
            message = f"没有这个地址: {request.url.path} (see /docs)"
        return error_response(request, error.status_code, message, headers=error.headers)

    @app.exception_handler(Exception)
    async def crash(request: Request, error: Exception) -> JSONResponse:
        if is_damage(error):  # not this request's fault, and not fixed by retrying it
            log.error("index unavailable: %s %s: %s", request.method, request.url.path, error)
            return error_response(request, 503, INDEX_UNAVAILABLE)
        log.exception("request failed: %s %s", request.method, request.url.path)
        return error_response(request, 500, "服务器内部错误,请稍后重试 (internal error)")


def _describe(error: dict[str, object]) -> str:
    """`question: 问题不能为空 …` from one pydantic error."""
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]  # type: ignore[attr-defined]
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{'.'.join(loc)}: {message}" if loc else message


class BodySizeLimit:
    """Reject request bodies over `max_bytes` with 413 before any route reads them.

    The body is buffered (it is small by construction) so chunked uploads without a
    Content-Length are limited too.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, larger: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.larger = dict(larger or {})  # path -> its own limit (file uploads)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.larger.get(scope["path"], self.max_bytes)
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > limit:
            await self._reject(scope, send, limit)
            return
        body = await self._read_body(receive, limit)
        if body is None:
            await self._reject(scope, send, limit)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read_body(self, receive: Receive, limit: int) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            size += len(message.get("body", b""))
            if size > limit:
                return None
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _reject(self, scope: Scope, send: Send, limit: int) -> None:
        message = f"请求体过大,最多 {limit // 1024} KB (request body too large)"
        request = Request(scope)
        await error_response(request, 413, message)(scope, _no_receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
