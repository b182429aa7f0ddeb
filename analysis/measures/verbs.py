"""Action verbs and directive modality markers, counted from the tagged tokens.

An action verb is a token whose coarse tag is ``VERB`` (for jieba: ``v``, ``vd``, ``vi``; not ``vn``,
which jieba's dictionary gives words it mostly sees used as nouns, such as 工作 and 防控 in
疫情防控工作, nor ``vg``, bound verb morphemes). A tokenizer gives each word one tag, whatever its use
in a sentence, so a count is of verb words, not of verbal uses; the user dictionary corrects the
words whose tag is wrong for this genre (落实 a -> v, 部署 n -> v).

Left out: verbs that carry no action (是, 有, 能 ...: ``nonaction_verbs.txt``) and the directive
modality markers (要, 必须 ...: ``modality.yaml``), which are counted as their own class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.text.lexicons import Glossary, MarkerLexicon, WordList, load_glossary, load_modality, load_nonaction_verbs
from analysis.text.tokenizers import VERB

if TYPE_CHECKING:
    import pandas as pd

VERB_COLUMNS = ["verb", "count", "pos", "gloss"]
MODALITY_COLUMNS = ["marker", "class", "count", "gloss"]


def verb_tokens(tokens: pd.DataFrame, *, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None) -> pd.DataFrame:
    """Return the token rows that are action verbs (see the module docstring for the rule)."""
    nonaction = load_nonaction_verbs() if nonaction is None else nonaction
    modality = load_modality() if modality is None else modality
    excluded = nonaction.words | modality.words
    return tokens[(tokens["upos"] == VERB) & ~tokens["token"].isin(excluded)]


def count_verbs(tokens: pd.DataFrame, *, top: int | None = None, nonaction: WordList | None = None,
                modality: MarkerLexicon | None = None, glossary: Glossary | None = None,
                by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count, pos (its first tag) and English gloss; sorted by count descending, then verb.

    ``top`` keeps the first rows (of each group with ``by``, e.g. ``["doc"]``, whose columns come first).
    """
    return summarise_verbs(tally_verbs(tokens, nonaction=nonaction, modality=modality, by=by), top=top,
                           glossary=glossary, by=by)


def tally_verbs(tokens: pd.DataFrame, *, nonaction: WordList | None = None, modality: MarkerLexicon | None = None,
                by: list[str] | None = None) -> pd.DataFrame:
    """Return verb, count and pos (its first tag) in the order each verb first occurs (what
    ``count_verbs`` sorts and glosses)."""
    verbs = verb_tokens(tokens, nonaction=nonaction, modality=modality)
    count = ("count", "sum") if "count" in verbs else ("token", "size")  # tally_types rows, or tokens
    return (verbs.groupby([*(by or []), "token"], sort=False).agg(count=count, pos=("pos", "first"))
            .reset_index().rename(columns={"token": "verb"}))


def summarise_verbs(counts: pd.DataFrame, *, top: int | None = None, glossary: Glossary | None = None,
                    by: list[str] | None = None) -> pd.DataFrame:
    """Sort a table of verb counts (verb, count, pos) as ``count_verbs`` does and add the glosses."""
    glossary = load_glossary() if glossary is None else glossary
    by = list(by or [])
    counts = counts.sort_values([*by, "count", "verb"], ascending=[True] * len(by) + [False, True],
                                ignore_index=True)
    counts["gloss"] = [glossary.get(v, "") for v in counts["verb"]]
    counts = counts[[*by, *VERB_COLUMNS]]
    if top is not None:
        counts = counts.groupby(by, sort=False).head(top) if by else counts.head(top)
    return counts.reset_index(drop=True)


def modality_tokens(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None) -> pd.DataFrame:
    """Return the token rows that are directive modality markers, with their class and gloss."""
    modality = load_modality() if modality is None else modality
    markers = {m.word: m for m in modality.markers}
    rows = tokens[tokens["token"].isin(markers)].copy()
    rows["class"] = rows["token"].map(lambda w: markers[w].cls)
    rows["gloss"] = rows["token"].map(lambda w: markers[w].gloss)
    return rows


def count_modality(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None, include_zero: bool = False,
                   by: list[str] | None = None) -> pd.DataFrame:
    """Return marker, class, count, gloss; sorted by count descending, then marker.

    Reads token rows (or ``modality_tokens`` rows); ``by`` counts within groups, as in ``count_verbs``.
    """
    modality = load_modality() if modality is None else modality
    groups = tokens[by].drop_duplicates() if by and include_zero else None
    return summarise_modality(tally_modality(tokens, modality=modality, by=by), modality=modality,
                              include_zero=include_zero, by=by, groups=groups)


def tally_modality(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None,
                   by: list[str] | None = None) -> pd.DataFrame:
    """Return marker and count of the markers that occur (what ``count_modality`` completes and sorts)."""
    modality = load_modality() if modality is None else modality
    hits = tokens[tokens["token"].isin(modality.words)]
    grouped = hits.groupby([*(by or []), "token"], sort=False)
    counts = grouped["count"].sum() if "count" in hits else grouped.size().rename("count")
    return counts.reset_index().rename(columns={"token": "marker"})


def summarise_modality(counts: pd.DataFrame, *, modality: MarkerLexicon | None = None, include_zero: bool = False,
                       by: list[str] | None = None, groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Complete a table of marker counts (marker, count) as ``count_modality`` does: class, gloss, zero
    rows with ``include_zero`` (in each of ``groups`` when counting ``by`` groups), sorted."""
    import pandas as pd

    modality = load_modality() if modality is None else modality
    by = list(by or [])
    lex = pd.DataFrame([{"marker": m.word, "class": m.cls, "gloss": m.gloss} for m in modality.markers],
                       columns=["marker", "class", "gloss"])
    if by:
        lex = (counts[by].drop_duplicates() if groups is None else groups).merge(lex, how="cross")
    frame = lex.merge(counts[[*by, "marker", "count"]], on=[*by, "marker"], how="left")
    frame["count"] = frame["count"].fillna(0).astype(int)
    if not include_zero:
        frame = frame[frame["count"] > 0]
    frame = frame.sort_values([*by, "count", "marker"], ascending=[True] * len(by) + [False, True],
                              ignore_index=True)
    return frame[[*by, *MODALITY_COLUMNS]]
