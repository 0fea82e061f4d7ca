"""Test support for the WeCom adapter: a real uvicorn server on 127.0.0.1 and the WeCom
side of a callback (signing and encrypting with wechatpy, independently of our code)."""

from __future__ import annotations

import base64
import json
import secrets
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import fromstring

import httpx
import uvicorn
from fastapi import FastAPI
from wechatpy.crypto.base import BasePrpCrypto
from wechatpy.crypto.pkcs7 import PKCS7Encoder
from wechatpy.enterprise.crypto import PrpCrypto
from wechatpy.utils import WeChatSigner

from rag.protocol import AnswerService
from rag.settings import Settings

VECTORS_FILE = Path("/work/shared/notes/wecom_vectors.json")
# the same published values, inlined so the test runs where the notes are absent
VECTORS = {
    "token": "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
    "encoding_aes_key": "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
    "corp_id": "ww1436e0e65a779aee",
    "verify_url": {
        "msg_signature": "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb",
        "timestamp": "1476416373",
        "nonce": "47744683",
        "echostr": (
            "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA=="
        ),
        "expected_plaintext": "1288432023552776189",
    },
}


def llm_service(seed_settings: Settings, openai_base_url: str) -> AnswerService:
    """The real service in LLM mode over the seed index, its LLM a local fake server."""
    from rag.service import build_answer_service

    update = {
        "openai_api_key": "sk-fake",
        "openai_base_url": openai_base_url,
        "llm_model": "fake-model",
        "llm_timeout": 10.0,
    }
    return build_answer_service(seed_settings.model_copy(update=update), mode="llm")


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    """Serve `app` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def sign(token: str, timestamp: str, nonce: str, encrypt: str) -> str:
    signer = WeChatSigner()
    signer.add_data(token, timestamp, nonce, encrypt)
    return str(signer.signature)


def wechatpy_encrypt(key: str, text: str, receive_id: str) -> str:
    prp = PrpCrypto(base64.b64decode(key + "="))
    return str(prp.encrypt(text, receive_id).decode())


def wechatpy_decrypt(key: str, encrypt: str, receive_id: str) -> str:
    return str(PrpCrypto(base64.b64decode(key + "=")).decrypt(encrypt, receive_id))


def raw_encrypt(key: str, plaintext: bytes) -> str:
    """Encrypt arbitrary (possibly malformed) plaintext with the right key: forged bodies."""
    cipher = BasePrpCrypto(base64.b64decode(key + "=")).cipher
    return base64.b64encode(cipher.encrypt(plaintext)).decode()


def frame(message: bytes, receive_id: bytes, length: int | None = None) -> bytes:
    """random(16) + length + message + receiveid, padded to 32 bytes."""
    size = len(message) if length is None else length
    return PKCS7Encoder.encode(
        secrets.token_bytes(16) + struct.pack(">I", size) + message + receive_id
    )


class WeComPeer:
    """What WeCom's servers send to a callback URL, and how they read the reply."""

    def __init__(self, base_url: str, path: str, token: str, key: str, receive_id: str) -> None:
        self.url = base_url + path
        self.token, self.key, self.receive_id = token, key, receive_id
        self.http = httpx.Client(timeout=15)

    def query(
        self, encrypt: str, nonce: str | None = None, timestamp: str | None = None
    ) -> dict[str, str]:
        """Signed query parameters; `timestamp` defaults to now (a replay passes an old one)."""
        timestamp, nonce = timestamp or str(int(time.time())), nonce or secrets.token_hex(5)
        return {
            "msg_signature": sign(self.token, timestamp, nonce, encrypt),
            "timestamp": timestamp,
            "nonce": nonce,
        }

    def verify(
        self, echostr: str, timestamp: str | None = None, **overrides: str
    ) -> httpx.Response:
        params = {**self.query(echostr, timestamp=timestamp), "echostr": echostr, **overrides}
        return self.http.get(self.url, params=params)

    def post_xml(
        self, inner_xml: str, agent_id: str = "1000002", timestamp: str | None = None
    ) -> httpx.Response:
        encrypt = wechatpy_encrypt(self.key, inner_xml, self.receive_id)
        body = (
            f"<xml><ToUserName><![CDATA[{self.receive_id}]]></ToUserName>"
            f"<Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID>{agent_id}</AgentID></xml>"
        )
        return self.http.post(
            self.url, params=self.query(encrypt, timestamp=timestamp), content=body
        )

    def post_json(self, message: dict[str, Any], timestamp: str | None = None) -> httpx.Response:
        encrypt = wechatpy_encrypt(self.key, json.dumps(message, ensure_ascii=False), "")
        params = self.query(encrypt, timestamp=timestamp)
        return self.http.post(self.url, params=params, json={"encrypt": encrypt})

    def read_xml_reply(self, response: httpx.Response) -> dict[str, str]:
        """Check the reply's signature and decrypt it to its fields."""
        outer = fromstring(response.text)
        encrypt = outer.findtext("Encrypt") or ""
        expected = sign(
            self.token, outer.findtext("TimeStamp") or "", outer.findtext("Nonce") or "", encrypt
        )
        assert outer.findtext("MsgSignature") == expected, "reply signature does not verify"
        inner = fromstring(wechatpy_decrypt(self.key, encrypt, self.receive_id))
        return {child.tag: child.text or "" for child in inner}

    def read_json_reply(self, response: httpx.Response) -> dict[str, Any]:
        outer = response.json()
        expected = sign(self.token, outer["timestamp"], outer["nonce"], outer["encrypt"])
        assert outer["msgsignature"] == expected, "reply signature does not verify"
        return dict(json.loads(wechatpy_decrypt(self.key, outer["encrypt"], "")))


def text_xml(user: str, corp: str, content: str, msg_id: str, agent_id: str = "1000002") -> str:
    return (
        f"<xml><ToUserName><![CDATA[{corp}]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>{int(time.time())}</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
        f"<MsgId>{msg_id}</MsgId><AgentID>{agent_id}</AgentID></xml>"
    )
