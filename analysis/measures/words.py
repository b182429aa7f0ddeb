"""Words: content-word frequencies, and what the user dictionary changes in the segmentation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.measures.registry import Measure, RunParts, Table, Work, register
from analysis.text.lexicons import WordList, load_stopwords
from analysis.text.tokenizers import PUNCT, Tokenizer, get_tokenizer
from analysis.text.tokens import TOKEN_COLUMNS, UPOS_CODE, TokenTable

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

_NOT_A_WORD = re.compile(r"[\d\W_]+")  # digits, punctuation and symbols only


def content_mask(table: TokenTable, *, stopwords: WordList | None = None, min_chars: int = 2) -> np.ndarray:
    """Whether each token carries content: no punctuation, no stopword, at least ``min_chars`` long
    (decided once per distinct word)."""
    stopwords = load_stopwords() if stopwords is None else stopwords
    punct = UPOS_CODE[PUNCT]
    upos = table.vocab.upos()
    content = table.vocab.column(("content", stopwords, min_chars), lambda w, t: (
        len(w) >= min_chars and w not in stopwords.words and not _NOT_A_WORD.fullmatch(w)), bool)
    return (content & (upos != punct))[table.codes]


def content_words(tokens: pd.DataFrame, *, stopwords: WordList | None = None, min_chars: int = 2) -> pd.DataFrame:
    """Return the tokens that carry content: no punctuation, no stopword, at least ``min_chars`` long."""
    return tokens[content_mask(TokenTable.from_frame(tokens), stopwords=stopwords, min_chars=min_chars)]


def count_tokens(tokens: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return token frequencies: token, pos, count; sorted by count descending, then token.

    ``by`` (e.g. ``["doc"]``) counts within each group; its columns come first.
    """
    import numpy as np

    table = TokenTable.from_frame(tokens)
    return sort_token_counts(tally(table, np.ones(len(table), dtype=bool), by=by), by=by)


def tally(table: TokenTable, mask: np.ndarray, *, by: list[str] | None = None, per: str = "pair",
          columns: dict[str, str] | None = None) -> pd.DataFrame:
    """Count the tokens ``mask`` chooses: the ``by`` columns (places: doc, section, section_index ...),
    token, pos and count, one row per distinct word and tag (``per="pair"``) or per word (``"word"``,
    with the tag it first has), in the order each first occurs. ``columns`` renames and orders the
    columns after ``by`` (``{"token": "verb", "count": "count", "pos": "pos"}``).

    Tallies of consecutive parts of a text added up in order keep that order, so that a tie (one word
    with two tags, equally often) is broken as in the whole text.
    """
    import numpy as np
    import pandas as pd

    by = list(by or [])
    rows = np.flatnonzero(mask)
    codes = table.codes[rows]
    key = (codes if per == "pair" else table.vocab.word_codes()[codes]).astype(np.int64)
    for name in by:  # one group number per combination of the by columns, then the word within it
        value = table.places[name]
        if isinstance(value, np.ndarray):
            group, _ = pd.factorize(value[rows])
            key = key + group.astype(np.int64) * (int(key.max()) + 1 if len(key) else 1)
    _, first, counts = np.unique(key, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    chosen = rows[first[order]]
    found = {}
    for name in by:
        value = table.places[name]
        found[name] = value[chosen] if isinstance(value, np.ndarray) else np.full(len(chosen), value, dtype=object)
    found["token"] = table.vocab.word_array()[table.codes[chosen]]
    found["pos"] = table.vocab.tag_array()[table.codes[chosen]]
    found["count"] = counts[order].astype(np.int64)
    columns = {"token": "token", "pos": "pos", "count": "count"} if columns is None else columns
    return pd.DataFrame({**{name: found[name] for name in by}, **{new: found[old] for old, new in columns.items()}})


def word_frequencies(words: pd.DataFrame) -> dict[str, int]:
    """Return each word's count over its tags (from a ``count_tokens`` table): what a word cloud sizes by."""
    return words.groupby("token")["count"].sum().to_dict()


def sort_token_counts(counts: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """Sort token counts as ``count_tokens`` does: by group, count descending, then token."""
    by = list(by or [])
    # a stable sort, so that a token with two tags keeps its tags in the order they first occur
    return counts.sort_values([*by, "count", "token"], ascending=[True] * len(by) + [False, True],
                              ignore_index=True, kind="stable")[[*by, "token", "pos", "count"]]


def segmentation_diff(sentences: pd.DataFrame, *, tokenizer: Tokenizer | None = None,
                      limit: int | None = None) -> pd.DataFrame:
    """Return the sentences that the tokenizer's own dictionary segments differently from the project's.

    ``sentences`` is a sentence table (doc, section, sentence, text). Columns: doc, section, sentence,
    default (the backend alone) and project (with the user dictionary), tokens separated by " / ".
    """
    import pandas as pd

    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    plain = get_tokenizer(tokenizer.name, userdict=False)
    rows = []
    for s in sentences.itertuples():
        default = plain.cut(s.text)
        project = [w for w, _ in tokenizer.tag(s.text)]
        if default != project:
            rows.append({"doc": s.doc, "section": s.section, "sentence": s.sentence,
                         "default": " / ".join(default), "project": " / ".join(project)})
            if limit and len(rows) >= limit:
                break
    return pd.DataFrame(rows, columns=["doc", "section", "sentence", "default", "project"])


def add_counts(frame: pd.DataFrame, keys: list[str], firsts: tuple[str, ...] = (),
               sums: tuple[str, ...] = ("count",)) -> pd.DataFrame:
    """Add up the ``count`` (and the other ``sums``) of rows with the same keys (the tallies of chunks
    and documents), in the order each first occurs; ``firsts``: columns that keep their first value
    (a verb's first tag)."""
    agg = {**{c: (c, "sum") for c in sums}, **{c: (c, "first") for c in firsts}}
    return frame.groupby(keys, sort=False).agg(**agg).reset_index()


def _analyse(work: Work, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    table = work.tokens()
    parts = {}
    if "tokens" in want:
        parts["tokens"] = table.frame()
    if "word_counts" in want:
        parts["word_counts"] = tally(table, content_mask(table, stopwords=work.lexicons.stopwords), by=work.by)
    return parts


def _combine(run: RunParts, want: frozenset[str]) -> dict[str, pd.DataFrame]:
    counts = run.parts.get("word_counts")
    build = {"tokens": lambda: run.parts["tokens"],
             "content_words": lambda: sort_token_counts(add_counts(counts, ["token", "pos"])),
             "word_counts": lambda: sort_token_counts(add_counts(counts, [*run.by, "token", "pos"]), by=run.by)}
    return {name: build[name]() for name in want}


register(Measure(
    name="words", position=20,
    summary="the tokens, and the content words of the corpus and of each unit of comparison",
    tables=(Table("tokens", "token, in text order, with its tag (pos), coarse tag (upos), place and offsets",
                  tuple(TOKEN_COLUMNS), ("tokens",)),
            Table("content_words", "content word (stopwords and punctuation removed) with its count",
                  ("token", "pos", "count"), ("word_counts",)),
            Table("word_counts", "content word of each unit of comparison with its count (what keyness compares)",
                  ("doc", "(section, section_index or subsection_index by unit)", "token", "pos", "count"),
                  ("word_counts",))),
    parts=("tokens", "word_counts"), tokens=("tokens", "word_counts"), analyse=_analyse, combine=_combine,
))
