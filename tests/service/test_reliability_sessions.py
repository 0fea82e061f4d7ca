"""Sessions that cannot be written never cost the answer."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import httpx
import pytest

from bot.web.app import create_app
from rag.service import PolicyAnswerService
from rag.sessions import SESSIONS_DB, SessionStore
from rag.settings import Settings
from tests.wecom_support import live_server

QUESTION = "日照市新设创投机构最高奖励多少"
QUICK = 3.0  # seconds: the lock costs at most a few short waits, never the old 10 s


@contextmanager
def write_locked(path: Path) -> Iterator[None]:
    """Another process's writer holding the sessions database."""
    with closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("DELETE FROM turns WHERE session_id = 'nobody'")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")


def test_a_locked_sessions_database_does_not_cost_the_answer(
    seed_settings: Settings,
    seed_service: PolicyAnswerService,
    caplog: pytest.LogCaptureFixture,
) -> None:
    db = Path(seed_settings.data_dir) / SESSIONS_DB
    session = f"locked-{time.time_ns()}"
    with live_server(create_app(seed_settings, seed_service)) as base, httpx.Client() as http:
        with write_locked(db), caplog.at_level(logging.WARNING, "rag.sessions"):
            started = time.monotonic()
            asked = http.post(base + "/api/ask", json={"question": QUESTION, "session_id": session})
            streamed = http.post(
                base + "/api/ask/stream", json={"question": QUESTION, "session_id": session}
            )
            chat = http.post(
                base + "/v1/chat/completions",
                json={"model": "policybot", "messages": [{"role": "user", "content": QUESTION}]}
                | {"user": session},
            )
            elapsed = time.monotonic() - started
        remembered = http.post(
            base + "/api/ask", json={"question": QUESTION, "session_id": session + "-b"}
        )
    assert asked.status_code == 200 and "200万" in asked.json()["answer"]
    assert "event: answer" in streamed.text and "event: error" not in streamed.text
    assert chat.status_code == 200 and "200万" in chat.json()["choices"][0]["message"]["content"]
    assert elapsed < 3 * QUICK
    assert "turn lost" in caplog.text
    assert remembered.status_code == 200
    assert SessionStore(db).last(session + "-b") is not None  # written once the lock is gone


def test_one_locked_write_costs_at_most_a_few_short_waits(tmp_path: Path) -> None:
    from rag.query.followups import Scope

    store = SessionStore(tmp_path / SESSIONS_DB)
    with write_locked(tmp_path / SESSIONS_DB):
        started = time.monotonic()
        assert store.append("s", "问", "答", Scope()) is False
        assert time.monotonic() - started < QUICK
        assert store.history("s") == []  # WAL: reading is never blocked by the writer
    assert store.append("s", "问", "答", Scope()) is True
    assert [t.question for t in store.history("s")] == ["问"]


def test_a_session_id_that_cannot_be_stored_still_gets_its_answer(
    seed_service: PolicyAnswerService,
) -> None:
    answer = seed_service.ask(QUESTION, "bad-\ud800-session")
    assert "200万" in answer.answer
