"""Token stage: a chunk's words, tags and places, as one table row per token.

Tokens keep their offsets: joined in order they give back the cleaned text, and each row says the
section, paragraph and sentence it stands in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.text.compounds import compound_splitter, formulation_forms, merge_formulations
from analysis.text.lexicons import VerbGrammar, load_grammar, load_modality, load_slogans
from analysis.text.tokenizers import Tokenizer, get_tokenizer

if TYPE_CHECKING:
    import pandas as pd

    from analysis.text.documents import Chunk

TOKEN_COLUMNS = ["token", "pos", "upos", "doc", "section", "section_index", "subsection", "subsection_index", "paragraph",
                 "sentence", "start", "end"]


def locate_frame(chunk: Chunk, starts) -> dict:
    """Return the columns doc, section, section_index, subsection, subsection_index, paragraph and
    sentence of local offsets ``starts``."""
    import numpy as np

    section, paragraph, sentence = chunk.structure.locate(starts)
    subsection = chunk.structure.locate_subsections(starts)

    def named(indices, labels: dict[int, str]) -> np.ndarray:
        """The label of each index (a handful of sections: one comparison each, not one lookup per token)."""
        indices = np.asarray(indices)
        out = np.empty(len(indices), dtype=object)
        for index, label in labels.items():
            out[indices == index] = label
        return out

    return {
        "doc": chunk.doc_id,
        "section": named(section, chunk.structure.labels()),
        "section_index": section,
        "subsection": named(subsection, chunk.structure.subsection_labels()),
        "subsection_index": subsection,
        "paragraph": paragraph,
        "sentence": sentence,
    }


def tokenize_chunk(chunk: Chunk, tokenizer: Tokenizer | None = None, *, markers: frozenset[str] | None = None,
                   grammar: VerbGrammar | None = None, forms: frozenset[str] | None = None,
                   tagged: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Return one row per token of a chunk: token, pos, upos, doc, section, section_index, subsection,
    subsection_index, paragraph, sentence, start, end (offsets into the document's cleaned text).

    Formulations of the slogan lexicon (``forms``) are one token each; compounds that hide a directive
    marker (``markers``, the bundled modality lexicon's by default) or a verb are split
    (``analysis.text.compounds``, by the rules of ``grammar``). ``tagged`` is the tokenizer's output
    for the chunk when a cache kept it."""
    import numpy as np
    import pandas as pd

    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    pairs = tag_text(chunk.text, tokenizer=tokenizer, markers=markers, grammar=grammar, forms=forms, tagged=tagged)
    words, tags = (list(column) for column in zip(*pairs)) if pairs else ([], [])
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


def tag_text(text: str, *, tokenizer: Tokenizer | None = None, markers: frozenset[str] | None = None,
             grammar: VerbGrammar | None = None, forms: frozenset[str] | None = None,
             tagged: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Return ``(token, tag)`` pairs of ``text`` in order: the tokenizer's (or ``tagged``, its output
    kept from an earlier run), with the formulations of ``forms`` (the bundled lexicon's by default)
    one token each and compounds split as ``tokenize_chunk`` says; joined, the tokens give back ``text``."""
    tokenizer = get_tokenizer() if tokenizer is None else tokenizer
    markers = load_modality().words if markers is None else markers
    grammar = load_grammar() if grammar is None else grammar
    forms = formulation_forms(load_slogans()) if forms is None else forms
    raw = tokenizer.tag(text) if tagged is None else tagged
    pairs = [(w, "m") if t == "x" and _NUMBER.fullmatch(w) else (w, t) for w, t in raw]
    pairs = merge_formulations(pairs, forms, tokenizer)
    return compound_splitter(tokenizer, frozenset(markers), grammar, forms).split(pairs)


# jieba's posseg tags a lone digit before a full-width point (5．1％) as x, punctuation; rjieba says m
_NUMBER = re.compile(r"[0-9０-９]+([.．][0-9０-９]+)?")
