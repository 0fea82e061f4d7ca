"""The inbound checks both WeCom callbacks share: signature, freshness, decryption, parsing.

A signed callback stays valid forever as far as the signature goes, so a captured one
could be replayed once MsgId dedupe has forgotten it. WeCom's own retries come within
seconds of the original, so a timestamp further than `replay_window` seconds from our
clock (either way) is refused. The signature is checked first: a forged request is
logged as forged, and only genuinely signed old callbacks as replays.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from bot.wecom import envelope
from bot.wecom.crypto import CryptoError, WeComCrypto, new_nonce

M = TypeVar("M")
DEFAULT_REPLAY_WINDOW = 300.0


@dataclass(frozen=True)
class CallbackFormat(Generic[M]):
    """How one kind of callback wraps its ciphertext, reads its message and seals a reply."""

    encrypt_field: Callable[[bytes], str]
    parse: Callable[[str], M]
    envelope: Callable[[str, str, str, str], str]  # (encrypt, signature, timestamp, nonce)


XML = CallbackFormat(
    envelope.encrypt_field_from_xml, envelope.parse_app_message, envelope.encrypted_xml
)
JSON: CallbackFormat[dict[str, Any]] = CallbackFormat(
    envelope.encrypt_field_from_json, envelope.parse_bot_message, envelope.encrypted_json
)


def check_fresh(timestamp: str, now: float, window: float) -> None:
    """CryptoError unless `timestamp` (Unix seconds) is within `window` of `now`."""
    try:
        sent = int(timestamp)
    except ValueError:
        raise CryptoError("bad_timestamp", repr(timestamp[:20])) from None
    skew = now - sent
    if abs(skew) > window:
        raise CryptoError("stale_timestamp", f"{skew:+.0f}s from our clock, window {window:.0f}s")


class CallbackGate(Generic[M]):
    """Opens inbound callbacks and seals replies for one token/key/receiveid and format."""

    def __init__(
        self,
        crypto: WeComCrypto,
        fmt: CallbackFormat[M],
        *,
        replay_window: float = DEFAULT_REPLAY_WINDOW,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.crypto = crypto
        self.fmt = fmt
        self.replay_window = replay_window
        self._clock = clock

    def _open_text(self, msg_signature: str, timestamp: str, nonce: str, encrypt: str) -> str:
        self.crypto.verify(msg_signature, timestamp, nonce, encrypt)
        check_fresh(timestamp, self._clock(), self.replay_window)
        return self.crypto.decrypt(encrypt)

    def verify_url(self, msg_signature: str, timestamp: str, nonce: str, echostr: str) -> str:
        """The decrypted echostr that proves we hold the token and key."""
        return self._open_text(msg_signature, timestamp, nonce, echostr)

    def open(self, msg_signature: str, timestamp: str, nonce: str, body: bytes) -> M:
        """The decrypted, parsed message of a POSTed callback (CryptoError when refused)."""
        encrypt = self.fmt.encrypt_field(body)
        return self.fmt.parse(self._open_text(msg_signature, timestamp, nonce, encrypt))

    def seal(self, plain: str, timestamp: str, nonce: str) -> str:
        """An encrypted, signed reply body reusing the callback's timestamp and nonce."""
        nonce = nonce or new_nonce()
        encrypt, signature = self.crypto.seal(plain, timestamp, nonce)
        return self.fmt.envelope(encrypt, signature, timestamp, nonce)
