"""The one pipeline: every table of a chunked run equals that of a whole run; runs compute what is asked."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.engine import DEFAULT_TABLES, TABLES, Options, run_corpus
from analysis.engine import pipeline
from tests.expected import CHUNKS_OF_300, CLEANED_CHARACTERS, REPORT_TABLES, SEED, SLOGAN_COUNTS, TOP_VERBS


def test_every_table_is_computed_in_order(result):
    assert list(result) == list(DEFAULT_TABLES) == REPORT_TABLES == [t for t in TABLES if t != "kwic"]


@pytest.mark.parametrize("name", DEFAULT_TABLES)
def test_a_chunked_run_equals_a_whole_run(result, chunked, name):
    assert chunked.reports[SEED.stem].characters == result.reports[SEED.stem].characters
    pd.testing.assert_frame_equal(chunked[name], result[name])


def test_the_chunked_run_really_was_chunked(result, chunked):
    assert (chunked.reports[SEED.stem].chunks, result.reports[SEED.stem].chunks) == (CHUNKS_OF_300, 1)
    assert chunked.reports[SEED.stem].characters == CLEANED_CHARACTERS


def test_hand_checked_values_through_the_pipeline(result):
    counts = dict(zip(result["slogans"]["term"], result["slogans"]["count"]))
    assert {t: counts[t] for t in SLOGAN_COUNTS} == SLOGAN_COUNTS
    assert list(zip(result["verbs"]["verb"], result["verbs"]["count"]))[:13] == TOP_VERBS


def test_several_documents_add_up_and_keep_their_ids(write_file, result):
    copy = write_file("copy.txt", SEED.read_bytes())
    both = run_corpus([SEED, copy], chunk_chars=300, tables=["documents", "slogans", "verbs", "slogan_matches"])
    assert list(both) == ["documents", "slogans", "slogan_matches", "verbs"]
    assert both["documents"]["doc"].tolist() == [SEED.stem, "copy"]
    assert dict(zip(both["slogans"]["term"], both["slogans"]["count"]))["第一时间"] == 6
    assert dict(zip(both["verbs"]["verb"], both["verbs"]["count"]))["加强"] == 20
    once = len(result["slogan_matches"])
    assert both["slogan_matches"]["doc"].value_counts().to_dict() == {SEED.stem: once, "copy": once}


def test_a_slogan_run_does_not_tokenize(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("tokenized")

    monkeypatch.setattr(pipeline, "tokenize_chunk", refuse)
    counts = run_corpus([SEED], tables=["slogans"])["slogans"]
    assert counts["count"].sum() > 0


def test_unknown_tables_and_wrong_options_are_refused():
    with pytest.raises(ValueError, match="unknown tables: nope"):
        Options(tables=("nope",))
    with pytest.raises(ValueError, match="kwic_window must be from 1 to 200"):
        Options(kwic_window=400)
    with pytest.raises(ValueError, match="unit must be"):
        Options(unit="paragraph")


def test_an_empty_list_of_files_is_not_the_bundled_corpus():
    from analysis.errors import InputError

    with pytest.raises(InputError, match="none named"):
        run_corpus([])


def test_a_document_without_chinese_is_analysed_with_a_warning(write_file):
    path = write_file("english.txt", "Speech of the mayor\nWe must work hard, and we will.\n")
    warned = []
    result = run_corpus([path], on_document=lambda doc, report, row: warned.extend(report.warnings()))
    assert warned == ["no Chinese characters: nothing to count"]
    assert result["slogan_matches"].empty and result["verbs"].empty
    assert result["slogans"]["count"].sum() == 0


def test_a_kwic_read_in_chunks_equals_a_whole_read():
    whole = run_corpus([SEED], options=Options(tables=("kwic",), query="防控", chunk_chars=None))["kwic"]
    chunked = run_corpus([SEED], options=Options(tables=("kwic",), query="防控", chunk_chars=300))["kwic"]
    pd.testing.assert_frame_equal(chunked, whole)
    assert len(whole) == 35  # HAND: 防控 35 times (tests/expected.py)
