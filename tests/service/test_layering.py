"""The package tree is the pipeline: no module imports a stage above its own.

text, lexicon → ingest → index → query → facts → retrieve → answer → llm → the top-level
modules (service, compose, sessions, evaluation). records, settings and protocol are the shared
vocabulary every stage may import. Imports inside functions and under TYPE_CHECKING count too:
a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

RAG = REPO / "rag"
STAGES = ("text", "lexicon", "ingest", "index", "query", "facts", "retrieve", "answer", "llm")
RANK = {"text": 0, "lexicon": 0} | {stage: i for i, stage in enumerate(STAGES[2:], start=1)}
SHARED = frozenset({"records", "settings", "protocol"})
TOP = len(STAGES)


def layer(module: str) -> int | None:
    """rag.<stage>… -> its rank; the shared modules -> None (importable by all)."""
    parts = module.split(".")
    if parts[0] != "rag" or len(parts) < 2:
        return None
    if parts[1] in SHARED:
        return None
    return RANK.get(parts[1], TOP)


def rag_imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.startswith("rag.")]


def module_name(path: Path) -> str:
    return ".".join(("rag", *path.relative_to(RAG).with_suffix("").parts))


def violations() -> list[str]:
    problems = []
    for path in sorted(RAG.rglob("*.py")):
        own = module_name(path)
        own_rank = layer(own)
        for line, imported in rag_imports(path):
            target = layer(imported)
            if own_rank is None:  # the shared vocabulary imports only the bottom toolkit
                if target not in (None, 0):
                    problems.append(f"{own}:{line} imports {imported} (shared module)")
            elif target is not None and target > own_rank:
                problems.append(f"{own}:{line} imports {imported} (a later stage)")
    return problems


def test_no_module_imports_a_later_stage() -> None:
    assert violations() == []


def test_every_stage_is_a_package() -> None:
    for stage in STAGES:
        assert (RAG / stage / "__init__.py").is_file(), stage


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    assert layer("rag.answer.wording") > layer("rag.retrieve.hybrid")  # type: ignore[operator]
    assert layer("rag.service") == TOP and layer("rag.records") is None
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    from rag.llm.client import ChatClient\n", encoding="utf-8")
    assert rag_imports(sample) == [(2, "rag.llm.client")]


# the adapters: nothing about retrieval leaks into bot/ ----------------------------------------
BOT = RAG.parent / "bot"
# the staff commands that build and inspect the index work on the index itself
INDEX_COMMANDS = frozenset({"bot/corpus_commands.py", "bot/web/admin.py"})
# what every adapter may use besides the service: the one edge cleaner for transport text,
# and the index errors it turns into its channel's message (what to run, 503 …)
ADAPTER_EDGE = frozenset({"rag.text.edge", "rag.index.generations", "rag.index.integrity"})


def test_adapters_use_only_the_service_seam() -> None:
    problems = []
    for path in sorted(BOT.rglob("*.py")):
        name = path.relative_to(BOT.parent).as_posix()
        for line, imported in rag_imports(path):
            rank = layer(imported)
            allowed = (
                rank in (None, TOP)
                or imported in ADAPTER_EDGE
                or (name in INDEX_COMMANDS and imported.startswith("rag.index"))
            )
            if not allowed:
                problems.append(f"{name}:{line} imports {imported}")
    assert problems == []


def test_the_ranks_follow_the_pipeline() -> None:
    assert layer("rag.text.numerals") == layer("rag.lexicon.units") == 0
    order = [layer(f"rag.{stage}.x") for stage in STAGES[1:]]
    assert order == sorted(order) and len(set(order)) == len(STAGES) - 1
