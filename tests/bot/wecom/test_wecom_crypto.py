"""WeCom callback crypto: the official vectors, every padding length, and every rejection."""

from __future__ import annotations

import base64
import json
import struct

import pytest
from wechatpy.enterprise.crypto import WeChatCrypto

from bot.wecom import envelope
from bot.wecom.crypto import CryptoError, WeComCrypto, aes_key
from bot.wecom.gate import XML, CallbackGate, check_fresh
from tests.wecom_support import (
    VECTORS,
    VECTORS_FILE,
    frame,
    raw_encrypt,
    wechatpy_decrypt,
    wechatpy_encrypt,
)

KEY = VECTORS["encoding_aes_key"]
CORP = VECTORS["corp_id"]


def test_inlined_vectors_match_the_shared_notes() -> None:
    if not VECTORS_FILE.exists():
        pytest.skip("shared notes not present")
    shared = json.loads(VECTORS_FILE.read_text())
    assert {k: shared[k] for k in VECTORS} == VECTORS


def test_official_url_verification_vector() -> None:
    v = VECTORS["verify_url"]
    crypto = WeComCrypto(VECTORS["token"], KEY, CORP)
    crypto.verify(v["msg_signature"], v["timestamp"], v["nonce"], v["echostr"])
    assert crypto.decrypt(v["echostr"]) == v["expected_plaintext"]
    assert crypto.sign(v["timestamp"], v["nonce"], v["echostr"]) == v["msg_signature"]


@pytest.mark.parametrize("receive_id", [CORP, ""], ids=["xml-corpid", "json-empty"])
def test_round_trip_every_length_0_to_64_both_ways_with_wechatpy(receive_id: str) -> None:
    crypto = WeComCrypto("token", KEY, receive_id)
    paddings = set()
    for length in range(65):
        message = "x" * length
        ours = crypto.encrypt(message)
        paddings.add(32 - (20 + length + len(receive_id)) % 32)
        assert crypto.decrypt(ours) == message
        assert wechatpy_decrypt(KEY, ours, receive_id) == message
        assert crypto.decrypt(wechatpy_encrypt(KEY, message, receive_id)) == message
    assert paddings == set(range(1, 33))  # every PKCS#7 value, including a full 32-byte block


def test_multibyte_text_round_trips_and_xml_matches_wechatpy() -> None:
    crypto = WeComCrypto("token", KEY, CORP)
    reply = envelope.text_reply_xml("zhangsan", CORP, "最高200万元]]>奖励", now=1)
    encrypt, signature = crypto.seal(reply, "1700000000", "nonce1")
    xml = envelope.encrypted_xml(encrypt, signature, "1700000000", "nonce1")
    decrypted = WeChatCrypto("token", KEY, CORP).decrypt_message(
        xml, signature, "1700000000", "nonce1"
    )
    assert decrypted == reply
    assert envelope.parse_app_message(decrypted).content == "最高200万元]]>奖励"


def test_fixed_random_prefix_gives_a_deterministic_ciphertext() -> None:
    crypto = WeComCrypto("token", KEY, CORP)
    prefix = b"0123456789abcdef"
    assert crypto.encrypt("hello", prefix) == crypto.encrypt("hello", prefix)
    assert crypto.encrypt("hello", prefix) != crypto.encrypt("hello", b"fedcba9876543210")


def reason(call: object, *args: str) -> str:
    with pytest.raises(CryptoError) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.reason


def test_forged_signature_and_missing_signature_are_rejected() -> None:
    v = VECTORS["verify_url"]
    crypto = WeComCrypto(VECTORS["token"], KEY, CORP)
    forged = "0" * 40
    assert (
        reason(crypto.verify, forged, v["timestamp"], v["nonce"], v["echostr"]) == "bad_signature"
    )
    assert reason(crypto.verify, "", v["timestamp"], v["nonce"], v["echostr"]) == "bad_signature"
    other = WeComCrypto("another-token", KEY, CORP)
    args = (v["msg_signature"], v["timestamp"], v["nonce"], v["echostr"])
    assert reason(other.verify, *args) == "bad_signature"


def test_wrong_receiveid_is_rejected_in_both_directions() -> None:
    for_corp = wechatpy_encrypt(KEY, "<xml/>", CORP)
    for_bot = wechatpy_encrypt(KEY, "{}", "")
    assert reason(WeComCrypto("t", KEY, "").decrypt, for_corp) == "bad_receiveid"
    assert reason(WeComCrypto("t", KEY, CORP).decrypt, for_bot) == "bad_receiveid"
    assert reason(WeComCrypto("t", KEY, "ww-other").decrypt, for_corp) == "bad_receiveid"


@pytest.mark.parametrize(
    "encrypt",
    ["not base64!!", "", "QUJD", base64.b64encode(b"x" * 31).decode(), "中文", "QUJD\nRA=="],
)
def test_bad_base64_is_rejected(encrypt: str) -> None:
    assert reason(WeComCrypto("t", KEY, CORP).decrypt, encrypt) == "bad_base64"


def test_wrong_key_fails_on_padding_or_receiveid_never_crashes() -> None:
    other_key = base64.b64encode(bytes(range(32))).decode().rstrip("=")
    crypto = WeComCrypto("t", other_key, CORP)
    for length in range(40):
        encrypt = wechatpy_encrypt(KEY, "m" * length, CORP)
        assert reason(crypto.decrypt, encrypt) in {
            "bad_padding",
            "bad_length",
            "bad_receiveid",
            "bad_utf8",
        }


def test_malformed_plaintexts_are_rejected() -> None:
    crypto = WeComCrypto("t", KEY, CORP)
    good = frame(b"hello", CORP.encode())
    bad_pad = good[:-1] + bytes([33])
    inconsistent = good[:-2] + bytes([7, good[-1]]) if good[-1] > 1 else good[:-1] + b"\x00"
    assert reason(crypto.decrypt, raw_encrypt(KEY, bad_pad)) == "bad_padding"
    assert reason(crypto.decrypt, raw_encrypt(KEY, good[:-1] + b"\x00")) == "bad_padding"
    assert reason(crypto.decrypt, raw_encrypt(KEY, inconsistent)) == "bad_padding"
    too_long = frame(b"hello", CORP.encode(), length=10_000)
    assert reason(crypto.decrypt, raw_encrypt(KEY, too_long)) == "bad_length"
    not_utf8 = frame(b"\xff\xfe", CORP.encode())
    assert reason(crypto.decrypt, raw_encrypt(KEY, not_utf8)) == "bad_utf8"
    only_padding = bytes([32]) * 32
    assert reason(crypto.decrypt, raw_encrypt(KEY, only_padding)) == "bad_length"
    tiny = b"0123456789abcdef" + struct.pack(">I", 0)[:2] + bytes([14]) * 14
    assert reason(crypto.decrypt, raw_encrypt(KEY, tiny)) == "bad_length"


def test_encoding_aes_key_must_be_43_base64_characters() -> None:
    assert len(aes_key(KEY)) == 32
    assert reason(aes_key, KEY[:-1]) == "bad_key"
    assert reason(aes_key, "!" * 43) == "bad_key"


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    "<xml><Encrypt>&lol3;</Encrypt></xml>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    "<xml><Encrypt>&e;</Encrypt></xml>"
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (BILLION_LAUGHS, "bad_xml"),
        (EXTERNAL_ENTITY, "bad_xml"),
        ("<xml><Encrypt>abc</Encrypt>", "bad_xml"),
        ("not xml at all", "bad_xml"),
        ("<root><Encrypt>abc</Encrypt></root>", "bad_xml"),
        ("<xml><ToUserName>x</ToUserName></xml>", "no_encrypt"),
        ("<xml>" + "<a>" * 5 + "</a>" * 5 + "</xml>", "no_encrypt"),
        ("<xml><Encrypt>" + "A" * 300_000 + "</Encrypt></xml>", "too_large"),
    ],
)
def test_hostile_or_malformed_xml_is_rejected(body: str, expected: str) -> None:
    assert reason(envelope.encrypt_field_from_xml, body.encode()) == expected


def test_hostile_inner_xml_is_rejected_after_decryption() -> None:
    assert reason(envelope.parse_app_message, BILLION_LAUGHS) == "bad_xml"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("{", "bad_json"),
        ("[1, 2]", "bad_json"),
        ('{"encrypt": 5}', "no_encrypt"),
        ("{}", "no_encrypt"),
        ("[" * 100_000, "bad_json"),
    ],
)
def test_malformed_json_is_rejected(body: str, expected: str) -> None:
    assert reason(envelope.encrypt_field_from_json, body.encode()) == expected


def test_freshness_window_is_inclusive_both_ways_and_checked_after_the_signature() -> None:
    v = VECTORS["verify_url"]
    sent = int(v["timestamp"])
    args = (v["msg_signature"], v["timestamp"], v["nonce"], v["echostr"])
    crypto = WeComCrypto(VECTORS["token"], KEY, CORP)
    for now, ok in [
        (sent + 300, True),
        (sent - 300, True),
        (sent + 301, False),
        (sent - 301, False),
    ]:
        gate = CallbackGate(crypto, XML, replay_window=300, clock=lambda now=now: float(now))
        if ok:
            assert gate.verify_url(*args) == v["expected_plaintext"]
        else:
            assert reason(gate.verify_url, *args) == "stale_timestamp"
    late = CallbackGate(crypto, XML, replay_window=300, clock=lambda: sent + 10_000.0)
    assert reason(late.verify_url, "0" * 40, *args[1:]) == "bad_signature"  # forgery first
    assert reason(lambda: check_fresh("1e9", 0.0, 300.0)) == "bad_timestamp"
