"""A strict local fake of the Telegram Bot API (aiohttp on 127.0.0.1, random port).

Strict where real Telegram is strict and where bots usually break: the token (401), method
names (404), form-encoded bodies with JSON-string values, `getUpdates` offsets and long-poll
timeouts, HTML entity parsing, the 4096-character limit, callback data of 1-64 bytes, unknown
chats and messages, "message is not modified" on identical edits, and 429 on demand.

Tests inject user messages and button presses as updates and read what the bot sent.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

T = TypeVar("T")
MESSAGE_LIMIT = 4096
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "blockquote", "tg-spoiler", "span", "tg-emoji",
}  # fmt: skip
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id"}
JSON_FIELDS = {
    "reply_markup", "reply_parameters", "commands", "allowed_updates", "link_preview_options",
    "entities", "scope",
}  # fmt: skip
CHAT_ACTIONS = {"typing", "upload_photo", "record_video", "upload_document", "find_location"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);")
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")
_MENTION = re.compile(r"(?<![\w/])@[A-Za-z0-9_]{5,32}")


class BadRequest(Exception):
    """Answered as 400 "Bad Request: <description>"."""


@dataclass
class SentMessage:
    """A message the bot sent (updated in place when edited)."""

    chat_id: int
    message_id: int
    html: str
    text: str  # after entity parsing, as the user sees it
    buttons: list[tuple[str, str]]  # (label, callback_data)
    reply_to: int | None
    edits: int = 0
    deleted: bool = False


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Failure:
    code: int
    description: str
    retry_after: int | None


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """Telegram's HTML mode, strictly: the text the user sees, or BadRequest."""
    out: list[str] = []
    stack: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        offset = len(text[:index].encode("utf-8"))
        if char == "<":
            match = _TAG.match(text, index)
            if not match:
                raise BadRequest(f"can't parse entities: unexpected '<' at byte offset {offset}")
            _check_tag(stack, match.group(1) == "/", match.group(2).lower(), offset)
            index = match.end()
        elif char == "&":
            match = _ENTITY.match(text, index)
            if not match:
                raise BadRequest(f"can't parse entities: bare '&' at byte offset {offset}")
            out.append(html.unescape(match.group(0)))
            index = match.end()
        elif char == ">":
            raise BadRequest(f"can't parse entities: unexpected '>' at byte offset {offset}")
        else:
            out.append(char)
            index += 1
    if stack:
        raise BadRequest(f"can't parse entities: can't find end tag for \"{stack[-1]}\"")
    return "".join(out)


def _check_tag(stack: list[str], closing: bool, name: str, offset: int) -> None:
    if name not in ALLOWED_TAGS:
        raise BadRequest(
            f'can\'t parse entities: unsupported start tag "{name}" at byte offset {offset}'
        )
    if not closing:
        stack.append(name)
    elif not stack or stack[-1] != name:
        raise BadRequest(
            f'can\'t parse entities: unmatched end tag "{name}" at byte offset {offset}'
        )
    else:
        stack.pop()


def entities_of(text: str) -> list[dict[str, Any]]:
    """The entities Telegram computes for a user's message (commands, @mentions), UTF-16 offsets."""
    found = [("bot_command", m) for m in _COMMAND.finditer(text)]
    found += [("mention", m) for m in _MENTION.finditer(text)]
    return sorted(
        (
            {
                "type": kind,
                "offset": utf16_len(text[: m.start()]),
                "length": utf16_len(m.group(0)),
            }
            for kind, m in found
        ),
        key=lambda entity: entity["offset"],
    )


class FakeTelegram:
    """Start with `async with FakeTelegram() as fake:`; point PTB at `fake.base_url`."""

    def __init__(self, token: str = "123456:TEST-fake-token", username: str = "policy_test_bot"):
        self.token = token
        self.bot_user = {
            "id": 123456,
            "is_bot": True,
            "first_name": "政策问答",
            "username": username,
        }
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.commands: list[dict[str, str]] = []
        self.answered_callbacks: list[dict[str, Any]] = []
        self.confirmed_offset = 0
        self._updates: list[dict[str, Any]] = []
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._callbacks: set[str] = set()
        self._failures: dict[str, list[_Failure]] = {}
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._closing = False
        self._last_update_id = 0
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -------------------------------------------------------------------------
    async def __aenter__(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._closing = True
        await self._notify()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- what tests do ---------------------------------------------------------------------
    def send_user_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """Inject a message from a user; returns the Message as the bot will receive it."""
        user_id = user_id if user_id is not None else chat_id
        chat = self._chat(chat_id, chat_type)
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": user_id, "is_bot": False, "first_name": f"用户{user_id}"},
            "text": text,
        }
        if entities := entities_of(text):
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = self._messages[(chat_id, reply_to)]
        self._messages[(chat_id, message["message_id"])] = message
        self._push_update({"message": message})
        return message

    def send_user_photo(self, chat_id: int, *, chat_type: str = "private") -> dict[str, Any]:
        """Inject a photo without caption (a message with no text)."""
        message: dict[str, Any] = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id, chat_type),
            "from": {"id": chat_id, "is_bot": False, "first_name": f"用户{chat_id}"},
            "photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}],
        }
        self._messages[(chat_id, message["message_id"])] = message
        self._push_update({"message": message})
        return message

    def send_raw_update(self, body: dict[str, Any]) -> int:
        """Inject an update exactly as given (e.g. one a client library cannot parse);
        returns its update_id."""
        self._push_update(body)
        return self._last_update_id

    def press_button(self, sent: SentMessage, label: str, *, user_id: int | None = None) -> str:
        """Inject a callback query for the button with `label` under a message the bot sent."""
        return self.send_callback(sent, dict(sent.buttons)[label], user_id=user_id)

    def send_callback(self, sent: SentMessage, data: str, *, user_id: int | None = None) -> str:
        """Inject a callback query with `data` (e.g. a button of an older keyboard)."""
        query_id = f"cq{next(self._ids)}"
        self._callbacks.add(query_id)
        user = {"id": user_id or sent.chat_id, "is_bot": False, "first_name": "用户"}
        self._push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user,
                    "chat_instance": f"ci{sent.chat_id}",
                    "data": data,
                    "message": self._messages[(sent.chat_id, sent.message_id)],
                }
            }
        )
        return query_id

    def fail_next(
        self, method: str, code: int = 429, description: str | None = None, retry_after: int = 1
    ) -> None:
        """The next call of `method` fails (429 carries `retry_after`)."""
        text = description or f"Too Many Requests: retry after {retry_after}"
        failure = _Failure(code, text, retry_after if code == 429 else None)
        self._failures.setdefault(method.lower(), []).append(failure)

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """What the bot sent to the chat and has not deleted, in order."""
        return [m for m in self.sent if m.chat_id == chat_id and not m.deleted]

    def calls_of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower()]

    async def wait_until(self, predicate: Callable[[], T], timeout: float = 15.0) -> T:
        """Wait until `predicate()` is truthy (re-checked after every request); return it."""
        async with self._changed:
            return await asyncio.wait_for(self._changed.wait_for(predicate), timeout)

    async def wait_confirmed(self, update_id: int, timeout: float = 15.0) -> None:
        """Wait until the bot has fetched and acknowledged `update_id` (offset moved past it)."""
        await self.wait_until(lambda: self.confirmed_offset > update_id, timeout)

    @property
    def last_update_id(self) -> int:
        return self._last_update_id

    # -- HTTP ------------------------------------------------------------------------------
    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return _error(404, "Not Found")
        try:
            params = await _params(request)
            self.calls.append(Call(method, params))
            if failures := self._failures.get(method.lower()):
                failure = failures.pop(0)
                return _error(failure.code, failure.description, failure.retry_after)
            result = await handler(params)
        except BadRequest as error:
            return _error(400, f"Bad Request: {error}")
        finally:
            await self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    def _push_update(self, body: dict[str, Any]) -> None:
        self._last_update_id = next(self._update_ids)
        self._updates.append({"update_id": self._last_update_id, **body})
        asyncio.get_running_loop().create_task(self._notify())

    def _chat(self, chat_id: int, chat_type: str) -> dict[str, Any]:
        if chat_type == "private":
            chat = {"id": chat_id, "type": "private", "first_name": f"用户{chat_id}"}
        else:
            chat = {"id": chat_id, "type": chat_type, "title": f"测试群{chat_id}"}
        return self._chats.setdefault(chat_id, chat)

    def _known_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.get(params.get("chat_id"))  # type: ignore[arg-type]
        if chat is None:
            raise BadRequest("chat not found")
        return chat

    # -- Bot API methods -------------------------------------------------------------------
    async def _m_getme(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    async def _m_deletewebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_setwebhook(self, params: dict[str, Any]) -> Any:
        if not str(params.get("url", "")).startswith("https://"):
            raise BadRequest("bad webhook: HTTPS url must be provided for webhook")
        return True

    async def _m_getwebhookinfo(self, params: dict[str, Any]) -> Any:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

    async def _m_close(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_getupdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while not self._updates and not self._closing and time.monotonic() < deadline:
            async with self._changed:
                try:
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
                except TimeoutError:
                    break
        return self._updates[: int(params.get("limit") or 100)]

    async def _m_setmycommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise BadRequest("commands must be a list of at most 100 BotCommand")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise BadRequest("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise BadRequest("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = commands
        return True

    async def _m_getmycommands(self, params: dict[str, Any]) -> Any:
        return self.commands

    async def _m_sendchataction(self, params: dict[str, Any]) -> Any:
        self._known_chat(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise BadRequest("wrong parameter action in request")
        return True

    async def _m_answercallbackquery(self, params: dict[str, Any]) -> Any:
        query_id = params.get("callback_query_id")
        if query_id not in self._callbacks:
            raise BadRequest("query is too old and response timeout expired or query ID is invalid")
        self._callbacks.discard(query_id)
        self.answered_callbacks.append(params)
        return True

    async def _m_sendmessage(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        plain = _message_text(params)
        buttons = _buttons(params.get("reply_markup"))
        reply_to = self._reply_target(chat["id"], params)
        message = {
            "message_id": next(self._ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.bot_user,
            "text": plain,
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        if reply_to is not None:
            message["reply_to_message"] = self._messages[(chat["id"], reply_to)]
        self._messages[(chat["id"], message["message_id"])] = message
        self.sent.append(
            SentMessage(chat["id"], message["message_id"], params["text"], plain, buttons, reply_to)
        )
        return message

    async def _m_editmessagetext(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        key = (chat["id"], int(params.get("message_id") or 0))
        sent = next((m for m in self.messages_to(chat["id"]) if m.message_id == key[1]), None)
        if sent is None:
            raise BadRequest("message to edit not found")
        plain = _message_text(params)
        buttons = _buttons(params.get("reply_markup"))
        if params["text"] == sent.html and buttons == sent.buttons:
            raise BadRequest(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.html, sent.text, sent.buttons, sent.edits = (
            params["text"],
            plain,
            buttons,
            sent.edits + 1,
        )
        message = dict(self._messages[key], text=plain, edit_date=int(time.time()))
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        self._messages[key] = message
        return message

    async def _m_deletemessage(self, params: dict[str, Any]) -> Any:
        chat = self._known_chat(params)
        key = (chat["id"], int(params.get("message_id") or 0))
        if key not in self._messages:
            raise BadRequest("message to delete not found")
        del self._messages[key]
        for sent in self.sent:
            sent.deleted = sent.deleted or (sent.chat_id, sent.message_id) == key
        return True

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> int | None:
        reply = params.get("reply_parameters") or {}
        target = reply.get("message_id") or params.get("reply_to_message_id")
        if target is None:
            return None
        if (chat_id, int(target)) not in self._messages:
            if reply.get("allow_sending_without_reply"):
                return None
            raise BadRequest("message to be replied not found")
        return int(target)


def _message_text(params: dict[str, Any]) -> str:
    text = params.get("text")
    if not isinstance(text, str):
        raise BadRequest("message text is empty")
    plain = parse_html(text) if str(params.get("parse_mode", "")).lower() == "html" else text
    plain = plain.strip()
    if not plain:
        raise BadRequest("message text is empty")
    if utf16_len(plain) > MESSAGE_LIMIT:
        raise BadRequest("message is too long")
    return plain


def _buttons(markup: Any) -> list[tuple[str, str]]:
    if not markup:
        return []
    if not isinstance(markup, dict) or not isinstance(markup.get("inline_keyboard"), list):
        raise BadRequest("can't parse inline keyboard button: object expected")
    buttons = []
    for row in markup["inline_keyboard"]:
        for button in row:
            if not button.get("text"):
                raise BadRequest("text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise BadRequest("BUTTON_DATA_INVALID")
            buttons.append((button["text"], data))
    return buttons


async def _params(request: web.Request) -> dict[str, Any]:
    """Form or multipart bodies carry non-string values as JSON strings; JSON bodies too."""
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for name, value in form.items():
        params[name] = _decode(name, str(value))
    return params


def _decode(name: str, value: str) -> Any:
    if name in INT_FIELDS:
        try:
            return int(value)
        except ValueError as error:
            raise BadRequest(f"invalid {name}") from error
    if name in JSON_FIELDS:
        try:
            return json.loads(value)
        except json.JSONDecodeError as error:
            raise BadRequest(f"can't parse {name} JSON object") from error
    return value


def _error(code: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=code)
