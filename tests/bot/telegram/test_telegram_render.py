"""Telegram rendering: escaping, splitting at boundaries, buttons; checked by the fake's parser."""

from __future__ import annotations

import pytest

from bot.telegram.layout import MESSAGE_LIMIT, Block, pack, split_text, utf16_len
from bot.telegram.limits import (
    UserRateLimiter,
    parse_chat_ids,
    question_problem,
    strip_mention,
)
from bot.telegram.render import (
    clause_button,
    clause_id_from_callback,
    render_answer,
    render_clause,
    render_documents,
    render_draft,
)
from rag.records import Answer, Citation, Clause, Document
from tests.fakes.fake_telegram import BadRequest, parse_html

QUOTE = "对新设立的创业投资机构，按照投资额度给予最高200万元奖励。"


def citation(quote: str = QUOTE, clause_id: str = "0123456789abcdef") -> Citation:
    return Citation(
        doc_id="d1",
        title="关于加快构建一流科技创新生态 培育发展新质生产力的若干政策(征求意见稿)",
        city="日照",
        issuer="日照市科学技术局",
        date="2025-05-09",
        clause="二、重点任务 › (四) › 第14条",
        clause_id=clause_id,
        quote=quote,
        source="seeds/003.txt",
        start=0,
        end=len(quote),
    )


def sendable(message: str) -> str:
    """What Telegram would display; raises like Telegram on invalid HTML or length."""
    text = parse_html(message)
    assert 0 < utf16_len(text.strip()) <= MESSAGE_LIMIT
    return text


def test_answer_has_direct_fact_quote_citation_and_button() -> None:
    text = f"最高200万元奖励 [1]\n“{QUOTE}” [1]"
    answer = Answer("日照市新设创投机构最高奖励多少", text, False, citations=(citation(),))
    answer = Answer(**{**answer.__dict__, "direct": "最高200万元奖励"})
    rendered = render_answer(answer)
    assert len(rendered.messages) == 1
    html = rendered.messages[0]
    assert html.startswith("<b>最高200万元奖励 [1]</b>\n\n")
    assert html.count(QUOTE) == 1 and f"<blockquote>{QUOTE} [1]</blockquote>" in html
    shown = sendable(html)
    assert "[1] 《关于加快构建一流科技创新生态" in shown and "日照市科学技术局" in shown
    assert "2025-05-09" in shown and "第14条" in shown
    assert [(b.label, b.callback_data) for b in rendered.buttons] == [
        ("查看原文 [1]", "clause:0123456789abcdef")
    ]


def test_comparison_lines_keep_their_city_labels() -> None:
    second = "构建科技企业“梯次孵化”体系。"
    text = f"泰安:“{second}” [1]\n日照:“{QUOTE}” [2]"
    cites = (citation(second, "a" * 16), citation())
    html = render_answer(Answer("q", text, False, citations=cites)).messages[0]
    assert f"<b>泰安</b>\n<blockquote>{second} [1]</blockquote>" in html
    assert f"<b>日照</b>\n<blockquote>{QUOTE} [2]</blockquote>" in html


def test_llm_prose_is_kept_and_uncited_quotes_are_added() -> None:
    text = "日照对新设创投机构按投资额度奖励，最高200万元[1]。"
    html = render_answer(Answer("q", text, False, mode="llm", citations=(citation(),))).messages[0]
    assert html.startswith(text) and f"<blockquote>{QUOTE} [1]</blockquote>" in html


def test_html_special_characters_are_escaped() -> None:
    quote = "资助<不超过> 50% & 其他 </blockquote><b>"
    rendered = render_answer(Answer("q", "a < b & c > d", False, citations=(citation(quote),)))
    text = sendable(rendered.messages[0])
    assert quote in text and "a < b & c > d" in text


def test_six_thousand_characters_split_into_valid_messages_at_sentence_ends() -> None:
    sentence = "第{}项：对认定的高新技术企业给予研发费用补助，最高不超过100万元。"
    long_quote = "".join(sentence.format(i) for i in range(200))
    assert len(long_quote) > 6000
    rendered = render_answer(Answer("q", "见下。", False, citations=(citation(long_quote),)))
    assert len(rendered.messages) >= 2
    shown = [sendable(m) for m in rendered.messages]
    assert all(m.count("<blockquote>") == m.count("</blockquote>") for m in rendered.messages)
    joined = "".join(shown)
    for i in range(200):  # nothing lost, no sentence cut in half
        assert sentence.format(i) in joined


def test_text_without_boundaries_is_cut_hard_but_valid() -> None:
    text = "&" * 5000 + "𠀀" * 3000  # escapes grow; astral characters count 2 UTF-16 units
    messages = pack([Block(text, "quote")])
    shown = "".join(parse_html(m) for m in messages)
    assert shown == text
    assert all(utf16_len(m) <= MESSAGE_LIMIT for m in messages)


def test_split_text_prefers_paragraphs() -> None:
    pieces = split_text("甲" * 30 + "\n\n" + "乙" * 30, 40)
    assert [p.strip() for p in pieces] == ["甲" * 30, "乙" * 30]


def test_refusal_renders_without_buttons() -> None:
    answer = Answer("北京的政策?", "已收录的政策中没有找到北京市的相关规定。", True)
    rendered = render_answer(answer)
    assert rendered.buttons == ()
    assert "没有找到" in sendable(rendered.messages[0])


def test_callback_data_fits_64_bytes_or_no_button() -> None:
    assert clause_button(1, "a" * 57) is not None
    assert clause_button(1, "a" * 58) is None
    assert clause_id_from_callback("clause:abc") == "abc"
    assert clause_id_from_callback("other:abc") is None
    assert clause_id_from_callback("clause:") is None


def test_duplicate_clauses_get_one_button() -> None:
    answer = Answer("q", "a", False, citations=(citation(), citation("第二句。")))
    assert len(render_answer(answer).buttons) == 1


def test_clause_and_documents_render_valid_html() -> None:
    doc = Document("d1", "若干政策<草案>", "t", "s", "h", city="日照", issuer="日照市科学技术局")
    clause = Clause("c1", "d1", ("二、重点任务",), "14", None, "条款 & 原文", 0, 6, 0)
    text = sendable(render_clause(clause, doc).messages[0])
    assert "若干政策<草案>" in text and "第14条" in text and "条款 & 原文" in text
    listing = sendable(render_documents([doc]).messages[0])
    assert "d1" in listing and "日照市科学技术局" in listing


def test_draft_is_one_valid_message() -> None:
    draft = render_draft("草稿<1> " * 2000)
    assert "草稿生成中" in sendable(draft)


def test_fake_rejects_what_telegram_rejects() -> None:
    for bad in ("<b>x", "x</b>", "<b><i>x</b></i>", "<div>x</div>", "a & b", "1 < 2"):
        with pytest.raises(BadRequest):
            parse_html(bad)
    assert parse_html("<b>a &amp; b</b> &lt;c&gt;") == "a & b <c>"


def test_rate_limiter_sliding_window() -> None:
    now = [0.0]
    limiter = UserRateLimiter(2, clock=lambda: now[0])
    assert limiter.wait_seconds(1) == 0
    assert limiter.wait_seconds(1) == 0
    assert limiter.wait_seconds(1) == 60
    assert limiter.wait_seconds(2) == 0  # per user
    now[0] = 59.5
    assert limiter.wait_seconds(1) == 1
    now[0] = 60.0
    assert limiter.wait_seconds(1) == 0


def test_question_checks_and_settings_parsing() -> None:
    assert question_problem("  ", 500) is not None
    assert "10000" in (question_problem("问" * 10_000, 500) or "")
    assert question_problem("日照对孵化器有什么支持?", 500) is None
    assert parse_chat_ids("12, -100345 ") == frozenset({12, -100345})
    assert parse_chat_ids(None) == frozenset()
    with pytest.raises(ValueError, match="TELEGRAM_ALLOWED_CHATS"):
        parse_chat_ids("12,abc")


def test_strip_mention() -> None:
    assert strip_mention("@Policy_Test_Bot 日照 创投奖励?", "policy_test_bot") == "日照 创投奖励?"
    assert strip_mention("日照 创投奖励?", "policy_test_bot") is None
    assert strip_mention("@policy_test_bot2 hi", "policy_test_bot") is None
