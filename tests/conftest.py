"""Shared fixtures: settings that ignore the developer's .env, and one real seed index per run.

`seed_service` is a real `PolicyAnswerService` over a real index (SQLite, bm25s, embedded
Chroma) of the five seed documents, built once per test session: adapter tests (CLI,
Telegram, WeCom, web) call it exactly as production does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rag.records import Document
from rag.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"
GOLDEN_DIR = REPO / "tests" / "golden"  # data: question sets and thresholds

# Everything that would reach a real network peer or a real account is off in tests.
_NO_SECRETS: dict[str, Any] = {
    "openai_api_key": None,
    "openai_base_url": None,
    "llm_model": None,
    "embedding_model": "hashing",
    "embedding_base_url": None,
    "chroma_url": None,
    "telegram_bot_token": None,
    "wecom_secret": None,
    "wecom_token": None,
    "wecom_encoding_aes_key": None,
    "wecom_aibot_token": None,
    "wecom_aibot_encoding_aes_key": None,
    "api_key": None,
    "admin_key": None,
}


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a test: no .env file, no keys, the repo's seeds, `data_dir` for storage."""
    values = {**_NO_SECRETS, "data_dir": data_dir, "seeds_dir": SEEDS_DIR, **overrides}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def service_over(root: Path, files: dict[str, str]) -> Any:
    """A real extractive answer service over `files` (name -> text) written under `root`."""
    from rag.index.build import index_paths
    from rag.service import build_answer_service

    folder = root / "docs"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = make_settings(root / "data")
    index_paths([folder], settings, progress=False)
    return build_answer_service(settings, "extractive")


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    """`settings_factory(**overrides)` -> test Settings with a fresh data dir under tmp_path."""

    def factory(**overrides: Any) -> Settings:
        overrides.setdefault("data_dir", tmp_path / "data")
        return make_settings(**overrides)

    return factory


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Session-wide settings whose data dir holds the seed index (built by `seed_service`)."""
    return make_settings(tmp_path_factory.mktemp("seed-data"))


@pytest.fixture(scope="session")
def seed_service(seed_settings: Settings):  # type: ignore[no-untyped-def]
    """A real PolicyAnswerService (extractive mode) over the indexed seeds, built once."""
    from rag.service import build_answer_service

    return build_answer_service(seed_settings, mode="extractive")


def placed_document(
    doc_id: str, chain: tuple[str, ...], city: str | None = None, title: str = ""
) -> Document:
    """A bare `Document` with a place chain (itself, then its parents) and a city."""
    return Document(
        doc_id,
        title or doc_id,
        doc_id,
        f"{doc_id}.txt",
        content_hash=doc_id,
        city=city,
        place=chain[0] if chain else None,
        place_chain=chain,
    )


@pytest.fixture(autouse=True)
def _no_vocabulary_served_between_tests() -> Iterator[None]:
    """Each test starts with no served vocabulary (a service segments its own questions
    with its generation's): a test's words never depend on the tests run before it."""
    from rag.text import segment

    segment.serve_vocabulary(Path("/nonexistent"))
    yield
    segment.serve_vocabulary(Path("/nonexistent"))
