"""Conversation memory: the last turns of each session, persisted in the data directory.

A follow-up ("那新设立的创投机构呢?") needs the city/document scope of the previous turn, and
the LLM path needs the recent (question, answer) pairs. SQLite keeps this across restarts
and is safe to share between the bot's threads (one short connection per call).
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from rag.query.followups import Scope

SESSIONS_DB = "sessions.sqlite"
KEEP_TURNS = 10  # older turns are forgotten: follow-ups refer to the last few

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
        with closing(self._connect()) as db, db:
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def history(self, session_id: str) -> list[Turn]:
        """The session's kept turns, oldest first."""
        with closing(self._connect()) as db:
            rows = db.execute(
                "SELECT question, answer, scope FROM turns WHERE session_id = ? ORDER BY turn",
                (session_id,),
            ).fetchall()
        return [Turn(q, a, _scope_from_json(s)) for q, a, s in rows]

    def last(self, session_id: str) -> Turn | None:
        turns = self.history(session_id)
        return turns[-1] if turns else None

    def append(self, session_id: str, question: str, answer: str, scope: Scope) -> None:
        scope_json = json.dumps(
            {
                "cities": scope.cities,
                "doc_ids": scope.doc_ids,
                "fact_kind": scope.fact_kind,
                "topic": scope.topic,
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

    def reset(self, session_id: str) -> None:
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM turns WHERE session_id = ?", (session_id,))


def _scope_from_json(text: str) -> Scope:
    data = json.loads(text)
    return Scope(
        tuple(data["cities"]),
        tuple(data["doc_ids"]),
        data.get("fact_kind", "general"),
        tuple(data.get("topic", ())),
    )
