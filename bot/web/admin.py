"""Document management for staff (/api/admin/*): upload, each document's parse, remove,
re-index. The staff page's "管理" view is a client of exactly these routes.

Behind POLICYBOT_ADMIN_KEY (POLICYBOT_API_KEY when that is unset); with neither key set
the routes answer 403, so an open server never lets anyone change what it answers from.
Uploaded files are kept in `<data dir>/uploads/` (a file of the same name replaces the
earlier upload); one index run at a time, and the serving corpus switches right after it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, UploadFile

from bot.web import auth, render
from bot.web.schemas import AdminDocumentList, ErrorOut, IndexResult
from rag.index.build import IndexBuildError, UnknownDocumentError, add_paths, reindex
from rag.index.build import remove_documents as remove_indexed
from rag.index.generations import IndexBusyError
from rag.index.plan import FileError, IndexReport
from rag.live import LiveAnswerService
from rag.records import Document
from rag.settings import Settings

UPLOADS = "uploads"
MAX_UPLOAD_FILES = 20
NO_ADMIN_KEY = (
    "文件管理需要管理密钥:请在服务器上设置 POLICYBOT_ADMIN_KEY(或 POLICYBOT_API_KEY)"
    " (document management is off: set POLICYBOT_ADMIN_KEY on the server)"
)
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in (
        (401, "admin key missing or wrong"),
        (403, "no admin key is set"),
        (409, "another index run is busy"),
    )
}

router = APIRouter(prefix="/api/admin", tags=["admin"], responses=ERRORS)
_one_run = threading.Lock()  # uploads queue up rather than fail on the index lock


def admin_guard(settings: Settings) -> Callable[..., None]:
    key = settings.admin_key or settings.api_key
    if key:
        return auth.api_key_guard(key)

    def disabled() -> None:
        raise HTTPException(403, NO_ADMIN_KEY)

    return disabled


def get_live(request: Request) -> LiveAnswerService:
    service: LiveAnswerService = request.app.state.service
    return service


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Live = Annotated[LiveAnswerService, Depends(get_live)]
Config = Annotated[Settings, Depends(get_settings)]


@router.get("/documents", response_model=AdminDocumentList)
def list_documents(service: Live) -> dict[str, object]:
    """Every indexed document as parsed: title, issuer, date, city, status, clause count, file."""
    counts = service.clause_counts()
    documents = [admin_document(d, counts.get(d.doc_id, 0)) for d in service.documents()]
    return {"documents": documents, "generation": service.generation}


@router.post("/documents", response_model=IndexResult)
def upload_documents(files: list[UploadFile], service: Live, settings: Config) -> dict[str, object]:
    """Add (or replace, by file name) policy files; one new index generation for all of them.
    Each file gets its own outcome in words: indexed (with its titles), duplicate, error."""
    if len(files) > MAX_UPLOAD_FILES:
        raise HTTPException(
            422, f"一次最多上传 {MAX_UPLOAD_FILES} 个文件 (at most {MAX_UPLOAD_FILES})"
        )
    folder = uploads_dir(settings)
    with _one_run:
        saved = [save_upload(upload, folder) for upload in files]
        report = _run(service, lambda: add_paths(saved, settings, progress=False))
        return result_json(report, saved, service.documents())


@router.delete("/documents/{doc_ref}", response_model=IndexResult)
def remove_document(doc_ref: str, service: Live, settings: Config) -> dict[str, object]:
    """Remove a document (id, file name or unique title part) and the rest of its file."""
    with _one_run:
        report = _run(service, lambda: remove_indexed([doc_ref], settings, progress=False))
        return result_json(report, [], service.documents())


@router.post("/reindex", response_model=IndexResult)
def reindex_documents(service: Live, settings: Config) -> dict[str, object]:
    """Read every indexed file again (edited files are parsed again, others carried over)."""
    with _one_run:
        report = _run(service, lambda: reindex(settings, progress=False))
        return result_json(report, [], service.documents())


def _run(service: LiveAnswerService, work: Callable[[], IndexReport]) -> IndexReport:
    try:
        report = work()
    except UnknownDocumentError as error:
        raise HTTPException(404, f"没有这份文件: {error}") from None
    except IndexBusyError as error:
        raise HTTPException(409, f"正在索引,请稍后再试 ({error})") from None
    except IndexBuildError as error:
        raise HTTPException(503, f"索引失败,原索引继续服务 ({error})") from None
    service.reload()  # answer from the new generation from the very next request
    tidy_uploads(service.documents(), service.data_dir / UPLOADS)
    return report


def uploads_dir(settings: Settings) -> Path:
    folder = Path(settings.data_dir) / UPLOADS
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_upload(upload: UploadFile, folder: Path) -> Path:
    """Store under the file's own name (no folders, no hidden names)."""
    name = Path((upload.filename or "").replace("\\", "/")).name.strip()
    if not name or name.startswith("."):
        raise HTTPException(422, f"文件名无效: {upload.filename!r} (invalid file name)")
    target = folder / name
    with target.open("wb") as out:
        while chunk := upload.file.read(1 << 20):
            out.write(chunk)
    return target


def tidy_uploads(documents: Sequence[Document], folder: Path) -> None:
    """Delete uploaded files no indexed document comes from (failed, duplicate, removed)."""
    used = {Path(d.source).resolve() for d in documents}
    for path in folder.iterdir() if folder.is_dir() else []:
        if path.is_file() and path.resolve() not in used:
            path.unlink()


def admin_document(document: Document, clauses: int) -> dict[str, object]:
    return {**render.document_json(document, clauses), "file": Path(document.source).name}


def result_json(
    report: IndexReport, uploaded: Sequence[Path], documents: Sequence[Document]
) -> dict[str, object]:
    change = lambda c: {"added": c.added, "changed": c.changed, "removed": c.removed}  # noqa: E731
    return {
        "switched": report.switched,
        "generation": report.generation,
        "documents": change(report.documents),
        "clauses": change(report.clauses),
        "total_documents": report.total_documents,
        "total_clauses": report.total_clauses,
        "files": [file_outcome(p, report.errors, documents) for p in uploaded],
        "problems": [e.line() for e in report.errors],
    }


def file_outcome(
    path: Path, errors: Sequence[FileError], documents: Sequence[Document]
) -> dict[str, object]:
    """What became of one uploaded file, in words."""
    mine = [e for e in errors if e.source and Path(e.source).name == path.name]
    titles = [d.title for d in documents if Path(d.source).resolve() == path.resolve()]
    failed = [e.reason for e in mine if not e.duplicate]
    if failed:
        return {
            "file": path.name,
            "status": "error",
            "message": "; ".join(failed),
            "documents": titles,
        }
    if titles:
        message = f"已索引 {len(titles)} 份文件 (indexed {len(titles)} documents)"
        return {"file": path.name, "status": "indexed", "message": message, "documents": titles}
    repeats = [e.reason for e in mine] or ["没有可索引的内容 (nothing to index)"]
    return {
        "file": path.name,
        "status": "duplicate",
        "message": "; ".join(repeats),
        "documents": [],
    }
