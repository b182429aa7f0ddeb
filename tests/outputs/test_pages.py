"""Notebook pages: parameters read as papermill passes them, readable tables, figures with alternative text.

These test the functions on their own, fast; tests/outputs/test_notebooks.py reads the rendered pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from analysis.outputs import pages, plots
from analysis.outputs.labels import speech_name, wrap
from tests.expected import SECTION_HEADINGS, SLOGAN_COUNTS

pytestmark = pytest.mark.draws


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("value, expected", [
    (None, None),
    ('["my_speech.txt"]', ["my_speech.txt"]),            # what `papermill -p files '["my_speech.txt"]'` passes
    ("['a.txt', 'b.txt']", ["a.txt", "b.txt"]),           # a Python list literal
    (' ["a.txt", "b c.txt"] ', ["a.txt", "b c.txt"]),
    ("my_speech.txt", ["my_speech.txt"]),                 # `-p files my_speech.txt`: one path, not 13 characters
    ("../shared/corpora/govreports", ["../shared/corpora/govreports"]),
    (["a.txt", "b.txt"], ["a.txt", "b.txt"]),
    (("a.txt",), ["a.txt"]),
    (Path("corpus"), ["corpus"]),
    ('["四个意识", "两个维护"]', ["四个意识", "两个维护"]),  # terms in 07
])
def test_a_list_parameter_is_read_as_papermill_passes_it(value, expected):
    assert pages.as_list(value) == expected


@pytest.mark.parametrize("value", ['["my_speech.txt"', "[1, 2]", "", 5, {"a": 1}])
def test_a_malformed_list_parameter_is_refused_with_its_name(value):
    with pytest.raises(ValueError, match=r"^terms: "):
        pages.as_list(value, name="terms")


def test_a_group_parameter_stays_a_spec_unless_it_is_a_list():
    assert pages.as_group("2013-2025") == "2013-2025"
    assert pages.as_group("section=一") == "section=一"
    assert pages.as_group('["2019", "2018"]') == ["2019", "2018"]
    assert pages.as_group(None) is None


def test_the_top_content_word_is_the_default_term(result):
    assert pages.term_or_top_word("防控", result["content_words"]) == "防控"
    # REGRESSION: the seed speech's most frequent content word is 工作 (26 tokens; 疫情 20, 防控 17)
    assert pages.term_or_top_word(None, result["content_words"]) == "工作"
    assert pages.term_or_top_word(None, result["content_words"].iloc[:0]) is None


def test_a_speech_is_named_by_its_title_and_date():
    docs = pd.DataFrame({"doc": ["a", "b"], "file": ["a.txt", "2019.txt"], "title": ["区长讲话", ""],
                         "date": ["2023-10-18", "2019"], "year": [2023, 2019]})
    assert speech_name(docs.iloc[:1]) == "区长讲话（2023-10-18）"
    assert speech_name(docs) == "2 篇文献 2 documents, 2019–2023"
    assert speech_name(docs, "a") == "a · 区长讲话（2023-10-18）"
    assert speech_name(docs, "b") == "2019.txt（2019）"  # no title line: its file


def test_wrap_breaks_at_the_width_in_ems():
    assert wrap("在全县秋冬季森林防火工作会议上的讲话", 10) == "在全县秋冬季森林防火\n工作会议上的讲话"
    assert wrap("52 documents, 1954–2025", 14) == "52 documents,\n1954–2025"
    # before the bracket of the date where a break is needed; never a line of a closing bracket alone
    assert wrap("会议上的讲话（2020-01-26）", 10) == "会议上的讲话\n（2020-01-26）"
    assert wrap("会议上的讲话（2020）", 6) == "会议上的讲话\n（2020）"
    assert wrap("一二三四五六）", 6) == "一二三四五六）"


def html_of(frame, **kwargs) -> str:
    return pages.table(frame, **kwargs)._repr_html_()


def test_a_table_shows_every_cell_whole_and_aligns_chinese_left():
    note = "seed speech (3 times, once as the heading of section 三); Xi Jinping at the Politburo Standing Committee, " \
           "25 January 2020, a very long note indeed"
    frame = pd.DataFrame({"term": ["疫情就是命令，防控就是责任"], "count": [3], "note": [note],
                          "sha256": ["a5242a0ee934047b87012e194577550822095acd74d0164e05671f8534098277"]})
    page = html_of(frame)
    assert note in page and "a5242a0ee934047b87012e194577550822095acd74d0164e05671f8534098277" in page
    assert "…" not in page and "..." not in page
    styles = dict(re.findall(r"#T_analysis\d+ (td\.col\d)\s*\{([^}]*)\}", page))
    assert "text-align: left" in styles["td.col0"]   # Chinese text
    assert "text-align: right" in styles["td.col1"]  # a count
    assert ">0<" not in page  # no row numbers


def test_a_long_table_scrolls_and_an_empty_one_says_so():
    long = html_of(pd.DataFrame({"term": [f"词{i}" for i in range(40)]}))
    assert "max-height" in long and long.count("<tr>") == 41  # all 40 rows (and the header), in a box
    assert "max-height" not in html_of(pd.DataFrame({"term": ["词"] * 5}))
    assert html_of(pd.DataFrame({"term": []}), empty="没有 none") == '<p class="analysis-empty"><em>没有 none</em></p>'


def test_a_series_is_a_table_not_a_printout(result):
    page = html_of(result["tokens"]["pos"].value_counts().head(3))
    assert "dtype" not in page and "Name:" not in page
    described = pages.describe(result["sentences"]["chars"], unit="字")
    assert list(described["statistic"]) == ["个数 count", "平均 mean", "标准差 standard deviation", "最小 minimum",
                                            "下四分位 lower quartile", "中位数 median", "上四分位 upper quartile",
                                            "最大 maximum"]
    assert described["value"].iloc[0] == str(len(result["sentences"]))


def test_tags_are_explained_in_words(result):
    named = pages.with_tag_names(pd.DataFrame({"pos": ["n", "v", "vn", "x", "uj", "zzz"]}))
    assert list(named["meaning"]) == ["名词 noun", "动词 verb", "名动词 verb used as a noun",
                                      "标点、符号或未登录字 punctuation, symbol or unknown", "助词“的” particle 的", "zzz"]
    counts = pages.tag_counts(result["tokens"])
    assert counts["count"].sum() == len(result["tokens"]) and "meaning" in counts
    assert counts["count"].is_monotonic_decreasing


def test_sections_are_shown_with_their_headings(result):
    sections = result["sections"]
    contexts = pages.with_headings(result["slogan_contexts"], sections)
    assert list(contexts.columns[:7]) == ["left", "match", "right", "doc", "term", "section", "heading"]
    # HAND: 疫情就是命令 stands in the preamble (line 4 of the file), in section 一 (line 9) and is the
    # heading of section 三 (line 13)
    couplets = contexts[contexts["term"] == "疫情就是命令"]
    assert list(couplets["heading"]) == ["", SECTION_HEADINGS[0], SECTION_HEADINGS[2]]
    from analysis.measures.rates import rates_by_section

    rates = rates_by_section(result["modality_tokens"], sections, column="class")
    turned = pages.by_section(rates, sections)
    assert list(turned["section"]) == ["引言", "一", "二", "三"]
    assert list(turned["heading"]) == ["", *SECTION_HEADINGS]
    assert turned.loc[1, "obligation"] == rates.loc["obligation"].iloc[1]


def test_a_bar_chart_is_described_in_its_alternative_text(matches):
    from analysis.measures.slogans import count_slogans

    ax = plots.plot_slogans(count_slogans(matches), speech="某市讲话（2020-01-26）")
    alt = pages.alt_text(ax.figure)
    assert alt.startswith("提法出现次数 某市讲话（2020-01-26）（条形图 bar chart）: ")
    assert f"疫情就是命令，防控就是责任 {SLOGAN_COUNTS['疫情就是命令，防控就是责任']}" in alt  # HAND: 3


def test_only_the_first_documents_with_hits_get_a_chart(capsys):
    documents = pd.DataFrame({"doc": [f"d{i}" for i in range(6)]})
    hits = pd.DataFrame({"doc": ["d1", "d2", "d3", "d4", "d5", "d5"]})
    assert pages.charted_documents(documents, hits, limit=3) == ["d1", "d2", "d3"]
    said = capsys.readouterr().out
    assert "6 篇文献中有 5 篇有提法；下面是前 3 篇的图，另有 2 篇没有画出" in said
    assert pages.charted_documents(documents.iloc[:1], hits.iloc[:0], limit=3) == []
    assert "这篇讲话里没有提法，所以没有图。" in capsys.readouterr().out
    assert pages.charted_documents(documents.iloc[1:2], hits, limit=3) == ["d1"]
    assert capsys.readouterr().out == ""  # one speech with a chart: nothing to explain


def test_the_kernel_shutdown_line_is_dropped_and_nothing_else():
    import logging

    def record(message):
        return logging.LogRecord("IPKernelApp", logging.ERROR, __file__, 1, message, None, None)

    noise = pages.ShutdownNoise()
    assert noise.filter(record("KeyboardInterrupt caught in kernel.")) is False
    assert noise.filter(record("Exception in message handler:")) is True


def test_a_term_no_unit_uses_is_left_out_of_a_wide_table():
    rows = pd.DataFrame({"doc": ["a", "b", "a", "b"], "term": ["四个意识", "四个意识", "抗疫", "抗疫"], "count": [0, 2, 0, 0]})
    assert list(pages.occurring(rows)["term"]) == ["四个意识", "四个意识"]
    assert pages.occurring(rows.iloc[:0]).empty
