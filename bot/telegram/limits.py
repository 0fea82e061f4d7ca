"""Per-user question rate limit and question checks: pure, clock injected."""

from __future__ import annotations

import math
import re
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class UserRateLimiter:
    """At most `per_minute` questions per user in any sliding 60-second window (≤ 0: no limit)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}

    def wait_seconds(self, user_id: int) -> int:
        """0 and the question is counted, or how many whole seconds until the user may ask."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= WINDOW_SECONDS:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return max(1, math.ceil(WINDOW_SECONDS - (now - asked[0])))
        asked.append(now)
        return 0


def question_problem(question: str, max_chars: int) -> str | None:
    """A polite explanation when the question can't be asked as it is, else None."""
    length = len(question.strip())
    if length == 0:
        return "请写下您的问题，例如：/ask 研发费用加计扣除有什么补贴？"
    if length > max_chars:
        return f"问题太长了（{length} 字）。请精简到 {max_chars} 字以内，一次问一件事。"
    return None


def parse_chat_ids(text: str | None) -> frozenset[int]:
    """TELEGRAM_ALLOWED_CHATS: comma- or space-separated chat ids; empty means every chat."""
    ids = set()
    for item in (text or "").replace(",", " ").split():
        try:
            ids.add(int(item))
        except ValueError:
            raise ValueError(f"TELEGRAM_ALLOWED_CHATS: {item!r} is not a chat id") from None
    return frozenset(ids)


def strip_mention(text: str, username: str) -> str | None:
    """The text without "@username" if it mentions the bot (case-insensitive), else None."""
    mention = re.compile(rf"@{re.escape(username)}(?![A-Za-z0-9_])", re.IGNORECASE)
    if not mention.search(text):
        return None
    return " ".join(mention.sub(" ", text).split())
