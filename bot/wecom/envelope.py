"""Parse and build WeCom callback bodies: pure functions, no crypto, no I/O.

Untrusted XML goes through defusedxml, which refuses DTDs/entity declarations
(billion laughs, external entities) before anything is expanded.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bot.wecom.crypto import CryptoError

MAX_BODY_BYTES = 256 * 1024  # real callbacks are a few KB


class EnvelopeError(CryptoError):
    """A body that is not a well-formed WeCom callback."""


@dataclass(frozen=True)
class AppMessage:
    """A decrypted self-built-app callback (text, other media or an event)."""

    msg_type: str
    from_user: str
    to_user: str
    agent_id: str
    msg_id: str | None
    content: str
    event: str | None
    create_time: str

    @property
    def dedupe_key(self) -> str:
        """MsgId for messages; events have none, so sender + time + event stands in."""
        return self.msg_id or f"{self.from_user}:{self.create_time}:{self.event}"


def _xml_root(body: bytes | str) -> Element:
    if len(body) > MAX_BODY_BYTES:
        raise EnvelopeError("too_large")
    try:
        root = fromstring(body, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise EnvelopeError("bad_xml", type(error).__name__) from error
    if root.tag != "xml":
        raise EnvelopeError("bad_xml", f"root element <{root.tag}>")
    return root


def _field(root: Element, name: str) -> str:
    node = root.find(name)
    return (node.text or "").strip() if node is not None else ""


def encrypt_field_from_xml(body: bytes) -> str:
    """The <Encrypt> ciphertext of an inbound XML callback."""
    encrypt = _field(_xml_root(body), "Encrypt")
    if not encrypt:
        raise EnvelopeError("no_encrypt")
    return encrypt


def parse_app_message(xml_text: str) -> AppMessage:
    root = _xml_root(xml_text)
    return AppMessage(
        msg_type=_field(root, "MsgType"),
        from_user=_field(root, "FromUserName"),
        to_user=_field(root, "ToUserName"),
        agent_id=_field(root, "AgentID"),
        msg_id=_field(root, "MsgId") or None,
        content=_field(root, "Content"),
        event=_field(root, "Event") or None,
        create_time=_field(root, "CreateTime"),
    )


def cdata(text: str) -> str:
    """A CDATA section that survives a literal ']]>' inside the text."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_reply_xml(to_user: str, from_corp: str, content: str, now: int | None = None) -> str:
    """The plaintext of a passive text reply (encrypted afterwards)."""
    created = now if now is not None else int(time.time())
    return (
        f"<xml><ToUserName>{cdata(to_user)}</ToUserName>"
        f"<FromUserName>{cdata(from_corp)}</FromUserName>"
        f"<CreateTime>{created}</CreateTime><MsgType>{cdata('text')}</MsgType>"
        f"<Content>{cdata(content)}</Content></xml>"
    )


def encrypted_xml(encrypt: str, signature: str, timestamp: str, nonce: str) -> str:
    return (
        f"<xml><Encrypt>{cdata(encrypt)}</Encrypt>"
        f"<MsgSignature>{cdata(signature)}</MsgSignature>"
        f"<TimeStamp>{timestamp}</TimeStamp><Nonce>{cdata(nonce)}</Nonce></xml>"
    )


def encrypt_field_from_json(body: bytes) -> str:
    """The "encrypt" ciphertext of an inbound AI-bot JSON callback."""
    data = _json_object(body)
    encrypt = data.get("encrypt")
    if not isinstance(encrypt, str) or not encrypt:
        raise EnvelopeError("no_encrypt")
    return encrypt


def parse_bot_message(text: str) -> dict[str, Any]:
    """A decrypted AI-bot callback as a JSON object."""
    return _json_object(text)


def _json_object(body: bytes | str) -> dict[str, Any]:
    if len(body) > MAX_BODY_BYTES:
        raise EnvelopeError("too_large")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise EnvelopeError("bad_json", type(error).__name__) from error
    if not isinstance(data, dict):
        raise EnvelopeError("bad_json", "not an object")
    return data


def encrypted_json(encrypt: str, signature: str, timestamp: str, nonce: str) -> str:
    return json.dumps(
        {"encrypt": encrypt, "msgsignature": signature, "timestamp": timestamp, "nonce": nonce}
    )
