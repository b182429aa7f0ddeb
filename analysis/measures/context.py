"""Context: keywords in context (KWIC) and collocations, so that every count can be read where it occurs.

**KWIC** finds a term (matched as slogans are: a separator inside it matches any separator or none)
or a regular expression on the text, and gives each hit with a window of characters (default 20) or
of tokens on each side, its document, section, sentence and offsets; sorted by position, or by the
word nearest the match on the left or on the right.

**Collocations** of a term are the words within ±5 tokens of it, punctuation and stopwords left out
of the token stream first (windows do not cross documents), that occur there at least twice; a word
in two overlapping windows counts once, so no collocate counts more often than it occurs. For a
collocate seen O times in the windows, with f_node and f_coll the two words' frequencies in the
stream of N tokens and a window span of 10 positions, the expected count is
E = f_node × span × f_coll / N, and

- logDice = 14 + log2(2·O / (f_node + f_coll)) (Rychlý 2008; the default: it does not grow with N),
- MI = log2(O / E), t-score = (O − E) / √O,
- log-likelihood G2 on the 2×2 table (O, f_node·span − O, f_coll − O, N − f_node·span − f_coll + O),

the measures of NLTK's ``BigramAssocMeasures`` applied to those window counts (NLTK's finder counts
a word in two overlapping windows twice). Adjacent pairs of a whole text are scored alike, with a
span of 1.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, Setting, Table, Work, register
from analysis.measures.slogans import form_pattern

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk
    from analysis.text.lexicons import WordList

KWIC_COLUMNS = ["left", "match", "right", "doc", "term", "section", "section_index", "subsection", "subsection_index", "paragraph", "sentence", "start",
                "end"]
COLLOCATION_COLUMNS = ["collocate", "count", "score", "logdice", "mi", "t", "ll", "node_frequency",
                       "collocate_frequency"]
MEASURES = ("logdice", "mi", "t", "ll")
SORTS = ("position", "left", "right")


def kwic(text: str, start: int, end: int, *, window: int = 15) -> tuple[str, str, str]:
    """Return the keyword in context: ``window`` characters left, the match, ``window`` right."""
    left = text[max(0, start - window):start].replace("\n", " ")
    right = text[end:end + window].replace("\n", " ")
    return left, text[start:end], right


def query_pattern(query: str, *, regex: bool = False):
    """Return the pattern of a KWIC query: a regular expression, or a term matched as slogans are.

    A regular expression of one's own is compiled by the ``regex`` module, which does not run away on
    nested repeats (``(.*)*x``) and takes a time limit (``matches``). Raises ``ValueError`` for a
    regular expression that does not compile or that matches nothing.
    """
    import regex as engine

    try:
        pattern = engine.compile(query) if regex else re.compile(form_pattern(query))
    except (re.error, engine.error) as exc:
        raise ValueError(f"not a regular expression: {exc}") from None
    if pattern.match(""):
        raise ValueError(f"{query!r} matches the empty string")
    return pattern


PATTERN_SECONDS = 10.0  # how long a regular expression of one's own may search one text


def matches(pattern, text: str) -> list:
    """The matches of a query's pattern in ``text``; ``ValueError`` where a regular expression of
    one's own searches longer than ``PATTERN_SECONDS``."""
    if isinstance(pattern, re.Pattern):
        return list(pattern.finditer(text))
    try:
        return list(pattern.finditer(text, timeout=PATTERN_SECONDS))
    except TimeoutError:
        raise ValueError(f"the regular expression {pattern.pattern!r} searched one text for more than "
                         f"{PATTERN_SECONDS:.0f} s: make it simpler") from None


def kwic_rows(chunk: Chunk, hits: pd.DataFrame, *, window: int = 15) -> pd.DataFrame:
    """Return keyword-in-context lines of a chunk's hits (rows with doc, term, start, end, location).

    Offsets in ``hits`` index the document; contexts reach into the neighbouring chunks, so a long
    speech read in chunks gives the same lines as when read whole.
    """
    import pandas as pd

    lines = []
    for r in hits.itertuples():
        start, end = r.start - chunk.offset, r.end - chunk.offset
        left, right = chunk.context(start, end, window)
        lines.append({"left": left.replace("\n", " "), "match": chunk.text[start:end], "right": right.replace("\n", " "),
                      "doc": r.doc, "term": r.term, "section": r.section, "section_index": r.section_index,
                      "subsection": r.subsection, "subsection_index": r.subsection_index, "paragraph": r.paragraph, "sentence": r.sentence, "start": r.start, "end": r.end})
    return pd.DataFrame(lines, columns=KWIC_COLUMNS)


def find_query(chunk: Chunk, pattern: re.Pattern, *, window: int = 20) -> pd.DataFrame:
    """Return a KWIC line for every match of ``pattern`` in a chunk (character windows)."""
    import pandas as pd

    spans = [m.span() for m in matches(pattern, chunk.text) if m.end() > m.start()]
    hits = pd.DataFrame({"term": [chunk.text[s:e] for s, e in spans], "start": [chunk.offset + s for s, _ in spans],
                         "end": [chunk.offset + e for _, e in spans], **chunk.place([s for s, _ in spans])})
    hits["doc"] = chunk.doc_id
    return kwic_rows(chunk, hits, window=window)


def kwic_lines(tokens: pd.DataFrame, query: str, *, window: int | None = None, in_tokens: bool = False,
               regex: bool = False, sort: str = "position") -> pd.DataFrame:
    """Return the KWIC lines of a term (or regular expression) from a run's token table: ``window``
    characters (default 20) or, ``in_tokens``, tokens (default 5) on each side; sorted as ``sort_kwic``."""
    pattern = query_pattern(query, regex=regex)
    return sort_kwic(kwic_tokens(tokens, pattern, window=window or (5 if in_tokens else 20), in_tokens=in_tokens),
                     sort)


MAX_WINDOW_TOKENS = 50  # tokens of context on each side, at most (KWIC and collocations)


def kwic_tokens(tokens: pd.DataFrame, pattern: re.Pattern, *, window: int = 5, in_tokens: bool = True) -> pd.DataFrame:
    """Return KWIC lines with ``window`` tokens (or characters) on each side of every match of ``pattern``
    (at most ``MAX_WINDOW_TOKENS`` tokens, or 200 characters: ``ValueError``).

    A match is found on the text that the tokens of one document join into (they join into its
    cleaned text exactly); its context is the tokens before its first token and after its last, or
    the characters around it, within the document.
    """
    import numpy as np
    import pandas as pd

    limit = MAX_WINDOW_TOKENS if in_tokens else 200
    if not 0 < window <= limit:
        raise ValueError(f"a window of {window} {'tokens' if in_tokens else 'characters'}: at most {limit}")
    lines = []
    for doc, group in tokens.groupby("doc", sort=False):
        words = group["token"].tolist()
        starts = group["start"].to_numpy()
        base = int(starts[0]) if len(starts) else 0
        text = "".join(words)
        ends = np.cumsum([len(w) for w in words])
        for m in matches(pattern, text):
            if m.end() == m.start():
                continue
            first = int(np.searchsorted(ends, m.start(), side="right"))
            last = int(np.searchsorted(ends, m.end(), side="left"))
            row = group.iloc[first]
            if in_tokens:
                left = "".join(words[max(0, first - window):first])
                right = "".join(words[last + 1:last + 1 + window])
            else:
                left, right = text[max(0, m.start() - window):m.start()], text[m.end():m.end() + window]
            lines.append({"left": left.replace("\n", " "), "match": text[m.start():m.end()],
                          "right": right.replace("\n", " "),
                          "doc": doc, "term": m.group(), "section": row["section"],
                          "section_index": row["section_index"], "subsection": row["subsection"],
                          "subsection_index": row["subsection_index"], "paragraph": row["paragraph"],
                          "sentence": row["sentence"], "start": base + m.start(), "end": base + m.end()})
    return pd.DataFrame(lines, columns=KWIC_COLUMNS)


def sort_kwic(lines: pd.DataFrame, by: str = "position") -> pd.DataFrame:
    """Sort KWIC lines by position (document order), or by the context nearest the match: ``left`` reads
    the left context backwards from the match, ``right`` the right context forwards."""
    if by not in SORTS:
        raise ValueError(f"sort by one of {', '.join(SORTS)}, not {by!r}")
    if by == "position":
        return lines.reset_index(drop=True)
    key = lines["left"].str[::-1] if by == "left" else lines["right"]
    return lines.assign(_key=key).sort_values(["_key", "doc", "start"], kind="stable", ignore_index=True) \
        .drop(columns="_key")


def collocates(tokens: pd.DataFrame, term: str | None = None, *, stopwords: WordList | None = None, window: int = 5,
               min_count: int = 2, measure: str = "logdice") -> pd.DataFrame:
    """Return the collocations of a term (or, with no term, the adjacent pairs) from a run's token table
    (``window``: at most ``MAX_WINDOW_TOKENS`` on each side, else ``ValueError``)."""
    from analysis.text.lexicons import load_stopwords

    if not 0 < window <= MAX_WINDOW_TOKENS:
        raise ValueError(f"a window of {window} tokens: at most {MAX_WINDOW_TOKENS}")
    if term is not None and not (tokens["token"] == term).any():
        tokens = merge_term(tokens, term)  # 新时代 is 新/时代 to the tokenizer: matched on the text, as KWIC does
    streams = token_stream(tokens, load_stopwords() if stopwords is None else stopwords)
    return collocations(streams, term, window=window, min_count=min_count, measure=measure)


def merge_term(tokens: pd.DataFrame, term: str) -> pd.DataFrame:
    """The token rows with each place where ``term`` stands in the text made one token of it (the tokens it
    covers, also in part, go): a term the tokenizer cuts in two is a node like any word."""
    import pandas as pd

    frames = []
    for _, group in tokens.groupby("doc", sort=False):
        group = group.sort_values("start")
        text, at = [], 0
        for token, start in zip(group["token"], group["start"]):
            text.append(" " * (start - at) + token)  # what lies between tokens (a line end) stands as spaces
            at = start + len(token)
        joined = "".join(text)
        base = int(group["start"].iloc[0]) if len(group) else 0
        drop, merged = pd.Series(False, index=group.index), []
        begin = joined.find(term)
        while begin >= 0:
            a, b = base + begin, base + begin + len(term)
            covered = (group["start"] < b) & (group["end"] > a)
            if covered.any():
                first = group[covered].iloc[0].copy()
                first["token"], first["start"], first["end"] = term, a, b
                merged.append(first)
                drop |= covered
            begin = joined.find(term, begin + len(term))
        frames.append(pd.concat([group[~drop], pd.DataFrame(merged)]).sort_values("start") if merged else group)
    return pd.concat(frames, ignore_index=True) if frames else tokens


def token_stream(tokens: pd.DataFrame, stopwords: WordList) -> dict[str, list[str]]:
    """Return each document's tokens with punctuation, stopwords and figures left out, in order."""
    from analysis.text.tokenizers import PUNCT

    keep = (tokens["upos"] != PUNCT) & ~tokens["token"].isin(stopwords.words) \
        & ~tokens["token"].str.fullmatch(r"[\d\W_]+")
    kept = tokens[keep]
    return {doc: group["token"].tolist() for doc, group in kept.groupby("doc", sort=False)}


def association(o: float, f_node: float, f_coll: float, n: float, span: int) -> dict[str, float]:
    """Return logDice, MI, t-score and log-likelihood of a co-occurrence (see the module docstring)."""
    rows = f_node * span
    expected = rows * f_coll / n
    table = [(o, rows * f_coll / n), (rows - o, rows * (n - f_coll) / n),
             (f_coll - o, (n - rows) * f_coll / n), (n - rows - f_coll + o, (n - rows) * (n - f_coll) / n)]
    # a collocate can be counted in two overlapping windows more often than it occurs (O > f_coll): the
    # 2x2 table then has a negative cell and no log-likelihood
    ll = 2 * sum(obs * math.log(obs / exp) for obs, exp in table if obs > 0 and exp > 0) \
        if all(obs >= 0 for obs, _ in table) else float("nan")
    return {"logdice": 14 + math.log2(2 * o / (f_node + f_coll)), "mi": math.log2(o / expected),
            "t": (o - expected) / math.sqrt(o), "ll": ll}


def collocations(streams: dict[str, list[str]], term: str | None = None, *, window: int = 5, min_count: int = 2,
                 measure: str = "logdice") -> pd.DataFrame:
    """Return the collocates of ``term`` within ``window`` tokens on either side, or, with no term, the
    adjacent pairs of the whole text (``collocate`` is then the pair). Columns: collocate, count,
    score (the ``measure``), every measure, and the two frequencies; sorted by score."""
    import pandas as pd

    if measure not in MEASURES:
        raise ValueError(f"measure is one of {', '.join(MEASURES)}, not {measure!r}")
    frequency = Counter(w for words in streams.values() for w in words)
    n = sum(frequency.values())
    together: Counter = Counter()
    for words in streams.values():
        if term is None:
            together.update(zip(words, words[1:]))
            continue
        # each word near the term counts once, also where two of the term's windows overlap (…供销社等改革。
        # 改革完善…): so a collocate is never counted more often than it occurs
        near = {j for i, word in enumerate(words) if word == term
                for j in range(max(0, i - window), min(len(words), i + window + 1)) if j != i and words[j] != term}
        together.update(words[j] for j in near)
    rows = []
    for key, count in together.items():
        if count < min_count:
            continue
        if term is None:
            f_node, f_coll, label, span = frequency[key[0]], frequency[key[1]], f"{key[0]} {key[1]}", 1
        else:
            f_node, f_coll, label, span = frequency[term], frequency[key], key, 2 * window
        scores = association(count, f_node, f_coll, n, span)
        rows.append({"collocate": label, "count": count, "score": scores[measure], **scores,
                     "node_frequency": f_node, "collocate_frequency": f_coll})
    frame = pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)
    for column in ("score", *MEASURES):
        frame[column] = frame[column].astype(float).round(4)
    return frame.sort_values(["score", "count", "collocate"], ascending=[False, False, True], ignore_index=True)


def _check_window(value) -> None:
    from analysis.text.documents import MARGIN_CHARS

    if not isinstance(value, int) or not 0 < value <= MARGIN_CHARS:
        raise ValueError(f"a window must be from 1 to {MARGIN_CHARS} characters, not {value!r}")


def _check_query(value) -> None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"a query is a string, not {value!r}")


def _contexts(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    from analysis.measures.slogans import slogan_matches

    return {"slogan_contexts": kwic_rows(work.chunk, slogan_matches(work), window=work.settings["kwic_window"])}


register(Measure(
    name="slogan_contexts", position=40,
    summary="each slogan occurrence with the characters left and right of it",
    tables=(Table("slogan_contexts", "slogan occurrence in context: the characters left and right of it",
                  tuple(KWIC_COLUMNS), ("slogan_contexts",)),),
    parts=("slogan_contexts",), analyse=_contexts,
    combine=lambda run, want: {"slogan_contexts": run.parts["slogan_contexts"]},
    settings=(Setting("kwic_window", 15, "characters on each side of a slogan in slogan_contexts", _check_window),),
))


def _kwic(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    settings = work.settings
    pattern = query_pattern(settings["query"], regex=settings["regex"])
    return {"kwic": find_query(work.chunk, pattern, window=settings["query_window"])}


register(Measure(
    name="kwic", position=90, default=False,
    summary="keywords in context of a query (a term, or a regular expression)",
    tables=(Table("kwic", "occurrence of the query with its context", tuple(KWIC_COLUMNS), ("kwic",)),),
    parts=("kwic",), analyse=_kwic, combine=lambda run, want: {"kwic": run.parts["kwic"]},
    settings=(Setting("query", None, "the term (or, with regex, the pattern) of the kwic table", _check_query),
              Setting("regex", False, "the query is a regular expression"),
              Setting("query_window", 20, "characters on each side in the kwic table", _check_window)),
))
