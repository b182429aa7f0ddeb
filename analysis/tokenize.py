"""Token stage: segment and part-of-speech tag the cleaned text with the project's own jieba tokenizer.

The tokenizer is a dedicated ``jieba.Tokenizer`` (never the global ``jieba.dt``), loaded on first use
with the project's user dictionary, so that political terms stay whole and carry the tag the
dictionary gives them. Tokens keep their offsets: joined in order they give back the cleaned text.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.lexicon import STOPWORDS, USERDICT, load_userdict, word_set

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Speech

TOKEN_COLUMNS = ["token", "pos", "doc", "section", "paragraph", "sentence", "start", "end"]
# jieba's tag for punctuation, whitespace and anything it cannot name.
PUNCT_TAG = "x"


def get_tokenizer(userdict: Path = USERDICT):
    """Return a POS tokenizer with the user dictionary loaded (built once per dictionary file)."""
    return _build_tokenizer(Path(userdict).resolve())


@lru_cache(maxsize=4)
def _build_tokenizer(userdict: Path):
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG to stderr
    entries = load_userdict(userdict)  # validate before the 1-2 s dictionary load
    tokenizer = jieba.Tokenizer()
    for e in entries:
        # add_word(word, None, tag) lets jieba compute a frequency that keeps the word whole;
        # freq 0 removes a dictionary word (贯彻落实) so that it splits into its parts.
        tokenizer.add_word(e.word, e.freq, e.tag)
    return jieba.posseg.POSTokenizer(tokenizer)


@lru_cache(maxsize=1)
def _default_tokenizer():
    """jieba with its own dictionary only, as a baseline (also a dedicated instance)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def segmentation_diff(speeches: list[Speech], *, limit: int | None = None) -> pd.DataFrame:
    """Return the sentences that jieba's default dictionary segments differently from the project's.

    Columns: doc, section, sentence, default (jieba alone) and project (with the user dictionary),
    tokens separated by " / ".
    """
    import pandas as pd

    rows = []
    for sp in speeches:
        for s in sp.sentences:
            default = _default_tokenizer().lcut(s.text)
            project = [w for w, _ in tag_text(s.text)]
            if default != project:
                rows.append({"doc": sp.doc_id, "section": sp.section_label(s.section), "sentence": s.index,
                             "default": " / ".join(default), "project": " / ".join(project)})
    frame = pd.DataFrame(rows, columns=["doc", "section", "sentence", "default", "project"])
    return frame.head(limit) if limit else frame


def tag_text(text: str, *, userdict: Path = USERDICT) -> list[tuple[str, str]]:
    """Return ``(token, pos)`` pairs of ``text`` in order; joined, the tokens give back ``text``."""
    return [(p.word, p.flag) for p in get_tokenizer(userdict).cut(text)]


def tokenize_speech(speech: Speech, *, userdict: Path = USERDICT) -> pd.DataFrame:
    """Return one row per token of a speech: token, pos, doc, section, paragraph, sentence, start, end."""
    import numpy as np
    import pandas as pd

    pairs = list(get_tokenizer(userdict).cut(speech.text))
    words = [p.word for p in pairs]
    tags = [p.flag for p in pairs]
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    start = np.cumsum(lengths) - lengths  # into speech.text; the frame adds speech.offset
    sent_starts = np.asarray([s.start for s in speech.sentences], dtype=np.int64)
    local = np.clip(np.searchsorted(sent_starts, start, side="right") - 1, 0, None)
    sent_index = np.asarray([s.index for s in speech.sentences], dtype=np.int64)
    sent_section = np.asarray([s.section for s in speech.sentences], dtype=np.int64)
    sent_paragraph = np.asarray([s.paragraph for s in speech.sentences], dtype=np.int64)
    labels = np.asarray([speech.section_label(i) for i in range(len(speech.sections))], dtype=object)
    return pd.DataFrame({
        "token": words,
        "pos": tags,
        "doc": speech.doc_id,
        "section": labels[sent_section[local]] if len(words) else [],
        "paragraph": sent_paragraph[local] if len(words) else [],
        "sentence": sent_index[local] if len(words) else [],
        "start": speech.offset + start,
        "end": speech.offset + start + lengths,
    }, columns=TOKEN_COLUMNS)


def tokens_frame(speeches: list[Speech], *, userdict: Path = USERDICT) -> pd.DataFrame:
    """Return the tokens of several speeches, one row per token, in text order."""
    import pandas as pd

    frames = [tokenize_speech(s, userdict=userdict) for s in speeches]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=TOKEN_COLUMNS)


def load_stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    """Return the stopword set (read once per file)."""
    return word_set(path)


def content_words(tokens: pd.DataFrame, *, stopwords: frozenset[str] | None = None,
                  min_chars: int = 2) -> pd.DataFrame:
    """Return the tokens that carry content: no punctuation, no stopword, at least ``min_chars`` long."""
    stopwords = load_stopwords() if stopwords is None else stopwords
    keep = (
        (tokens["pos"] != PUNCT_TAG)
        & ~tokens["token"].isin(stopwords)
        & (tokens["token"].str.len() >= min_chars)
        & ~tokens["token"].str.fullmatch(r"[\d\W_]+")
    )
    return tokens[keep]


def count_tokens(tokens: pd.DataFrame) -> pd.DataFrame:
    """Return token frequencies: token, pos, count; sorted by count descending, then token."""
    counts = tokens.groupby(["token", "pos"], sort=False).size().reset_index(name="count")
    return counts.sort_values(["count", "token"], ascending=[False, True], ignore_index=True)
