"""Words are data: no Chinese string literal in the logic of query, facts, retrieve or answer.

Cue words, units and patterns live in rag/lexicon; the answer's own sentences live in
rag/answer/wording.py. Docstrings and comments may quote examples in any language.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import REPO

RAG = REPO / "rag"
LOGIC = ("query", "facts", "retrieve", "answer")
WORDING = frozenset({"answer/wording.py"})
_CJK = re.compile(r"[\u4e00-\u9fff]")


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def chinese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, value) of every string constant holding Chinese that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _CJK.search(node.value)
    ]


def test_no_chinese_literal_in_pipeline_logic() -> None:
    found = [
        f"{path.relative_to(RAG).as_posix()}:{line} {value[:40]!r}"
        for package in LOGIC
        for path in sorted((RAG / package).rglob("*.py"))
        if path.relative_to(RAG).as_posix() not in WORDING
        for line, value in chinese_literals(path)
    ]
    assert found == []


def test_the_walk_sees_literals_but_not_docstrings(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text('"""模块说明"""\n\ndef f():\n    """函数说明"""\n    return "奖励"\n')
    assert chinese_literals(sample) == [(5, "奖励")]
