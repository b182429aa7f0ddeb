"""A real browser reads the rendered pages: headless Chromium through Selenium.

Needs Debian's chromium, chromium-driver and fonts-noto-cjk (.ci/run installs them). Outside CI the
test is skipped when Chromium is absent; in CI (CI=true) it must run.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser test: install chromium, chromium-driver and fonts-noto-cjk")
    pytest.skip("Chromium or chromedriver is not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # flags from FACTS.md: without the background-networking ones Chromium floods this closed network
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1600"):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def test_index_link_opens_a_chapter_with_its_headings_and_figures(rendered, browser):
    from selenium.webdriver.common.by import By

    out, _ = rendered
    browser.get((out / "index.html").as_uri())
    assert "中国政治讲话话语分析" in browser.find_element(By.TAG_NAME, "body").text
    browser.find_element(By.PARTIAL_LINK_TEXT, "03 提法").click()
    assert browser.current_url.endswith("/03_slogans.html")
    headings = [h.text.strip() for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2")]
    for heading in ("03 提法 Slogans", "词表 The lexicon", "出现次数 Counts", "在哪里出现 Where they occur",
                    "上下文 Keywords in context"):
        assert any(h.startswith(heading) for h in headings), (heading, headings)
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth]);")
    assert len(images) >= 3  # bar chart, dispersion plot, heatmap
    assert all(complete and width > 0 for complete, width in images), images


@pytest.mark.parametrize("chapter", ["01_corpus", "02_tokens", "04_verbs", "05_export"])
def test_every_chapter_shows_its_figures(rendered, browser, chapter):
    out, _ = rendered
    browser.get((out / f"{chapter}.html").as_uri())
    images = browser.execute_script("return Array.from(document.images).map(i => i.naturalWidth);")
    assert images and all(width > 0 for width in images)


def test_a_student_reads_the_pages_of_their_own_speech(own_pages, browser):
    """In a real browser: the tab names chapter and speech, Chinese cells start at the left and counts
    end at the right, the whole lexicon scrolls in its box, every figure shows and has its alt text."""
    from selenium.webdriver.common.by import By

    from tests.outputs.conftest import OWN_NAME

    out, _ = own_pages
    browser.get((out / "03_slogans.html").as_uri())
    assert browser.title == f"03 提法 Slogans · {OWN_NAME}"
    box = browser.find_elements(By.CSS_SELECTOR, "div.analysis-table")[0]  # the lexicon
    assert box.find_element(By.CSS_SELECTOR, "tbody td").text == "疫情就是命令，防控就是责任"
    assert browser.execute_script("return arguments[0].scrollHeight > arguments[0].clientHeight + 50;", box)
    counts = browser.find_elements(By.CSS_SELECTOR, "div.analysis-table")[1]
    term, _, count = counts.find_elements(By.CSS_SELECTOR, "tbody tr:first-child td")[:3]
    assert (term.text, count.text) == ("守土有责", "3")  # HAND: three times in the speech
    align = "return getComputedStyle(arguments[0]).textAlign;"
    assert browser.execute_script(align, term) == "left" and browser.execute_script(align, count) == "right"
    images = browser.execute_script(
        "return Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt]);")
    assert len(images) == 3 and all(done and width > 0 and len(alt) > 20 for done, width, alt in images)
