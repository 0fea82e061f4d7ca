"""The staff API (/api/admin/*) over a real uvicorn server and a real, reloading index."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.web.app import create_app
from rag.index.build import index_paths
from rag.live import LiveAnswerService
from rag.settings import Settings
from tests.conftest import SEEDS_DIR, make_settings
from tests.web_live import live_server

ADMIN_KEY = "pb-admin-31c9"
TAIAN, NANTONG = SEEDS_DIR / "000_0e7b4b1e1064c15b.txt", SEEDS_DIR / "001_1bc77537f83d15ef.txt"
RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"
NANTONG_QUESTION = "南通到2018年高新技术产业产值要达到多少"


def served_settings(tmp_path: Path, **keys: str) -> Settings:
    settings = make_settings(tmp_path / "data", **keys)
    index_paths([TAIAN, RIZHAO], settings, progress=False)
    return settings


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[httpx.Client]:
    settings = served_settings(tmp_path, admin_key=ADMIN_KEY)
    app = create_app(settings, LiveAnswerService(settings, "extractive"))
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with live_server(app) as base, httpx.Client(base_url=base, headers=headers, timeout=120) as c:
        yield c


def upload(client: httpx.Client, *files: tuple[str, bytes]) -> httpx.Response:
    return client.post("/api/admin/documents", files=[("files", f) for f in files])


def test_upload_reports_each_file_in_words_and_answers_at_once(admin: httpx.Client) -> None:
    assert admin.post("/api/ask", json={"question": NANTONG_QUESTION}).json()["refused"]
    response = upload(
        admin,
        (NANTONG.name, NANTONG.read_bytes()),
        ("empty.txt", b""),
        ("notes.xyz", "内容".encode()),
        ("copy.md", TAIAN.read_bytes()),
    )
    assert response.status_code == 200, response.text
    result = response.json()
    outcome = {f["file"]: f for f in result["files"]}
    assert outcome[NANTONG.name]["status"] == "indexed"
    assert any("南通" in title or "长三角" in title for title in outcome[NANTONG.name]["documents"])
    assert outcome["empty.txt"]["status"] == "error" and "empty" in outcome["empty.txt"]["message"]
    assert "unsupported file type '.xyz'" in outcome["notes.xyz"]["message"]
    assert outcome["copy.md"]["status"] == "duplicate"
    assert f"same text as {TAIAN}" in outcome["copy.md"]["message"]
    assert result["switched"] and result["documents"]["added"] >= 1
    answer = admin.post("/api/ask", json={"question": NANTONG_QUESTION}).json()
    assert not answer["refused"] and "7800亿元" in answer["answer"]
    documents = admin.get("/api/admin/documents").json()["documents"]
    uploaded = next(d for d in documents if d["file"] == NANTONG.name)
    uploads = Path(uploaded["source"]).parent
    assert uploads.name == "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == [NANTONG.name]


def test_documents_show_their_parse(admin: httpx.Client) -> None:
    body = admin.get("/api/admin/documents").json()
    assert body["generation"]
    rizhao = [d for d in body["documents"] if d["file"] == RIZHAO.name]
    assert len(rizhao) == 3 and {d["city"] for d in rizhao} == {"日照"}
    policy = next(d for d in rizhao if d["kind"] == "policy")
    assert policy["issuer"] and policy["date"] and policy["status"] and policy["clause_count"] > 10


def test_remove_and_reindex(admin: httpx.Client) -> None:
    assert upload(admin, (NANTONG.name, NANTONG.read_bytes())).status_code == 200
    removed = admin.delete(f"/api/admin/documents/{NANTONG.name}")
    assert removed.status_code == 200 and removed.json()["documents"]["removed"] == 1
    assert admin.post("/api/ask", json={"question": NANTONG_QUESTION}).json()["refused"]
    missing = admin.delete("/api/admin/documents/没有这份文件")
    assert missing.status_code == 404 and "没有这份文件" in missing.json()["message"]
    again = admin.post("/api/admin/reindex")
    assert again.status_code == 200 and not again.json()["switched"]  # nothing changed on disk


def test_admin_routes_need_the_admin_key(tmp_path: Path) -> None:
    settings = served_settings(tmp_path, api_key="pb-api-77")
    app = create_app(settings, LiveAnswerService(settings, "extractive"))
    with live_server(app) as base:
        assert httpx.get(f"{base}/api/admin/documents").status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert httpx.get(f"{base}/api/admin/documents", headers=wrong).status_code == 401
        api_key = {"Authorization": "Bearer pb-api-77"}  # no admin key: the API key serves
        assert httpx.get(f"{base}/api/admin/documents", headers=api_key).status_code == 200
        schema = httpx.get(f"{base}/openapi.json").json()
        assert {"/api/admin/documents", "/api/admin/reindex"} <= set(schema["paths"])


def test_without_any_key_document_management_is_off(tmp_path: Path) -> None:
    settings = served_settings(tmp_path)
    app = create_app(settings, LiveAnswerService(settings, "extractive"))
    with live_server(app) as base:
        response = httpx.post(f"{base}/api/admin/reindex")
        assert response.status_code == 403 and "POLICYBOT_ADMIN_KEY" in response.json()["message"]
