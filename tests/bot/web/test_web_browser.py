"""The staff page in headless Chromium (Debian's `chromium` + `chromium-driver`, via Selenium).

Screenshots land in tests/artifacts/ (desktop and phone width) for a human to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.web.app import create_app
from rag.protocol import AnswerService
from rag.settings import Settings
from tests.conftest import REPO, make_settings
from tests.web_live import live_server

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = REPO / "tests" / "artifacts"
QUESTION = "日照市新设创投机构最高奖励多少"
API_KEY = "pb-browser-5d21"
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
]


@pytest.fixture(scope="module")
def base_url(seed_settings: Settings, seed_service: AnswerService) -> Iterator[str]:
    with live_server(create_app(seed_settings, seed_service)) as base:
        yield base


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip(
            "chromium/chromium-driver not installed: apt-get install chromium chromium-driver"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
        severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not severe, severe
    finally:
        driver.quit()


def wait_for(driver: Any, css: str, timeout: float = 10) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    locator = (By.CSS_SELECTOR, css)
    return WebDriverWait(driver, timeout).until(
        expected_conditions.visibility_of_element_located(locator)
    )


def wait_text(driver: Any, css: str, text: str, timeout: float = 10) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    condition = expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, css), text)
    WebDriverWait(driver, timeout).until(condition)


def ask_on_page(driver: Any, base_url: str) -> Any:
    from selenium.webdriver.common.keys import Keys

    driver.get(f"{base_url}/")
    box = wait_for(driver, "#question")
    box.send_keys(QUESTION)
    box.send_keys(Keys.ENTER)
    return wait_for(driver, ".msg.bot:not(.pending) .answer-text")


def open_first_citation(driver: Any) -> Any:
    driver.find_element("css selector", ".msg.bot a.cite").click()
    return wait_for(driver, ".inline-clause mark.quote")


def no_horizontal_scroll(driver: Any) -> bool:
    return bool(driver.execute_script("return document.documentElement.scrollWidth <= innerWidth"))


def test_ask_then_open_the_cited_clause(browser: Any, base_url: str, seed_service) -> None:
    answer = seed_service.ask(QUESTION)
    citation = answer.citations[0]
    text = ask_on_page(browser, base_url).text
    assert "200万" in text
    mark = open_first_citation(browser)
    assert mark.text == citation.quote and "200万" in mark.text
    clause = seed_service.clause(citation.clause_id)
    panel = browser.find_element("css selector", ".inline-clause .clause-text")
    assert panel.text == clause.text.strip()
    browser.find_element("css selector", ".msg.bot button.copy").click()
    wait_text(browser, "#toast", "已复制")
    browser.save_screenshot(str(ARTIFACTS / "web-desktop-answer.png"))

    browser.find_element("link text", "在文件中查看").click()  # the clause permalink
    reader_mark = wait_for(browser, "#clause-reader mark.quote")
    assert reader_mark.text == citation.quote
    active = browser.find_element("css selector", "#doc-tree a.active")
    assert active.get_attribute("data-clause") == citation.clause_id
    assert no_horizontal_scroll(browser)


def test_example_buttons_ask_questions_built_from_the_index(
    browser: Any, base_url: str, seed_service
) -> None:
    examples = seed_service.examples()
    browser.get(f"{base_url}/")
    button = wait_for(browser, 'button[data-example="question"]:not([hidden])')
    assert button.text == examples.question
    clause_button = browser.find_element("css selector", 'button[data-example="clause_question"]')
    assert clause_button.text == examples.clause_question
    clause_button.click()
    wait_for(browser, ".msg.bot:not(.pending) .answer-text")
    clause = seed_service.find_clause(examples.document, examples.clause_number)
    browser.find_element("css selector", ".msg.bot a.cite").click()
    panel = wait_for(browser, ".inline-clause .clause-text")
    assert panel.text == clause.text.strip()


def test_browse_a_document_and_walk_its_clause_tree(
    browser: Any, base_url: str, seed_service
) -> None:
    policy = next(d for d in seed_service.documents() if d.city == "日照" and d.kind == "policy")
    clauses = seed_service.clauses(policy.doc_id)
    browser.get(f"{base_url}/#/docs")
    wait_for(browser, ".doc-card")
    browser.find_element("link text", "日照").click()  # city filter chip
    wait_text(browser, "#doc-list", policy.title)
    browser.find_element("link text", policy.title).click()
    wait_text(browser, "#doc-meta", policy.issuer or "")
    leaf = f'#doc-tree a[data-clause="{clauses[3].clause_id}"]'
    wait_for(browser, leaf).click()
    wait_text(browser, "#clause-reader .clause-text", clauses[3].text.strip()[:20])
    browser.find_element("partial link text", "下一条").click()
    wait_text(browser, "#clause-reader .clause-text", clauses[4].text.strip()[:20])
    active = browser.find_element("css selector", "#doc-tree a.active")
    assert active.get_attribute("data-clause") == clauses[4].clause_id
    assert clauses[4].clause_id in browser.current_url  # the permalink
    browser.save_screenshot(str(ARTIFACTS / "web-desktop-document.png"))


def test_search_marks_matches_and_opens_the_clause(browser: Any, base_url: str) -> None:
    from selenium.webdriver.support.ui import Select

    browser.get(f"{base_url}/#/search")
    wait_for(browser, "#search-q").send_keys("新设立的创业投资机构")
    Select(browser.find_element("id", "search-city")).select_by_visible_text("日照")
    browser.find_element("css selector", "#search-form button").click()
    marks = [m.text for m in wait_for_all(browser, "#search-results mark.hit")]
    assert any("创业投资机构" in mark for mark in marks)
    cities = browser.find_elements("css selector", "#search-results .result .city")
    assert {c.text for c in cities} == {"日照"}
    browser.save_screenshot(str(ARTIFACTS / "web-desktop-search.png"))
    first = browser.find_element("css selector", "#search-results .result-title")
    first.click()
    wait_for(browser, "#clause-reader .clause-text")
    assert "#/clause/" in browser.current_url


def wait_for_all(driver: Any, css: str) -> list[Any]:
    wait_for(driver, css)
    return list(driver.find_elements("css selector", css))


def test_phone_width(browser: Any, base_url: str, seed_service) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    ask_on_page(browser, base_url)
    open_first_citation(browser)
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(ARTIFACTS / "web-phone-answer.png"))
    citation = seed_service.ask(QUESTION).citations[0]
    browser.get(f"{base_url}/#/clause/{citation.clause_id}?hl={citation.start}-{citation.end}")
    assert wait_for(browser, "#clause-reader mark.quote").text == citation.quote
    assert no_horizontal_scroll(browser)
    browser.save_screenshot(str(ARTIFACTS / "web-phone-clause.png"))


def test_api_docs_render_offline(browser: Any, base_url: str) -> None:
    """Swagger UI renders from this server's own assets (no CDN request)."""
    browser.get(f"{base_url}/docs")
    wait_for(browser, ".swagger-ui .opblock", timeout=20)
    wait_text(browser, ".swagger-ui", "/api/ask")
    wait_text(browser, ".swagger-ui", "/v1/chat/completions")
    browser.save_screenshot(str(ARTIFACTS / "web-desktop-api-docs.png"))
    assert only_local_requests(browser, base_url)


def only_local_requests(driver: Any, base_url: str) -> list[str]:
    script = "return performance.getEntriesByType('resource').map(e => e.name)"
    urls = [driver.execute_script("return location.href"), *driver.execute_script(script)]
    foreign = [u for u in urls if not u.startswith(base_url)]
    assert not foreign, foreign
    return urls


@pytest.fixture(scope="module")
def keyed_url(
    seed_service: AnswerService, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    settings = make_settings(tmp_path_factory.mktemp("keyed"), api_key=API_KEY)
    with live_server(create_app(settings, seed_service)) as base:
        yield base


def test_page_asks_for_the_api_key_once(browser: Any, keyed_url: str) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{keyed_url}/")
    key_box = wait_for(browser, "#key-input")
    assert browser.find_element("id", "key-message").text == "此服务需要访问密钥"
    key_box.send_keys("wrong-key", Keys.ENTER)
    wait_text(browser, "#key-message", "访问密钥不正确")
    browser.save_screenshot(str(ARTIFACTS / "web-desktop-api-key.png"))
    wait_for(browser, "#key-input").send_keys(API_KEY, Keys.ENTER)
    dialog = browser.find_element("id", "key-dialog")
    WebDriverWait(browser, 10).until(lambda _: not dialog.is_displayed())
    options = "return [...document.querySelectorAll('#search-city option')].map(o => o.text)"
    # the request that met the 401 (the city list) went through with the key
    WebDriverWait(browser, 10).until(lambda _: "日照" in browser.execute_script(options))
    assert browser.execute_script("return localStorage.getItem('policybot.apiKey')") == API_KEY
    assert "200万" in ask_on_page(browser, keyed_url).text  # reloaded: no second prompt
    assert not browser.find_element("id", "key-dialog").is_displayed()
    unexpected = [
        e
        for e in browser.get_log("browser")
        if e["level"] == "SEVERE" and " 401 " not in e["message"]
    ]
    assert not unexpected, unexpected
