"""The staff page's 管理 view in headless Chromium: key, upload (file picker and drag and
drop, several files at once), per-file outcomes, each document's parse, remove."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.web.app import create_app
from rag.index.build import index_paths
from rag.live import LiveAnswerService
from tests.bot.web.test_web_browser import ARTIFACTS, browser, wait_for  # noqa: F401 - fixture
from tests.conftest import SEEDS_DIR, make_settings
from tests.web_live import live_server

pytestmark = pytest.mark.browser

ADMIN_KEY = "pb-admin-browser-8e2"
TAIAN, NANTONG = SEEDS_DIR / "000_0e7b4b1e1064c15b.txt", SEEDS_DIR / "001_1bc77537f83d15ef.txt"
RIZHAO = SEEDS_DIR / "003_2fadbbb93aa1902f.txt"
RECORD = """
const text = document.getElementById('upload-text');
const results = document.getElementById('upload-results');
window.statusTexts = [];
window.outcomes = [];
new MutationObserver(() => window.statusTexts.push(text.textContent))
  .observe(text, {childList: true, characterData: true, subtree: true});
new MutationObserver(() => window.outcomes.push(
    ...[...results.children].map((li) => li.className + ' ' + li.textContent)))
  .observe(results, {childList: true});
"""
DROP = """
const [name, text] = arguments;
const data = new DataTransfer();
data.items.add(new File([text], name, {type: 'text/plain'}));
const zone = document.getElementById('drop-zone');
for (const kind of ['dragover', 'drop']) {
  zone.dispatchEvent(new DragEvent(kind, {dataTransfer: data, bubbles: true, cancelable: true}));
}
"""


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    settings = make_settings(tmp_path / "data", admin_key=ADMIN_KEY)
    index_paths([TAIAN, RIZHAO], settings, progress=False)
    with live_server(create_app(settings, LiveAnswerService(settings, "extractive"))) as base:
        yield base


def rows(driver: Any) -> list[str]:
    """The document table's rows as text, read at once (the table is redrawn after each run)."""
    script = "return [...document.querySelectorAll('#admin-docs tr')].map((r) => r.innerText)"
    return list(driver.execute_script(script))


def click_remove(driver: Any, file_name: str) -> bool:
    """Click 删除 on the file's row; False when the table was redrawn meanwhile (try again)."""
    from selenium.common.exceptions import StaleElementReferenceException

    try:
        for row in driver.find_elements("css selector", "#admin-docs tr"):
            if file_name in row.text:
                row.find_element("css selector", "button.remove").click()
                return True
    except StaleElementReferenceException:
        pass
    return False


def outcomes_now(driver: Any) -> list[str]:
    """Every per-file outcome line the page has shown since RECORD ran."""
    return list(driver.execute_script("return window.outcomes"))


def until(driver: Any, condition: Any, timeout: float = 90) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda _: condition())


def test_staff_upload_see_the_parse_and_remove(
    browser: Any,  # noqa: F811 - the fixture
    base_url: str,
    tmp_path: Path,
) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(f"{base_url}/#/admin")
    wait_for(browser, "#admin-key").send_keys(ADMIN_KEY, Keys.ENTER)
    wait_for(browser, "#admin-docs tr")
    assert len(rows(browser)) == 4 and any("日照" in r for r in rows(browser))
    browser.execute_script(RECORD)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    picker = browser.find_element("id", "file-input")
    picker.send_keys(f"{NANTONG}\n{empty}")  # two files at once
    until(browser, lambda: len(rows(browser)) == 5)
    until(browser, lambda: any("empty.txt" in o for o in outcomes_now(browser)))
    outcomes = outcomes_now(browser)
    assert any(o.startswith("indexed ") and NANTONG.name in o and "已索引" in o for o in outcomes)
    assert any(o.startswith("error ") and "empty.txt: 失败 empty" in o for o in outcomes)
    nantong = next(r for r in rows(browser) if NANTONG.name in r)
    assert "南通市人民政府" in nantong and "正式" in nantong  # issuer and status as parsed
    texts = browser.execute_script("return window.statusTexts")
    assert any(t.startswith("正在索引") for t in texts), texts  # progress while indexing
    browser.save_screenshot(str(ARTIFACTS / "web-desktop-admin.png"))

    browser.execute_script(DROP, "copy.txt", TAIAN.read_text(encoding="utf-8"))
    until(browser, lambda: any(o.startswith("duplicate ") for o in outcomes_now(browser)))
    duplicate = next(o for o in outcomes_now(browser) if o.startswith("duplicate "))
    assert "copy.txt" in duplicate and TAIAN.name in duplicate
    assert len(rows(browser)) == 5

    row = next(
        r for r in browser.find_elements("css selector", "#admin-docs tr") if NANTONG.name in r.text
    )
    row.find_element("css selector", "button.remove").click()
    browser.switch_to.alert.accept()
    until(browser, lambda: len(rows(browser)) == 4)
    assert not any(NANTONG.name in r for r in rows(browser))
    severe = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and " 401 " not in e["message"]
    ]
    assert not severe, severe
