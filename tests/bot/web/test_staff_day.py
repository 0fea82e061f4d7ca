"""A staff member's day, end to end through a real `policybot serve` process: upload two
documents, ask about them, remove one, ask again; a colleague keeps asking all along. No
restart, no failed request."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.conftest import SEEDS_DIR
from tests.live_serve import Asker, policybot, served

ADMIN_KEY = "pb-staff-day-40a7"
TAIAN, NANTONG = SEEDS_DIR / "000_0e7b4b1e1064c15b.txt", SEEDS_DIR / "001_1bc77537f83d15ef.txt"
SANMING, RIZHAO = SEEDS_DIR / "002_f9689467857c047b.txt", SEEDS_DIR / "003_2fadbbb93aa1902f.txt"
QUESTIONS = {
    NANTONG.name: ("南通到2018年高新技术产业产值要达到多少", "7800亿元"),
    SANMING.name: ("三明十四五期间国家高新技术企业要达到多少家", "250家"),
}


def answer(client: httpx.Client, document: str) -> dict[str, object]:
    question, _ = QUESTIONS[document]
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200, response.text
    return dict(response.json())


def answered(client: httpx.Client, document: str) -> bool:
    reply = answer(client, document)
    return not reply["refused"] and QUESTIONS[document][1] in str(reply["answer"])


def test_upload_ask_remove_ask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert policybot(data, "index", str(TAIAN), str(RIZHAO)).returncode == 0
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with (
        served(data, POLICYBOT_ADMIN_KEY=ADMIN_KEY) as base,
        Asker(base, "日照市新设创投机构最高奖励多少").running() as colleague,
        httpx.Client(base_url=base, headers=headers, timeout=180) as staff,
    ):
        assert not answered(staff, NANTONG.name) and not answered(staff, SANMING.name)
        files = [("files", (p.name, p.read_bytes())) for p in (NANTONG, SANMING)]
        uploaded = staff.post("/api/admin/documents", files=files)
        assert uploaded.status_code == 200, uploaded.text
        assert [f["status"] for f in uploaded.json()["files"]] == ["indexed", "indexed"]
        assert answered(staff, NANTONG.name) and answered(staff, SANMING.name)

        removed = staff.delete(f"/api/admin/documents/{SANMING.name}")
        assert removed.status_code == 200 and removed.json()["documents"]["removed"] >= 1
        assert answer(staff, SANMING.name)["refused"]
        assert answered(staff, NANTONG.name)
        listed = staff.get("/api/admin/documents").json()["documents"]
        assert {d["file"] for d in listed} == {TAIAN.name, RIZHAO.name, NANTONG.name}
    assert colleague.answers > 0 and colleague.failures == []
