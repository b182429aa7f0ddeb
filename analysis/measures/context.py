"""Context: keywords in context (KWIC), so that every count can be read where it occurs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk

KWIC_COLUMNS = ["doc", "term", "section", "section_index", "sentence", "start", "left", "match", "right"]


def kwic(text: str, start: int, end: int, *, window: int = 15) -> tuple[str, str, str]:
    """Return the keyword in context: ``window`` characters left, the match, ``window`` right."""
    left = text[max(0, start - window):start].replace("\n", " ")
    right = text[end:end + window].replace("\n", " ")
    return left, text[start:end], right


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
        lines.append({"doc": r.doc, "term": r.term, "section": r.section, "section_index": r.section_index,
                      "sentence": r.sentence, "start": r.start, "left": left.replace("\n", " "),
                      "match": chunk.text[start:end], "right": right.replace("\n", " ")})
    return pd.DataFrame(lines, columns=KWIC_COLUMNS)
