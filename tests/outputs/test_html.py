"""A real browser reads the rendered pages: headless Chromium through Selenium.

Needs Debian's chromium, chromium-driver and fonts-noto-cjk (.ci/run installs them). Outside CI the
test is skipped when Chromium is absent; in CI (CI=true) it must run.
"""

from __future__ import annotations

import pytest

from tests.browser import chromium

pytestmark = [pytest.mark.draws, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


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


# == the reading page (issue 14) ===========================================================================

@pytest.fixture(scope="module")
def reading(tmp_path_factory, govreports):
    """Reading pages of the speech, of a notice with no slogan and of the 1955 report (57,590 characters),
    with the tables they were made from."""
    from analysis.engine import run_corpus
    from analysis.outputs.reading import READING_TABLES, write_reading_pages

    folder = tmp_path_factory.mktemp("reading")
    plain = folder / "plain.txt"
    plain.write_text("关于春季植树的通知\n各单位：\n请在三月份组织职工植树，做好苗木准备。\n", encoding="utf-8")
    from tests.expected import SEED

    result = run_corpus([SEED, plain, govreports / "1955.txt"], tables=READING_TABLES, simplified=True, cache=False)
    write_reading_pages(result, folder / "read")
    return folder / "read", result


def _open(browser, path, fragment: str = ""):
    browser.get(path.as_uri() + fragment)
    return browser


def _problems(browser) -> list:
    """Console messages of warning level or worse, and every resource the page asked the network for."""
    logs = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    requests = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    return logs + requests


@pytest.mark.parametrize("page", ["000_891b73dabb0c5904", "plain", "1955"])
def test_a_reading_page_loads_with_no_request_and_no_console_error(reading, browser, page):
    from selenium.webdriver.common.by import By

    folder, _ = reading
    _open(browser, folder / f"{page}.html")
    assert _problems(browser) == []
    assert browser.title.startswith("阅读 Read · ")
    assert len(browser.find_element(By.TAG_NAME, "main").text) > 20


def test_the_marks_in_the_browser_are_the_rows_of_the_csv_tables(reading, browser):
    from analysis.outputs.reading import LAYERS

    folder, result = reading
    _open(browser, folder / "000_891b73dabb0c5904.html")
    marks = browser.execute_script(
        "const ids = new Set(); document.querySelectorAll('main [data-m]').forEach("
        "  el => el.dataset.m.split(' ').forEach(id => ids.add(id)));"
        "const n = {}; ids.forEach(id => { const p = id.slice(0, 2); n[p] = (n[p] || 0) + 1; }); return n;")
    for layer in LAYERS:
        table = result[layer.table]
        assert marks.get(layer.prefix, 0) == int((table["doc"] == "000_891b73dabb0c5904").sum()), layer.prefix
    # the panel's total of each layer says the same
    totals = browser.execute_script(
        "return Object.fromEntries(Array.from(document.querySelectorAll('[data-total]'))"
        ".map(e => [e.dataset.total, Number(e.textContent)]));")
    assert totals == {layer.prefix: marks.get(layer.prefix, 0) for layer in LAYERS}


def test_switching_a_layer_off_hides_its_marks(reading, browser):
    from selenium.webdriver.common.by import By

    folder, _ = reading
    _open(browser, folder / "000_891b73dabb0c5904.html")
    weight = "return getComputedStyle(document.querySelector('main .vb')).fontWeight;"
    underline = "return getComputedStyle(document.querySelector('main .sl')).textDecorationLine;"
    assert browser.execute_script(weight) == "700" and browser.execute_script(underline) == "underline"
    browser.find_element(By.ID, "show-vb").click()
    browser.find_element(By.ID, "show-sl").click()
    assert browser.execute_script(weight) == "400" and browser.execute_script(underline) == "none"
    browser.find_element(By.ID, "show-vb").click()
    assert browser.execute_script(weight) == "700"


def test_choosing_a_term_highlights_exactly_its_places_and_steps_through_them(reading, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    folder, result = reading
    _open(browser, folder / "000_891b73dabb0c5904.html")
    button = browser.find_element(By.CSS_SELECTOR, 'button[data-key="sl:疫情就是命令"]')
    button.send_keys(Keys.ENTER)  # the keyboard chooses, as a click would
    hit = ("return Array.from(new Set(Array.from(document.querySelectorAll('main .hit'))"
           ".flatMap(e => e.dataset.m.split(' ').filter(id => document.querySelectorAll('main .hit[data-m~=\"' + id + '\"]').length"
           " === document.querySelectorAll('main [data-m~=\"' + id + '\"]').length))));")
    matches = result["slogan_matches"]
    expected = matches[(matches["doc"] == "000_891b73dabb0c5904") & (matches["term"] == "疫情就是命令")]
    highlighted = browser.execute_script(
        "return Array.from(document.querySelectorAll('main .hit')).map(e => e.textContent).join('');")
    # HAND: 疫情就是命令 three times (tests/expected.py); every highlighted character belongs to one of them
    assert len(expected) == 3 and highlighted == "疫情就是命令" * 3
    assert browser.find_element(By.ID, "status").text.startswith("1 / 3 · 提法 Slogans")
    focused = "return document.activeElement.closest('main') ? document.activeElement.textContent : null;"
    first = browser.execute_script("return document.activeElement.dataset.m;")
    browser.find_element(By.ID, "next").click()
    assert browser.find_element(By.ID, "status").text.startswith("2 / 3")
    second = browser.execute_script("return document.activeElement.dataset.m;")
    assert browser.execute_script(focused) and first != second
    browser.find_element(By.ID, "prev").click()
    assert browser.find_element(By.ID, "status").text.startswith("1 / 3")
    assert browser.execute_script("return document.activeElement.dataset.m;") == first
    assert len(browser.execute_script(hit)) >= 3


def test_a_link_opens_the_page_at_a_term(reading, browser):
    folder, _ = reading
    _open(browser, folder / "000_891b73dabb0c5904.html", "#t=vb:加强")
    # HAND: 加强 10 times in the speech, all verbs
    assert browser.execute_script("return new Set(Array.from(document.querySelectorAll('main .hit'))"
                                  ".map(e => e.dataset.m)).size;") == 10
    assert browser.execute_script("return document.getElementById('status').textContent;").startswith("1 / 10")


def test_the_screenshot_draws_chinese_not_empty_boxes(reading, browser):
    import io

    from PIL import Image, ImageChops
    from selenium.webdriver.common.by import By

    folder, _ = reading
    _open(browser, folder / "000_891b73dabb0c5904.html")
    assert Image.open(io.BytesIO(browser.get_screenshot_as_png())).size[0] > 0
    # two different words in the same style: drawn glyphs differ, missing-glyph boxes would not
    shots = [Image.open(io.BytesIO(browser.find_element(By.CSS_SELECTOR, f'button[data-key="vb:{verb}"] span')
                                   .screenshot_as_png)).convert("L") for verb in ("加强", "落实")]
    size = (min(s.size[0] for s in shots), min(s.size[1] for s in shots))
    a, b = (s.crop((0, 0, *size)) for s in shots)
    assert min(a.getextrema()[0], b.getextrema()[0]) < 100  # ink on the page
    assert ImageChops.difference(a, b).getbbox() is not None


def test_a_count_in_a_chapter_opens_its_places_on_the_reading_page(own_pages, browser):
    """The student's path: the index, the reading page first; from a count in a chapter, its places."""
    from selenium.webdriver.common.by import By

    out, _ = own_pages
    browser.get((out / "index.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, 'a[href="read/my_speech.html"]').click()
    assert "守土有责" in browser.find_element(By.TAG_NAME, "main").text and _problems(browser) == []
    browser.get((out / "03_slogans.html").as_uri())
    browser.find_element(By.LINK_TEXT, "守土有责").click()
    assert browser.current_url.split("/")[-1].startswith("my_speech.html#t=")
    # HAND (tests/outputs/conftest.py): 守土有责 three times in the student's speech
    assert browser.execute_script("return new Set(Array.from(document.querySelectorAll('main .hit'))"
                                  ".map(e => e.dataset.m)).size;") == 3
    assert browser.find_element(By.ID, "status").text.startswith("1 / 3 · 提法 Slogans")
