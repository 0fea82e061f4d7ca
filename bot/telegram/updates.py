"""Updates from Telegram that python-telegram-bot cannot parse, and webhook bodies.

PTB parses a whole `getUpdates` batch at once; one update it cannot parse (a field newer
than the library, a malformed value) fails the batch before the offset moves, so polling
fetches the same batch for ever and no later message is answered. `TolerantBot` parses
each update on its own first and replaces one that fails by a bare update with the same
id: logged once, acknowledged by the next poll, handled by nobody.

Webhook bodies are checked for size and JSON nesting depth before `json.loads`, which
would recurse into a deeply nested body until RecursionError.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

log = logging.getLogger("policybot.telegram")

MAX_UPDATE_BYTES = 1024 * 1024  # a real update is a few KB; files come by reference
MAX_JSON_DEPTH = 64  # real updates nest about ten levels (a reply's quoted message …)


class TolerantBot(ExtBot[Any]):
    """ExtBot whose `getUpdates` survives updates the library cannot parse."""

    async def _post(self, endpoint: str, data: Any = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            return [self._parsable(raw) for raw in result]
        return result

    def _parsable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)
            return raw
        except Exception as error:  # whatever the library raises, the update is skipped
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            log.error(
                "skipping Telegram update %s that cannot be parsed (%s: %s)",
                update_id,
                type(error).__name__,
                str(error)[:200],
            )
            return {"update_id": update_id} if isinstance(update_id, int) else raw


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth_exceeds(raw: bytes, limit: int) -> bool:
    """True when `raw` nests arrays/objects deeper than `limit` (brackets inside strings do
    not count). Linear, without recursion."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        if depth > limit:
            return True
    return False


def parse_update_body(raw: bytes) -> dict[str, Any]:
    """The JSON object of a webhook body; ValueError for anything a server should 400."""
    if len(raw) > MAX_UPDATE_BYTES:
        raise ValueError(f"body over {MAX_UPDATE_BYTES} bytes")
    if json_depth_exceeds(raw, MAX_JSON_DEPTH):
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH}")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("an update is a JSON object")
    return data
