"""Golden sets per corpus: which documents each question file is asked against.

`tests/golden/corpora.json` names every corpus (the seeds, the Guangzhou portal pages, a
list of regulations from the LawRefBook archive) and its question files (a development set
and a frozen holdout). Each corpus is indexed on its own, so a set is scored only against the
documents its questions were written from, and the metrics are reported per set.

Real documents stay outside the repository: they are read from the shared folder
(`POLICYBOT_SHARED_DIR`, else `../shared` beside the checkout); archive members are
unpacked into a cache folder the caller gives.
"""

from __future__ import annotations

import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from rag.index.build import index_paths
from rag.service import PolicyAnswerService, build_answer_service
from rag.settings import Settings

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "tests" / "golden"
MANIFEST = "corpora.json"


class CorpusUnavailableError(RuntimeError):
    """The documents of a corpus are not on this machine (no shared folder)."""


@dataclass(frozen=True)
class GoldenCorpus:
    name: str
    question_files: tuple[Path, ...]
    folder: str | None = None  # relative to the repository or the shared folder
    shared: bool = False
    archive: str | None = None  # a .tar.xz in the shared folder
    members_file: Path | None = None  # one archive member per line


def load_corpora(golden_dir: Path = GOLDEN_DIR) -> list[GoldenCorpus]:
    data = json.loads((golden_dir / MANIFEST).read_text(encoding="utf-8"))
    corpora = []
    for name, entry in data.items():
        members = entry.get("members")
        corpora.append(
            GoldenCorpus(
                name=name,
                question_files=tuple(golden_dir / f for f in entry["sets"]),
                folder=entry.get("folder"),
                shared=bool(entry.get("shared", False)),
                archive=entry.get("archive"),
                members_file=golden_dir / members if members else None,
            )
        )
    return corpora


def shared_dir() -> Path:
    configured = os.environ.get("POLICYBOT_SHARED_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parent.parent.parent / "shared"


def corpus_paths(corpus: GoldenCorpus, cache_dir: Path) -> list[Path]:
    """The files to index for `corpus`, unpacking archive members into `cache_dir`."""
    repo = Path(__file__).resolve().parent.parent
    if corpus.archive:
        return _unpacked_members(corpus, cache_dir)
    assert corpus.folder is not None
    base = shared_dir() if corpus.shared else repo
    path = base / corpus.folder
    if not path.exists():
        raise CorpusUnavailableError(f"{corpus.name}: {path} is not on this machine")
    return [path]


def _unpacked_members(corpus: GoldenCorpus, cache_dir: Path) -> list[Path]:
    assert corpus.archive is not None and corpus.members_file is not None
    archive = shared_dir() / corpus.archive
    if not archive.is_file():
        raise CorpusUnavailableError(f"{corpus.name}: {archive} is not on this machine")
    members = [
        line.strip()
        for line in corpus.members_file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    target = cache_dir / corpus.name
    paths = [target / m for m in members]
    if not all(p.is_file() for p in paths):
        wanted = set(members)
        with tarfile.open(archive, "r:xz") as tar:
            chosen = [m for m in tar.getmembers() if m.name in wanted and m.isfile()]
            tar.extractall(target, members=chosen, filter="data")
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise CorpusUnavailableError(f"{corpus.name}: not in {archive}: {missing[:3]}")
    return paths


def corpus_settings(corpus: GoldenCorpus, settings: Settings) -> Settings:
    """The same settings with a data directory of the corpus' own, under `eval/`."""
    return settings.model_copy(update={"data_dir": settings.data_dir / "eval" / corpus.name})


def indexed_service(corpus: GoldenCorpus, settings: Settings, mode: str) -> PolicyAnswerService:
    """Index the corpus (incrementally: unchanged files are not parsed again) and serve it."""
    own = corpus_settings(corpus, settings)
    paths = corpus_paths(corpus, own.data_dir / "documents")
    report = index_paths(paths, own, progress=False)
    if not report.total_documents:
        raise CorpusUnavailableError(f"{corpus.name}: nothing could be indexed")
    return build_answer_service(own, mode=mode)
