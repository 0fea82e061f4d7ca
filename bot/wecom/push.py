"""Active push of a (possibly multi-part) answer with bounded, per-part retries.

A part that meets a passing failure (rate limit 45009, system busy -1, a 5xx or a network
error) is tried again after a doubling delay; parts already delivered are never sent
again, and a part that still fails stops the push (later parts would read out of order).
Permanent errors (60020 trusted IP, 81013 visibility, …) are not retried.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import httpx

from bot.wecom.api_client import WeComApiClient, WeComApiError

log = logging.getLogger(__name__)

TRANSIENT_ERRCODES = frozenset({-1, 45009, 45033})  # busy, rate limit, too many concurrent


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` tries per part; the waits between them are first_delay, ×2, ×4, …"""

    attempts: int = 4
    first_delay: float = 2.0

    def delay_before(self, attempt: int) -> float:
        """The wait before try number `attempt` (2, 3, …)."""
        return self.first_delay * 2 ** (attempt - 2)


def is_transient(error: Exception) -> bool:
    if isinstance(error, WeComApiError):
        return error.errcode in TRANSIENT_ERRCODES
    if isinstance(error, httpx.HTTPStatusError):
        return error.response.status_code >= 500 or error.response.status_code == 429
    return isinstance(error, httpx.TransportError)


async def _send_part(api: WeComApiClient, user: str, part: str, policy: RetryPolicy) -> None:
    """Send one part, retrying passing failures; the last error is raised."""
    for attempt in range(1, policy.attempts + 1):
        if attempt > 1:
            await asyncio.sleep(policy.delay_before(attempt))
        try:
            await api.send_text(user, part)
            return
        except Exception as error:
            if not is_transient(error) or attempt == policy.attempts:
                raise
            log.warning(
                "wecom: push to %s failed (try %d/%d), retrying in %.1fs: %s",
                user,
                attempt,
                policy.attempts,
                policy.delay_before(attempt + 1),
                error,
            )


async def push_parts(api: WeComApiClient, user: str, parts: list[str], policy: RetryPolicy) -> int:
    """Send `parts` in order; the number delivered (a final failure is logged)."""
    for index, part in enumerate(parts):
        try:
            await _send_part(api, user, part, policy)
        except Exception as error:
            tries = policy.attempts if is_transient(error) else 1
            log.error(
                "wecom: pushing part %d/%d of the answer to %s failed after %d %s "
                "(%d delivered, %d not sent): %s",
                index + 1,
                len(parts),
                user,
                tries,
                "try" if tries == 1 else "tries",
                index,
                len(parts) - index,
                error if isinstance(error, WeComApiError) else repr(error),
            )
            return index
    return len(parts)
