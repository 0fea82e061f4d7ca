"""Ingestion audit: 36 real documents against expectations an independent auditor wrote by hand.

tests/ingest_audit/expected.jsonl names each document (Guangzhou pages under the shared
corpus, regulations as `lawref:` paths under /tmp/lawref) and the values a correct parser
extracts. Every (document, field) pair is one test. Pairs the parser does not get right yet
are listed in ingest_audit/known_gaps.json and run as strict xfails, so a fix shows up as an
XPASS to remove from the list and a regression as a failure.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

import pytest

from rag.ingest.parse import ParsedDocument, ingest_file
from tests.conftest import REPO

HERE = REPO / "tests" / "ingest_audit"
# <repo>/../shared, also from a worktree one level further down; or POLICYBOT_SHARED_DIR
SHARED = next(
    (
        path
        for path in (
            Path(os.environ.get("POLICYBOT_SHARED_DIR", REPO.parent / "shared")),
            REPO.parent.parent / "shared",
        )
        if path.is_dir()
    ),
    REPO.parent / "shared",
)
LAWREF = Path("/tmp/lawref")
FIELDS = ("title", "issuers", "date", "effective", "doc_number", "place", "status", "articles")
FIELDS += ("kind",)
# Our finer kinds of a policy text; the audit calls all of them "policy".
POLICY_KINDS = frozenset({"policy", "notice", "plan", "workplan", "interpretation"})
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零\d]+条$")


def rows() -> list[dict[str, object]]:
    lines = (HERE / "expected.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def known_gaps() -> set[tuple[str, str]]:
    gaps = json.loads((HERE / "known_gaps.json").read_text(encoding="utf-8"))
    return {(path, field) for path, fields in gaps.items() for field in fields}


def resolve(path: str) -> Path:
    if path.startswith("lawref:"):
        return LAWREF / path.removeprefix("lawref:")
    return SHARED / "corpus" / path


@cache
def parsed(path: str) -> tuple[ParsedDocument, ...]:
    file = resolve(path)
    if not file.exists():
        pytest.skip(f"{file} is not available (shared corpus or unpacked regulations)")
    return tuple(ingest_file(file))


def actual(path: str, field: str) -> object:
    documents = parsed(path)
    first = documents[0].document
    if field == "articles":
        numbers = {c.number for d in documents for c in d.clauses if ARTICLE.match(c.number or "")}
        return len(numbers) or None
    if field == "kind":
        return "policy" if first.kind in POLICY_KINDS else first.kind
    if field == "issuers":
        return list(first.issuers)
    if field == "status":
        return first.validity
    return getattr(first, field)


def cases() -> list[object]:
    gaps = known_gaps()
    params = []
    for row in rows():
        path = str(row["path"])
        for field in FIELDS:
            marks = [pytest.mark.xfail(strict=True, reason="known gap")]
            params.append(
                pytest.param(
                    path,
                    field,
                    row[field],
                    id=f"{Path(path).name[:24]}-{field}",
                    marks=marks if (path, field) in gaps else [],
                )
            )
    return params


@pytest.mark.parametrize(("path", "field", "expected"), cases())
def test_audited_field(path: str, field: str, expected: object) -> None:
    assert actual(path, field) == expected
