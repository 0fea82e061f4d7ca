"""JSON routes under /api: translate HTTP to `AnswerService` calls and back."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from bot.web import render
from bot.web.schemas import (
    AnswerOut,
    AskRequest,
    ClauseOut,
    DocumentDetail,
    DocumentList,
    ErrorOut,
    ExamplesOut,
    Health,
    SearchResult,
)
from rag.protocol import AnswerService, PartialText

log = logging.getLogger(__name__)

MAX_SEARCH_QUERY_CHARS = 200

router = APIRouter()  # the data routes (behind the API key when one is set)
meta_router = APIRouter()  # always open
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "unknown id"}}


def get_service(request: Request) -> AnswerService:
    service: AnswerService = request.app.state.service
    return service


Service = Annotated[AnswerService, Depends(get_service)]


@meta_router.get("/healthz", response_model=Health, tags=["meta"])
def healthz(service: Service, request: Request) -> dict[str, object]:
    """Liveness, the number of indexed documents and the bot channels mounted."""
    channels = list(getattr(request.app.state, "channels", []))
    return {"status": "ok", "documents": len(service.documents()), "channels": channels}


@router.get("/api/examples", response_model=ExamplesOut, tags=["corpus"])
def examples(service: Service) -> dict[str, object]:
    """Example questions built from the indexed documents (the page's example buttons)."""
    return asdict(service.examples())


@router.post("/api/ask", response_model=AnswerOut, tags=["answers"])
def ask(body: AskRequest, service: Service) -> dict[str, object]:
    """Answer one question with verified clause citations (`policybot ask --json` shape)."""
    return render.answer_json(service.ask(body.question, body.session_id))


@router.post(
    "/api/ask/stream",
    tags=["answers"],
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
def ask_stream(body: AskRequest, service: Service) -> StreamingResponse:
    """Server-sent events: `partial` drafts (unverified), then one verified `answer`."""
    events = _answer_events(service, body.question, body.session_id)
    return StreamingResponse(events, media_type="text/event-stream", headers=_NO_BUFFERING)


_NO_BUFFERING = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def _answer_events(service: AnswerService, question: str, session_id: str | None) -> Iterator[str]:
    try:
        for event in service.ask_stream(question, session_id):
            if isinstance(event, PartialText):
                yield sse_event("partial", {"text": event.text})
            else:
                yield sse_event("answer", render.answer_json(event))
    except Exception:  # the status line is already sent: report in-band
        log.exception("streaming answer failed")
        yield sse_event("error", {"error": "internal_error", "message": "回答失败,请稍后重试"})


def sse_event(name: str, data: dict[str, object]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.delete("/api/sessions/{session_id}", status_code=204, tags=["answers"])
def reset_session(session_id: str, service: Service) -> None:
    """Forget a conversation (the page's "新对话" button)."""
    service.reset_session(session_id)


@router.get("/api/documents", response_model=DocumentList, tags=["corpus"])
def list_documents(service: Service, city: str | None = None) -> dict[str, object]:
    """Every indexed document (optionally one city's), with the cities covered."""
    documents = service.documents()
    chosen = [d for d in documents if city is None or d.city == city]
    return {
        "documents": [render.document_json(d, len(service.clauses(d.doc_id))) for d in chosen],
        "cities": sorted({d.city for d in documents if d.city}),
    }


@router.get(
    "/api/documents/{doc_ref}", response_model=DocumentDetail, responses=NOT_FOUND, tags=["corpus"]
)
def get_document(doc_ref: str, service: Service) -> dict[str, object]:
    """Metadata and clause tree; `doc_ref` is an id, file-name prefix or unique title part."""
    document = service.find_document(doc_ref)
    if document is None:
        raise HTTPException(
            404,
            f"未找到文件或匹配不唯一: {doc_ref} (no single document matches; see /api/documents)",
        )
    clauses = service.clauses(document.doc_id)
    return {
        "document": render.document_json(document, len(clauses)),
        "tree": render.clause_tree(clauses),
    }


@router.get(
    "/api/clauses/{clause_id}", response_model=ClauseOut, responses=NOT_FOUND, tags=["corpus"]
)
def get_clause(clause_id: str, service: Service) -> dict[str, object]:
    """Exact clause text, its path and label, source document and neighbours."""
    clause = service.clause(clause_id)
    document = service.find_document(clause.doc_id) if clause else None
    if clause is None or document is None:
        raise HTTPException(404, f"未找到条款: {clause_id} (no such clause id)")
    prev = service.clause(clause.prev_id) if clause.prev_id else None
    next_ = service.clause(clause.next_id) if clause.next_id else None
    return render.clause_json(clause, document, prev, next_)


@router.get("/api/search", response_model=SearchResult, tags=["corpus"])
def search(
    service: Service,
    q: Annotated[str, Query(min_length=1, max_length=MAX_SEARCH_QUERY_CHARS, description="query")],
    city: str | None = None,
    k: Annotated[int, Query(ge=1, le=50)] = 10,
) -> dict[str, object]:
    """Clause search with the matching characters marked (`highlights`)."""
    query, city = q.strip(), (city or "").strip() or None
    if not query:
        raise HTTPException(422, "搜索词不能为空 (q must not be empty)")
    notice = _city_notice(service, city)
    hits = [] if notice else service.search(query, k, city)
    documents = {d.doc_id: d for d in service.documents()}
    rendered = [render.search_hit_json(h, documents[h.clause.doc_id]) for h in hits]
    if not rendered and not notice:
        notice = "没有找到匹配的条款 (no matching clause)"
    return {"query": query, "city": city, "hits": rendered, "notice": notice}


def _city_notice(service: AnswerService, city: str | None) -> str | None:
    """Say which cities are covered when asked about one that is not."""
    if city is None:
        return None
    cities = sorted({d.city for d in service.documents() if d.city})
    if city in cities:
        return None
    return f"未收录{city}的政策;已收录:{'、'.join(cities)}"
