"""Fixtures of the measures' tests: two Government Work Reports with their readers' gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.engine.validation import rows_by_context
from analysis.text.documents import load_speech
from analysis.text.tokens import tokenize_chunk

DATA = Path(__file__).resolve().parents[1] / "data"


def read_gold(name: str, text: str, word: str) -> dict[tuple[str, int], dict]:
    """The rows of a gold file by (word, offset in ``text``), matched by their contexts."""
    return rows_by_context(DATA / name, text, word)


@pytest.fixture(scope="session")
def annotated(govreports):
    """The 2019 (development) and 2005 (held-out) reports, tokenized, with their gold verbs and markers."""
    out = {}
    for year in ("2019", "2005"):
        report = load_speech(govreports / f"{year}.txt", simplified=True)
        tokens = tokenize_chunk(report)
        out[year] = (tokens, read_gold(f"verbs_gwr{year}.tsv", report.text, "word"),
                     read_gold(f"markers_gwr{year}.tsv", report.text, "marker"))
    return out


