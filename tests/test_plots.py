"""Charts: the data each one draws equals the counts, read back from the returned ``ax``."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from analysis import plots
from analysis.fonts import sc_font_path
from analysis.slogans import count_slogans
from analysis.tokenize import content_words, count_tokens
from analysis.verbs import count_modality, count_verbs
from tests.test_verbs import TOP_VERBS


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
    ax = plots.plot_slogans(counts)
    assert bars(ax) == list(zip(counts["term"], counts["count"]))
    assert bars(ax)[1] == ("疫情就是命令，防控就是责任", 3)  # HAND-checked count
    assert [t.get_text() for t in ax.texts] == [str(c) for c in counts["count"]]  # counts written on bars
    colours = plots.category_colours(["mobilisation", "political_loyalty", "epidemic_policy", "cadre_responsibility"])
    top = max(ax.patches, key=lambda p: p.get_y())
    assert top.get_facecolor()[:3] == pytest.approx(plt.matplotlib.colors.to_rgb(colours["mobilisation"]))
    assert len(ax.get_legend().get_texts()) == 4
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


def test_verb_bars_are_the_hand_checked_top_verbs(tokens):
    ax = plots.plot_verbs(count_verbs(tokens), top=14)
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
    ax = plots.plot_wordcloud(words)
    assert len(ax.images) == 1
    again = plots.build_wordcloud(dict(zip(words["token"], words["count"])))
    assert (again.to_array() == cloud.to_array()).all()  # fixed random state


def test_dispersion_ticks_sit_at_the_match_offsets(speech, matches):
    ax = plots.plot_dispersion(matches, speech)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    ys = list(ax.get_yticks())
    row_of = {label: y for y, label in zip(ys, labels)}
    for collection in ax.collections:
        offsets = collection.get_offsets()
        term = [t for t, y in row_of.items() if y == offsets[0][1]][0]
        expected = sorted(matches.loc[matches["term"] == term, "start"])
        assert sorted(offsets[:, 0]) == expected
    assert len(ax.collections) == matches["term"].nunique()
    boundaries = sorted(line.get_xdata()[0] for line in ax.lines)
    assert boundaries == [s.start for s in speech.sections[1:]]
    assert [t.get_text() for t in ax.texts] == ["引言", "一", "二", "三"]


def test_heatmap_rates_per_thousand_characters(speech, matches):
    rates = plots.category_section_rates(matches, speech)
    # HAND: section 一 has 472 characters and 6 political-loyalty formulations (四个意识, 四个自信,
    # 两个维护, 政治任务, 决策部署 ×2); the preamble 554 characters and one mobilisation slogan.
    assert rates.loc["political_loyalty", "一"] == pytest.approx(6 / 472 * 1000)
    assert rates.loc["mobilisation", "引言"] == pytest.approx(1 / 554 * 1000)
    ax = plots.plot_category_heatmap(matches, speech)
    assert np.allclose(ax.images[0].get_array(), rates.values)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["引言", "一", "二", "三"]
    shown = [t.get_text() for t in ax.texts]
    assert "12.7" in shown


def test_plot_functions_draw_on_a_given_ax(matches, tokens):
    fig, axes = plt.subplots(1, 2)
    assert plots.plot_slogans(count_slogans(matches), ax=axes[0]) is axes[0]
    assert plots.plot_verbs(count_verbs(tokens), ax=axes[1]) is axes[1]


def test_heatmap_keeps_sections_with_the_same_number_apart(write_file):
    from analysis.corpus import load_speech
    from analysis.slogans import find_slogans

    # HAND: two sections numbered 一 (the numbering restarts); 两个维护 stands only in the first
    speech = load_speech(write_file("parts.txt", "区委书记的讲话\n一、第一部分\n要坚决做到两个维护。\n一、第二部分\n其他工作。\n"))
    rates = plots.category_section_rates(find_slogans(speech), speech)
    assert list(rates.columns) == ["引言", "一", "一"]
    first, second = speech.sections[1], speech.sections[2]
    assert rates.loc["political_loyalty"].tolist() == pytest.approx([0, 1000 / (first.end - first.start), 0])
    assert second.text.startswith("一、第二部分")
