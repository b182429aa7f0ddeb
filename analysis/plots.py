"""Plot stage: one function per chart. Each takes the counts and an ``ax`` (made if none), draws, and
returns the ``ax``; none shows or saves (``analysis.export.save_figure`` does that).

Labels are Chinese by default; ``lang="en"`` uses the English glosses of the lexicons and
``lang="both"`` puts them side by side, so the same chart serves a paper in either language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.pyplot as plt

from analysis.fonts import sc_font_path, use_chinese_font

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from wordcloud import WordCloud

    from analysis.corpus import Speech

use_chinese_font()

LANGS = ("zh", "en", "both")
# Okabe-Ito colours: distinguishable with colour-blindness and in greyscale print.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
BAR_COLOUR = PALETTE[0]
FONT_SIZE = 12

TEXT = {
    "slogans": ("提法出现次数", "Slogan frequency"),
    "verbs": ("高频行动动词", "Most frequent action verbs"),
    "modality": ("指令性情态词", "Directive modality markers"),
    "wordcloud": ("实词词云", "Content words"),
    "dispersion": ("提法在讲话中的分布", "Where the slogans occur"),
    "heatmap": ("各部分提法密度（每千字）", "Slogans per 1,000 characters by section"),
    "count": ("次数", "count"),
    "position": ("在讲话中的位置（字符）", "position in the speech (characters)"),
    "section": ("部分", "section"),
    "category": ("类别", "category"),
    "rate": ("每千字次数", "per 1,000 characters"),
    "preamble": ("引言", "preamble"),
    "lengths": ("各部分篇幅", "Length of each section"),
    "characters": ("字数", "characters"),
    "obligation": ("义务", "obligation"),
    "intensity": ("强度", "intensity"),
    "prohibition": ("禁止", "prohibition"),
}


def text(key: str, lang: str) -> str:
    """Return a chart text in ``lang`` (``both``: Chinese, then English)."""
    zh, en = TEXT[key]
    return {"zh": zh, "en": en, "both": f"{zh}  {en}"}[_check(lang)]


def title(key: str, lang: str) -> str:
    """Return a chart title in ``lang``; with ``both``, the English on a second line so it fits."""
    zh, en = TEXT[key]
    return f"{zh}\n{en}" if _check(lang) == "both" else text(key, lang)


def label(term: str, gloss: str | None, lang: str) -> str:
    """Return the label of a term: the term, its English gloss, or both."""
    if lang == "zh" or not gloss:
        return term
    return gloss if lang == "en" else f"{term}  {gloss}"


def _check(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def _axes(ax: Axes | None, n_rows: int = 8, width: float = 10.0) -> Axes:
    use_chinese_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(width, max(3.5, 0.38 * n_rows + 1.6)), layout="constrained")
    return ax


def _barh(ax: Axes, labels: list[str], counts: list[int], colours: list[str], heading: str, xlabel: str) -> Axes:
    """Horizontal bars, largest on top, the count written at the end of each bar."""
    y = range(len(labels))[::-1]
    bars = ax.barh(list(y), counts, color=colours, height=0.7)
    ax.set_yticks(list(y), labels, fontsize=FONT_SIZE)
    ax.bar_label(bars, labels=[str(c) for c in counts], padding=3, fontsize=FONT_SIZE - 1)
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    ax.set_title(heading, fontsize=FONT_SIZE + 3, loc="left")
    ax.set_xlim(0, max(counts, default=1) * 1.12 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=FONT_SIZE - 1)
    return ax


def _legend(ax: Axes, names: list[str], colours: list[str], title: str) -> None:
    from matplotlib.patches import Patch

    handles = [Patch(color=c, label=n) for n, c in zip(names, colours)]
    ax.legend(handles=handles, title=title, loc="lower right", fontsize=FONT_SIZE - 2,
              title_fontsize=FONT_SIZE - 1, frameon=False)


def category_colours(categories: list[str]) -> dict[str, str]:
    """Return a fixed colour for each category key, in lexicon order."""
    return {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}


def plot_slogans(counts: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", top: int | None = None) -> Axes:
    """Bar chart of slogan counts (from ``count_slogans``), coloured by category."""
    from analysis.slogans import load_lexicon

    categories, _ = load_lexicon()
    counts = counts[counts["count"] > 0].head(top) if top else counts[counts["count"] > 0]
    ax = _axes(ax, len(counts), width=15 if lang == "both" else 11)
    colours = category_colours(list(categories))
    _barh(ax, [label(t, g, lang) for t, g in zip(counts["term"], counts["gloss"])], list(counts["count"]),
          [colours[c] for c in counts["category"]], title("slogans", lang), text("count", lang))
    shown = [c for c in categories if c in set(counts["category"])]
    names = [label(categories[c]["zh"], categories[c]["en"], lang) for c in shown]
    _legend(ax, names, [colours[c] for c in shown], text("category", lang))
    return ax


def plot_verbs(counts: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", top: int = 15) -> Axes:
    """Bar chart of the ``top`` action verbs (from ``count_verbs``)."""
    from analysis.lexicon import load_glossary

    glossary = load_glossary()
    counts = counts.head(top)
    ax = _axes(ax, len(counts))
    return _barh(ax, [label(v, glossary.get(v), lang) for v in counts["verb"]], list(counts["count"]),
                 [BAR_COLOUR] * len(counts), title("verbs", lang), text("count", lang))


def plot_modality(counts: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh") -> Axes:
    """Bar chart of directive modality markers (from ``count_modality``), coloured by class."""
    counts = counts[counts["count"] > 0]
    ax = _axes(ax, len(counts))
    classes = ["obligation", "intensity", "prohibition"]
    colours = dict(zip(classes, (PALETTE[1], PALETTE[0], PALETTE[3])))
    _barh(ax, [label(m, g, lang) for m, g in zip(counts["marker"], counts["gloss"])], list(counts["count"]),
          [colours.get(c, BAR_COLOUR) for c in counts["class"]], title("modality", lang), text("count", lang))
    shown = [c for c in classes if c in set(counts["class"])]
    _legend(ax, [text(c, lang) for c in shown], [colours[c] for c in shown], "")
    return ax


def build_wordcloud(frequencies: dict[str, int], *, max_words: int = 120, random_state: int = 42,
                    width: int = 1600, height: int = 900) -> WordCloud:
    """Return a word cloud of the given frequencies drawn in the Simplified Chinese face.

    The frequencies are jieba tokens (see ``content_words``): wordcloud's own tokenizer is for
    languages with spaces. ``collocations`` is off so that word sizes follow the counts.
    """
    from wordcloud import WordCloud

    cloud = WordCloud(font_path=str(sc_font_path()), width=width, height=height, max_words=max_words,
                      background_color="white", random_state=random_state, collocations=False,
                      prefer_horizontal=1.0, colormap="viridis", margin=4)
    return cloud.generate_from_frequencies(frequencies)


def plot_wordcloud(words: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", max_words: int = 120,
                   random_state: int = 42) -> Axes:
    """Word cloud of content words (a frame with ``token`` and ``count``, from ``count_tokens``)."""
    use_chinese_font()
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 6), layout="constrained")
    counts = words.groupby("token")["count"].sum()
    cloud = build_wordcloud(counts.to_dict(), max_words=max_words, random_state=random_state)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(title("wordcloud", lang), fontsize=FONT_SIZE + 3, loc="left")
    return ax


def _section_names(speech: Speech, lang: str) -> list[str]:
    names = []
    for s in speech.sections:
        zh = s.number or text("preamble", "zh")
        en = f"part {s.index}" if s.number else text("preamble", "en")
        names.append({"zh": zh, "en": en, "both": f"{zh} {en}"}[lang])
    return names


def plot_dispersion(matches: pd.DataFrame, speech: Speech, *, ax: Axes | None = None, lang: str = "zh",
                    top: int | None = None) -> Axes:
    """Dispersion (x-ray) plot: one row per slogan, a tick where it starts, section boundaries marked."""
    from analysis.slogans import load_lexicon

    categories, compiled = load_lexicon()
    glosses = {s.term: s.gloss for s, _ in compiled}
    colours = category_colours(list(categories))
    doc = matches[matches["doc"] == speech.doc_id]
    order = doc.groupby("term")["start"].agg(["min", "size"]).sort_values(["min"]).index.tolist()
    if top:
        order = order[:top]
    ax = _axes(ax, len(order), width=16 if lang == "both" else 12)
    n = len(order)
    for row, term in enumerate(order):
        hits = doc[doc["term"] == term]
        ax.scatter(hits["start"], [n - 1 - row] * len(hits), marker="|", s=260, linewidths=2.2,
                   color=colours[hits["category"].iloc[0]])
    ax.set_yticks(range(n)[::-1], [label(t, glosses.get(t), lang) for t in order], fontsize=FONT_SIZE - 1)
    ax.set_xlim(0, len(speech.text))
    ax.set_ylim(-0.7, n - 0.3)
    for s, name in zip(speech.sections, _section_names(speech, lang)):
        if s.index:
            ax.axvline(s.start, color="0.55", linestyle="--", linewidth=1)
        ax.text(s.start + 8, 1.005, name, transform=ax.get_xaxis_transform(), fontsize=FONT_SIZE - 1,
                va="bottom", color="0.3")
    ax.set_xlabel(text("position", lang), fontsize=FONT_SIZE)
    ax.set_title(title("dispersion", lang), fontsize=FONT_SIZE + 3, loc="left", pad=22)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def category_section_rates(matches: pd.DataFrame, speech: Speech) -> pd.DataFrame:
    """Return slogans per 1,000 characters: rows categories (lexicon order), columns the speech's sections.

    Overlapping matches of a category count once (as in ``count_categories``); a match belongs to the
    section it starts in (by position, so a numbering that restarts keeps its sections apart), and a
    section's length is its characters in the cleaned text. Columns are the section labels.
    """
    import bisect

    import numpy as np
    import pandas as pd

    from analysis.slogans import load_lexicon, merge_overlaps

    categories, _ = load_lexicon()
    row_of = {c: i for i, c in enumerate(categories)}
    starts = [speech.offset + s.start for s in speech.sections]
    counts = np.zeros((len(categories), len(speech.sections)))
    doc = matches[matches["doc"] == speech.doc_id]
    for category, group in doc.groupby("category"):
        for start in merge_overlaps(group)["start"]:
            counts[row_of[category], bisect.bisect_right(starts, start) - 1] += 1
    lengths = np.array([max(s.end - s.start, 1) for s in speech.sections])
    labels = [speech.section_label(s.index) for s in speech.sections]
    return pd.DataFrame(counts / lengths * 1000, index=list(categories), columns=labels)


def plot_category_heatmap(matches: pd.DataFrame, speech: Speech, *, ax: Axes | None = None,
                          lang: str = "zh") -> Axes:
    """Heatmap of slogan rates per 1,000 characters: category (rows) by section (columns)."""
    import numpy as np

    from analysis.slogans import load_lexicon

    categories, _ = load_lexicon()
    rates = category_section_rates(matches, speech)
    ax = _axes(ax, 10, width=10)
    image = ax.imshow(rates.values, cmap="Blues", aspect="auto", vmin=0)
    ax.set_xticks(range(rates.shape[1]), _section_names(speech, lang), fontsize=FONT_SIZE)
    ax.set_yticks(range(rates.shape[0]),
                  [label(categories[c]["zh"], categories[c]["en"], lang) for c in rates.index], fontsize=FONT_SIZE)
    top = rates.values.max() or 1.0
    for (i, j), value in np.ndenumerate(rates.values):
        ax.text(j, i, f"{value:.1f}", ha="center", va="center", fontsize=FONT_SIZE,
                color="white" if value > 0.6 * top else "black")
    ax.figure.colorbar(image, ax=ax, label=text("rate", lang))
    ax.set_xlabel(text("section", lang), fontsize=FONT_SIZE)
    ax.set_title(title("heatmap", lang), fontsize=FONT_SIZE + 3, loc="left")
    return ax


def plot_section_lengths(sections: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh") -> Axes:
    """Bar chart of section lengths in characters (from ``sections_frame``), one bar per section."""
    ax = _axes(ax, len(sections))
    names = [f"{d} {s}" if sections["doc"].nunique() > 1 else s for d, s in zip(sections["doc"], sections["section"])]
    if lang != "zh":
        names = [n.replace("引言", text("preamble", lang)) for n in names]
    ys = range(len(names))[::-1]
    bars = ax.barh(list(ys), sections["chars"], color=BAR_COLOUR, height=0.7)
    ax.set_yticks(list(ys), names, fontsize=FONT_SIZE)
    ax.bar_label(bars, labels=[f"{c}（{n}句）" if lang == "zh" else f"{c} ({n} sentences)"
                               for c, n in zip(sections["chars"], sections["sentences"])],
                 padding=3, fontsize=FONT_SIZE - 1)
    ax.set_xlim(0, sections["chars"].max() * 1.3)
    ax.set_xlabel(text("characters", lang), fontsize=FONT_SIZE)
    ax.set_title(title("lengths", lang), fontsize=FONT_SIZE + 3, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
