"""Comparison: documents (or the sections of one) side by side, terms over time, and keyness.

The unit of comparison is a document, or a section of one (with a single speech, its sections
一、二、三 are the units). Every rate is per 10,000 characters of the unit (``analysis.measures.rates``);
keyness compares word frequencies of two groups of units.

- ``compare_units``: per unit and term, count and rate (long; ``wide`` pivots it);
- ``trend`` and ``first_appearance``: rate by year, first and last year; a year without a document
  is a gap, never interpolated;
- ``keyness``: log-likelihood G2 (Rayson & Garside 2000) with Log Ratio (Hardie 2014) as effect
  size, both directions; ``keyness_against_idf`` for one document with no reference group.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from analysis.measures.documents import merge_sections
from analysis.measures.rates import PER_TEN_THOUSAND, rate
from analysis.measures.registry import Measure, RunParts, Setting, Table, register

if TYPE_CHECKING:
    import pandas as pd

G2_THRESHOLD = 15.13  # p < 0.0001 for one degree of freedom
ZERO_FREQUENCY = 0.5  # Hardie: a zero frequency counts as 0.5 in Log Ratio, so that it stays finite
KINDS = ("slogan", "formulation", "term", "verb", "modality")
_YEARS = re.compile(r"^(\d{4})?\s*(-)?\s*(\d{4})?$")


UNITS = ("doc", "section", "subsection")


def unit_keys(unit: str) -> list[str]:
    """Return the columns that name a unit: ``doc``, and ``section_index`` or ``subsection_index``."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    return ["doc"] if unit == "doc" else ["doc", f"{unit}_index"]


def _keys(*tables: pd.DataFrame) -> list[str]:
    """The unit columns the tables share: doc, and a section or sub-section index."""
    return [k for k in ("doc", "section_index", "subsection_index") if all(k in t for t in tables)]


def unit_counts(parts: dict[str, pd.DataFrame], *, by: list[str]) -> pd.DataFrame:
    """Return the long table of counts per unit: the unit columns, kind, term, count.

    ``parts`` maps a kind to its rows: occurrence rows with a ``term`` column (slogan matches, term
    matches), or count rows with ``count`` and the term in ``verb`` or ``marker``.
    """
    import pandas as pd

    frames = []
    for kind, rows in parts.items():
        if rows is None or rows.empty:
            continue
        column = next(c for c in ("term", "verb", "marker") if c in rows)
        counted = rows.groupby([*by, column], sort=False)["count"].sum() if "count" in rows \
            else rows.groupby([*by, column], sort=False, observed=True).size()
        frame = counted.rename("count").reset_index().rename(columns={column: "term"})
        frames.append(frame.assign(kind=kind)[[*by, "kind", "term", "count"]])
    if not frames:
        return pd.DataFrame(columns=[*by, "kind", "term", "count"])
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(by, kind="stable", ignore_index=True)


def units_frame(documents: pd.DataFrame, sections: pd.DataFrame | None = None, *, unit: str = "doc") -> pd.DataFrame:
    """Return the units of comparison with their length: documents (doc, date, year, characters ...),
    sections (doc, section, section_index, heading, date, year, characters), or sub-sections (from the
    sub-sections table: doc, subsection, subsection_index, section, heading, date, year, characters)."""
    docs = documents.copy()
    if unit == "doc":
        return docs
    unit_keys(unit)
    meta = docs.drop(columns=["characters", "sections", "sentences"], errors="ignore")
    columns = ["doc", "section", "section_index"] if unit == "section" else ["doc", "subsection", "subsection_index",
                                                                               "section"]
    units = sections[[*columns, "heading", "chars"]].rename(columns={"chars": "characters"})
    return units.merge(meta, on="doc", how="left")


def compare_units(counts: pd.DataFrame, units: pd.DataFrame, *, unit: str = "doc",
                  terms: dict[str, list[str]] | None = None, per: int = PER_TEN_THOUSAND) -> pd.DataFrame:
    """Return one row per unit and term: the unit, its date and length, term, kind, count and rate.

    ``counts`` is a ``unit_counts`` table. The terms of the closed kinds in ``terms`` (kind -> terms:
    a lexicon's slogans and markers, the terms asked for) have a row in every unit, zeros included;
    open kinds (verbs, formulations) only where they occur. Rows follow the units, then ``KINDS``,
    then count (most first) and term.
    """
    import pandas as pd

    keys = unit_keys(unit)
    closed = pd.DataFrame([(k, t) for k, ts in (terms or {}).items() for t in dict.fromkeys(ts)],
                          columns=["kind", "term"])
    grid = units[keys].merge(closed, how="cross")
    summed = counts.groupby([*keys, "kind", "term"], sort=False)["count"].sum().reset_index()
    full = grid.merge(summed, on=[*keys, "kind", "term"], how="left")
    open_kinds = summed[~summed["kind"].isin(closed["kind"])]
    full = pd.concat([f for f in (full, open_kinds) if len(f)] or [full], ignore_index=True)
    full["count"] = pd.to_numeric(full["count"], errors="coerce").fillna(0).astype(int)
    described = [c for c in ("section", "subsection", "date", "year", "characters") if c in units]
    frame = full.merge(units[[*keys, *described]], on=keys, how="left")
    frame["per_10k"] = [round(r, 3) for r in rate(frame["count"].to_numpy(dtype=float),
                                                  frame["characters"].to_numpy(dtype=float), per=per).tolist()]
    order = {k: i for i, k in enumerate(KINDS)}
    frame["_unit"] = pd.MultiIndex.from_frame(units[keys]).get_indexer(pd.MultiIndex.from_frame(frame[keys]))
    frame["_kind"] = frame["kind"].map(order)
    frame = frame.sort_values(["_unit", "_kind", "count", "term"], ascending=[True, True, False, True],
                              ignore_index=True, kind="stable")
    placed = {"doc": [], "section": ["section", "section_index"], "subsection": ["section", "subsection",
                                                                                "subsection_index"]}[unit]
    columns = ["doc", "date", *placed, "term", "kind", "count", "per_10k", "year", "characters"]
    return frame[columns].astype({"year": "Int64"})


def wide(table: pd.DataFrame, *, value: str = "count") -> pd.DataFrame:
    """Pivot a ``compare_units`` table: one row per unit, one column per term (kind:term), zeros filled."""
    keys = [c for c in ("doc", "section", "section_index", "subsection", "subsection_index") if c in table]
    pivot = table.assign(column=table["kind"] + ":" + table["term"]).pivot_table(
        index=keys, columns="column", values=value, aggfunc="sum", fill_value=0, sort=False)
    return pivot.reset_index().rename_axis(columns=None)


MAX_YEARS = 400  # a time axis longer than this is a mistyped date (0019 for 2019), not a corpus


def trend(table: pd.DataFrame, units: pd.DataFrame, *, terms: list[str] | None = None,
          per: int = PER_TEN_THOUSAND) -> pd.DataFrame:
    """Return, for each term, its count and rate per ``per`` characters in each year.

    ``table`` is a ``compare_units`` table and ``units`` its units (documents, with ``year``). Every
    year from the corpus's first to its last is listed; a year without any document has no count
    and no rate (a gap) and ``documents`` 0. Documents without a date are left out; with none dated,
    or dates more than ``MAX_YEARS`` apart (a mistyped date, most likely), ``ValueError``. ``terms``
    default to those of the table, in order.
    """
    import pandas as pd

    dated = units[units["year"].notna()]
    if dated.empty:
        raise ValueError("no document has a date, so there is no time axis (give dates in NAME.yaml, "
                         "metadata.csv or file names such as 2019.txt)")
    _warn_undated(units, "are left out of the time axis")
    first, last = dated.loc[dated["year"].idxmin()], dated.loc[dated["year"].idxmax()]
    if last["year"] - first["year"] >= MAX_YEARS:
        raise ValueError(f"the dates span {int(first['year'])} ({first['doc']}) to {int(last['year'])} "
                         f"({last['doc']}): a time axis of at most {MAX_YEARS} years; is a date mistyped?")
    keys = _keys(units, table)
    terms = list(dict.fromkeys(table["term"])) if terms is None else list(dict.fromkeys(terms))
    by_year = dated.groupby("year").agg(documents=("doc", "nunique"), characters=("characters", "sum"))
    years = range(int(by_year.index.min()), int(by_year.index.max()) + 1)
    hits = _one_kind(table[table["term"].isin(terms)])[[*keys, "term", "count"]].merge(dated[[*keys, "year"]], on=keys)
    summed = hits.groupby(["term", "year"])["count"].sum()
    rows = []
    for term in terms:
        for year in years:
            if year in by_year.index:
                n, chars = int(summed.get((term, year), 0)), int(by_year.loc[year, "characters"])
                rows.append((term, year, n, round(rate(n, chars, per=per), 3),
                             int(by_year.loc[year, "documents"]), chars))
            else:
                rows.append((term, year, None, None, 0, 0))
    frame = pd.DataFrame(rows, columns=["term", "year", "count", "per_10k", "documents", "characters"])
    return frame.astype({"count": "Int64", "per_10k": "float"})


def _one_kind(rows: pd.DataFrame) -> pd.DataFrame:
    """Keep, for each term, the rows of one kind: a term asked for is also a lexicon slogan, say, and
    counted once (the kinds are counted alike on the text: ``term`` first, as it was asked)."""
    preference = {k: i for i, k in enumerate(("term", "slogan", "formulation", "modality", "verb"))}
    rank = rows["kind"].map(preference)
    best = rank.groupby(rows["term"]).transform("min")
    return rows[rank == best]


def across_units(table: pd.DataFrame, *, terms: list[str]) -> pd.DataFrame:
    """Return each term's count and rate in each unit in order (the units of one document: its
    sections), shaped like ``trend`` with the unit's label in place of the year."""
    keys = _keys(table)
    label = next(c for c in ("subsection", "section", "doc") if c in table)
    units = table[[*keys, label, "characters"]].drop_duplicates(keys)
    rows = _one_kind(table[table["term"].isin(terms)]).groupby([*keys, "term"], sort=False)["count"].sum()
    out = []
    for term in dict.fromkeys(terms):
        for position, unit in enumerate(units.itertuples(index=False)):
            n = int(rows.get((*unit[:len(keys)], term), 0))
            out.append((term, position, unit[len(keys)], n, round(n / unit[-1] * PER_TEN_THOUSAND, 3)
                        if unit[-1] else 0.0, unit[-1]))
    import pandas as pd

    return pd.DataFrame(out, columns=["term", "position", "unit", "count", "per_10k", "characters"])


def first_appearance(trend_table: pd.DataFrame, undated: pd.Series | None = None) -> pd.DataFrame:
    """Return term, first and last year it occurs, and in how many years (from a ``trend`` table);
    from an ``across_units`` table, the first and last unit and in how many units. ``undated``: each
    term's count in documents without a date (``undated_counts``), a column of its own, so that a term
    found only there is not read as absent."""
    import pandas as pd

    period = "year" if "year" in trend_table else "unit"
    rows = []
    for term, group in trend_table.groupby("term", sort=False):
        found = group[group["count"].fillna(0) > 0][period]
        rows.append((term, found.iloc[0] if len(found) else None, found.iloc[-1] if len(found) else None, len(found)))
    frame = pd.DataFrame(rows, columns=["term", "first", "last", "years" if period == "year" else "units"])
    if undated is not None:
        frame["undated"] = [int(undated.get(term, 0)) for term in frame["term"]]
    return frame.astype({"first": "Int64", "last": "Int64"}) if period == "year" else frame


def undated_counts(table: pd.DataFrame, units: pd.DataFrame) -> pd.Series | None:
    """Each term's count in the documents without a date (``None`` when every document has one)."""
    undated = units[units["year"].isna()]
    if undated.empty:
        return None
    keys = _keys(units, table)
    return _one_kind(table).merge(undated[keys], on=keys).groupby("term")["count"].sum()


def _warn_undated(units: pd.DataFrame, what: str) -> None:
    """Say in one warning which documents have no date, where some have one (what happens to them: ``what``)."""
    import warnings

    undated = units.loc[units["year"].isna(), "doc"].drop_duplicates()
    if len(undated) and len(undated) < units["doc"].nunique():
        names = ", ".join(map(str, undated[:8])) + (f" and {len(undated) - 8} more" if len(undated) > 8 else "")
        warnings.warn(f"{len(undated)} document(s) have no date and {what}: {names}", stacklevel=3)


def units_of(tables) -> pd.DataFrame:
    """Return the units of comparison of a run's tables (``documents``, ``sections`` or ``subsections``,
    ``compare``)."""
    unit = next((u for u in ("subsection", "section") if f"{u}_index" in tables["compare"]), "doc")
    return units_frame(tables["documents"], tables[f"{unit}s"] if unit != "doc" else None, unit=unit)


def top_terms(table: pd.DataFrame, *, kind: str = "slogan", n: int = 6) -> list[str]:
    """Return the ``n`` terms of a kind most frequent over all units of a ``compare_units`` table."""
    totals = table[table["kind"] == kind].groupby("term", sort=False)["count"].sum()
    totals = totals[totals > 0].sort_values(ascending=False, kind="stable")
    return list(totals.index[:n])


def follow(tables, terms: list[str] | None = None, *, n: int = 6) -> pd.DataFrame:
    """Return terms over the corpus: by year (``trend``) when its documents have dates in two years or
    more, else across its units in order (``across_units``, e.g. the sections of one speech).
    ``terms`` default to the ``n`` most frequent slogans (or verbs, when no slogan occurs)."""
    table = tables["compare"]
    terms = terms or top_terms(table, n=n) or top_terms(table, kind="verb", n=n)
    units = units_of(tables)
    if units["year"].nunique() >= 2 and len(_keys(table)) == 1:
        return trend(table, units, terms=terms)
    return across_units(table, terms=terms)


def select_units(units: pd.DataFrame, spec: str) -> pd.Series:
    """Return which units a group specification selects (a boolean Series).

    ``1954-1978``, ``2013-``, ``-1978`` or ``2019``: by year; ``field=value``: by a metadata field
    (``speaker=李克强``, ``group=reform``, ``section=一``); anything else: a comma-separated list of
    document ids or file names (``2019.txt,2018``). Raises ``ValueError`` for a spec that selects nothing.
    """
    spec = spec.strip()
    years = _YEARS.match(spec)
    if spec and years and (years[1] or years[3]):
        low = int(years[1]) if years[1] else -math.inf
        high = int(years[3]) if years[3] else (low if not years[2] else math.inf)
        year = units["year"].astype("float")
        mask = (year >= low) & (year <= high)
    elif "=" in spec:
        field, _, value = spec.partition("=")
        field, value = field.strip(), value.strip()
        if field not in units:
            raise ValueError(f"{spec!r}: no field {field!r} (fields: {', '.join(map(str, units.columns))})")
        mask = units[field].astype(str) == value
    else:
        names = {n.strip() for n in spec.split(",") if n.strip()}
        stems = {n[:-4] if n.endswith(".txt") else n for n in names}
        mask = units["doc"].isin(stems) | units.get("file", units["doc"]).isin(names)
    if not mask.any():
        unit = next((u for u in ("subsection", "section") if f"{u}_index" in units), "document")
        raise ValueError(f"{spec!r} selects no {unit}")
    return mask.fillna(False).astype(bool)


def group_keyness(word_counts: pd.DataFrame, units: pd.DataFrame, *, target: str | None = None,
                  reference: str | None = None,
                  threshold: float | None = G2_THRESHOLD) -> pd.DataFrame:
    """Return the key words of the units a ``target`` spec selects against those ``reference`` selects
    (default: all the others); specs as in ``select_units``. Without a target, the later half of the
    units (by date, else in order) against the earlier half. ``word_counts`` is the pipeline's table
    of content-word counts per unit."""
    import pandas as pd

    keys = _keys(units, word_counts)
    if target is None:  # the later half of the units (by date, else in order) against the earlier half
        order = units["year"].astype(float).rank(method="first") if units["year"].nunique() >= 2 \
            else pd.Series(range(1, len(units) + 1), index=units.index, dtype=float)
        chosen = order > len(units) / 2
        other = ~chosen if reference is None else select_units(units, reference)
    else:
        chosen = select_units(units, target)
        other = ~chosen if reference is None else select_units(units, reference)
    if any(spec is not None and _YEARS.match(spec.strip()) for spec in (target, reference)) \
            or target is None and units["year"].nunique() >= 2:
        # a group by year holds no document without one: an undated 2012 report is in neither group
        other &= units["year"].notna()
        _warn_undated(units, "are in neither group")
    if (chosen & other).any():
        raise ValueError(f"the target ({target!r}) and the reference ({reference!r}) share units")
    if not other.any():
        raise ValueError("the reference group is empty: name one with --reference, or compare several documents")

    def counts(mask):
        picked = units.loc[mask, keys]
        rows = word_counts.merge(picked, on=keys)
        return rows.groupby("token")["count"].sum()

    return keyness(counts(chosen), counts(other), threshold=threshold)


def log_likelihood(a: float, b: float, c: float, d: float) -> float:
    """Return Rayson's log-likelihood G2 of a word seen ``a`` times in ``c`` words and ``b`` times in ``d``."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Return Hardie's Log Ratio: log2 of the ratio of relative frequencies (a zero counts as 0.5)."""
    return math.log2((max(a, ZERO_FREQUENCY) / c) / (max(b, ZERO_FREQUENCY) / d))


def keyness(target: pd.Series, reference: pd.Series, *, threshold: float | None = G2_THRESHOLD,
            per: int = PER_TEN_THOUSAND) -> pd.DataFrame:
    """Return the key words of a target group against a reference group, both directions.

    ``target`` and ``reference`` are word counts (word -> count). Columns: term, target_count,
    reference_count, g2, log_ratio, the rates per ``per`` words of each group, and direction
    (``target`` where the word is relatively more frequent in the target, else ``reference``).
    Rows with G2 below ``threshold`` are left out (``None`` keeps all); sorted by direction, then G2.
    """
    import pandas as pd

    c, d = float(target.sum()), float(reference.sum())
    if c == 0 or d == 0:
        raise ValueError("both groups need words to compare")
    words = target.index.union(reference.index)
    a_all, b_all = target.reindex(words, fill_value=0), reference.reindex(words, fill_value=0)
    rows = []
    for word, a, b in zip(words, a_all, b_all):
        g2 = log_likelihood(a, b, c, d)
        if threshold is not None and g2 < threshold:
            continue
        rows.append((word, int(a), int(b), round(a / c * per, 3), round(b / d * per, 3), round(g2, 3),
                     round(log_ratio(a, b, c, d), 3), "target" if a / c > b / d else "reference"))
    frame = pd.DataFrame(rows, columns=["term", "target_count", "reference_count", "target_per_10k",
                                        "reference_per_10k", "g2", "log_ratio", "direction"])
    frame = frame[["term", "target_count", "reference_count", "g2", "log_ratio", "target_per_10k",
                   "reference_per_10k", "direction"]]
    frame["_side"] = (frame["direction"] == "reference").astype(int)
    frame = frame.sort_values(["_side", "g2", "term"], ascending=[True, False, True], ignore_index=True)
    return frame.drop(columns="_side")


def keyness_against_idf(counts: pd.Series, idf: dict[str, float], *, top: int | None = None) -> pd.DataFrame:
    """Return the key words of one document against a table of inverse document frequencies.

    Score = (count / words of the document) x idf; a word missing from the table gets the table's
    median idf (as jieba's keyword extraction does). Columns: term, count, idf, tfidf.
    """
    import statistics

    import pandas as pd

    total = float(counts.sum())
    median = statistics.median(idf.values()) if idf else 0.0
    rows = [(w, int(n), idf.get(w, median), n / total * idf.get(w, median)) for w, n in counts.items() if n > 0]
    frame = pd.DataFrame(rows, columns=["term", "count", "idf", "tfidf"])
    frame["idf"], frame["tfidf"] = frame["idf"].round(4), frame["tfidf"].round(6)
    frame = frame.sort_values(["tfidf", "term"], ascending=[False, True], ignore_index=True)
    return frame.head(top) if top else frame


def jieba_idf() -> dict[str, float]:
    """Return jieba's bundled inverse-document-frequency table (``jieba/analyse/idf.txt``)."""
    from importlib.resources import files

    table: dict[str, float] = {}
    for line in (files("jieba") / "analyse" / "idf.txt").read_text(encoding="utf-8").splitlines():
        word, _, value = line.rpartition(" ")
        if word:
            table[word] = float(value)
    return table


KIND_PARTS = {"slogan": "slogan_matches", "formulation": "formulation_matches", "verb": "verb_counts",
              "modality": "modality_counts", "term": "term_matches"}


def _check_kinds(kinds) -> None:
    unknown = set(kinds) - set(KIND_PARTS)
    if isinstance(kinds, str) or unknown:
        raise ValueError(f"unknown kinds: {', '.join(sorted(unknown)) or kinds!r} (known: {', '.join(KIND_PARTS)})")


def _compare_parts(settings: Mapping[str, Any]) -> tuple[str, ...]:
    """What the compare table is made of: the units' lengths and the parts of the kinds it counts
    (terms alone need no tokens)."""
    return ("sections", *(["subsections"] if settings["unit"] == "subsection" else []),
            *(KIND_PARTS[k] for k in settings["kinds"]))


def _countable(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows a comparison counts: of formulations, the numbered and quoted ones (not titles)."""
    return rows[rows["kind"] != "title"] if "kind" in rows and "quoted" in rows else rows


def _combine(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    kinds, lex = run.settings["kinds"], run.lexicons
    sections = merge_sections(run.parts["subsections"], level="subsection") if run.unit == "subsection" \
        else merge_sections(run.parts["sections"])
    from analysis.measures.formulations import lexicon_forms, resolve_formulations

    forms = lexicon_forms(lex.slogans)
    parts = {k: _countable(resolve_formulations(run.parts[p], forms) if k == "formulation" else run.parts[p])
             for k, p in KIND_PARTS.items() if k in kinds}
    counts = unit_counts(parts, by=run.by)
    closed = {"slogan": [s.term for s in lex.slogans.slogans], "modality": [m.word for m in lex.modality.markers],
              "term": list(run.settings["terms"])}
    return {"compare": compare_units(counts, units_frame(run.documents, sections, unit=run.unit), unit=run.unit,
                                     terms={k: v for k, v in closed.items() if k in kinds})}


register(Measure(
    name="compare", position=65,
    summary="each unit of comparison (document, section or sub-section) and term: count and rate per 10,000 characters",
    tables=(Table("compare", "unit of comparison (each document, or each section of a single speech) and term: "
                             "count and per_10k", ("doc", "date", "(section, section_index … by unit)", "term", "kind",
                                                  "count", "per_10k", "year", "characters"), _compare_parts),),
    parts=(), analyse=lambda work, want: {}, combine=_combine,
    settings=(Setting("kinds", ("slogan", "formulation", "verb", "modality", "term"),
                      "what the compare table counts: slogan, formulation, verb, modality, term", _check_kinds),),
))
