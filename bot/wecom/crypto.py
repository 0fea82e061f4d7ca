"""WeCom callback crypto (WXBizMsgCrypt scheme) for both the XML and the JSON callbacks.

Built on wechatpy's primitives (its AES-CBC cipher, 32-byte PKCS#7 encoder and SHA-1
signer). wechatpy's own `WeChatCrypto.decrypt_message` is not used for untrusted input:
it never validates the padding or the length field, compares signatures in variable time
and parses XML with xmltodict; a forged body must fail with one clear `CryptoError`.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import os
import secrets
import struct

from wechatpy.crypto.cryptography import WeChatCipher
from wechatpy.crypto.pkcs7 import PKCS7Encoder
from wechatpy.utils import WeChatSigner

BLOCK = PKCS7Encoder.block_size  # 32: WeCom pads to 32-byte multiples, not AES's 16
RANDOM_PREFIX = 16


class CryptoError(ValueError):
    """A callback that must be rejected; `reason` is a short stable code for logs/tests."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


def aes_key(encoding_aes_key: str) -> bytes:
    """The 32-byte AES key an admin console's 43-character EncodingAESKey stands for."""
    if len(encoding_aes_key) != 43:
        raise CryptoError("bad_key", "EncodingAESKey must be 43 characters")
    try:
        key = base64.b64decode(encoding_aes_key + "=", validate=True)
    except binascii.Error as error:
        raise CryptoError("bad_key", str(error)) from error
    return key


def signature(token: str, timestamp: str, nonce: str, encrypt: str) -> str:
    """sha1 over the sorted concatenation of token, timestamp, nonce and ciphertext."""
    signer = WeChatSigner()
    signer.add_data(token, timestamp, nonce, encrypt)
    return str(signer.signature)


def unpad(padded: bytes) -> bytes:
    """Strict PKCS#7 removal for 32-byte blocks: every pad byte must equal the count."""
    if not padded or len(padded) % BLOCK:
        raise CryptoError("bad_padding", "plaintext is not a multiple of 32 bytes")
    count = padded[-1]
    if not 1 <= count <= BLOCK or padded[-count:] != bytes([count]) * count:
        raise CryptoError("bad_padding")
    return padded[:-count]


class WeComCrypto:
    """Sign, verify, encrypt and decrypt for one token/key/receiveid triple.

    receiveid is the corp id for a self-built app and "" for an AI bot.
    """

    def __init__(self, token: str, encoding_aes_key: str, receive_id: str) -> None:
        self.token = token
        self.key = aes_key(encoding_aes_key)
        self.receive_id = receive_id

    def sign(self, timestamp: str, nonce: str, encrypt: str) -> str:
        return signature(self.token, timestamp, nonce, encrypt)

    def verify(self, msg_signature: str, timestamp: str, nonce: str, encrypt: str) -> None:
        expected = self.sign(timestamp, nonce, encrypt)
        if not hmac.compare_digest(expected.encode(), (msg_signature or "").encode()):
            raise CryptoError("bad_signature")

    def encrypt(self, message: str, random_prefix: bytes | None = None) -> str:
        """Base64 ciphertext of random(16) + len(4, big-endian) + message + receiveid."""
        body = message.encode("utf-8")
        prefix = random_prefix if random_prefix is not None else os.urandom(RANDOM_PREFIX)
        plain = prefix + struct.pack(">I", len(body)) + body + self.receive_id.encode()
        cipher = WeChatCipher(self.key).encrypt(PKCS7Encoder.encode(plain))
        return base64.b64encode(cipher).decode("ascii")

    def decrypt(self, encrypt: str) -> str:
        """The message inside `encrypt`; CryptoError for anything malformed or foreign."""
        plain = unpad(WeChatCipher(self.key).decrypt(self._ciphertext(encrypt)))
        if len(plain) < RANDOM_PREFIX + 4:
            raise CryptoError("bad_length", "plaintext too short")
        (length,) = struct.unpack(">I", plain[RANDOM_PREFIX : RANDOM_PREFIX + 4])
        body = plain[RANDOM_PREFIX + 4 :]
        if length > len(body):
            raise CryptoError("bad_length", "length field exceeds the plaintext")
        if body[length:] != self.receive_id.encode():
            raise CryptoError("bad_receiveid")
        try:
            return body[:length].decode("utf-8")
        except UnicodeDecodeError as error:
            raise CryptoError("bad_utf8") from error

    def seal(self, message: str, timestamp: str, nonce: str) -> tuple[str, str]:
        """(ciphertext, signature) for a reply."""
        encrypt = self.encrypt(message)
        return encrypt, self.sign(timestamp, nonce, encrypt)

    @staticmethod
    def _ciphertext(encrypt: str) -> bytes:
        try:
            raw = base64.b64decode(encrypt, validate=True)
        except (binascii.Error, ValueError) as error:
            raise CryptoError("bad_base64", str(error)) from error
        if not raw or len(raw) % BLOCK:
            raise CryptoError("bad_base64", "ciphertext is not a multiple of 32 bytes")
        return raw


def new_nonce() -> str:
    return secrets.token_hex(8)
