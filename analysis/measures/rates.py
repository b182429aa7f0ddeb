"""Rates: occurrences per 1,000 or 10,000 characters, with one rule for how long a unit is.

A unit (a document, or a section of one) is as long as its span of the cleaned text, from its first
character to the end of its last line (line ends inside it included): the ``chars`` column of the
sections table, and the ``characters`` of a document. A rate is ``count / characters * per``. The
heatmap, the notebooks and the per-document tables all use this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.measures.slogans import merge_overlaps

if TYPE_CHECKING:
    import pandas as pd

PER_THOUSAND = 1000
PER_TEN_THOUSAND = 10_000


def rate(count, characters, *, per: int = PER_THOUSAND):
    """Return ``count`` per ``per`` characters of a unit ``characters`` long (0 for an empty unit): of
    two numbers, or element by element of two arrays. The one place a rate is computed."""
    import numpy as np

    if np.ndim(count) == 0 and np.ndim(characters) == 0:
        return count / characters * per if characters > 0 else 0.0
    characters = np.asarray(characters, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(characters > 0, np.asarray(count) / characters * per, 0.0)


LEVELS = ("section", "subsection")


def _section_columns(sections: pd.DataFrame, level: str = "section"):
    """Return the sections' keys (doc, section_index or subsection_index) and their column labels (the
    section's label, with the document when there are several)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    keys = list(zip(sections["doc"], sections[f"{level}_index"]))
    several = sections["doc"].nunique() > 1
    labels = [(d, s) if several else s for d, s in zip(sections["doc"], sections[level])]
    return keys, labels


def rates_by_section(rows: pd.DataFrame, sections: pd.DataFrame, *, column: str, level: str = "section",
                     per: int = PER_THOUSAND) -> pd.DataFrame:
    """Return occurrences per ``per`` characters of each value of ``column`` (rows) in each section (columns).

    ``rows`` are occurrence rows (``verb_tokens``, ``modality_tokens``, slogan matches) with ``doc`` and
    ``section_index``; ``sections`` is the sections table. Sections are told apart by their index, so
    two sections with the same label (a numbering that restarts) stay apart. Rows are sorted by their
    total count, most frequent first. With ``level="subsection"``, ``sections`` is the sub-sections
    table and the columns are the sub-sections (三（一） ...).
    """
    import numpy as np
    import pandas as pd

    keys, labels = _section_columns(sections, level)
    position = {k: i for i, k in enumerate(keys)}
    values = sorted(rows[column].unique()) if len(rows) else []
    row_of = {v: i for i, v in enumerate(values)}
    counts = np.zeros((len(values), len(keys)))
    for value, doc, section in zip(rows[column], rows["doc"], rows[f"{level}_index"]):
        counts[row_of[value], position[(doc, section)]] += 1
    rates = rate(counts, sections["chars"].to_numpy(dtype=float), per=per)
    columns = pd.MultiIndex.from_tuples(labels, names=["doc", level]) if labels and isinstance(labels[0], tuple) \
        else pd.Index(labels, name=level)
    frame = pd.DataFrame(rates, index=pd.Index(values, name=column), columns=columns)
    order = np.argsort(-counts.sum(axis=1), kind="stable")
    return frame.iloc[order].round(2)


def category_section_rates(matches: pd.DataFrame, sections: pd.DataFrame, *, doc: str | None = None,
                           categories: list[str] | None = None, level: str = "section",
                           per: int = PER_THOUSAND) -> pd.DataFrame:
    """Return slogans per ``per`` characters of one document: rows categories, columns its sections.

    ``matches`` and ``sections`` are of document ``doc`` (or hold only one document). Overlapping
    matches of a category count once (as in ``count_categories``); a match belongs to the section it
    stands in. Rows are ``categories`` (default: the categories that occur in this document, in the
    categorical order of the matches' ``category`` column, else the order they first occur: a
    category that does not fit the text, epidemic control in 1985, is no row of zeros); columns are
    the section labels (with ``level="subsection"`` and the sub-sections table, the sub-sections').
    """
    import numpy as np
    import pandas as pd

    if doc is not None:
        matches, sections = matches[matches["doc"] == doc], sections[sections["doc"] == doc]
    if sections["doc"].nunique() > 1:
        raise ValueError("the sections of several documents: name one with doc=")

    if categories is None:
        column = matches["category"]
        present = set(column)
        order = list(column.cat.categories) if hasattr(column, "cat") else list(dict.fromkeys(column))
        categories = [c for c in order if c in present]
    row_of = {c: i for i, c in enumerate(categories)}
    _section_columns(sections, level)
    position = {s: i for i, s in enumerate(sections[f"{level}_index"])}
    counts = np.zeros((len(categories), len(sections)))
    for category, group in matches.groupby("category", observed=True):
        if category in row_of:
            for section in merge_overlaps(group)[f"{level}_index"]:
                counts[row_of[category], position[section]] += 1
    rates = rate(counts, sections["chars"].to_numpy(dtype=float), per=per)
    return pd.DataFrame(rates, index=list(categories), columns=list(sections[level]))
