"""Conversation memory: the last turns of each session, persisted in the data directory.

A follow-up ("那新设立的创投机构呢?") needs the city/document scope of the previous turn, and
the LLM path needs the recent (question, answer) pairs. SQLite keeps this across restarts
and is safe to share between the bot's threads (one short connection per call).

Memory must never cost an answer: the database is in WAL mode (readers never wait for the
writer), each call waits at most `BUSY_SECONDS` for a lock and is retried a few times, and a
turn that still cannot be written (or history that cannot be read) is logged and skipped:
the answer goes out without it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rag.query.followups import Scope

log = logging.getLogger(__name__)
T = TypeVar("T")

SESSIONS_DB = "sessions.sqlite"
KEEP_TURNS = 10  # older turns are forgotten: follow-ups refer to the last few
BUSY_SECONDS = 0.25  # one lock wait; a turn is a few hundred bytes, written in microseconds
ATTEMPTS = 3
RETRY_PAUSE = 0.05  # seconds, doubled after each failed attempt

_SCHEMA = """
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL,
    turn INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    scope TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (session_id, turn)
)
"""


@dataclass(frozen=True)
class Turn:
    question: str
    answer: str
    scope: Scope


class SessionStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._retrying("open", self._create)

    def _create(self) -> None:
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=BUSY_SECONDS)

    def _retrying(self, what: str, action: Callable[[], T]) -> T | None:
        """`action()`, tried again while the database is locked; None (logged) on failure."""
        pause = RETRY_PAUSE
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return action()
            except sqlite3.OperationalError as error:
                if attempt == ATTEMPTS or ("locked" not in str(error) and "busy" not in str(error)):
                    log.warning("sessions: %s failed (%s): %s", what, self.path, error)
                    return None
            except (sqlite3.Error, UnicodeError, ValueError) as error:
                log.warning("sessions: %s failed (%s): %s", what, self.path, error)
                return None
            time.sleep(pause)
            pause *= 2
        return None

    def history(self, session_id: str) -> list[Turn]:
        """The session's kept turns, oldest first ([] when they cannot be read now)."""
        return self._retrying("reading history", lambda: self._history(session_id)) or []

    def _history(self, session_id: str) -> list[Turn]:
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT question, answer, scope FROM turns WHERE session_id = ? ORDER BY turn",
                (session_id,),
            ).fetchall()
        return [Turn(q, a, _scope_from_json(s)) for q, a, s in rows]

    def last(self, session_id: str) -> Turn | None:
        turns = self.history(session_id)
        return turns[-1] if turns else None

    def append(self, session_id: str, question: str, answer: str, scope: Scope) -> bool:
        """Remember one turn; False (and a warning: the turn is lost) when it cannot be
        written now. The caller's answer never depends on it."""
        done = self._retrying(
            f"writing a turn of session {session_id[:40]!r} (turn lost)",
            lambda: self._append(session_id, question, answer, scope),
        )
        return done is not None

    def _append(self, session_id: str, question: str, answer: str, scope: Scope) -> bool:
        scope_json = json.dumps(
            {
                "cities": scope.cities,
                "doc_ids": scope.doc_ids,
                "fact_kind": scope.fact_kind,
                "topic": scope.topic,
                "scope_ids": scope.scope_ids,
                "cited_clause": scope.cited_clause,
                "excluded": scope.excluded,
                "asked": scope.asked,
            },
            ensure_ascii=False,
        )
        with closing(self._connect()) as db, db:
            # take the write lock before reading the last turn: two messages of one chat
            # answered at once must not both claim the same turn number
            db.execute("BEGIN IMMEDIATE")
            (last,) = db.execute(
                "SELECT COALESCE(MAX(turn), 0) FROM turns WHERE session_id = ?", (session_id,)
            ).fetchone()
            db.execute(
                "INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, last + 1, question, answer, scope_json, time.time()),
            )
            db.execute(
                "DELETE FROM turns WHERE session_id = ? AND turn <= ?",
                (session_id, last + 1 - KEEP_TURNS),
            )
        return True

    def reset(self, session_id: str) -> bool:
        """Forget a session; False (logged) when the database cannot be written now."""
        return (
            self._retrying(
                f"resetting session {session_id[:40]!r}", lambda: self._reset(session_id)
            )
            is not None
        )

    def _reset(self, session_id: str) -> bool:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))
        return True


def _scope_from_json(text: str) -> Scope:
    data = json.loads(text)
    return Scope(
        tuple(data["cities"]),
        tuple(data["doc_ids"]),
        data.get("fact_kind", "general"),
        tuple(data.get("topic", ())),
        tuple(data.get("scope_ids", ())),
        data.get("cited_clause"),
        tuple(data.get("excluded", ())),
        data.get("asked", ""),
    )
