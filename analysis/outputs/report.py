"""Report: a corpus's tables written as CSV for analysts, and its six charts as PNG, SVG and PDF.

Everything here reads tables (the pipeline's ``CorpusResult`` or any mapping of them); nothing counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.measures.rates import category_section_rates
from analysis.measures.words import word_frequencies
from analysis.outputs import plots
from analysis.files import OutputFolder
from analysis.outputs.export import FIGURE_FORMATS, format_table, safe_name, save_figure
from analysis.outputs.labels import speech_name

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

CHARTS = ("slogans", "verbs", "modality", "wordcloud", "dispersion", "category_heatmap")


def write_tables(tables: Mapping[str, pd.DataFrame], out: Path, *, inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Write each table as ``out/NAME.csv``, as one set; return the paths written.

    ``out`` is an ``OutputFolder``: a file of the user's in it is never replaced (``InputError``), the
    tables of an earlier run that this one did not make are removed (where the user did not change
    them), and the tables are moved into place together, so a reader finds the tables of one run, never
    a mix of two. Leftovers of a run killed half-way are removed first. ``inputs``: the files the run
    read (``out`` may neither be among them nor hold them); a run's result gives its documents' own.
    """
    folder = OutputFolder(out, inputs=[*inputs, *(d.path for d in getattr(tables, "documents", ()))])
    folder.remove_leftovers()
    paths = folder.write_set({f"{name}.csv": format_table(frame, "csv") for name, frame in tables.items()})
    folder.remove_unwritten()
    folder.save()
    return paths


EACH_UP_TO = 5  # up to this many documents, each gets its own dispersion plot and heatmap


def chart_drawers(tables: Mapping[str, pd.DataFrame], *, lang: str = "zh", level: str = "section",
                  each: bool | None = None) -> dict[str, Callable[[Axes], Axes]]:
    """Return the charts of a corpus by file name, each a function that draws it on an ``ax``.

    The dispersion plot and the heatmap are drawn per document; with several documents their names
    end in the document's id made safe as a file name (``dispersion-DOC``). They are drawn for a
    corpus of up to ``EACH_UP_TO`` documents, or for every one with ``each=True`` (none with
    ``False``). The heatmap's columns are the sections, or with ``level="subsection"`` the
    sub-sections (from the ``subsections`` table). Each chart names its speech (or, for the charts of
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
    if not (len(docs) <= EACH_UP_TO if each is None else each):
        return charts
    units = tables["subsections"] if level == "subsection" else tables["sections"]
    for doc in docs:
        suffix = f"-{safe_name(doc)}" if len(docs) > 1 else ""
        matches = tables["slogan_matches"][tables["slogan_matches"]["doc"] == doc]
        sections = tables["sections"][tables["sections"]["doc"] == doc]
        rates = category_section_rates(matches, units[units["doc"] == doc], categories=order, level=level)
        known = documents is not None and doc in set(documents["doc"])
        name = speech_name(documents, doc if len(docs) > 1 else None) if known else None
        charts[f"dispersion{suffix}"] = lambda ax, m=matches, s=sections, n=name: plots.plot_dispersion(
            m, s, glosses=glosses, ax=ax, lang=lang, speech=n, categories=categories)
        charts[f"category_heatmap{suffix}"] = lambda ax, r=rates, n=name: plots.plot_category_heatmap(
            r, categories=categories, ax=ax, lang=lang, speech=n)
    return charts


def make_figures(tables: Mapping[str, pd.DataFrame], out: Path, *, formats: tuple[str, ...] = FIGURE_FORMATS,
                 lang: str = "zh", level: str = "section", each: bool | None = None,
                 svg_text: bool = False) -> list[Path]:
    """Draw every chart of ``chart_drawers`` and save each in every format into ``out`` (an
    ``OutputFolder``: files of the user's there are never replaced); return the paths.
    ``svg_text`` keeps the text of SVG files as text (see ``save_figure``)."""
    folder = OutputFolder(out, inputs=[d.path for d in getattr(tables, "documents", ())])
    folder.remove_leftovers()
    drawers = chart_drawers(tables, lang=lang, level=level, each=each)
    folder.check(f"{name}.{fmt}" for name in drawers for fmt in formats)  # before drawing anything
    paths = []
    for name, draw in drawers.items():
        ax = draw(plots.new_axes())
        paths.extend(save_figure(ax.figure, name, out=folder, formats=formats, svg_text=svg_text))
    folder.save()
    return paths
