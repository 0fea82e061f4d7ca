"""AI bot (智能机器人) callback, end to end: a real uvicorn server on 127.0.0.1, real
encrypted JSON callbacks (receiveid ""), the real answer service and a fake WeCom API
that serves `response_url`."""

from __future__ import annotations

import logging
import re
import secrets
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest

from bot.wecom.aibot import EXPIRED, SENT_SEPARATELY, THINKING, WAIT_FOR_PREVIOUS
from bot.wecom.app import WeComTimings
from bot.wecom.render import STREAM_BYTES, TRUNCATED_NOTE, render_markdown, utf8_len
from bot.wecom.runner import build_app
from rag.protocol import AnswerService
from rag.records import Answer, Citation
from rag.settings import Settings
from tests.fakes.fake_openai import FakeOpenAI
from tests.fakes.fake_openai import Reply as OpenAIReply
from tests.fakes.fake_wecom import FakeWeCom
from tests.wecom_support import WeComPeer, live_server, llm_service, wechatpy_encrypt

TOKEN = "aibot-token-7Q2"
KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt"
QUESTION = "日照市新设创投机构最高奖励多少"


def settings() -> Settings:
    values: dict[str, Any] = {
        "wecom_aibot_token": TOKEN,
        "wecom_aibot_encoding_aes_key": KEY,
        "wecom_corp_id": None,
        "wecom_token": None,
        "wecom_encoding_aes_key": None,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def fake() -> Iterator[FakeWeCom]:
    with FakeWeCom("ww-unused", "unused", "1") as server:
        yield server


def serve(service: AnswerService, **timings: float) -> AbstractContextManager[str]:
    return live_server(build_app(settings(), service, WeComTimings(**timings)))


def peer(base_url: str) -> WeComPeer:
    return WeComPeer(base_url, "/wecom/aibot", TOKEN, KEY, "")


def text_message(content: str, **extra: Any) -> dict[str, Any]:
    message = {
        "msgid": secrets.token_hex(8),
        "aibotid": "AIBOTID",
        "chattype": "single",
        "from": {"userid": f"user-{secrets.token_hex(4)}"},  # sessions outlive a test
        "response_url": "",
        "msgtype": "text",
        "text": {"content": content},
    }
    return message | extra


def poll(wecom: WeComPeer, stream_id: str) -> dict[str, Any]:
    message = {
        "msgid": secrets.token_hex(8),
        "aibotid": "AIBOTID",
        "chattype": "single",
        "from": {"userid": "zhangsan"},
        "msgtype": "stream",
        "stream": {"id": stream_id},
    }
    response = wecom.post_json(message)
    assert response.status_code == 200
    return wecom.read_json_reply(response)


def poll_until_finished(
    wecom: WeComPeer, stream_id: str, timeout: float = 10
) -> list[dict[str, Any]]:
    replies = [poll(wecom, stream_id)]
    deadline = time.monotonic() + timeout
    while not replies[-1]["stream"]["finish"] and time.monotonic() < deadline:
        time.sleep(0.05)
        replies.append(poll(wecom, stream_id))
    return replies


def test_url_verification_uses_an_empty_receiveid(seed_service: AnswerService) -> None:
    with serve(seed_service) as base:
        wecom = peer(base)
        ok = wecom.verify(wechatpy_encrypt(KEY, "4821301993", ""))
        corp_encrypted = wecom.verify(wechatpy_encrypt(KEY, "4821301993", "ww1436e0e65a779aee"))
    assert ok.status_code == 200 and ok.content == b"4821301993"
    assert corp_encrypted.status_code == 400


def test_replayed_callbacks_are_refused(
    seed_service: AnswerService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    old = str(int(time.time()) - 301)  # the default window is 300 s
    with serve(seed_service) as base:
        wecom = peer(base)
        replayed = wecom.post_json(text_message(QUESTION), timestamp=old)
        replayed_verification = wecom.verify(wechatpy_encrypt(KEY, "4821301993", ""), old)
        fresh = wecom.post_json(text_message(QUESTION))
    assert replayed.status_code == 403 == replayed_verification.status_code
    stale = [r for r in caplog.records if "stale_timestamp" in r.getMessage()]
    assert len(stale) == 2
    assert fresh.status_code == 200 and wecom.read_json_reply(fresh)["msgtype"] == "stream"


def test_stream_reaches_finish_through_refresh_polls(seed_service: AnswerService) -> None:
    with serve(seed_service, stream_reply_budget=0.0) as base:
        wecom = peer(base)
        first = wecom.read_json_reply(wecom.post_json(text_message(QUESTION)))
        assert first["msgtype"] == "stream"
        stream = first["stream"]
        assert stream["finish"] is False and stream["content"] == THINKING and stream["id"]
        replies = poll_until_finished(wecom, stream["id"])
        again = poll(wecom, stream["id"])  # a late poll still gets the full, final content
    final = replies[-1]["stream"]
    assert final["finish"] is True and final["id"] == stream["id"]
    content = final["content"]
    assert re.search(r"\*\*[^*\n]*200万元[^*\n]*\*\*", content)  # the fact in bold
    assert (
        "> “放宽创投基金存续期要求" in content
        and "第14条" in content
        and "日照市科学技术局" in content
    )
    assert utf8_len(content) <= STREAM_BYTES
    assert again["stream"] == final


def test_fast_answer_finishes_in_the_first_reply(seed_service: AnswerService) -> None:
    with serve(seed_service, stream_reply_budget=3.0) as base:
        wecom = peer(base)
        first = wecom.read_json_reply(wecom.post_json(text_message(QUESTION)))
    assert first["stream"]["finish"] is True and "200万元" in first["stream"]["content"]


def test_retried_msgid_joins_the_same_stream(seed_service: AnswerService) -> None:
    message = text_message(QUESTION)
    with serve(seed_service, stream_reply_budget=0.0) as base:
        wecom = peer(base)
        first = wecom.read_json_reply(wecom.post_json(message))
        retry = wecom.read_json_reply(wecom.post_json(message))
        other = wecom.read_json_reply(wecom.post_json(text_message(QUESTION)))
    assert retry["stream"]["id"] == first["stream"]["id"]
    assert other["stream"]["id"] != first["stream"]["id"]


def test_group_mention_is_stripped_and_follow_ups_stay_in_their_chat(
    seed_service: AnswerService,
) -> None:
    in_rizhao = {"chattype": "group", "chatid": "wrk-rizhao", "from": {"userid": "lisi"}}
    in_taian = {**in_rizhao, "chatid": "wrk-taian"}

    def say(text: str, where: dict[str, Any]) -> str:
        reply = wecom.read_json_reply(wecom.post_json(text_message(text, **where)))
        assert reply["stream"]["finish"] is True
        return str(reply["stream"]["content"])

    with serve(seed_service, stream_reply_budget=3.0) as base:
        wecom = peer(base)
        assert "日照" in say("@政策助手 日照对孵化器有什么支持?", in_rizhao)
        assert "泰安" in say("@政策助手 泰安对孵化器有什么支持?", in_taian)
        rizhao_follow_up = say("@政策助手 那新设立的创投机构呢?", in_rizhao)
        taian_follow_up = say("@政策助手 那新设立的创投机构呢?", in_taian)
    assert "200万元" in rizhao_follow_up and "日照市科学技术局" in rizhao_follow_up
    assert "200万元" not in taian_follow_up  # its own (泰安) context, not the other chat's
    assert "日照市科学技术局" not in taian_follow_up


def test_welcome_on_enter_chat_and_text_only_notice(seed_service: AnswerService) -> None:
    enter = {
        "msgid": "e1",
        "aibotid": "AIBOTID",
        "from": {"userid": "u"},
        "msgtype": "event",
        "event": {"eventtype": "enter_chat"},
    }
    image = {
        "msgid": "i1",
        "aibotid": "AIBOTID",
        "from": {"userid": "u"},
        "msgtype": "image",
        "image": {"url": "http://127.0.0.1:9/x"},
    }
    with serve(seed_service) as base:
        wecom = peer(base)
        welcome = wecom.read_json_reply(wecom.post_json(enter))
        media = wecom.read_json_reply(wecom.post_json(image))
        other_event = wecom.post_json({**enter, "event": {"eventtype": "template_card_event"}})
        unknown = poll(wecom, "no-such-stream")
    assert welcome["msgtype"] == "text" and "政策问答" in welcome["text"]["content"]
    example = seed_service.examples().question
    assert example and example in welcome["text"]["content"]  # built from the index
    assert media["stream"]["finish"] is True and "文字" in media["stream"]["content"]
    assert other_event.status_code == 200 and other_event.content == b""
    assert unknown["stream"] == {"id": "no-such-stream", "finish": True, "content": EXPIRED}


def test_response_url_fallback_when_no_poll_collects_the_answer(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, stream_reply_budget=0.0, fallback_after=0.2) as base:
        wecom = peer(base)
        message = text_message(QUESTION, response_url=fake.new_response_url())
        first = wecom.read_json_reply(wecom.post_json(message))
        assert first["stream"]["finish"] is False
        posted = fake.wait_for_responses(1)
        late = poll(wecom, first["stream"]["id"])
        time.sleep(0.3)
    assert len(posted) == 1 == len(fake.responses)
    assert posted[0].msgtype == "markdown" and "200万元" in posted[0].content
    assert late["stream"]["finish"] is True and late["stream"]["content"] == SENT_SEPARATELY


def test_no_response_url_post_when_polls_collect_the_answer(
    seed_service: AnswerService, fake: FakeWeCom
) -> None:
    with serve(seed_service, stream_reply_budget=0.0, fallback_after=0.2) as base:
        wecom = peer(base)
        message = text_message(QUESTION, response_url=fake.new_response_url())
        stream_id = wecom.read_json_reply(wecom.post_json(message))["stream"]["id"]
        assert poll_until_finished(wecom, stream_id)[-1]["stream"]["finish"]
        time.sleep(0.5)
    assert fake.responses == []


def test_markdown_stays_within_20480_bytes() -> None:
    quote = "对新设立的创业投资机构给予奖励。" * 800
    citation = Citation(
        doc_id="d",
        title="若干政策",
        city="日照",
        issuer="日照市科学技术局",
        date="2025-05-09",
        clause="第14条",
        clause_id="c",
        quote=quote,
        source="seeds/x.txt",
        start=0,
        end=len(quote),
    )
    answer = Answer(question="q", answer=f"“{quote}” [1]", refused=False, citations=(citation,))
    content = render_markdown(answer)
    assert utf8_len(content) <= STREAM_BYTES
    assert content.endswith(TRUNCATED_NOTE)
    assert render_markdown(Answer(question="q", answer="a*b_c", refused=True)) == "a\\*b\\_c"


def test_rejections_are_4xx_with_a_log_line(
    seed_service: AnswerService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    inner = '{"msgtype": "text", "text": {"content": "hi"}}'
    with serve(seed_service) as base:
        wecom = peer(base)
        http, url = wecom.http, wecom.url
        good = wechatpy_encrypt(KEY, inner, "")
        cases = {
            "forged signature": http.post(
                url, params={**wecom.query(good), "msg_signature": "f" * 40}, json={"encrypt": good}
            ),
            "corp receiveid": _post(wecom, wechatpy_encrypt(KEY, inner, "ww1436e0e65a779aee")),
            "bad base64": _post(wecom, "***"),
            "inner not json": _post(wecom, wechatpy_encrypt(KEY, "<xml/>", "")),
            "body not json": http.post(url, params=wecom.query(good), content=b"{encrypt"),
            "no encrypt field": http.post(url, params=wecom.query(good), json={"msg": good}),
            "deeply nested": http.post(url, params=wecom.query(good), content=b"[" * 100_000),
        }
    for name, response in cases.items():
        assert 400 <= response.status_code < 500, name
    assert cases["forged signature"].status_code == 403
    assert len([r for r in caplog.records if "rejected" in r.getMessage()]) == len(cases)


def _post(wecom: WeComPeer, encrypt: str):  # type: ignore[no-untyped-def]
    return wecom.http.post(wecom.url, params=wecom.query(encrypt), json={"encrypt": encrypt})


def test_llm_drafts_stream_into_polls_until_the_verified_answer(
    seed_service: AnswerService, seed_settings: Settings
) -> None:
    grounded = "日照市对新设立的创业投资机构，按照投资额度给予最高200万元奖励[1]。"
    with FakeOpenAI() as openai_server:
        openai_server.reply(OpenAIReply(grounded, chunk_chars=3, chunk_delay=0.08))
        service = llm_service(seed_settings, openai_server.base_url)
        with serve(service, stream_reply_budget=0.0) as base:
            wecom = peer(base)
            first = wecom.read_json_reply(wecom.post_json(text_message(QUESTION)))
            replies = poll_until_finished(wecom, first["stream"]["id"])
    contents = [r["stream"]["content"] for r in replies]
    drafts = [c for c in contents[:-1] if "生成中" in c]
    assert len(drafts) >= 2 and len(set(drafts)) >= 2  # growing drafts, each the full text so far
    assert all(not c.startswith("日照市对新设立") or "生成中" in c for c in contents[:-1])
    final = contents[-1]
    assert replies[-1]["stream"]["finish"] is True and "生成中" not in final
    assert "200万元" in final and "第14条" in final and "日照市科学技术局" in final


def test_a_fourth_message_in_flight_is_asked_to_wait(
    seed_service: AnswerService, seed_settings: Settings
) -> None:
    """Three slow answers (the LLM server takes 1.5 s each) are in flight for one user: a
    fourth message gets a polite finished stream, not an error or silence. A retry of an
    in-flight msgid still joins its stream, another user is not limited, and once the
    answers are done the same user is answered again."""
    grounded = "日照市对新设立的创业投资机构，按照投资额度给予最高200万元奖励[1]。"
    busy_user = {"from": {"userid": "busy-user"}}
    with FakeOpenAI() as openai_server:
        openai_server.reply(*[OpenAIReply(grounded, delay=1.5) for _ in range(4)])
        openai_server.reply(grounded)
        service = llm_service(seed_settings, openai_server.base_url)
        with serve(service, stream_reply_budget=0.0) as base:
            wecom = peer(base)
            messages = [text_message(QUESTION, **busy_user) for _ in range(3)]
            first_three = [wecom.read_json_reply(wecom.post_json(m)) for m in messages]
            fourth = wecom.read_json_reply(wecom.post_json(text_message(QUESTION, **busy_user)))
            retry = wecom.read_json_reply(wecom.post_json(messages[0]))
            other_user = wecom.read_json_reply(wecom.post_json(text_message(QUESTION)))
            finals = [poll_until_finished(wecom, r["stream"]["id"])[-1] for r in first_three]
            after = wecom.read_json_reply(wecom.post_json(text_message(QUESTION, **busy_user)))
            after_final = poll_until_finished(wecom, after["stream"]["id"])[-1]
    assert all(r["stream"]["finish"] is False for r in first_three)
    assert fourth["msgtype"] == "stream" and fourth["stream"]["finish"] is True
    assert fourth["stream"]["content"] == WAIT_FOR_PREVIOUS and "3" in WAIT_FOR_PREVIOUS
    assert fourth["stream"]["id"] not in {r["stream"]["id"] for r in first_three}
    assert retry["stream"]["id"] == first_three[0]["stream"]["id"]
    assert other_user["stream"]["finish"] is False  # answered, not asked to wait
    assert all(f["stream"]["finish"] and "200万元" in f["stream"]["content"] for f in finals)
    assert after["stream"]["content"] != WAIT_FOR_PREVIOUS
    assert "200万元" in after_final["stream"]["content"]
    assert len(openai_server.chat_requests) == 5  # the refused fourth never reached the LLM
