"""Charts: the data each one draws equals the tables it is given, read back from the returned ``ax``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from analysis.measures.rates import category_section_rates
from analysis.measures.slogans import count_slogans, find_slogans
from analysis.measures.markers import count_modality
from analysis.measures.verbs import count_verbs
from analysis.measures.words import content_words, count_tokens, word_frequencies
from analysis.outputs import plots
from analysis.outputs.fonts import sc_font_path
from analysis.text.lexicons import load_slogans
from tests.expected import HEATMAP_RATES, TOP_VERBS
from tests.measures.test_slogans import MINE

pytestmark = pytest.mark.draws


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def bars(ax):
    """Return (label, width) of a horizontal bar chart, top to bottom."""
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ys = list(ax.get_yticks())
    widths = {round(p.get_y() + p.get_height() / 2): p.get_width() for p in ax.patches}
    return [(label, widths[round(y)]) for y, label in sorted(zip(ys, labels), reverse=True)]


def test_slogan_bars_equal_the_counts_sorted_and_coloured_by_category(matches):
    counts = count_slogans(matches)
    found = counts[counts["count"] > 0]
    ax = plots.plot_slogans(counts)
    # the speech holds 31 slogans of the lexicon: the chart draws the 30 most frequent and says so
    assert len(found) == 31 and bars(ax) == list(zip(found["term"], found["count"]))[:30]
    assert ax.get_xlabel().endswith("最常见的 30 个（共 31 个）")
    assert bars(plots.plot_slogans(counts, top=None)) == list(zip(found["term"], found["count"]))
    assert bars(ax)[1] == ("疫情就是命令，防控就是责任", 3)  # HAND-checked count
    assert [t.get_text() for t in ax.texts] == [str(c) for c in found["count"].head(30)]  # counts on the bars
    assert len(set(plots.category_colours([f"c{i}" for i in range(12)]).values())) == 12  # 12 categories, 12 colours
    colours = plots.category_colours(["mobilisation", "political_loyalty", "epidemic_policy", "cadre_responsibility"])
    top = max(ax.patches, key=lambda p: p.get_y())
    assert top.get_facecolor()[:3] == pytest.approx(plt.matplotlib.colors.to_rgb(colours["mobilisation"]))
    assert len(ax.get_legend().get_texts()) == 5  # the categories the speech has
    assert ax.get_title(loc="left") == "提法出现次数"


def test_slogan_labels_in_english_and_both(matches):
    counts = count_slogans(matches)
    en = plots.plot_slogans(counts, lang="en")
    assert bars(en)[12][0] == "the four consciousnesses" and bars(en)[12][1] == 1
    assert en.get_title(loc="left") == "Slogan frequency"
    both = plots.plot_slogans(counts, lang="both")
    assert "四个意识  the four consciousnesses" in [label for label, _ in bars(both)]
    with pytest.raises(ValueError):
        plots.plot_slogans(counts, lang="fr")


def test_a_chart_of_ones_own_lexicon_draws_its_own_categories(tmp_path, speech):
    # Before lexicon objects, the chart reloaded the bundled lexicon and raised KeyError here.
    path = tmp_path / "mine.yaml"
    path.write_text(MINE, encoding="utf-8")
    mine = load_slogans(path)
    ax = plots.plot_slogans(count_slogans(find_slogans(speech, mine), mine), lang="both")
    assert bars(ax) == [("守土有责  defend the land", 1)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["责任  duty"]


def test_verb_bars_are_the_hand_checked_top_verbs(tokens):
    ax = plots.plot_verbs(count_verbs(tokens), top=13)
    assert bars(ax) == TOP_VERBS
    en = plots.plot_verbs(count_verbs(tokens), top=3, lang="en")
    assert [label for label, _ in bars(en)] == ["strengthen", "implement", "do well"]


def test_modality_bars(tokens):
    counts = count_modality(tokens)
    ax = plots.plot_modality(counts)
    assert bars(ax) == list(zip(counts["marker"], counts["count"]))
    assert bars(ax)[0] == ("要", 16)


def test_wordcloud_draws_content_words_in_the_sc_face(tokens):
    words = count_tokens(content_words(tokens))
    cloud = plots.build_wordcloud(dict(zip(words["token"], words["count"])))
    assert cloud.font_path == str(sc_font_path())
    assert cloud.collocations is False
    # relative sizes follow the counts: the most frequent content word is the largest
    assert next(iter(cloud.words_)) == words["token"].iloc[0]
    assert cloud.words_[words["token"].iloc[0]] == 1.0
    assert not set(cloud.words_) & {"的", "要", "，"}
    ax = plots.plot_wordcloud(word_frequencies(words))
    assert len(ax.images) == 1
    again = plots.build_wordcloud(dict(zip(words["token"], words["count"])))
    assert (again.to_array() == cloud.to_array()).all()  # fixed random state


def test_dispersion_ticks_sit_at_the_match_offsets(result):
    matches, sections = result["slogan_matches"], result["sections"]
    ax = plots.plot_dispersion(matches, sections, top=None)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    row_of = {label: y for y, label in zip(ax.get_yticks(), labels)}
    for collection in ax.collections:
        offsets = collection.get_offsets()
        term = [t for t, y in row_of.items() if y == offsets[0][1]][0]
        assert sorted(offsets[:, 0]) == sorted(matches.loc[matches["term"] == term, "start"])
    assert len(ax.collections) == matches["term"].nunique()
    boundaries = sorted(line.get_xdata()[0] for line in ax.lines)
    assert boundaries == list(sections["start"][1:])
    assert [t.get_text() for t in ax.texts] == ["引言", "一", "二", "三"]
    en = plots.plot_dispersion(matches, sections, lang="en", glosses={"人民战争": "people's war"})
    assert [t.get_text() for t in en.texts] == ["preamble", "part 1", "part 2", "part 3"]
    # by default the 30 most frequent of the speech's 31 terms, the axis says so, and a legend names the colours
    top = plots.plot_dispersion(matches, sections)
    assert len(top.collections) == 30 and top.get_xlabel().endswith("最常见的 30 个（共 31 个）")
    assert top.get_legend() is not None and len(top.get_legend().get_texts()) == matches["category"].nunique()
    assert "people's war" in [t.get_text() for t in en.get_yticklabels()]


def test_heatmap_draws_the_rates_it_is_given(result):
    rates = category_section_rates(result["slogan_matches"], result["sections"])
    ax = plots.plot_category_heatmap(rates, categories=result["slogan_categories"])
    assert np.allclose(ax.images[0].get_array(), rates.values)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["引言", "一", "二", "三"]
    assert [t.get_text() for t in ax.get_yticklabels()][1] == "政治忠诚提法"
    assert f"{HEATMAP_RATES[('political_loyalty', '一')]:.1f}" == "12.7" and "12.7" in [t.get_text() for t in ax.texts]


def test_plot_functions_draw_on_a_given_ax(matches, tokens):
    fig, axes = plt.subplots(1, 2)
    assert plots.plot_slogans(count_slogans(matches), ax=axes[0]) is axes[0]
    assert plots.plot_verbs(count_verbs(tokens), ax=axes[1]) is axes[1]
    assert tuple(fig.get_size_inches()) == tuple(plt.rcParams["figure.figsize"])  # a given figure keeps its size


def test_charts_for_files_use_no_pyplot(matches):
    counts = count_slogans(matches)
    ax = plots.new_axes()
    plots.plot_slogans(counts, ax=ax)
    assert plt.get_fignums() == []  # the figure is not one of pyplot's
    drawn = min(len(counts), plots.SLOGAN_TOP)
    assert tuple(ax.figure.get_size_inches()) == pytest.approx((11, max(3.5, 0.38 * drawn + 1.6)))


def test_a_word_cloud_for_files_draws_without_pyplot(tokens):
    import subprocess
    import sys

    code = ("import sys\nfrom analysis.text import load_speech, tokenize_chunk\n"
            "from analysis.measures.words import content_words, count_tokens, word_frequencies\n"
            "from analysis.outputs import plots\n"
            "words = count_tokens(content_words(tokenize_chunk(load_speech(sys.argv[1]))))\n"
            "plots.plot_wordcloud(word_frequencies(words), ax=plots.new_axes())\n"
            "print('matplotlib.pyplot' in sys.modules)")
    from tests.expected import SEED

    out = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def drawn(fig):
    """Draw a figure (pyplot's or a plain one) and return its renderer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if hasattr(fig.canvas, "get_renderer") else FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def overlaps(a, b) -> bool:
    """Whether two display boxes share any area (touching edges do not count)."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_the_legend_never_covers_a_bar():
    import pandas as pd

    # eight slogans of one count: every bar reaches the right, where a legend inside the plot would stand
    counts = pd.DataFrame({"term": [f"提法{i}" for i in range(8)], "category": ["a", "b"] * 4, "count": [5] * 8,
                           "gloss": [""] * 8, "category_zh": ["甲", "乙"] * 4, "category_en": ["A", "B"] * 4})
    for ax in (plots.plot_slogans(counts), plots.plot_slogans(counts, ax=plots.new_axes())):
        renderer = drawn(ax.figure)
        legend = ax.get_legend().get_window_extent(renderer)
        assert not any(overlaps(legend, bar.get_window_extent(renderer)) for bar in ax.patches)
        assert legend.x0 >= ax.get_window_extent(renderer).x1  # beside the plot


def test_section_label_rows_by_hand():
    # Worked by hand: a plot 10 inches and 10,000 characters wide is 1,000 characters an inch. A label
    # stands 3 points (42 characters) right of its line and is 11/72 inch a CJK character, counted
    # 1.1 times (168 characters); two labels of a row need 6 points (83) between them.
    # 引言 at 0: 42..378, row 0.  一 at 100: 142 < 378 + 83, row 1, 142..310.  二 at 200: 242, rows 0
    # and 1 busy (461, 393), row 2, 242..410.  三 at 350: 392, all three rows busy (461, 393, 493): left
    # out.  四 at 5,000: row 0 again.
    rows = plots.section_label_rows([0, 100, 200, 350, 5000], ["引言", "一", "二", "三", "四"], span=10_000,
                                    width_inches=10, size=11)
    assert rows == [0, 1, 2, None, 0]


def test_section_labels_of_a_dispersion_plot_never_overprint():
    import pandas as pd

    # the 1955 report's shape: sections three characters apart in places (a numbered list read as sections)
    starts = [0, 2100, 7049, 16546, 17153, 17224, 17321, 17406, 21785, 21800, 21830]
    labels = ["引言", "一", "二", "三", "一", "二", "三", "四", "五", "六", "七"]
    ends = starts[1:] + [30000]
    sections = pd.DataFrame({"doc": "d", "section": labels, "section_index": range(len(starts)), "start": starts,
                             "end": ends})
    hits = pd.DataFrame({"doc": "d", "term": ["政治任务", "一带一路"], "start": [17200, 25000]})
    for ax in (plots.plot_dispersion(hits, sections, speech="1955（1955）"),
               plots.plot_dispersion(hits, sections, ax=plots.new_axes(), lang="both")):
        renderer = drawn(ax.figure)
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        assert len(boxes) >= 6  # most labels are written ...
        assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])  # ... none over another
        assert len(ax.lines) == len(starts) - 1  # every section is still marked by its line
        for title in (ax.title, ax._left_title):
            assert not any(overlaps(title.get_window_extent(renderer), b) for b in boxes)
    assert ax.get_title(loc="right") == "" and plots.plot_dispersion(hits, sections, speech="1955（1955）").get_title(
        loc="right") == "1955（1955）"


def test_a_category_absent_from_the_text_is_not_a_row_of_zeros(result):
    rates = category_section_rates(result["slogan_matches"], result["sections"])
    rates.loc["epidemic_policy"] = 0.0  # as in a 1985 report: no epidemic-control formula at all
    ax = plots.plot_category_heatmap(rates, categories=result["slogan_categories"])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["动员口号", "政治忠诚提法", "干部责任提法", "治理与法治提法"]
    assert np.allclose(ax.images[0].get_array(), rates.drop(index="epidemic_policy").values)
    assert ax.get_xlabel() == "部分\n本文没有出现的类别：防控政策提法"
    none = plots.plot_category_heatmap(rates * 0, categories=result["slogan_categories"], lang="en")
    assert len(none.images) == 0 and [t.get_text() for t in none.texts] == ["no slogan of the lexicon occurs here"]


def test_each_chart_of_one_speech_names_it(result, tmp_path):
    from analysis.outputs.report import chart_drawers

    for name, draw in chart_drawers(result).items():
        ax = draw(plots.new_axes())
        # corpus/000_891b73dabb0c5904.yaml gives its title and the date 2020-01-26 (broken into lines to fit)
        assert ax.get_title(loc="right").replace("\n", "") == (
            "市委书记在全市新型冠状病毒感染的肺炎疫情防控工作会议上的讲话（2020-01-26）"), name


def test_english_labels_are_never_shared_and_carry_no_dates_or_old_senses():
    """Issue 22, read in CC-CEDICT and the glossary: 推动 and 促进 are both "promote", 实施 and 落实 both
    "implement"; an English-only chart gives each its pinyin. 革命 is "revolution" (its first sense is
    the original "withdraw the mandate of heaven"), 苏联 "Soviet Union" without 1922-1991."""
    from analysis.outputs.labels import label_list
    from analysis.text.glosses import cedict_gloss, glosses

    words = ["推动", "促进", "实施", "落实", "加强"]
    found = glosses(words, verb=True)
    names = label_list(words, {w: g.text for w, g in found.items()}, "en")
    assert len(set(names)) == len(names)
    assert names[:2] == ["promote (tuīdòng)", "promote (cùjìn)"] and names[-1] == "strengthen"
    assert cedict_gloss("革命") == "revolution" and cedict_gloss("苏联") == "Soviet Union"


def test_a_trend_over_sparse_years_reads_as_lines_in_greyscale():
    """Issue 22: congresses five years apart drew dots that never joined. By hand: two terms, documents
    in 2002, 2007 and 2012 only; each term a dotted bridge through those years and a marked line of
    its own style."""
    import pandas as pd

    rows = [(t, y, None if y % 5 != 2 else v, 0 if y % 5 != 2 else 1, 0)
            for t, v in (("三个代表", 2.0), ("科学发展观", 1.0)) for y in range(2002, 2013)]
    table = pd.DataFrame(rows, columns=["term", "year", "per_10k", "documents", "characters"])
    ax = plots.plot_trend(table)
    bridges = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert [list(line.get_xdata()) for line in bridges] == [[2002, 2007, 2012]] * 2
    marked = [line for line in ax.lines if line.get_linestyle() != ":"]
    assert len({(line.get_marker(), line.get_linestyle()) for line in marked}) == 2


def test_english_charts_hold_no_chinese(result, monkeypatch):
    """Issue 22: --lang en kept the speech's name and every word of the word cloud in Chinese."""
    import re

    drawn = {}
    real = plots.build_wordcloud
    monkeypatch.setattr(plots, "build_wordcloud", lambda words, **kw: drawn.update(words) or real(words, **kw))

    from matplotlib.text import Text

    from analysis.outputs.report import chart_drawers

    for name, draw in chart_drawers(result, lang="en").items():
        ax = draw(plots.new_axes())
        texts = [t.get_text() for t in ax.figure.findobj(Text)]
        assert not [t for t in texts if re.search(r"[\u3400-\u9fff]", t)], name
    # the word cloud is an image: the words it was given are English glosses (or pinyin), none Chinese
    assert drawn and not [w for w in drawn if re.search(r"[\u3400-\u9fff]", w)]
    assert "strengthen" in drawn  # 加强, the speech's most frequent verb


def test_slogan_categories_tell_apart_in_greyscale(result):
    """Issue 22: several categories were one grey in print; each category has its own pattern too."""
    counts = result["slogans"]
    ax = plots.plot_slogans(counts)
    patterns = {}
    for bar, category in zip(ax.patches, counts[counts["count"] > 0].head(plots.SLOGAN_TOP)["category"]):
        patterns.setdefault(str(category), set()).add(bar.get_hatch() or "")
    assert all(len(p) == 1 for p in patterns.values())  # one pattern a category
    assert len({next(iter(p)) for p in patterns.values()}) == len(patterns)  # and none shared
