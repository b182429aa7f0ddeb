"""Report: a corpus's tables written as CSV for analysts, and its six charts as PNG, SVG and PDF.

Everything here reads tables (the pipeline's ``CorpusResult`` or any mapping of them); nothing counts.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.measures.rates import category_section_rates
from analysis.measures.words import word_frequencies
from analysis.outputs import plots
from analysis.outputs.export import FIGURE_FORMATS, safe_name, save_figure, write_table
from analysis.outputs.labels import speech_name

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

CHARTS = ("slogans", "verbs", "modality", "wordcloud", "dispersion", "category_heatmap")


def write_tables(tables: Mapping[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as ``out/NAME.csv``, as one set; return the paths written.

    The tables are written into a new folder beside ``out``, which then takes ``out``'s place, so a
    reader finds the tables of one run, never a mix of two (a run killed half-way leaves the earlier
    set whole). Leftovers of an earlier run killed half-way are removed first.
    """
    import shutil
    import tempfile

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=STAGING, dir=out.parent))
    try:
        for name, frame in tables.items():
            write_table(frame, staging / f"{name}.csv")
        os.chmod(staging, 0o755)
        if out.exists():
            old = out.parent / f".{out.name}.{os.getpid()}{STAGING}"
            os.replace(out, old)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [out / f"{name}.csv" for name in tables]


STAGING = ".partial"  # the suffix of a folder or file a run is still writing


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove what runs killed half-way left in ``folder`` (hidden ``.NAME….tmp`` files and ``….partial``
    folders, older than a minute, so that a run going on at the same time keeps its own); return them."""
    import shutil
    import time

    removed = []
    for path in Path(folder).glob(".*"):
        stale = path.name.endswith((".tmp", STAGING)) and time.time() - path.stat().st_mtime > 60
        if stale:
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
            removed.append(path)
    return removed


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
            m, s, glosses=glosses, ax=ax, lang=lang, speech=n)
        charts[f"category_heatmap{suffix}"] = lambda ax, r=rates, n=name: plots.plot_category_heatmap(
            r, categories=categories, ax=ax, lang=lang, speech=n)
    return charts


def make_figures(tables: Mapping[str, pd.DataFrame], out: Path, *, formats: tuple[str, ...] = FIGURE_FORMATS,
                 lang: str = "zh", level: str = "section", each: bool | None = None,
                 svg_text: bool = False) -> list[Path]:
    """Draw every chart of ``chart_drawers`` and save each in every format into ``out``; return the paths.
    ``svg_text`` keeps the text of SVG files as text (see ``save_figure``)."""
    paths = []
    for name, draw in chart_drawers(tables, lang=lang, level=level, each=each).items():
        ax = draw(plots.new_axes())
        paths.extend(save_figure(ax.figure, name, out=out, formats=formats, svg_text=svg_text))
    return paths
