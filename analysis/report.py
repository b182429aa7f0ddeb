"""Report stage: every table of a corpus, computed once, written as CSV for analysts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.corpus import sections_frame, sentences_frame
from analysis.export import FIGURE_FORMATS, save_figure, write_table
from analysis.slogans import count_categories, count_slogans, slogan_matches
from analysis.tokenize import content_words, count_tokens, tokens_frame
from analysis.verbs import count_modality, count_verbs, modality_tokens, verb_tokens

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Speech


def build_tables(speeches: list[Speech]) -> dict[str, pd.DataFrame]:
    """Return every table of the corpus by name (the CSV file names without ``.csv``)."""
    tokens = tokens_frame(speeches)
    matches = slogan_matches(speeches)
    return {
        "sections": sections_frame(speeches),
        "sentences": sentences_frame(speeches),
        "tokens": tokens,
        "content_words": count_tokens(content_words(tokens)),
        "slogans": count_slogans(matches, include_zero=True),
        "slogan_matches": matches,
        "slogan_categories": count_categories(matches),
        "verbs": count_verbs(tokens),
        "verb_tokens": verb_tokens(tokens),
        "modality": count_modality(tokens, include_zero=True),
        "modality_tokens": modality_tokens(tokens),
    }


def make_figures(speeches: list[Speech], out: Path, *, formats: tuple[str, ...] = FIGURE_FORMATS,
                 lang: str = "zh", tables: dict[str, pd.DataFrame] | None = None) -> list[Path]:
    """Draw the six charts and save each in every format into ``out``; return the paths.

    The dispersion plot and the heatmap are drawn per speech; with several speeches their file
    names end in the document id (``dispersion-DOC.png``).
    """
    import matplotlib.pyplot as plt

    from analysis import plots

    tables = build_tables(speeches) if tables is None else tables
    charts = {
        "slogans": lambda: plots.plot_slogans(tables["slogans"], lang=lang),
        "verbs": lambda: plots.plot_verbs(tables["verbs"], lang=lang),
        "modality": lambda: plots.plot_modality(tables["modality"], lang=lang),
        "wordcloud": lambda: plots.plot_wordcloud(tables["content_words"], lang=lang),
    }
    for sp in speeches:
        suffix = f"-{sp.doc_id}" if len(speeches) > 1 else ""
        charts[f"dispersion{suffix}"] = lambda sp=sp: plots.plot_dispersion(tables["slogan_matches"], sp, lang=lang)
        charts[f"category_heatmap{suffix}"] = lambda sp=sp: plots.plot_category_heatmap(
            tables["slogan_matches"], sp, lang=lang)
    paths = []
    for name, draw in charts.items():
        ax = draw()
        try:
            paths.extend(save_figure(ax.figure, name, out=out, formats=formats))
        finally:
            plt.close(ax.figure)
    return paths


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as ``out/NAME.csv``; return the paths written."""
    return [write_table(frame, Path(out) / f"{name}.csv") for name, frame in tables.items()]
