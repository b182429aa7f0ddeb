"""Token stage: a chunk's words, tags and places, as one table row per token.

Tokens keep their offsets: joined in order they give back the cleaned text, and each row says the
section, paragraph and sentence it stands in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.text.tokenizers import Tokenizer, get_tokenizer

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk

TOKEN_COLUMNS = ["token", "pos", "upos", "doc", "section", "section_index", "paragraph", "sentence", "start", "end"]


def locate_frame(chunk: Chunk, starts) -> dict:
    """Return the columns doc, section, section_index, paragraph and sentence of local offsets ``starts``."""
    import numpy as np

    section, paragraph, sentence = chunk.structure.locate(starts)
    labels = chunk.structure.labels()
    return {
        "doc": chunk.doc_id,
        "section": np.asarray([labels[i] for i in section], dtype=object),
        "section_index": section,
        "paragraph": paragraph,
        "sentence": sentence,
    }


def tokenize_chunk(chunk: Chunk, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Return one row per token of a chunk: token, pos, upos, doc, section, section_index, paragraph,
    sentence, start, end (offsets into the document's cleaned text)."""
    import numpy as np
    import pandas as pd

    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    pairs = tokenizer.tag(chunk.text)
    words = [w for w, _ in pairs]
    tags = [t for _, t in pairs]
    coarse = {t: tokenizer.coarse(t) for t in set(tags)}
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    start = np.cumsum(lengths) - lengths
    return pd.DataFrame({
        "token": words,
        "pos": tags,
        "upos": [coarse[t] for t in tags],
        **locate_frame(chunk, start),
        "start": chunk.offset + start,
        "end": chunk.offset + start + lengths,
    }, columns=TOKEN_COLUMNS)


def tag_text(text: str, *, tokenizer: Tokenizer | None = None) -> list[tuple[str, str]]:
    """Return ``(token, tag)`` pairs of ``text`` in order; joined, the tokens give back ``text``."""
    return (get_tokenizer() if tokenizer is None else tokenizer).tag(text)
