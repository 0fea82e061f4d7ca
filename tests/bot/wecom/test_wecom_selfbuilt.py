"""Self-built app callback, end to end: a real uvicorn server on 127.0.0.1 driven over HTTP
with real encrypted callbacks, the real answer service, and a fake WeCom API server."""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from bot.wecom.api_client import WeComApiClient, WeComApiError, post_response_url
from bot.wecom.app import WeComTimings, create_wecom_router
from bot.wecom.render import APP_MESSAGE_BYTES, split_message, utf8_len
from bot.wecom.runner import build_app
from rag.protocol import AnswerService
from rag.settings import MissingSettingError, Settings
from tests.fakes.fake_openai import FakeOpenAI
from tests.fakes.fake_openai import Reply as OpenAIReply
from tests.fakes.fake_wecom import FakeWeCom, Http
from tests.wecom_support import (
    VECTORS,
    WeComPeer,
    live_server,
    llm_service,
    text_xml,
    wechatpy_encrypt,
)

# the official test vector's credentials (tests/test_wecom_crypto.py checks them)
TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
CORP = "ww1436e0e65a779aee"
SECRET, AGENT = "app-secret", "1000002"
QUESTION = "日照市新设创投机构最高奖励多少"
LONG_CLAUSE_COMMAND = "原文 长条款测试 1"


def settings(api_base: str, push: bool = True, replay_window: float = 300.0) -> Settings:
    values: dict[str, Any] = {
        "wecom_replay_window": replay_window,
        "wecom_corp_id": CORP,
        "wecom_token": TOKEN,
        "wecom_encoding_aes_key": KEY,
        "wecom_api_base": api_base,
        "wecom_secret": SECRET if push else None,
        "wecom_agent_id": AGENT if push else None,
        "wecom_aibot_token": None,
        "wecom_aibot_encoding_aes_key": None,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def fake() -> Iterator[FakeWeCom]:
    with FakeWeCom(CORP, SECRET, AGENT) as server:
        yield server


@pytest.fixture(scope="module")
def long_service(
    seed_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> AnswerService:
    """The real service over one policy whose clause 1 is ~7 KB: answers that must be split."""
    from rag.service import build_answer_service

    seeds = tmp_path_factory.mktemp("long-seeds")
    measures = "".join(
        f"支持第{i}类科技企业开展研发活动，由市科技局会同有关部门组织评审并给予相应支持。"
        for i in range(1, 61)
    )
    (seeds / "long_policy.txt").write_text(
        "关于支持科技企业研发创新的若干措施（长条款测试）\n\n日照市科学技术局\n2025年5月9日\n\n"
        f"一、支持研发创新\n1. 全面支持企业研发。{measures}\n"
        "2. 鼓励建设研发平台。对新认定的市级研发平台给予支持。\n",
        encoding="utf-8",
    )
    update = {"data_dir": tmp_path_factory.mktemp("long-data"), "seeds_dir": seeds}
    return build_answer_service(seed_settings.model_copy(update=update), mode="extractive")


def serve(  # type: ignore[no-untyped-def]
    service: AnswerService,
    fake: FakeWeCom,
    budget: float,
    push: bool = True,
    replay_window: float = 300.0,
    retry_delay: float = 0.05,
):
    timings = WeComTimings(reply_budget=budget, push_first_delay=retry_delay)
    return live_server(build_app(settings(fake.base_url, push, replay_window), service, timings))


def peer(base_url: str) -> WeComPeer:
    return WeComPeer(base_url, "/wecom/callback", TOKEN, KEY, CORP)


def ask(wecom: WeComPeer, content: str, user: str | None = None):  # type: ignore[no-untyped-def]
    """One text message; a fresh user each time unless given (sessions outlive a test)."""
    user = user or f"user-{secrets.token_hex(4)}"
    return wecom.post_xml(text_xml(user, CORP, content, secrets.token_hex(8)))


def test_url_verification_with_the_official_vector(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    """The vector was signed in 2016: it verifies only with a window reaching back that far,
    and the default 300 s window refuses it as the replay it is."""
    params = {k: v for k, v in VECTORS["verify_url"].items() if k != "expected_plaintext"}
    decades = 30 * 366 * 24 * 3600.0
    with serve(seed_service, fake, 3.5, replay_window=decades) as base:
        response = peer(base).http.get(base + "/wecom/callback", params=params)
        assert response.status_code == 200
        assert response.content == b"1288432023552776189"  # plain, no newline
    with serve(seed_service, fake, 3.5) as base:
        replayed = peer(base).http.get(base + "/wecom/callback", params=params)
    assert replayed.status_code == 403 and b"stale_timestamp" in replayed.content


def test_replayed_callbacks_are_refused_after_the_window(
    seed_service: AnswerService, fake: FakeWeCom, caplog: pytest.LogCaptureFixture
) -> None:
    """A captured, correctly signed callback replayed later (MsgId dedupe long forgotten)
    is refused with a 403 and a log line; so is one dated in the future, or not a number."""
    caplog.set_level(logging.WARNING)
    echo = wechatpy_encrypt(KEY, "echo-1", CORP)
    with serve(seed_service, fake, 3.5, replay_window=60.0) as base:
        wecom = peer(base)

        def post(msg_id: str, skew: int | None = None, timestamp: str = ""):  # type: ignore[no-untyped-def]
            xml = text_xml("replay-victim", CORP, QUESTION, msg_id)
            sent = timestamp or str(int(time.time()) + (skew or 0))  # right before sending
            return wecom.post_xml(xml, timestamp=sent)

        cases = {
            "replayed 90 s later": post("r1", -90),
            "dated 90 s ahead": post("r2", +90),
            "not a number": post("r3", timestamp="yesterday"),
            "replayed verification": wecom.verify(echo, str(int(time.time()) - 3600)),
        }
        within = post("r4", -30)  # a WeCom retry seconds later is still answered
        fresh_verification = wecom.verify(echo, str(int(time.time()) - 30))
    for name, response in cases.items():
        assert 400 <= response.status_code < 500, name
    assert cases["replayed 90 s later"].status_code == 403
    assert cases["replayed verification"].status_code == 403
    rejected = [r.getMessage() for r in caplog.records if "rejected" in r.getMessage()]
    assert len(rejected) == len(cases)
    assert sum("stale_timestamp" in line for line in rejected) == 3
    assert "200万元" in wecom.read_xml_reply(within)["Content"]
    assert fresh_verification.text == "echo-1"
    assert fake.send_calls == 0


def test_fast_question_is_answered_passively_with_its_citation(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, fake, 3.5) as base:
        wecom = peer(base)
        started = time.monotonic()
        response = ask(wecom, QUESTION, user="zhangsan")
        assert time.monotonic() - started < 5
        assert response.status_code == 200
        reply = wecom.read_xml_reply(response)
    assert reply["ToUserName"] == "zhangsan" and reply["FromUserName"] == CORP
    assert reply["MsgType"] == "text"
    content = reply["Content"]
    assert "200万元" in content and "第14条" in content and "日照市科学技术局" in content
    assert "对新设立的创业投资机构,按照投资额度给予最高200万元奖励" in content  # verbatim quote
    assert fake.sent == [] and fake.gettoken_calls == 0  # nothing pushed


def test_slow_answer_is_acknowledged_at_once_and_pushed_once_despite_two_retries(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, fake, budget=0.0) as base:
        wecom = peer(base)
        xml = text_xml("lisi", CORP, QUESTION, "7302148213681")
        with ThreadPoolExecutor(3) as pool:  # WeCom's first try and two retries of one MsgId
            timed = list(pool.map(lambda _: _timed_post(wecom, xml), range(3)))
        for response, seconds in timed:
            assert response.status_code == 200 and response.content == b""
            assert seconds < 5
        sent = fake.wait_for_sent(1)
        time.sleep(0.3)
        late_retry = wecom.post_xml(xml)  # a retry after the push changes nothing
        time.sleep(0.3)
    assert late_retry.status_code == 200 and late_retry.content == b""
    assert len(fake.sent) == 1 == len(sent)
    assert sent[0].touser == "lisi" and sent[0].msgtype == "text"
    assert "200万元" in sent[0].content and "第14条" in sent[0].content
    assert fake.gettoken_calls == 1


def _timed_post(wecom: WeComPeer, xml: str) -> tuple[Any, float]:
    started = time.monotonic()
    response = wecom.post_xml(xml)
    return response, time.monotonic() - started


def test_access_token_is_cached_and_refreshed_on_42001_and_40014(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, fake, budget=0.0) as base:
        wecom = peer(base)
        ask(wecom, QUESTION, user="u1")
        ask(wecom, "日照对孵化器有什么支持", user="u2")
        first_two = fake.wait_for_sent(2)
        assert fake.gettoken_calls == 1
        assert first_two[0].access_token == first_two[1].access_token
        fake.expire_tokens()  # WeCom now answers 42001 for the cached token
        ask(wecom, QUESTION, user="u3")
        third = fake.wait_for_sent(3)[2]
        assert fake.gettoken_calls == 2 and third.touser == "u3"
        assert third.access_token != first_two[0].access_token
        fake.fail_next(40014)  # an invalidated token is refreshed the same way
        ask(wecom, QUESTION, user="u4")
        assert fake.wait_for_sent(4)[3].touser == "u4"
        assert fake.gettoken_calls == 3


def test_long_answer_is_pushed_in_parts_under_2048_bytes_at_sentence_ends(
    long_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(long_service, fake, budget=3.5) as base:
        response = ask(peer(base), LONG_CLAUSE_COMMAND, user="wangwu")
        assert response.status_code == 200 and response.content == b""  # too long for one reply
        fake.wait_for_sent(4)
        time.sleep(0.3)
    parts = [m.content for m in fake.sent]
    assert len(parts) == 4 and all(m.touser == "wangwu" for m in fake.sent)
    bodies = []
    for number, part in enumerate(parts, 1):
        assert utf8_len(part) <= APP_MESSAGE_BYTES
        marker = f"({number}/{len(parts)}) "
        assert part.startswith(marker)
        bodies.append(part.removeprefix(marker))
    joined = re.sub(r"\s", "", "".join(bodies))
    assert (
        joined.startswith("《关于支持科技企业研发创新的若干措施") and "日照市科学技术局" in joined
    )
    assert joined.endswith("由市科技局会同有关部门组织评审并给予相应支持。")  # nothing lost
    assert all(f"支持第{i}类科技企业开展研发活动" in joined for i in range(1, 61))
    for body in bodies[:-1]:
        assert body.endswith("。")  # cut at a sentence end


def test_a_failing_later_part_is_retried_with_backoff_and_nothing_is_sent_twice(
    long_service: AnswerService, fake: FakeWeCom, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    fake.fail_next(0, 45009, Http(503))  # part 1 goes out; part 2 meets a rate limit, then a 503
    with serve(long_service, fake, budget=3.5, retry_delay=0.1) as base:
        assert ask(peer(base), LONG_CLAUSE_COMMAND, user="qianshi").content == b""
        fake.wait_for_sent(4)
        time.sleep(0.3)
    markers = [m.content.split(" ", 1)[0] for m in fake.sent]
    assert markers == ["(1/4)", "(2/4)", "(3/4)", "(4/4)"]  # each part once, in order
    assert fake.send_calls == 6 and fake.gettoken_calls == 1
    times = fake.send_times
    assert times[2] - times[1] >= 0.1 and times[3] - times[2] >= 0.2  # 0.1 s, then doubled
    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2 and "errcode 45009" in retries[0] and "503" in retries[1]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_part_that_keeps_failing_stops_the_push_with_the_errcode_meaning(
    long_service: AnswerService, fake: FakeWeCom, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    fake.fail_next(0, 45009, 45009, 45009, 45009)  # part 2 is rate-limited on all 4 tries
    with serve(long_service, fake, budget=3.5, retry_delay=0.02) as base:
        ask(peer(base), LONG_CLAUSE_COMMAND, user="zhengyi")
        deadline = time.monotonic() + 10
        while "not sent" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)
    assert [m.content.split(" ", 1)[0] for m in fake.sent] == ["(1/4)"]
    assert fake.send_calls == 5  # part 1 once, part 2 four times, parts 3-4 never
    [final] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "part 2/4" in final and "4 tries" in final and "1 delivered, 3 not sent" in final
    assert "errcode 45009" in final and "rate limit" in final


def test_split_message_counts_bytes_and_cuts_only_where_it_must() -> None:
    text = "第一句话。" * 300 + "\n" + "很长的句子没有标点" * 200
    parts = split_message(text, 2048)
    assert all(utf8_len(p) <= 2048 for p in parts)
    assert re.sub(r"^\(\d+/\d+\) ", "", parts[0]).endswith("。")
    assert "".join(re.sub(r"^\(\d+/\d+\) ", "", p) for p in parts).replace(
        "\n", ""
    ) == text.replace("\n", "")
    assert split_message("短消息") == ["短消息"]
    emoji = "😀" * 1000  # 4 bytes each: never cut inside a character
    assert all(utf8_len(p) <= 2048 for p in split_message(emoji))


def test_clause_lookup_by_message(seed_service: AnswerService, fake: FakeWeCom) -> None:
    with serve(seed_service, fake, 3.5) as base:
        wecom = peer(base)
        by_command = wecom.read_xml_reply(ask(wecom, "原文 日照 14"))["Content"]
        by_phrase = wecom.read_xml_reply(ask(wecom, "日照若干政策第14条原文"))["Content"]
    for content in (by_command, by_phrase):
        assert "14. 完善风险投资体系和机制" in content and "最高200万元奖励" in content
        assert "若干政策" in content


def test_help_shows_examples_from_the_index_that_work(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    examples = seed_service.examples()
    reference = f"原文 {examples.document} {examples.clause_number}"
    with serve(seed_service, fake, 3.5) as base:
        wecom = peer(base)
        help_reply = wecom.read_xml_reply(ask(wecom, "帮助"))["Content"]
        shown = wecom.read_xml_reply(ask(wecom, reference))["Content"]
    assert examples.question and f"「{examples.question}」" in help_reply
    assert f"「{reference}」" in help_reply
    clause = seed_service.find_clause(examples.document or "", examples.clause_number or "")
    assert clause is not None and clause.text[:40] in shown


def test_follow_up_question_keeps_the_city_per_user(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, fake, 3.5) as base:
        wecom = peer(base)
        ask(wecom, "日照对孵化器有什么支持?", user="zhaoliu")
        follow_up = wecom.read_xml_reply(ask(wecom, "那新设立的创投机构呢?", user="zhaoliu"))
    assert "200万元" in follow_up["Content"] and "日照" in follow_up["Content"]


def test_errcode_60020_is_logged_with_its_meaning(
    seed_service: AnswerService, fake: FakeWeCom, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    fake.fail_next(60020)
    with serve(seed_service, fake, budget=0.0) as base:
        ask(peer(base), QUESTION, user="sunqi")
        deadline = time.monotonic() + 10
        while "60020" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert fake.sent == [] and fake.send_calls == 1  # a permanent error is not retried
    assert "errcode 60020" in caplog.text and "trusted IP list" in caplog.text
    assert "after 1 try" in caplog.text


def test_without_push_credentials_a_retry_carries_the_late_answer(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, fake, budget=0.0, push=False) as base:
        wecom = peer(base)
        xml = text_xml("zhouba", CORP, QUESTION, "88001")
        assert wecom.post_xml(xml).content == b""
        time.sleep(0.5)  # the answer finishes meanwhile; WeCom retries after its 5 s
        retried = wecom.read_xml_reply(wecom.post_xml(xml))
        assert "200万元" in retried["Content"]
        assert wecom.post_xml(xml).content == b""  # delivered once only
    assert fake.send_calls == 0


def test_events_and_media_get_polite_replies(seed_service: AnswerService, fake: FakeWeCom) -> None:
    now = int(time.time())
    subscribe = (
        f"<xml><ToUserName>{CORP}</ToUserName><FromUserName>u</FromUserName><CreateTime>{now}"
        "</CreateTime><MsgType>event</MsgType><Event>subscribe</Event><AgentID>1000002</AgentID></xml>"
    )
    image = (
        f"<xml><ToUserName>{CORP}</ToUserName><FromUserName>u</FromUserName><CreateTime>{now}"
        "</CreateTime><MsgType>image</MsgType><PicUrl>http://x/y</PicUrl><MsgId>5</MsgId></xml>"
    )
    with serve(seed_service, fake, 3.5) as base:
        wecom = peer(base)
        welcome = wecom.read_xml_reply(wecom.post_xml(subscribe))["Content"]
        media = wecom.read_xml_reply(wecom.post_xml(image))["Content"]
        enter = wecom.post_xml(subscribe.replace("subscribe", "enter_agent"))
    assert "政策问答" in welcome and "原文" in welcome
    examples = seed_service.examples()
    reference = f"原文 {examples.document} {examples.clause_number}"
    assert examples.question and examples.question in welcome and reference in welcome
    assert "文字" in media
    assert enter.status_code == 200 and enter.content == b""


def test_every_rejection_is_a_4xx_with_a_log_line_never_a_500(
    seed_service: AnswerService, fake: FakeWeCom, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    good = text_xml("u", CORP, QUESTION, "1")
    with serve(seed_service, fake, 3.5) as base:
        wecom = peer(base)
        http, url = wecom.http, base + "/wecom/callback"
        encrypt = wechatpy_encrypt(KEY, good, CORP)
        envelope = f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        cases = {
            "forged signature": http.post(
                url, params={**wecom.query(encrypt), "msg_signature": "0" * 40}, content=envelope
            ),
            "no signature": http.post(url, content=envelope),
            "wrong receiveid": _post_encrypt(wecom, wechatpy_encrypt(KEY, good, "ww-another-corp")),
            "bad base64": _post_encrypt(wecom, "%%%not-base64%%%"),
            "truncated ciphertext": _post_encrypt(wecom, encrypt[:-8]),
            "malformed xml": http.post(url, params=wecom.query(encrypt), content=b"<xml><Encrypt>"),
            "billion laughs": http.post(url, params=wecom.query(encrypt), content=_laughs(encrypt)),
            "hostile inner xml": _post_encrypt(
                wecom, wechatpy_encrypt(KEY, _laughs("x").decode(), CORP)
            ),
            "huge body": http.post(
                url, params=wecom.query(encrypt), content=b"<xml>" + b"A" * 400_000
            ),
            "forged verification": wecom.verify("AAAA", msg_signature="0" * 40),
            "garbage echostr": wecom.verify("not-base64"),
        }
        still_works = ask(wecom, QUESTION)
    for name, response in cases.items():
        assert 400 <= response.status_code < 500, name
    assert cases["forged signature"].status_code == 403
    assert cases["huge body"].status_code == 413
    assert still_works.status_code == 200 and still_works.content
    rejected = [r for r in caplog.records if "rejected" in r.getMessage()]
    assert len(rejected) == len(cases)
    assert fake.send_calls == 0


def _post_encrypt(wecom: WeComPeer, encrypt: str):  # type: ignore[no-untyped-def]
    body = f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    return wecom.http.post(wecom.url, params=wecom.query(encrypt), content=body)


def _laughs(encrypt: str) -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f"<xml><Encrypt>{encrypt}</Encrypt><X>&c;</X></xml>"
    ).encode()


def test_routes_follow_the_settings(seed_service: AnswerService) -> None:
    assert create_wecom_router(Settings(_env_file=None), seed_service) is None
    with pytest.raises(MissingSettingError) as neither:
        create_wecom_router(Settings(_env_file=None), seed_service, require=True)
    assert "WECOM_CORP_ID" in str(neither.value) and "WECOM_AIBOT_TOKEN" in str(neither.value)
    half = Settings(_env_file=None, wecom_token=TOKEN)  # type: ignore[call-arg]
    with pytest.raises(MissingSettingError) as partial:
        create_wecom_router(half, seed_service)
    assert partial.value.names == ("WECOM_CORP_ID", "WECOM_ENCODING_AES_KEY")
    half_push = settings("http://127.0.0.1:9").model_copy(update={"wecom_agent_id": None})
    with pytest.raises(MissingSettingError, match="WECOM_AGENT_ID"):
        create_wecom_router(half_push, seed_service)
    bad_key = settings("http://127.0.0.1:9").model_copy(update={"wecom_encoding_aes_key": "abc"})
    with pytest.raises(MissingSettingError, match="WECOM_ENCODING_AES_KEY is not valid"):
        create_wecom_router(bad_key, seed_service)
    bad_agent = settings("http://127.0.0.1:9").model_copy(update={"wecom_agent_id": "app"})
    with pytest.raises(MissingSettingError, match="WECOM_AGENT_ID is not valid"):
        create_wecom_router(bad_agent, seed_service)
    only_app = create_wecom_router(settings("http://127.0.0.1:9"), seed_service)
    assert only_app is not None
    assert {getattr(r, "path", "") for r in only_app.routes} == {"/wecom/callback"}


def test_policybot_wecom_command_serves_and_names_missing_settings(
    seed_service: AnswerService, seed_settings: Settings
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("WECOM_", "OPENAI_"))}
    env |= {
        "POLICYBOT_DATA_DIR": str(seed_settings.data_dir),
        "POLICYBOT_SEEDS_DIR": str(seed_settings.seeds_dir),
    }
    missing = subprocess.run(
        [sys.executable, "-m", "bot", "wecom"], env=env, capture_output=True, text=True, timeout=60
    )
    assert missing.returncode == 2
    assert "WECOM_CORP_ID" in missing.stderr and "WECOM_AIBOT_TOKEN" in missing.stderr
    env |= {"WECOM_CORP_ID": CORP, "WECOM_TOKEN": TOKEN, "WECOM_ENCODING_AES_KEY": KEY}
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "wecom", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base + "/healthz", process)
        wecom = peer(base)
        verified = wecom.verify(wechatpy_encrypt(KEY, "echo-123", CORP))
        answered = wecom.read_xml_reply(ask(wecom, QUESTION))
    finally:
        process.terminate()
        process.wait(10)
    assert verified.text == "echo-123"
    assert "200万元" in answered["Content"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError("policybot wecom did not start")


def test_without_push_credentials_a_long_answer_is_cut_to_one_message(
    long_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(long_service, fake, budget=3.5, push=False) as base:
        wecom = peer(base)
        content = wecom.read_xml_reply(ask(wecom, LONG_CLAUSE_COMMAND))["Content"]
    assert utf8_len(content) <= APP_MESSAGE_BYTES
    assert "支持第1类科技企业开展研发活动" in content
    assert content.endswith("后可发送全文。）") and "WECOM_SECRET" in content
    assert fake.send_calls == 0


def test_racing_retries_while_the_answer_is_slow_deliver_it_once(
    seed_service: AnswerService, seed_settings: Settings, fake: FakeWeCom
) -> None:
    """A genuinely slow answer (the LLM server takes 2 s) and no push credentials: the first
    try times out, two retries then wait on the same answer; exactly one carries it."""
    grounded = "日照市对新设立的创业投资机构，按照投资额度给予最高200万元奖励[1]。"
    with FakeOpenAI() as openai_server:
        openai_server.reply(OpenAIReply(grounded, delay=2.0))
        service = llm_service(seed_settings, openai_server.base_url)
        with serve(service, fake, budget=1.5, push=False) as base:
            wecom = peer(base)
            xml = text_xml("wujiu", CORP, QUESTION, "99001")
            assert wecom.post_xml(xml).content == b""
            with ThreadPoolExecutor(2) as pool:
                retries = list(pool.map(lambda _: wecom.post_xml(xml), range(2)))
    carried = [r for r in retries if r.content]
    assert all(r.status_code == 200 for r in retries) and len(carried) == 1
    assert "200万元" in wecom.read_xml_reply(carried[0])["Content"]
    assert len(openai_server.chat_requests) == 1


async def test_api_client_against_the_strict_fake(fake: FakeWeCom) -> None:
    client = WeComApiClient(fake.base_url, CORP, SECRET, AGENT)
    try:
        await client.send_text("u", "你好")
        with pytest.raises(WeComApiError) as too_long:
            await client.send_text("u", "长" * 700)  # 2100 bytes
        assert too_long.value.errcode == 45002 and "byte limit" in str(too_long.value)
        with pytest.raises(WeComApiError) as empty:
            await client.send_text("u", "")
        assert empty.value.errcode == 44004
        fake.fail_next(42001, 42001)  # still expired after one refresh: give up, say why
        with pytest.raises(WeComApiError, match="expired"):
            await client.send_text("u", "再试")
        response_url = fake.new_response_url()
        async with httpx.AsyncClient() as http:
            await post_response_url(http, response_url, "**一次**")
            with pytest.raises(WeComApiError) as reused:
                await post_response_url(http, response_url, "两次")
        assert reused.value.errcode == 93017
    finally:
        await client.aclose()
    wrong = WeComApiClient(fake.base_url, CORP, "not-the-secret", AGENT)
    with pytest.raises(WeComApiError, match="WECOM_SECRET"):
        await wrong.send_text("u", "你好")
    await wrong.aclose()
    assert [m.content for m in fake.sent] == ["你好"]
    assert [r.content for r in fake.responses] == ["**一次**"]
