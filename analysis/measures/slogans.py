"""Slogans: find a lexicon's formulations (提法) in the cleaned text and count them.

Slogans are matched on the text, not on tokens: jieba cannot keep punctuation inside a word, so a
series such as 早发现、早报告、早隔离、早治疗 can never be one token. Each match keeps its offsets and
the section, paragraph and sentence it stands in. The ``category`` column of every table is
categorical in the lexicon's order, so charts colour categories alike wherever they appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, RunParts, Setting, Table, Work, register
from analysis.text.lexicons import SERIES_SEPARATORS, Slogan, SloganLexicon, load_slogans
from analysis.text.search import form_anchor, form_parts, leftmost_longest, lexicon_literals

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk

MATCH_COLUMNS = ["doc", "term", "category", "start", "end", "matched", "section", "section_index", "subsection", "subsection_index", "paragraph",
                 "sentence"]
COUNT_COLUMNS = ["term", "category", "count", "gloss", "category_zh", "category_en"]
TERM_COLUMNS = ["doc", "term", "start", "end", "section", "section_index", "subsection", "subsection_index", "paragraph",
                "sentence"]
_SEPARATOR = f"[{re.escape(SERIES_SEPARATORS)}]?"


def form_pattern(form: str) -> str:
    """Return the regular expression of one surface form.

    A separator inside the form matches any series separator or none, so 疫情就是命令，防控就是责任
    also matches 疫情就是命令,防控就是责任 and 疫情就是命令防控就是责任. A form of separators or spaces
    alone would match everywhere (it matches "none" at every place): ``ValueError``.
    """
    parts = [p for p in form_parts(form) if p.strip()]
    if not parts:
        raise ValueError(f"{form!r} is only separators or spaces: a term needs a word to count")
    return _SEPARATOR.join(re.escape(p) for p in form_parts(form))


def compile_slogan(slogan: Slogan) -> re.Pattern:
    """Return one pattern for all forms of a slogan, longest first so the fullest form wins."""
    forms = sorted(slogan.forms, key=len, reverse=True)
    return re.compile("|".join(form_pattern(f) for f in forms))


@dataclass(frozen=True)
class _Search:
    """How a lexicon's slogans are looked for: one pass of an automaton over the text finds each
    literal form (most forms) and each anchor of a form with separators, whose slogan's pattern then
    runs."""

    strings: frozenset[str]
    owners: dict[str, tuple[tuple[int, bool], ...]]  # string -> (slogan number, whether it is a whole form)
    patterns: dict[int, re.Pattern]  # slogans with a form that holds a separator


@lru_cache(maxsize=8)
def _search(lexicon: SloganLexicon) -> _Search:
    owners: dict[str, list[tuple[int, bool]]] = {}
    patterns: dict[int, re.Pattern] = {}
    for number, slogan in enumerate(lexicon.slogans):
        literal = all(len(form_parts(form)) == 1 for form in slogan.forms)
        if not literal:
            patterns[number] = compile_slogan(slogan)
        for string in {form if literal else form_anchor(form) for form in slogan.forms}:
            owners.setdefault(string, []).append((number, literal))
    return _Search(frozenset(owners), {k: tuple(v) for k, v in owners.items()}, patterns)


def _matches(text: str, lexicon: SloganLexicon) -> list[tuple[Slogan, int, int]]:
    """Every match of every slogan in ``text``: slogan, start, end, in the lexicon's order and then the
    text's (a slogan's own matches never overlap)."""
    search = _search(lexicon)
    spans: dict[int, list[tuple[int, int]]] = {}
    to_run: set[int] = set()
    for start, string in lexicon_literals(lexicon).occurrences(text):
        for number, literal in search.owners.get(string, ()):
            if literal:
                spans.setdefault(number, []).append((start, start + len(string)))
            else:
                to_run.add(number)
    found = [(n, s, e) for n, found in spans.items() for s, e in leftmost_longest(found)]
    found += [(n, m.start(), m.end()) for n in to_run for m in search.patterns[n].finditer(text)]
    return [(lexicon.slogans[n], s, e) for n, s, e in sorted(found)]  # in the lexicon's order, as ever


def category_dtype(lexicon: SloganLexicon):
    """Return the categorical type of a lexicon's category keys, in the lexicon's order."""
    import pandas as pd

    return pd.CategoricalDtype([c.key for c in lexicon.categories])


def find_slogans(chunk: Chunk, lexicon: SloganLexicon | None = None) -> pd.DataFrame:
    """Return one row per slogan occurrence: doc, term, category, offsets, matched text and location.

    A slogan is found also where it stands inside a longer listed slogan; two matches of one slogan
    never overlap. Offsets index the document's cleaned text.
    """
    import pandas as pd

    lexicon = load_slogans() if lexicon is None else lexicon
    text = chunk.text
    hits = [(slogan.term, slogan.category, s, e, text[s:e]) for slogan, s, e in _matches(text, lexicon)]
    hits.sort(key=lambda h: (h[2], -h[3]))
    return chunk.rows([h[2] for h in hits], [h[3] for h in hits], MATCH_COLUMNS, term=[h[0] for h in hits],
                      category=pd.Categorical([h[1] for h in hits], dtype=category_dtype(lexicon)),
                      matched=[h[4] for h in hits])


def find_terms(chunk: Chunk, terms: tuple[str, ...]) -> pd.DataFrame:
    """Return one row per occurrence of any of ``terms`` in a chunk's text: doc, term, offsets, location.

    Terms are matched as slogans are (on the text, a separator inside a term matching any separator
    or none), so a term a line break had cut in a web page is found too.
    """
    hits = sorted(((term, m.start(), m.end()) for term in dict.fromkeys(terms) if term
                   for m in re.finditer(form_pattern(term), chunk.text)), key=lambda h: (h[1], -h[2]))
    return chunk.rows([h[1] for h in hits], [h[2] for h in hits], TERM_COLUMNS, term=[h[0] for h in hits])


def count_slogans(matches: pd.DataFrame, lexicon: SloganLexicon | None = None, *, include_zero: bool = False,
                  by: list[str] | None = None, groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return term, category, count, gloss and category names; sorted by count descending, then term.

    ``by`` (e.g. ``["doc"]``) counts within each group; its columns come first. Zero rows are listed
    only with ``include_zero``, in every group of ``groups`` (a table of the ``by`` columns, e.g. the
    documents; default: the groups that have a match).
    """
    import pandas as pd

    lexicon = load_slogans() if lexicon is None else lexicon
    by = list(by or [])
    names = {c.key: c for c in lexicon.categories}
    lex = pd.DataFrame([
        {"term": s.term, "category": s.category, "gloss": s.gloss, "category_zh": names[s.category].zh,
         "category_en": names[s.category].en} for s in lexicon.slogans
    ], columns=["term", "category", "gloss", "category_zh", "category_en"])
    counts = matches.groupby([*by, "term"], observed=True, sort=False).size().rename("count").reset_index()
    if by:
        every = counts[by].drop_duplicates() if not include_zero or groups is None else groups[by].drop_duplicates()
        lex = every.merge(lex, how="cross")
    frame = lex.merge(counts, on=[*by, "term"], how="left")
    frame["count"] = frame["count"].fillna(0).astype(int)
    frame["category"] = frame["category"].astype(category_dtype(lexicon))
    if not include_zero:
        frame = frame[frame["count"] > 0]
    frame = frame.sort_values([*by, "count", "term"], ascending=[True] * len(by) + [False, True], ignore_index=True)
    return frame[[*by, *COUNT_COLUMNS]]


def merge_overlaps(matches: pd.DataFrame) -> pd.DataFrame:
    """Return the matches with overlapping spans of one document merged, keeping the first row of each."""
    import numpy as np

    ordered = matches.sort_values(["doc", "start", "end"], ascending=[True, True, False])
    # a row is kept when it starts at or after the end of every earlier row of its document
    reached = ordered.groupby("doc", sort=False)["end"].cummax().to_numpy()
    doc = ordered["doc"].to_numpy()
    before = np.r_[-1, reached[:-1]]
    before[np.r_[True, doc[1:] != doc[:-1]] if len(doc) else []] = -1
    return ordered[ordered["start"].to_numpy() >= before]


def count_categories(matches: pd.DataFrame, lexicon: SloganLexicon | None = None, *,
                     by: list[str] | None = None, groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return category, count and names: overlapping matches of one category count once.

    集中救治 inside 集中患者、集中专家、集中资源、集中救治 adds to the slogan's count but not to its
    category's, so a category total counts each stretch of text once. Every category is listed (in
    every group of ``groups`` with ``by``; default: the groups that have a match).
    """
    import pandas as pd

    lexicon = load_slogans() if lexicon is None else lexicon
    by = list(by or [])
    merged = pd.concat([merge_overlaps(g) for _, g in matches.groupby("category", observed=True)]) \
        if len(matches) else matches
    counts = merged.groupby([*by, "category"], observed=True).size().rename("count").reset_index()
    cats = pd.DataFrame([{"category": c.key, "category_zh": c.zh, "category_en": c.en}
                         for c in lexicon.categories])
    if by:
        cats = (matches if groups is None else groups)[by].drop_duplicates().merge(cats, how="cross")
    counts["category"] = counts["category"].astype(str)
    frame = cats.merge(counts, on=[*by, "category"], how="left")
    frame["count"] = frame["count"].fillna(0).astype(int)
    frame["category"] = frame["category"].astype(category_dtype(lexicon))
    frame = frame.sort_values([*by, "count", "category"], ascending=[True] * len(by) + [False, True],
                              ignore_index=True, key=lambda s: s.astype(str) if s.name == "category" else s)
    return frame[[*by, "category", "count", "category_zh", "category_en"]]


def lexicon_frame(lexicon: SloganLexicon | None = None) -> pd.DataFrame:
    """Return a slogan lexicon as a table: term, category, variants, gloss, note."""
    import pandas as pd

    lexicon = load_slogans() if lexicon is None else lexicon
    names = {c.key: c.zh for c in lexicon.categories}
    return pd.DataFrame([
        {"term": s.term, "category": names[s.category], "variants": "；".join(s.variants), "gloss": s.gloss,
         "note": s.note}
        for s in lexicon.slogans
    ], columns=["term", "category", "variants", "gloss", "note"])


def slogan_matches(work: Work) -> pd.DataFrame:
    """The slogan matches of a chunk (found once, whichever measures ask)."""
    return work.shared("slogan_matches", lambda: find_slogans(work.chunk, work.lexicons.slogans))


def _analyse(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    return {"slogan_matches": slogan_matches(work)}


def _combine(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    lexicon = run.lexicons.slogans
    matches = run.parts["slogan_matches"]
    if matches.empty:
        matches = matches.reindex(columns=MATCH_COLUMNS)
    build = {"slogans": lambda: count_slogans(matches, lexicon, include_zero=True),
             "slogan_matches": lambda: matches,
             "slogan_categories": lambda: count_categories(matches, lexicon)}
    return {name: build[name]() for name in want}


register(Measure(
    name="slogans", position=30,
    summary="the slogan lexicon's formulations (提法), matched on the text",
    tables=(Table("slogans", "lexicon formulation with its count (zeros included), category and gloss",
                  tuple(COUNT_COLUMNS), ("slogan_matches",)),
            Table("slogan_matches", "slogan occurrence, with its place and offsets", tuple(MATCH_COLUMNS),
                  ("slogan_matches",)),
            Table("slogan_categories", "category, overlapping matches counted once",
                  ("category", "count", "category_zh", "category_en"), ("slogan_matches",))),
    parts=("slogan_matches",), analyse=_analyse, combine=_combine,
))


def _check_terms(terms) -> None:
    if isinstance(terms, str) or not all(isinstance(t, str) for t in terms):
        raise ValueError(f"terms must be a list of strings, not {terms!r}")
    for term in terms:
        if term:
            form_pattern(term)


register(Measure(
    name="terms", position=35,
    summary="terms of one's own (--term), matched on the text as slogans are",
    tables=(Table("term_matches", "occurrence of a term of one's own, with its place and offsets (empty without one)",
                  tuple(TERM_COLUMNS), ("term_matches",)),),
    parts=("term_matches",),
    analyse=lambda work, want: {"term_matches": find_terms(work.chunk, tuple(work.settings["terms"]))},
    combine=lambda run, want: {"term_matches": run.parts["term_matches"]},
    settings=(Setting("terms", (), "more terms to count on the text (the compare table, kind term)", _check_terms),),
))
