"""Charts: one function per chart. Each takes the tables it draws and an ``ax``, draws, and returns the
``ax``; none computes a measure, shows or saves (``analysis.outputs.export.save_figure`` saves).

Without an ``ax``, a function draws on a new pyplot figure sized for the chart (for notebooks). For
files, ``new_axes()`` gives an axes on a plain matplotlib ``Figure``, outside pyplot, which the chart
sizes to its content in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from analysis.outputs.fonts import drawable, sc_font_path, use_chinese_font
from analysis.outputs.labels import (em_width, english_name, label, label_list, section_name, shorten, shown_of, text,
                                     title, wrap)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from wordcloud import WordCloud

# Okabe-Ito colours: distinguishable with colour-blindness and in greyscale print.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
# the lexicon's 12 categories need 12 colours: Okabe-Ito's eight, then four of Paul Tol's (wine, teal,
# olive, indigo), so that no two categories of a chart share one
CATEGORY_PALETTE = PALETTE + ["#882255", "#44AA99", "#999933", "#332288"]
SLOGAN_TOP = 30  # slogans a chart draws at most, the most frequent (a report holds a hundred or more)
BAR_COLOUR = PALETTE[0]
FONT_SIZE = 12
MODALITY_CLASSES = ("obligation", "intensity", "prohibition")


def new_axes() -> Axes:
    """Return an axes on a new ``Figure`` (no pyplot) that the chart drawn on it sizes to its content."""
    from matplotlib.figure import Figure

    figure = Figure(layout="constrained")
    figure.fit_to_chart = True
    return figure.subplots()


def _axes(ax: Axes | None, n_rows: int = 8, width: float = 10.0) -> Axes:
    return _sized(ax, (width, max(3.5, 0.38 * n_rows + 1.6)))


MAX_INCHES = 24.0  # no chart grows wider or taller than this, however many sections or terms it has
DENSE = 40  # a heatmap of more columns than this writes no number in its cells and labels every few columns


def _sized(ax: Axes | None, size: tuple[float, float]) -> Axes:
    use_chinese_font()
    size = (min(size[0], MAX_INCHES), min(size[1], MAX_INCHES))
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=size, layout="constrained")
    elif getattr(ax.figure, "fit_to_chart", False):
        ax.figure.set_size_inches(size)
    _plain_text(ax.figure)
    return ax


def _plain_text(figure) -> None:
    """Draw the texts a figure already holds (an axes' title and labels, made with it) as written:
    a ``$`` in a speech's title is a dollar sign (texts made from now on are, by ``use_chinese_font``)."""
    from matplotlib.text import Text

    for artist in figure.findobj(Text):
        artist.set_parse_math(False)


def _barh(ax: Axes, labels: list[str], counts: list[int], colours: list[str], heading: str, xlabel: str,
          hatches: list[str] | None = None) -> Axes:
    """Horizontal bars, largest on top, the count written at the end of each bar (``hatches``: a
    pattern a bar, so that categories tell apart in greyscale print)."""
    y = range(len(labels))[::-1]
    bars = ax.barh(list(y), counts, color=colours, height=0.7, edgecolor="white" if hatches else None, linewidth=0)
    for bar, hatch in zip(bars, hatches or []):
        bar.set_hatch(hatch)
    ax.set_yticks(list(y), labels, fontsize=FONT_SIZE)
    ax.bar_label(bars, labels=[str(c) for c in counts], padding=3, fontsize=FONT_SIZE - 1)
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    ax.set_title(heading, fontsize=FONT_SIZE + 3, loc="left")
    ax.set_xlim(0, max(counts, default=1) * 1.12 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelsize=FONT_SIZE - 1)
    return ax


def _legend(ax: Axes, names: list[str], colours: list[str], heading: str, hatches: list[str] | None = None) -> None:
    """A legend beside the plot, right of it, where it can never cover a bar."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor=c, edgecolor="white" if hatches else c, hatch=h, label=n)
               for n, c, h in zip(names, colours, hatches or [None] * len(names))]
    ax.legend(handles=handles, title=heading, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
              fontsize=FONT_SIZE - 2, title_fontsize=FONT_SIZE - 1, frameon=False, alignment="left")
    named = getattr(ax, "_named_speech", None)
    if named is not None:  # the legend takes room from the plot: the speech is named again to fit
        _name_speech(ax, *named)


def _name_speech(ax: Axes, speech: str | None, heading: str = "", lang: str = "zh") -> None:
    """Name the speech (or corpus) a chart is of at the right of its title line, broken into lines so
    that it keeps clear of the title ``heading`` at the left; where the plot is too narrow for both on
    one line (long labels at its left, a legend at its right), the name takes the plot's width and the
    title stands above it. In English (``lang="en"``) the name keeps no Chinese (``english_name``)."""
    ax._named_speech = (speech, heading, lang)  # noqa: SLF001 - kept for _legend, which narrows the plot
    if lang == "en":
        speech = english_name(speech or "")
    if not speech:
        return
    size = FONT_SIZE - 1
    heading_ems = max((em_width(line) for line in heading.splitlines()), default=0) * (FONT_SIZE + 3) / size
    plot_ems = _plot_inches(ax) * 72 / size
    room = plot_ems - heading_ems - 2
    if room >= 10:
        ax.set_title(wrap(drawable(speech), room), loc="right", fontsize=size, color="0.3")
        ax.set_title(heading, loc="left", fontsize=FONT_SIZE + 3)
        return
    name = wrap(drawable(speech), max(10.0, plot_ems))
    ax.set_title(name, loc="right", fontsize=size, color="0.3")
    ax.set_title(heading + "\n" * (name.count("\n") + 1), loc="left", fontsize=FONT_SIZE + 3)


def _plot_inches(ax: Axes) -> float:
    """About how wide the plot of ``ax`` is drawn: its figure less the tick labels at its left and a
    legend outside it at its right (estimated generously, before the layout is made)."""
    width = ax.figure.get_size_inches()[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    left = max((em_width(t) for t in labels), default=0) * (FONT_SIZE - 1) / 72 + 0.9
    legend = ax.get_legend()
    right = 0.0
    if legend is not None:
        entries = [t.get_text() for t in legend.get_texts()] + [legend.get_title().get_text()]
        right = max((em_width(t) for t in entries), default=0) * (FONT_SIZE - 1) / 72 + 0.8
    return max(1.0, width - left - right - 0.3)


def _nothing(ax: Axes, message: str) -> None:
    """Say in the plot that there is nothing to draw, instead of an empty frame."""
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=FONT_SIZE, color="0.35")
    ax.set_xticks([])
    ax.set_yticks([])


def category_colours(categories: list[str]) -> dict[str, str]:
    """Return a fixed colour for each category key, in the order given (the lexicon's)."""
    return {c: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, c in enumerate(categories)}


HATCHES = ("", "///", "...", "xxx", "\\\\\\", "---", "+++", "ooo", "|||", "**", "OO", "..//")


def category_hatches(categories: list[str]) -> dict[str, str]:
    """A fixed pattern for each category key, in the order given: in greyscale, where several of the
    colours are one grey, the patterns tell the categories apart."""
    return {c: HATCHES[i % len(HATCHES)] for i, c in enumerate(categories)}


def category_order(column: pd.Series) -> list[str]:
    """Return the categories of a ``category`` column: the lexicon's order when the column is
    categorical (as the measures make it), else the order they first occur."""
    if hasattr(column, "cat"):
        return [str(c) for c in column.cat.categories]
    return list(dict.fromkeys(map(str, column)))


def plot_slogans(counts: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", top: int | None = SLOGAN_TOP,
                 speech: str | None = None) -> Axes:
    """Bar chart of slogan counts (from ``count_slogans``), coloured by category: the ``top`` most
    frequent (``None``: all), the axis saying how many of how many; only the categories drawn are in
    the legend. ``speech`` names the text at the right of the title."""
    colours = category_colours(category_order(counts["category"]))
    found = counts[counts["count"] > 0]
    counts = found.head(top) if top else found
    ax = _axes(ax, len(counts), width=15 if lang == "both" else 11)
    axis = text("count", lang) + (f"\n{shown_of(len(counts), len(found), lang)}" if len(counts) < len(found) else "")
    hatches = category_hatches(list(colours))
    _barh(ax, label_list(counts["term"], counts["gloss"], lang), list(counts["count"]),
          [colours[str(c)] for c in counts["category"]], title("slogans", lang), axis,
          hatches=[hatches[str(c)] for c in counts["category"]])
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    if counts.empty:
        _nothing(ax, text("no_slogans", lang))
        return ax
    names = category_names(counts)
    shown = [c for c in colours if c in names]
    _legend(ax, [label(*names[c], lang) for c in shown], [colours[c] for c in shown], text("category", lang),
            hatches=[hatches[c] for c in shown])
    return ax


def plot_verbs(counts: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", top: int = 15,
               speech: str | None = None) -> Axes:
    """Bar chart of the ``top`` action verbs (from ``count_verbs``), labelled with their glosses in English."""
    counts = counts.head(top)
    glosses = counts["gloss"] if "gloss" in counts else [None] * len(counts)
    ax = _axes(ax, len(counts))
    _barh(ax, label_list(counts["verb"], glosses, lang), list(counts["count"]),
          [BAR_COLOUR] * len(counts), title("verbs", lang), text("count", lang))
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    return ax


def plot_modality(counts: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh",
                  speech: str | None = None) -> Axes:
    """Bar chart of directive modality markers (from ``count_modality``), coloured by class."""
    counts = counts[counts["count"] > 0]
    ax = _axes(ax, len(counts))
    colours = dict(zip(MODALITY_CLASSES, (PALETTE[1], PALETTE[0], PALETTE[3])))
    _barh(ax, label_list(counts["marker"], counts["gloss"], lang), list(counts["count"]),
          [colours.get(c, BAR_COLOUR) for c in counts["class"]], title("modality", lang), text("count", lang))
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    shown = [c for c in MODALITY_CLASSES if c in set(counts["class"])]
    _legend(ax, [text(c, lang) for c in shown], [colours[c] for c in shown], "")
    return ax


def build_wordcloud(frequencies: dict[str, int], *, max_words: int = 120, random_state: int = 42,
                    width: int = 1600, height: int = 900) -> WordCloud:
    """Return a word cloud of the given frequencies drawn in the Simplified Chinese face.

    The frequencies are the tokenizer's words (see ``content_words``): wordcloud's own tokenizer is
    for languages with spaces. ``collocations`` is off so that word sizes follow the counts.
    """
    from wordcloud import WordCloud

    cloud = WordCloud(font_path=str(sc_font_path()), width=width, height=height, max_words=max_words,
                      background_color="white", random_state=random_state, collocations=False,
                      prefer_horizontal=1.0, color_func=ColourFromMap("viridis"), margin=4)
    return cloud.generate_from_frequencies(frequencies)


class ColourFromMap:
    """A word-cloud colour function: a random point of a matplotlib colour map, as ``rgb(r, g, b)``.

    wordcloud's own ``colormap=`` option imports pyplot; this takes the map from
    ``matplotlib.colormaps`` and draws the same colours from the cloud's random state.
    """

    def __init__(self, name: str):
        import matplotlib

        self.colours = matplotlib.colormaps[name]

    def __call__(self, word=None, font_size=None, position=None, orientation=None, random_state=None, **kwargs):
        import random

        import numpy as np

        state = random_state if random_state is not None else random.Random()
        red, green, blue, _ = np.maximum(0, 255 * np.array(self.colours(state.uniform(0, 1))))
        return f"rgb({red:.0f}, {green:.0f}, {blue:.0f})"


def plot_wordcloud(frequencies: Mapping[str, int], *, ax: Axes | None = None, lang: str = "zh",
                   max_words: int = 120, random_state: int = 42, speech: str | None = None) -> Axes:
    """Word cloud of words sized by their counts (``word_frequencies`` of the content words); in
    English (``lang="en"``) each word is drawn as its English gloss (two words of one gloss apart)."""
    ax = _sized(ax, (10, 6))
    if lang == "en" and frequencies:
        from analysis.text.glosses import glosses

        words = list(frequencies)
        found = glosses(words)
        english = label_list(words, {w: g.text for w, g in found.items()}, "en")
        frequencies = {name: frequencies[w] for name, w in zip(english, words)}
    if not frequencies:  # wordcloud refuses to draw no word
        ax.set_axis_off()
        _nothing(ax, "（没有实词 no content word）")
    else:
        cloud = build_wordcloud(dict(frequencies), max_words=max_words, random_state=random_state)
        ax.imshow(cloud.to_array(), interpolation="bilinear")
        ax.set_axis_off()
    ax.set_title(title("wordcloud", lang), fontsize=FONT_SIZE + 3, loc="left")
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    return ax


def _one_document(frame: pd.DataFrame, doc: str | None) -> pd.DataFrame:
    return frame if doc is None else frame[frame["doc"] == doc]


SECTION_LABEL_ROWS = 3  # rows of section labels above a dispersion plot before a label is left out


def _text_inches(text: str, size: float) -> float:
    """Return about how wide ``text`` is in inches at ``size`` points (see ``labels.em_width``)."""
    return em_width(text) * size / 72


def section_label_rows(starts: list[float], names: list[str], *, span: float, width_inches: float,
                       size: float = FONT_SIZE - 1, rows: int = SECTION_LABEL_ROWS) -> list[int | None]:
    """Return the row (0 is the lowest) in which each section label is written above a plot, so that
    no label overprints another: a label goes in the lowest row where the label before it has ended;
    a label that finds no free row among ``rows`` gets ``None`` (its dashed line still marks the section).

    ``starts`` are the sections' starts in data units, ``span`` the data units across the plot and
    ``width_inches`` its width.
    """
    per_inch = span / max(width_inches, 0.1)
    gap = 6 / 72 * per_inch  # what stands between two labels of one row: the 3-point offset and as much again
    ends = [float("-inf")] * rows
    placed: list[int | None] = []
    for start, name in zip(starts, names):
        left = start + 3 / 72 * per_inch
        free = next((r for r in range(rows) if left >= ends[r] + gap), None)
        if free is not None:
            ends[free] = left + _text_inches(name, size) * 1.1 * per_inch
        placed.append(free)
    return placed


DISPERSION_TOP = 30  # rows of a dispersion plot by default: the most frequent terms (the table holds all)


def plot_dispersion(hits: pd.DataFrame, sections: pd.DataFrame, *, doc: str | None = None,
                    glosses: Mapping[str, str] | None = None, ax: Axes | None = None, lang: str = "zh",
                    top: int | None = DISPERSION_TOP, column: str = "term", speech: str | None = None,
                    categories: pd.DataFrame | None = None) -> Axes:
    """Dispersion (x-ray) plot of one document: a row per term, a tick where it starts, sections marked.

    ``hits`` is any table with the term (``column``) and ``start`` of each occurrence: slogan matches,
    formulation matches, a term's matches, KWIC lines, parallel series (``column="shared"``). With a
    categorical ``category`` column (slogans), rows are coloured by category. ``sections`` is the
    sections table; both are of document ``doc`` (or of the only one they hold). ``glosses`` (term ->
    gloss) label the rows in English; ``speech`` names the document at the right of the title.
    ``top``: the most frequent terms drawn (in the order they first occur; ``None``: all), the axis
    saying how many of how many, so that a long report's chart fits a page. Coloured rows have a
    legend of their categories (named from ``categories``, ``count_categories``'s table, if given).
    Section labels stand above the plot in up to three rows, so that close sections never overprint
    each other; a label with no room is left out (see ``section_label_rows``).
    """
    hits, sections = _one_document(hits, doc), _one_document(sections, doc)
    glosses = glosses or {}
    coloured = "category" in hits
    colours = category_colours(category_order(hits["category"])) if coloured else {}
    stats = hits.groupby(column)["start"].agg(["min", "size"])
    total = len(stats)
    if top and total > top:  # the most frequent, in the order they first occur
        stats = stats.sort_values(["size", "min"], ascending=[False, True]).head(top)
    order = stats.sort_values(["min"]).index.tolist()
    width = 16 if lang == "both" else 12
    ax = _axes(ax, len(order), width=width)
    n = len(order)
    for row, term in enumerate(order):
        rows = hits[hits[column] == term]
        colour = colours[str(rows["category"].iloc[0])] if coloured else BAR_COLOUR
        ax.scatter(rows["start"], [n - 1 - row] * len(rows), marker="|", s=260, linewidths=2.2, color=colour)
    names = label_list(order, glosses, lang)
    ax.set_yticks(range(n)[::-1], names, fontsize=FONT_SIZE - 1)
    span = float(sections["end"].max()) if len(sections) else 1.0
    ax.set_xlim(0, span)
    ax.set_ylim(-0.7, n - 0.3)
    if not n:
        _nothing(ax, text("nothing", lang))
    # the plot's width: the figure's, less the row labels at its left and a margin
    label_inches = max((_text_inches(t, FONT_SIZE - 1) for t in names), default=0.0)
    inches = ax.figure.get_size_inches()[0] - label_inches - 0.9
    first = sections["section_index"].min() if len(sections) else None
    section_names = [section_name(s, lang) for s in sections["section"]]
    levels = section_label_rows(list(sections["start"]), section_names, span=span, width_inches=inches)
    for index, start, name, level in zip(sections["section_index"], sections["start"], section_names, levels):
        if index != first:
            ax.axvline(start, color="0.55", linestyle="--", linewidth=1)
        if level is not None:
            ax.annotate(name, (start, 1.0), xycoords=("data", "axes fraction"), xytext=(3, 3 + 14 * level),
                        textcoords="offset points", fontsize=FONT_SIZE - 1, va="bottom", color="0.3")
    used = max((lv for lv in levels if lv is not None), default=-1) + 1
    ax.set_xlabel(text("position", lang) + (f"\n{shown_of(n, total, lang)}" if n < total else ""), fontsize=FONT_SIZE)
    if coloured and n:
        names_of = category_names(categories) if categories is not None else {}
        drawn = {str(c) for c in hits[hits[column].isin(order)]["category"]}
        shown = [c for c in colours if c in drawn]
        _legend(ax, [label(*names_of.get(c, (c.replace("_", " "), None)), lang) for c in shown],
                [colours[c] for c in shown], text("category", lang))
    heading = title("dispersion" if coloured else "dispersion_terms", lang)
    _name_speech(ax, speech, heading, lang)  # first: the titles share one padding, which the left title sets
    ax.set_title(heading, fontsize=FONT_SIZE + 3, loc="left", pad=8 + 14 * used)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def category_names(categories: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Return each category's Chinese and English name from a table with ``category_zh`` and ``category_en``."""
    return {str(c): (zh, en) for c, zh, en in zip(categories["category"], categories["category_zh"],
                                                  categories["category_en"])}


def plot_category_heatmap(rates: pd.DataFrame, *, categories: pd.DataFrame | None = None, ax: Axes | None = None,
                          lang: str = "zh", speech: str | None = None) -> Axes:
    """Heatmap of slogan rates: category (rows) by section (columns), from ``category_section_rates``.

    ``categories`` (``count_categories``'s table) names the rows in Chinese and English. A category
    that does not occur in the text at all (epidemic control in a 1985 report) is not drawn as a row
    of zeros: it is named under the chart instead. ``speech`` names the document.
    """
    import numpy as np

    names = category_names(categories) if categories is not None else {}
    present = rates[(rates.to_numpy() > 0).any(axis=1)] if len(rates) else rates
    absent = [c for c in rates.index if c not in set(present.index)]
    many = rates.shape[1] > 6  # sub-sections: wider, and the column labels turned so they never overprint
    ax = _sized(ax, (max(10, 0.75 * rates.shape[1] + 6), max(3.5, 0.9 * len(present) + 2.4 + (1 if many else 0))))
    xlabel = text("section", lang)
    if absent:  # broken into lines the width of the figure, never cut at its edges
        note = text("absent_categories", lang) + ("：" if lang == "zh" else ": ") + ("、" if lang == "zh" else "; ").join(
            label(*names.get(c, (c, None)), lang) for c in absent)
        xlabel += "\n" + wrap(note, ax.figure.get_size_inches()[0] * 72 / FONT_SIZE - 6)
    ax.set_xlabel(xlabel, fontsize=FONT_SIZE)
    ax.set_title(title("heatmap", lang), fontsize=FONT_SIZE + 3, loc="left")
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    if present.empty:
        _nothing(ax, text("no_slogans", lang))
        return ax
    image = ax.imshow(present.values, cmap="Blues", aspect="auto", vmin=0)
    step = -(-present.shape[1] // DENSE)  # every column labelled, or every few of very many
    ax.set_xticks(range(0, present.shape[1], step), [section_name(s, lang) for s in present.columns[::step]],
                  fontsize=FONT_SIZE, rotation=45 if many else 0, ha="right" if many else "center",
                  rotation_mode="anchor")
    ax.set_yticks(range(present.shape[0]), [label(*names.get(c, (c, None)), lang) for c in present.index],
                  fontsize=FONT_SIZE)
    top = present.values.max() or 1.0
    if present.shape[1] <= DENSE:
        for (i, j), value in np.ndenumerate(present.values):
            ax.text(j, i, f"{value:.1f}", ha="center", va="center", fontsize=FONT_SIZE,
                    color="white" if value > 0.6 * top else "black")
    ax.figure.colorbar(image, ax=ax, label=text("rate", lang))
    return ax


def section_label(section: str, heading: str, lang: str, *, limit: int = 18) -> str:
    """Return a section's label with its heading for a chart: 一、提高政治站位… (cut to ``limit`` characters)."""
    if lang == "en" or not heading:
        return section_name(section, lang)
    named = shorten(heading, limit)
    return named if lang == "zh" else f"{named} ({section_name(section, 'en')})"


def plot_section_lengths(sections: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh",
                         speech: str | None = None) -> Axes:
    """Bar chart of section lengths in characters (from the sections table), one bar per section,
    each labelled with its heading."""
    ax = _axes(ax, len(sections), width=12)
    headings = sections["heading"] if "heading" in sections else [""] * len(sections)
    names = [section_label(s, h, lang) for s, h in zip(sections["section"], headings)]
    if sections["doc"].nunique() > 1:
        names = [f"{d} {n}" for d, n in zip(sections["doc"], names)]
    ys = range(len(names))[::-1]
    bars = ax.barh(list(ys), sections["chars"], color=BAR_COLOUR, height=0.7)
    ax.set_yticks(list(ys), names, fontsize=FONT_SIZE)
    ax.bar_label(bars, labels=[f"{c}（{n}句）" if lang == "zh" else f"{c} ({n} sentences)"
                               for c, n in zip(sections["chars"], sections["sentences"])],
                 padding=3, fontsize=FONT_SIZE - 1)
    ax.set_xlim(0, sections["chars"].max() * 1.3)
    ax.set_xlabel(text("characters", lang), fontsize=FONT_SIZE)
    ax.set_title(title("lengths", lang), fontsize=FONT_SIZE + 3, loc="left")
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")  # a term's own marker and dash: lines apart in greyscale
DASHES = ("-", "--", "-.", (0, (5, 1, 1, 1, 1, 1)))


def _period(table: pd.DataFrame, lang: str) -> tuple[str, list, list[str]]:
    """Return the x column of a trend-shaped table (``year``, or the position of a section from
    ``across_units``), its values in order and their labels."""
    if "year" in table:
        years = sorted(table["year"].unique())
        return "year", years, [str(y) for y in years]
    units = table.drop_duplicates("position").sort_values("position")
    return "position", list(units["position"]), [section_name(str(u), lang) for u in units["unit"]]


def plot_trend(table: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", glosses: Mapping[str, str] | None = None,
               speech: str | None = None) -> Axes:
    """Line chart of terms per 10,000 characters (from ``trend`` or ``across_units``), one line a term.

    A year without any document is a gap in the solid line, bridged by a thin dotted one, so that a
    corpus sampled every few years (five-yearly congresses) still reads as lines. Each term has its own
    marker and dash as well as its colour, so that lines tell apart in greyscale and one drawn over an
    identical one still shows.
    """
    glosses = glosses or {}
    ax = _sized(ax, (11, 5.5))
    x, values, labels = _period(table, lang)
    names = label_list(list(dict.fromkeys(table["term"])), glosses, lang)
    for i, (term, group) in enumerate(table.groupby("term", sort=False)):
        group = group.sort_values(x)
        colour, marker = PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)]
        known = group.dropna(subset=["per_10k"])
        ax.plot(known[x], known["per_10k"].astype(float), linestyle=":", linewidth=1.0, color=colour)
        ax.plot(group[x], group["per_10k"].astype(float), marker=marker, markersize=5 - (i % 3), linewidth=1.8,
                linestyle=DASHES[i % len(DASHES)], color=colour, label=names[i], markerfacecolor="white" if i % 2 else colour)
    if x == "position":
        ax.set_xticks(values, labels)
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(text("year", lang), fontsize=FONT_SIZE)
    ax.set_ylabel(text("per_10k", lang), fontsize=FONT_SIZE)
    ax.set_ylim(bottom=0)
    ax.set_title(title("trend", lang), fontsize=FONT_SIZE + 3, loc="left")
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=FONT_SIZE - 2, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def plot_trend_grid(table: pd.DataFrame, *, figure=None, lang: str = "zh", columns: int = 3,
                    glosses: Mapping[str, str] | None = None):
    """Small multiples of ``plot_trend``: one panel a term, shared axes. Returns the figure."""
    terms = list(dict.fromkeys(table["term"]))
    rows = max(1, -(-len(terms) // columns))
    size = (4.2 * min(columns, len(terms)), 2.8 * rows + 0.8)
    use_chinese_font()
    if figure is None:
        import matplotlib.pyplot as plt

        figure = plt.figure(figsize=size, layout="constrained")
    elif getattr(figure, "fit_to_chart", False):
        figure.set_size_inches(size)
        figure.clear()  # the empty axes new_axes() made
    _plain_text(figure)
    axes = figure.subplots(rows, min(columns, len(terms)), sharex=True, sharey=True, squeeze=False)
    x, values, labels = _period(table, lang)
    for ax, term in zip(axes.flat, terms):
        group = table[table["term"] == term].sort_values(x)
        ax.plot(group[x], group["per_10k"].astype(float), marker="o", markersize=2.5, linewidth=1.5, color=BAR_COLOUR)
        ax.set_title(label(term, (glosses or {}).get(term), lang), fontsize=FONT_SIZE, loc="left")
        ax.spines[["top", "right"]].set_visible(False)
        if x == "position":
            ax.set_xticks(values, labels)
    for ax in list(axes.flat)[len(terms):]:
        ax.set_axis_off()
    figure.suptitle(title("trend", lang), fontsize=FONT_SIZE + 3, x=0.01, ha="left")
    return figure


def plot_term_heatmap(table: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh",
                      glosses: Mapping[str, str] | None = None, speech: str | None = None) -> Axes:
    """Heatmap of terms (rows) by year or section (columns), per 10,000 characters; a year without a
    document is grey, not zero."""
    import numpy as np

    x, columns, names = _period(table, lang)
    terms = list(dict.fromkeys(table["term"]))
    values = table.pivot_table(index="term", columns=x, values="per_10k", aggfunc="first", dropna=False,
                               sort=False).reindex(index=terms, columns=columns).astype(float)
    ax = _sized(ax, (max(8.0, 0.22 * len(columns) + 3.5), max(3.0, 0.4 * len(terms) + 1.8)))
    ax.set_facecolor("0.85")
    image = ax.imshow(np.ma.masked_invalid(values.to_numpy()), cmap="Blues", aspect="auto", vmin=0,
                      interpolation="nearest")
    ax.set_yticks(range(len(terms)), label_list(terms, glosses or {}, lang), fontsize=FONT_SIZE - 1)
    if x == "year":  # every year that has a document is labelled (at most about 40 of them, evenly)
        present = [i for i in range(len(columns)) if not np.isnan(values.iloc[:, i].to_numpy()).all()]
        step = max(1, -(-len(present) // 40))
        ticks = present[::step]
    else:
        step = max(1, len(columns) // 24)
        ticks = list(range(0, len(columns), step))
    ax.set_xticks(ticks, [names[i] for i in ticks], fontsize=FONT_SIZE - 2, rotation=90 if x == "year" else 0)
    ax.figure.colorbar(image, ax=ax, label=text("per_10k", lang))
    ax.set_title(title("term_heatmap" if x == "year" else "unit_heatmap", lang), fontsize=FONT_SIZE + 3, loc="left")
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    return ax


def plot_keyness(table: pd.DataFrame, *, ax: Axes | None = None, lang: str = "zh", top: int = 15,
                 glosses: Mapping[str, str] | None = None, speech: str | None = None,
                 groups: tuple[str | None, str | None] = (None, None)) -> Axes:
    """Diverging bars of Log Ratio (from ``keyness``): the ``top`` key words by G2 of the target group to
    the right, of the reference group to the left, each in the order of what is drawn (the size of the
    difference). ``groups``: what the two groups are (their specs: 2013-2025, 1954-1978), named in the
    legend; without, the target is the later half and the reference the earlier."""
    target = table[table["direction"] == "target"].head(top).sort_values("log_ratio", ascending=False, kind="stable")
    reference = table[table["direction"] == "reference"].head(top).sort_values("log_ratio", ascending=False,
                                                                                kind="stable")
    shown = list(target.itertuples()) + list(reference.itertuples())
    ax = _axes(ax, len(shown), width=10)
    y = list(range(len(shown)))[::-1]
    colours = [PALETTE[0] if r.direction == "target" else PALETTE[1] for r in shown]
    ax.barh(y, [r.log_ratio for r in shown], color=colours, height=0.7)
    ax.set_yticks(y, label_list([r.term for r in shown], glosses or {}, lang), fontsize=FONT_SIZE - 1)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_xlabel(text("log_ratio", lang), fontsize=FONT_SIZE)
    ax.set_title(title("keyness", lang), fontsize=FONT_SIZE + 3, loc="left")
    _name_speech(ax, speech, ax.get_title(loc="left"), lang)
    ax.spines[["top", "right"]].set_visible(False)
    named = [f"{text(key, lang)} {spec or text(default, lang)}"
             for key, spec, default in (("target", groups[0], "later_half"), ("reference", groups[1], "earlier_half"))]
    if groups[0] is not None and groups[1] is None:
        named[1] = f"{text('reference', lang)} {text('the_others', lang)}"
    _legend(ax, named, [PALETTE[0], PALETTE[1]], "")
    return ax
