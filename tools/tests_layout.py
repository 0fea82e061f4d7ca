"""Move flat test modules (tests/test_*.py) into the folders that mirror the package tree.

    python tools/tests_layout.py          # show what would move
    python tools/tests_layout.py --apply  # git mv, fix `from tests.test_x import` lines

A module is placed by its exact name (MOVES), else by the first matching file-name prefix
(PREFIXES); one that matches neither is reported and left where it is. After --apply, look
at the modules it lists as locating files from `__file__`: a path relative to the test's
own folder changed depth (use `tests.conftest.REPO` instead).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"

MOVES = {
    "test_quantity_kinds.py": "facts",
    "test_record_answers.py": "answer",
    "test_title_scope.py": "answer",
    "test_tables.py": "ingest",
    "test_attachments.py": "ingest",
    "test_text_toolkit.py": "text",
    "test_clause_key.py": "text",
    "test_places.py": "lexicon",
    "test_cleaning.py": "ingest",
    "test_html_pages.py": "ingest",
    "test_loaders.py": "ingest",
    "test_metadata.py": "ingest",
    "test_regulations.py": "ingest",
    "test_seeds_ingest.py": "ingest",
    "test_structure.py": "ingest",
    "test_ingest_audit.py": "ingest",
    "test_bad_pages.py": "ingest",
    "test_reliability_ingest.py": "ingest",
    "test_duplicates.py": "ingest",
    "test_chroma_server.py": "index",
    "test_embeddings.py": "index",
    "test_indexing.py": "index",
    "test_lexical_index.py": "index",
    "test_store.py": "index",
    "test_streamed_build.py": "index",
    "test_reading.py": "index",
    "test_clause_lookup.py": "index",
    "test_vector_index.py": "index",
    "test_reliability_index.py": "index",
    "test_query.py": "query",
    "test_abbreviations.py": "query",
    "test_intent.py": "query",
    "test_place_scope.py": "query",
    "test_titles_and_durations.py": "query",
    "test_precision.py": "facts",
    "test_fusion.py": "retrieve",
    "test_answer.py": "answer",
    "test_validity.py": "answer",
    "test_distinct_citations.py": "answer",
    "test_llm_answer.py": "llm",
    "test_verify.py": "llm",
    "test_verify_golden.py": "llm",
    "test_fake_openai.py": "llm",
    "test_service.py": "service",
    "test_live_reload.py": "service",
    "test_records.py": "service",
    "test_reliability_sessions.py": "service",
    "test_layering.py": "service",
    "test_words_are_data.py": "service",
    "test_golden.py": "eval",
    "test_golden_corpora.py": "eval",
    "test_holdout.py": "eval",
    "test_ask_cli.py": "bot/cli",
    "test_cli_details.py": "bot/cli",
    "test_corpus_cli.py": "bot/cli",
    "test_index_manage.py": "bot/cli",
    "test_llm_cli.py": "bot/cli",
    "test_reliability_input.py": "bot",
    "test_reliability_secrets.py": "bot",
    "test_reliability_telegram.py": "bot/telegram",
    "test_reliability_server.py": "bot/web",
    "test_staff_day.py": "bot/web",
}
# for modules added later: the first prefix that matches decides
PREFIXES = (
    ("test_telegram", "bot/telegram"),
    ("test_wecom", "bot/wecom"),
    ("test_web", "bot/web"),
    ("test_cli", "bot/cli"),
    ("test_reliability_", "bot"),
    ("test_golden", "eval"),
    ("test_holdout", "eval"),
    ("test_llm", "llm"),
    ("test_verify", "llm"),
    ("test_index", "index"),
    ("test_vector", "index"),
    ("test_lexical", "index"),
    ("test_store", "index"),
    ("test_embedding", "index"),
    ("test_chroma", "index"),
    ("test_ingest", "ingest"),
    ("test_html", "ingest"),
    ("test_loader", "ingest"),
    ("test_clean", "ingest"),
    ("test_structure", "ingest"),
    ("test_metadata", "ingest"),
    ("test_query", "query"),
    ("test_intent", "query"),
    ("test_place", "query"),
    ("test_precision", "facts"),
    ("test_fact", "facts"),
    ("test_fusion", "retrieve"),
    ("test_retriev", "retrieve"),
    ("test_rerank", "retrieve"),
    ("test_scoring", "retrieve"),
    ("test_answer", "answer"),
    ("test_text", "text"),
    ("test_numeral", "text"),
    ("test_lexicon", "lexicon"),
    ("test_service", "service"),
    ("test_live", "service"),
    ("test_session", "service"),
)
_IMPORT = re.compile(r"\btests\.(test_\w+)\b")


def destination(name: str) -> str | None:
    if name in MOVES:
        return MOVES[name]
    return next((folder for prefix, folder in PREFIXES if name.startswith(prefix)), None)


def plan() -> tuple[dict[str, str], list[str]]:
    moves, unplaced = {}, []
    for path in sorted(TESTS.glob("test_*.py")):
        folder = destination(path.name)
        if folder is None:
            unplaced.append(path.name)
        else:
            moves[path.stem] = folder
    return moves, unplaced


def module_of(stem: str, folder: str) -> str:
    return ".".join(["tests", *folder.split("/"), stem])


def apply(moves: dict[str, str]) -> None:
    for stem, folder in moves.items():
        target = TESTS / folder
        for level in [*reversed(Path(folder).parents), Path(folder)]:
            init = TESTS / level / "__init__.py"
            if level != Path(".") and not init.exists():
                init.parent.mkdir(parents=True, exist_ok=True)
                init.write_text("")
                subprocess.run(["git", "add", str(init)], check=True, cwd=REPO)
        subprocess.run(["git", "mv", f"tests/{stem}.py", str(target.relative_to(REPO))],
                       check=True, cwd=REPO)  # fmt: skip
    located = {stem: module_of(stem, folder) for stem, folder in moves.items()}
    for path in TESTS.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        fixed = _IMPORT.sub(lambda m: located.get(m[1], f"tests.{m[1]}"), text)
        if fixed != text:
            path.write_text(fixed, encoding="utf-8")
    relative = [
        str(TESTS / folder / f"{stem}.py")
        for stem, folder in moves.items()
        if "__file__" in (TESTS / folder / f"{stem}.py").read_text(encoding="utf-8")
    ]
    if relative:
        print("check the paths these locate from __file__:", *relative, sep="\n  ")


def main(argv: list[str]) -> int:
    moves, unplaced = plan()
    for stem, folder in moves.items():
        print(f"tests/{stem}.py -> tests/{folder}/{stem}.py")
    for name in unplaced:
        print(f"tests/{name}: no rule; add it to MOVES or PREFIXES", file=sys.stderr)
    if "--apply" in argv:
        apply(moves)
    return 1 if unplaced else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
