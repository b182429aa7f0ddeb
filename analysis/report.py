"""Report stage: every table of a corpus, computed once, written as CSV for analysts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from analysis.corpus import sections_frame, sentences_frame
from analysis.export import write_table
from analysis.slogans import count_categories, count_slogans, slogan_matches
from analysis.tokenize import content_words, count_tokens, tokens_frame
from analysis.verbs import count_modality, count_verbs, modality_tokens, verb_tokens

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Speech


def build_tables(speeches: list[Speech]) -> dict[str, pd.DataFrame]:
    """Return every table of the corpus by name (the CSV file names without ``.csv``)."""
    tokens = tokens_frame(speeches)
    matches = slogan_matches(speeches)
    return {
        "sections": sections_frame(speeches),
        "sentences": sentences_frame(speeches),
        "tokens": tokens,
        "content_words": count_tokens(content_words(tokens)),
        "slogans": count_slogans(matches, include_zero=True),
        "slogan_matches": matches,
        "slogan_categories": count_categories(matches),
        "verbs": count_verbs(tokens),
        "verb_tokens": verb_tokens(tokens),
        "modality": count_modality(tokens, include_zero=True),
        "modality_tokens": modality_tokens(tokens),
    }


def write_tables(tables: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """Write each table as ``out/NAME.csv``; return the paths written."""
    return [write_table(frame, Path(out) / f"{name}.csv") for name, frame in tables.items()]
