"""Words: content-word frequencies, and what the user dictionary changes in the segmentation."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.text.lexicons import WordList, load_stopwords
from analysis.text.tokenizers import PUNCT, Tokenizer, get_tokenizer

if TYPE_CHECKING:
    import pandas as pd

_NOT_A_WORD = re.compile(r"[\d\W_]+")  # digits, punctuation and symbols only


def content_words(tokens: pd.DataFrame, *, stopwords: WordList | None = None, min_chars: int = 2) -> pd.DataFrame:
    """Return the tokens that carry content: no punctuation, no stopword, at least ``min_chars`` long."""
    stopwords = load_stopwords() if stopwords is None else stopwords
    # decided once per distinct word, not per token
    words = {w for w in tokens["token"].unique()
             if len(w) >= min_chars and w not in stopwords.words and not _NOT_A_WORD.fullmatch(w)}
    return tokens[(tokens["upos"] != PUNCT) & tokens["token"].isin(words)]



def count_tokens(tokens: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return token frequencies: token, pos, count; sorted by count descending, then token.

    ``by`` (e.g. ``["doc"]``) counts within each group; its columns come first.
    """
    return sort_token_counts(tally_tokens(tokens, by=by), by=by)


def tally_tokens(tokens: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return token, pos and count in the order each first occurs (what ``count_tokens`` sorts).

    Tallies of consecutive parts of a text added up in order keep that order, so that a tie (one
    word with two tags, equally often) is broken as in the whole text.
    """
    by = list(by or [])
    if "count" in tokens:  # rows of tally_types
        return tokens.groupby([*by, "token", "pos"], sort=False)["count"].sum().reset_index()
    return tokens.groupby([*by, "token", "pos"], sort=False).size().reset_index(name="count")


def tally_types(tokens: pd.DataFrame, *, by: list[str] | None = None) -> pd.DataFrame:
    """Return each distinct word and tag with its coarse tag and count, in the order each first occurs:
    one pass over the tokens, which every count (content words, verbs, markers) can then filter.

    The measures' functions accept this table wherever they accept token rows.
    """
    by = list(by or [])
    return tokens.groupby([*by, "token", "pos", "upos"], sort=False).size().reset_index(name="count")


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
