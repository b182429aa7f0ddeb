"""Directive modality markers (要, 必须, 坚决 …: ``modality.yaml``), counted in their marker use.

A marker is a word of the lexicon where it stands as a marker, which leaves out:

- a marker of intensity before 的, an adjective (最严格的制度, 扎实的作风), or before the end of its
  clause, where no verb follows (每前进一步, 跟进一步: 前进 and 跟进 with 一步, "one step");
- a marker inside quotation marks in its sentence: a quoted line (“要…”) is not the speaker's order.

Words whose 要, 不可 or 不能 is no marker are one token each (``userdict.txt``): 要事, 要务, 要点 and 要害;
the adjectives 不可持续 and 不可忽视; the capability of 不敢腐、不能腐、不想腐; the classical 贫贱不能移,
威武不能屈.

Each marker says whether its sentence reviews work done (``past``: the sentence holds a cue of the
past: a 了 or 已经 in its clause, a 去年, 过去 or …以来 in its clause or before it) or directs work to come (``future``: every other
sentence). A reader also finds sentences that state a rule with no time (发展必须坚持…); the tool
does not tell these from directions, and counts them as ``future``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, RunParts, Table, Work, register
from analysis.measures.words import add_counts, tally
from analysis.text.lexicons import MarkerLexicon, load_modality
from analysis.text.tokens import TOKEN_COLUMNS, TokenTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MODALITY_COLUMNS = ["marker", "class", "count", "future", "past", "gloss"]
TIMES = ("future", "past")  # the times a marker's sentence can have, as the tool reads them
# cues of the past: the perfective particle and adverbs of completion (in the marker's clause), and
# words of a time gone by (in its clause or earlier in its sentence)
PAST_ASPECT = frozenset({"了", "已", "已经", "曾", "曾经"})
PAST_TIME = frozenset({"去年", "过去", "以来", "年来", "一年来", "多年来", "上年"})
_OPEN_QUOTES, _CLOSE_QUOTES = "“‘「『", "”’」』"
_CLAUSE_ENDS = frozenset("，。；！？、：")


def marker_mask(table: TokenTable, *, modality: MarkerLexicon | None = None) -> np.ndarray:
    """Whether each token of ``table`` (in text order) is a directive marker in use (the rule of the
    module docstring)."""
    modality = load_modality() if modality is None else modality
    vocab, codes = table.vocab, table.codes
    listed = vocab.member(("markers", modality), modality.words)[codes]
    if not listed.any():
        return listed
    intensity = vocab.member(("intensity", modality), frozenset(m.word for m in modality.markers
                                                                if m.cls == "intensity"))[codes]
    before_de = table.neighbour(vocab.member("de", frozenset({"的"}))[codes], -1, False).astype(bool)
    # an adverb needs a verb after it: 进一步 before a clause's end is 前进|一步, 跟进|一步 ("one step")
    ends = vocab.column("clause end", lambda w, t: w in _CLAUSE_ENDS, bool)[codes]
    before_end = table.neighbour(ends, -1, True).astype(bool)
    return listed & ~(intensity & (before_de | before_end)) & ~quoted(table)


def quoted(table: TokenTable) -> np.ndarray:
    """Whether each token stands inside quotation marks opened earlier in its sentence."""
    vocab = table.vocab
    opens = vocab.column("quotes opened", lambda w, t: sum(w.count(q) for q in _OPEN_QUOTES), int)
    closes = vocab.column("quotes closed", lambda w, t: sum(w.count(q) for q in _CLOSE_QUOTES), int)
    return _before(table, (opens - closes)[table.codes], _sentence_starts(table)) > 0


def in_short_quotes(table: TokenTable, most: int = 8) -> np.ndarray:
    """Whether each token stands inside quotation marks that hold at most ``most`` characters: a term
    named as a whole (“两个结合”, “结合”, “放管服”), not a quoted sentence."""
    import numpy as np

    inside = quoted(table)
    if not inside.any():
        return inside
    # each run of tokens inside quotes, from its first token's start to its last token's end
    first = inside & ~np.r_[False, inside[:-1]]
    last = inside & ~np.r_[inside[1:], False]
    short = (table.end[last] - table.start[first]) <= most
    out = np.zeros(len(table), dtype=bool)
    out[inside] = short[(np.cumsum(first) - 1)[inside]]
    return out


def _sentence_starts(table: TokenTable) -> np.ndarray:
    """Whether each token is the first of its sentence."""
    import numpy as np

    return table.neighbour(np.zeros(len(table), dtype=bool), 1, True).astype(bool)


def _before(table: TokenTable, values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The sum of ``values`` over the tokens before each token, from the last token ``starts`` marks."""
    import numpy as np

    total = np.cumsum(values) - values
    first = np.maximum.accumulate(np.where(starts, np.arange(len(table)), 0))
    return total - total[first]


def marker_time(table: TokenTable) -> np.ndarray:
    """``past`` or ``future`` for each token: ``past`` where its clause holds a cue of the past
    (``PAST_ASPECT`` or ``PAST_TIME``) or its sentence names a time gone by before it (过去一年，我们坚决…);
    cues inside quotation marks do not count (破解“世界怎么了”这一课题)."""
    import numpy as np

    vocab, codes = table.vocab, table.codes
    unquoted = ~quoted(table)
    aspect = vocab.member("past aspect", PAST_ASPECT)[codes] & unquoted
    time = vocab.member("past time", PAST_TIME)[codes] & unquoted
    sentence_starts = _sentence_starts(table)
    ends = vocab.column("clause end", lambda w, t: w in _CLAUSE_ENDS, bool)[codes]
    clause_starts = sentence_starts | table.neighbour(ends, 1, True).astype(bool)
    clause = np.cumsum(clause_starts)  # a number for each clause, in text order
    in_clause = np.bincount(clause, weights=aspect | time, minlength=clause[-1] + 1 if len(clause) else 1) > 0
    earlier = _before(table, time.astype(int), sentence_starts) > 0
    return np.where(in_clause[clause] | earlier, "past", "future")


def _marker_rows(table: TokenTable, mask: np.ndarray, modality: MarkerLexicon) -> pd.DataFrame:
    """Marker token rows with their class, gloss and time."""
    frame = table.frame(mask)
    markers = {m.word: m for m in modality.markers}
    frame["class"] = [markers[w].cls for w in frame["token"]]
    frame["gloss"] = [markers[w].gloss for w in frame["token"]]
    frame["time"] = marker_time(table)[mask]
    return frame


def modality_tokens(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None) -> pd.DataFrame:
    """Return the token rows that are directive modality markers in use, with their class, gloss and
    time (``future`` or ``past``). ``tokens`` are token rows in text order."""
    modality = load_modality() if modality is None else modality
    table = TokenTable.from_frame(tokens)
    return _marker_rows(table, marker_mask(table, modality=modality), modality)


def count_modality(tokens: pd.DataFrame, *, modality: MarkerLexicon | None = None, include_zero: bool = False,
                   by: list[str] | None = None) -> pd.DataFrame:
    """Return marker, class, count, future, past and gloss; sorted by count descending, then marker.

    Reads token rows (or ``modality_tokens`` rows); ``by`` counts within groups, as in ``count_verbs``.
    """
    modality = load_modality() if modality is None else modality
    groups = tokens[by].drop_duplicates() if by and include_zero else None
    table = TokenTable.from_frame(tokens)
    if "time" in tokens:  # rows of modality_tokens: every row a marker, its time known
        counts = marker_counts(table, None, tokens["time"].to_numpy(), by=by)
    else:
        counts = marker_counts(table, marker_mask(table, modality=modality), marker_time(table), by=by)
    return complete_marker_counts(counts, modality=modality, include_zero=include_zero, by=by, groups=groups)


def marker_counts(table: TokenTable, mask: np.ndarray | None, time: np.ndarray, *,
                  by: list[str] | None = None) -> pd.DataFrame:
    """Return marker, count, future and past of the markers ``mask`` chooses (all tokens with ``None``),
    ``time`` being each token's; in the order each marker first occurs."""
    import numpy as np

    mask = np.ones(len(table), dtype=bool) if mask is None else mask
    counts = tally(table, mask, by=by, per="word", columns={"token": "marker", "count": "count"})
    past = tally(table, mask & (time == "past"), by=by, per="word", columns={"token": "marker", "count": "past"})
    counts = counts.merge(past, on=[*(by or []), "marker"], how="left")
    counts["past"] = counts["past"].fillna(0).astype(int)
    counts["future"] = counts["count"] - counts["past"]
    return counts


def complete_marker_counts(counts: pd.DataFrame, *, modality: MarkerLexicon | None = None,
                           include_zero: bool = False, by: list[str] | None = None,
                           groups: pd.DataFrame | None = None) -> pd.DataFrame:
    """Complete a table of marker counts (marker, count, future, past) as ``count_modality`` does: class,
    gloss, zero rows with ``include_zero`` (in each of ``groups`` when counting ``by`` groups), sorted."""
    import pandas as pd

    modality = load_modality() if modality is None else modality
    by = list(by or [])
    lex = pd.DataFrame([{"marker": m.word, "class": m.cls, "gloss": m.gloss} for m in modality.markers],
                       columns=["marker", "class", "gloss"])
    if by:
        lex = (counts[by].drop_duplicates() if groups is None else groups).merge(lex, how="cross")
    frame = lex.merge(counts[[*by, "marker", "count", *TIMES]], on=[*by, "marker"], how="left")
    for column in ("count", *TIMES):
        frame[column] = frame[column].fillna(0).astype(int)
    if not include_zero:
        frame = frame[frame["count"] > 0]
    frame = frame.sort_values([*by, "count", "marker"], ascending=[True] * len(by) + [False, True],
                              ignore_index=True)
    return frame[[*by, *MODALITY_COLUMNS]]


def _analyse_markers(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    table, modality = work.tokens(), work.lexicons.modality
    mask = marker_mask(table, modality=modality)
    parts = {}
    if "modality_tokens" in want:
        parts["modality_tokens"] = _marker_rows(table, mask, modality)
    if "modality_counts" in want:
        parts["modality_counts"] = marker_counts(table, mask, marker_time(table), by=work.by)
    return parts


def _combine_markers(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    build = {"modality": lambda: complete_marker_counts(add_counts(run.parts["modality_counts"], ["marker"],
                                                                   sums=("count", *TIMES)),
                                                        modality=run.lexicons.modality, include_zero=True),
             "modality_tokens": lambda: run.parts["modality_tokens"]}
    return {name: build[name]() for name in want}


register(Measure(
    name="modality", position=60,
    summary="directive modality markers (要, 必须, 坚决 …) in their marker use, directing or reviewing",
    tables=(Table("modality", "directive marker with its class (obligation, intensity, prohibition), count "
                              "(zeros included), how many in sentences directing work to come (future) and "
                              "reviewing work done (past), and gloss", tuple(MODALITY_COLUMNS), ("modality_counts",)),
            Table("modality_tokens", "occurrence of a directive marker: the token's row, its class, gloss and "
                                     "time (future or past)",
                  (*TOKEN_COLUMNS, "class", "gloss", "time"), ("modality_tokens",))),
    parts=("modality_counts", "modality_tokens"), tokens=("modality_counts", "modality_tokens"),
    analyse=_analyse_markers, combine=_combine_markers,
))
