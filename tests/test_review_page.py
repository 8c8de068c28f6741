"""``--format html``: the page's content, and the page in a real browser (headless Chromium)."""

from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gkparse
from gkparse.cli import app

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PLAN = SAMPLES / "xinle-2020-pinyin.txt"  # removed lines, repairs, many units
WARNED = SAMPLES / "prose-heading-style-change.txt"  # a numbering warning


def gk(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


class _Page(HTMLParser):
    """Rows, line spans, external references and struck-through text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.lines: set[str] = set()
        self.external: list[str] = []
        self.struck = 0
        self.warnings = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "tr" and "task" in (a.get("class") or ""):
            self.rows.append({k: v or "" for k, v in a.items()})
        if tag == "span" and (a.get("class") or "").startswith("ln"):
            self.lines.add(a["id"] or "")
        if tag in ("script", "link", "img") and (a.get("src") or a.get("href")):
            self.external.append(a.get("src") or a.get("href") or "")
        self.struck += tag == "s"
        self.warnings += tag == "li" and a.get("class") == "warning"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("review") / "review.html"
    result = gk(PLAN, WARNED, "-o", target, "-q")
    assert result.exit_code == 0, result.stderr
    return target


def test_page_is_self_contained_with_every_task_linked_to_its_lines(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    parsed = _Page()
    parsed.feed(html)
    docs = [gkparse.parse_file(p) for p in (PLAN, WARNED)]
    assert len(parsed.rows) == sum(len(d.tasks) for d in docs)
    assert parsed.external == [] and "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html
    for row in parsed.rows:
        for n in range(int(row["data-start"]), int(row["data-end"]) + 1):
            assert f"{row['data-doc']}-L{n}" in parsed.lines
    first = parsed.rows[0]
    assert json.loads(first["data-units"])[0][0] == docs[0].tasks[0].units[0].name
    assert parsed.struck == len(docs[0].source.removed) + len(docs[1].source.removed) > 0
    assert parsed.warnings == len(docs[1].warnings) > 0
    assert docs[0].document.title in html


def test_page_on_stdout_and_for_one_document() -> None:
    result = gk(PLAN, "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert len(re.findall(r'<section class="doc"', result.stdout)) == 1


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable, driver_path = _chromium(), shutil.which("chromedriver")
    if executable is None or driver_path is None:
        pytest.skip("no Chromium and chromedriver installed (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (test extra)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = executable
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


@pytest.mark.browser
def test_in_the_browser_rows_filter_and_source_lines(page: Path, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(page.as_uri())
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.task")
    total = len(rows)
    assert total > 10 and all(r.is_displayed() for r in rows)
    assert browser.find_element(By.ID, "shown").text == f"{total} of {total} tasks shown"
    # a task click highlights its lines in the text beside the table
    row = rows[2]
    row.click()
    start, end = int(row.get_attribute("data-start")), int(row.get_attribute("data-end"))
    lit = browser.find_elements(By.CSS_SELECTOR, ".ln.hl")
    assert len(lit) == end - start + 1
    doc = gkparse.parse_file(PLAN)
    assert doc.tasks[2].title in lit[0].text
    assert lit[0].is_displayed() and browser.execute_script(
        "var l = arguments[0], p = l.parentNode; return l.offsetTop - p.offsetTop - p.scrollTop;", lit[0]) < 400
    browser.save_screenshot(str(tmp_path / "review.png"))
    if os.environ.get("GKPARSE_SCREENSHOT"):
        shutil.copy(tmp_path / "review.png", os.environ["GKPARSE_SCREENSHOT"])
    assert (tmp_path / "review.png").stat().st_size > 10_000
    # the unit filter narrows the rows to tasks naming the unit
    unit = doc.tasks[0].units[0].name
    browser.find_element(By.ID, "f-unit").send_keys(unit)
    visible = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr.task") if r.is_displayed()]
    naming = sum(1 for t in doc.tasks if any(unit in u.name for u in t.units))
    assert 0 < len(visible) < total and len(visible) >= naming
    assert all(unit in r.get_attribute("data-units") for r in visible)
    # ... and the role with it: the unit as lead only
    Select(browser.find_element(By.ID, "f-role")).select_by_visible_text("lead")
    led = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr.task") if r.is_displayed()]
    assert 0 < len(led) <= len(visible)
    assert all([unit, "lead"] in [[u[0], u[2]] for u in json.loads(r.get_attribute("data-units"))] for r in led)
    # the due-date filter: tasks due in the fourth quarter
    browser.find_element(By.ID, "f-clear").click()
    browser.execute_script(
        "var f = document.getElementById('f-from'), t = document.getElementById('f-to');"
        "f.value = '2020-10-01'; t.value = '2020-12-31'; t.dispatchEvent(new Event('change'));"
    )
    due = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr.task") if r.is_displayed()]
    q4 = [t for t in doc.tasks if any(d.date and "2020-10-01" <= d.date.isoformat() <= "2020-12-31" for d in t.deadlines)]
    assert len(due) == len(q4) > 0
    # sorting by a column
    browser.find_element(By.ID, "f-clear").click()
    header = browser.find_elements(By.CSS_SELECTOR, "#d0 table.tasks th")[5]  # due
    header.click()
    dates = [c.get_attribute("data-key") for c in browser.find_elements(By.CSS_SELECTOR, "#d0 tr.task td:nth-child(6)")]
    filled = [d for d in dates if d]
    assert filled == sorted(filled) and dates[: len(filled)] == filled
