"""Verb stage: count action verbs and directive modality markers from the tagged tokens.

Which tokens are action verbs: jieba tags ``v`` (verb), ``vd`` (verb used as adverb) and ``vi``
(intransitive verb). Left out: ``vn`` (jieba's dictionary marks words it mostly sees used as nouns,
such as 工作 and 防控: in 疫情防控工作 they name an activity, they do not order one) and ``vg``
(bound verb morphemes). jieba gives each word one tag, whatever its use in a sentence, so a count is
of verb words, not of verbal uses; the user dictionary corrects the words whose tag is wrong for
this genre (落实 a -> v, 部署 n -> v).

Also left out: verbs that carry no action (是, 有, 能 ...: nonaction_verbs.txt) and the directive
modality markers (要, 必须 ...: modality.yaml), which are counted as their own class.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.lexicon import MODALITY, NONACTION_VERBS, load_modality, word_set

if TYPE_CHECKING:
    import pandas as pd

VERB_TAGS = frozenset({"v", "vd", "vi"})


def _markers(path: Path):
    return _cached_markers(Path(path).resolve())


@lru_cache(maxsize=4)
def _cached_markers(path: Path):
    return tuple(load_modality(path))


def verb_tokens(tokens: pd.DataFrame, *, nonaction: Path = NONACTION_VERBS,
                modality: Path = MODALITY) -> pd.DataFrame:
    """Return the token rows that are action verbs (see the module docstring for the rule)."""
    excluded = word_set(nonaction) | {m.word for m in _markers(modality)}
    return tokens[tokens["pos"].isin(VERB_TAGS) & ~tokens["token"].isin(excluded)]


def count_verbs(tokens: pd.DataFrame, *, top: int | None = None, nonaction: Path = NONACTION_VERBS,
                modality: Path = MODALITY) -> pd.DataFrame:
    """Return verb, count, pos; sorted by count descending, then verb; the first ``top`` rows if given."""
    verbs = verb_tokens(tokens, nonaction=nonaction, modality=modality)
    counts = verbs.groupby("token").agg(count=("token", "size"), pos=("pos", "first")).reset_index()
    counts = counts.rename(columns={"token": "verb"}).sort_values(
        ["count", "verb"], ascending=[False, True], ignore_index=True)
    return counts.head(top) if top is not None else counts


def modality_tokens(tokens: pd.DataFrame, *, modality: Path = MODALITY) -> pd.DataFrame:
    """Return the token rows that are directive modality markers, with their class and gloss."""
    markers = {m.word: m for m in _markers(modality)}
    rows = tokens[tokens["token"].isin(markers)].copy()
    rows["class"] = rows["token"].map(lambda w: markers[w].cls)
    rows["gloss"] = rows["token"].map(lambda w: markers[w].gloss)
    return rows


def count_modality(tokens: pd.DataFrame, *, modality: Path = MODALITY, include_zero: bool = False) -> pd.DataFrame:
    """Return marker, class, count, gloss; sorted by count descending, then marker."""
    import pandas as pd

    counts = tokens[tokens["token"].isin({m.word for m in _markers(modality)})].groupby("token").size()
    frame = pd.DataFrame(
        [{"marker": m.word, "class": m.cls, "count": int(counts.get(m.word, 0)), "gloss": m.gloss}
         for m in _markers(modality)],
        columns=["marker", "class", "count", "gloss"],
    )
    if not include_zero:
        frame = frame[frame["count"] > 0]
    return frame.sort_values(["count", "marker"], ascending=[False, True], ignore_index=True)


def rates_by_section(rows: pd.DataFrame, speeches, *, column: str) -> pd.DataFrame:
    """Return occurrences per 1,000 characters of each value of ``column`` (rows) in each section (columns).

    ``rows`` are token rows (``verb_tokens`` or ``modality_tokens``) of the given speeches; sections of
    several speeches with the same label are added up.
    """
    import pandas as pd

    lengths: dict[str, int] = {}
    for sp in speeches:
        for sec in sp.sections:
            label = sp.section_label(sec.index)
            lengths[label] = lengths.get(label, 0) + sec.end - sec.start
    counts = pd.crosstab(rows[column], rows["section"]).reindex(columns=list(lengths), fill_value=0)
    rates = counts.div(pd.Series(lengths), axis=1) * 1000
    return rates.loc[counts.sum(axis=1).sort_values(ascending=False).index].round(2)


def add_counts(frames: list[pd.DataFrame], *, key: str) -> pd.DataFrame:
    """Add up count tables of parts of a corpus (chunks of a long speech, several speeches).

    Rows with the same ``key`` are summed; other columns keep their first value. Sorted by count
    descending, then key, as every count table is.
    """
    import pandas as pd

    columns = list(frames[0].columns) if frames else [key, "count"]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    whole = pd.concat(frames, ignore_index=True)
    others = {c: (c, "first") for c in whole.columns if c not in (key, "count")}
    summed = whole.groupby(key, sort=False).agg(count=("count", "sum"), **others).reset_index()
    summed = summed[columns]
    return summed.sort_values(["count", key], ascending=[False, True], ignore_index=True)
