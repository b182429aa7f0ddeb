"""Report: a corpus's tables written as CSV for analysts, and its six charts as PNG, SVG and PDF.

Everything here reads tables (the pipeline's ``CorpusResult`` or any mapping of them); nothing counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.measures.rates import category_section_rates
from analysis.measures.words import word_frequencies
from analysis.outputs import plots
from analysis.outputs.export import FIGURE_FORMATS, save_figure, write_table
from analysis.outputs.labels import speech_name

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

CHARTS = ("slogans", "verbs", "modality", "wordcloud", "dispersion", "category_heatmap")


def write_tables(tables: Mapping[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as ``out/NAME.csv``; return the paths written."""
    return [write_table(frame, Path(out) / f"{name}.csv") for name, frame in tables.items()]


def chart_drawers(tables: Mapping[str, pd.DataFrame], *, lang: str = "zh") -> dict[str, Callable[[Axes], Axes]]:
    """Return the charts of a corpus by file name, each a function that draws it on an ``ax``.

    The dispersion plot and the heatmap are drawn per document; with several documents their names
    end in the document id (``dispersion-DOC``). Each chart names its speech (or, for the charts of
    several documents together, how many there are) when the tables include the documents table.
    """
    slogans = tables["slogans"]
    glosses = dict(zip(slogans["term"], slogans["gloss"]))
    categories = tables["slogan_categories"]
    order = plots.category_order(categories["category"])
    documents = tables["documents"] if "documents" in tables else None
    whole = speech_name(documents) if documents is not None and len(documents) else None
    charts: dict[str, Callable[[Axes], Axes]] = {
        "slogans": lambda ax: plots.plot_slogans(slogans, ax=ax, lang=lang, speech=whole),
        "verbs": lambda ax: plots.plot_verbs(tables["verbs"], ax=ax, lang=lang, speech=whole),
        "modality": lambda ax: plots.plot_modality(tables["modality"], ax=ax, lang=lang, speech=whole),
        "wordcloud": lambda ax: plots.plot_wordcloud(word_frequencies(tables["content_words"]), ax=ax, lang=lang,
                                                     speech=whole),
    }
    docs = list(dict.fromkeys(tables["sections"]["doc"]))
    for doc in docs:
        suffix = f"-{doc}" if len(docs) > 1 else ""
        matches = tables["slogan_matches"][tables["slogan_matches"]["doc"] == doc]
        sections = tables["sections"][tables["sections"]["doc"] == doc]
        rates = category_section_rates(matches, sections, categories=order)
        known = documents is not None and doc in set(documents["doc"])
        name = speech_name(documents, doc if len(docs) > 1 else None) if known else None
        charts[f"dispersion{suffix}"] = lambda ax, m=matches, s=sections, n=name: plots.plot_dispersion(
            m, s, glosses=glosses, ax=ax, lang=lang, speech=n)
        charts[f"category_heatmap{suffix}"] = lambda ax, r=rates, n=name: plots.plot_category_heatmap(
            r, categories=categories, ax=ax, lang=lang, speech=n)
    return charts


def make_figures(tables: Mapping[str, pd.DataFrame], out: Path, *, formats: tuple[str, ...] = FIGURE_FORMATS,
                 lang: str = "zh") -> list[Path]:
    """Draw every chart of ``chart_drawers`` and save each in every format into ``out``; return the paths."""
    paths = []
    for name, draw in chart_drawers(tables, lang=lang).items():
        ax = draw(plots.new_axes())
        paths.extend(save_figure(ax.figure, name, out=out, formats=formats))
    return paths
