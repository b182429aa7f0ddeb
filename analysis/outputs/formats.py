"""Tokens and tables for other tools: CoNLL-U, CWB vertical text (VRT) and Parquet.

- **CoNLL-U** (Universal Dependencies' format; spaCy, Stanza, R's udpipe read it): one block a
  sentence, ``# sent_id`` (document and sentence number) and ``# text``, one line a token: its form,
  the coarse tag as UPOS, the tokenizer's own tag as XPOS and, in MISC, ``SpaceAfter=No`` where no
  space follows it (between Chinese words, none does), its offsets into the cleaned text and its
  document (``SpaceAfter=No|Start=12|End=14|Doc=2019``); no lemma, features or dependencies (``_``).
- **CWB vertical text** (``cwb-encode``, CQPweb, Sketch Engine, AntConc read it): ``<text id date
  title>`` a document, ``<s id>`` a sentence, one line a token with its positional attributes: word,
  tag, coarse tag, and what this project marks on it: the slogan category of a slogan's token, ``v``
  for an action verb in use, the class of a directive marker (``-`` where none).
- **Parquet** (pyarrow; pandas and R's arrow read it): every table of a run, one file each, the
  columns of the CSV files with their types.

Whitespace tokens (line ends) are no tokens of these formats.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

if TYPE_CHECKING:
    import pandas as pd

CorpusResult = Any  # a run's result: analysis.engine.CorpusResult (tables by name, documents); outputs never import the engine

EXPORT_FORMATS = ("conllu", "vrt", "parquet")
# the tables a token export reads: the tokens, the sentences they stand in, and the marks of the project
TOKEN_TABLES = ["documents", "sentences", "tokens", "slogan_matches", "verb_tokens", "modality_tokens"]
VRT_ATTRIBUTES = ("word", "pos", "upos", "slogan", "verb", "marker")  # cwb-encode -P pos -P upos …
NONE = "-"


def _sentences(result: CorpusResult) -> Iterator[tuple[str, int, str, pd.DataFrame]]:
    """Each sentence of each document: doc, sentence number, its text, its tokens (no whitespace)."""
    tokens = result["tokens"]
    tokens = tokens[~tokens["token"].str.isspace()]
    texts = {(d, s): t for d, s, t in zip(result["sentences"]["doc"], result["sentences"]["sentence"],
                                          result["sentences"]["text"])}
    for (doc, sentence), group in tokens.groupby(["doc", "sentence"], sort=False):
        yield str(doc), int(sentence), texts.get((doc, sentence), "".join(group["token"])), group


def conllu_lines(result: CorpusResult) -> Iterator[str]:
    """The tokens of a run as CoNLL-U, a line at a time (see the module docstring)."""
    for doc, sentence, text, group in _sentences(result):
        yield f"# sent_id = {doc}-{sentence}"
        yield f"# text = {' '.join(text.split())}"
        starts = list(group["start"])
        for n, (form, upos, xpos, start, end) in enumerate(
                zip(group["token"], group["upos"], group["pos"], group["start"], group["end"]), 1):
            form = form.replace(" ", "\u00a0")  # a form holds no space (a Latin name: New York)
            # Chinese has no space between words: a tool that rebuilds the text from the tokens must add none
            joined = "SpaceAfter=No|" if n == len(starts) or starts[n] == end else ""
            yield f"{n}\t{form}\t_\t{upos}\t{xpos}\t_\t_\t_\t_\t{joined}Start={start}|End={end}|Doc={doc}"
        yield ""


def vrt_lines(result: CorpusResult) -> Iterator[str]:
    """The tokens of a run as CWB vertical text, a line at a time (see the module docstring)."""
    slogans = _marks(result["slogan_matches"], "category")
    verbs = {(d, s) for d, s in zip(result["verb_tokens"]["doc"], result["verb_tokens"]["start"])}
    markers = {(d, s): c for d, s, c in zip(result["modality_tokens"]["doc"], result["modality_tokens"]["start"],
                                            result["modality_tokens"]["class"])}
    documents = result["documents"].set_index("doc")
    current = None
    for doc, sentence, _, group in _sentences(result):
        if doc != current:
            if current is not None:
                yield "</text>"
            row = documents.loc[doc] if doc in documents.index else None
            date = "" if row is None or row["date"] is None or str(row["date"]) in ("", "nan", "None") else str(row["date"])
            title = "" if row is None else str(row["title"] or "")
            yield f"<text id={quoteattr(doc)} date={quoteattr(date)} title={quoteattr(title)}>"
            current = doc
        yield f"<s id={quoteattr(f'{doc}-{sentence}')}>"
        for word, pos, upos, start, end in zip(group["token"], group["pos"], group["upos"], group["start"], group["end"]):
            marks = (_mark(slogans, doc, start, end), "v" if (doc, start) in verbs else NONE,
                     markers.get((doc, start), NONE))
            yield "\t".join((escape(word.replace("\t", " ")), pos, upos, *marks))
        yield "</s>"
    if current is not None:
        yield "</text>"


def _marks(matches: pd.DataFrame, column: str) -> dict[str, tuple[list[int], list[int], list[str]]]:
    """The matches of each document as sorted starts, ends and the match's ``column``, for ``_mark``."""
    out = {}
    for doc, group in matches.sort_values(["doc", "start"]).groupby("doc", sort=False):
        out[str(doc)] = (group["start"].tolist(), group["end"].tolist(), group[column].astype(str).tolist())
    return out


def _mark(marks: dict, doc: str, start: int, end: int) -> str:
    """The value of the match that holds the token ``[start, end)`` of ``doc`` (``-`` for none)."""
    from bisect import bisect_right

    if doc not in marks:
        return NONE
    starts, ends, values = marks[doc]
    k = bisect_right(starts, start) - 1
    return values[k] if k >= 0 and end <= ends[k] else NONE


def parquet_tables(result: CorpusResult) -> dict[str, bytes]:
    """Every table of a run as Parquet bytes, by file name (``verbs.parquet``)."""
    import io

    out = {}
    for name in result.tables:
        frame = result[name].copy()
        for column in frame.columns:  # an object column of mixed values (a date or nothing) as text
            if frame[column].dtype == object:
                frame[column] = frame[column].map(lambda v: None if v is None else str(v))
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False, engine="pyarrow")
        out[f"{name}.parquet"] = buffer.getvalue()
    return out
