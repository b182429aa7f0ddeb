"""The one pipeline: every table of a chunked run equals that of a whole run; runs compute what is asked."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.engine import DEFAULT_TABLES, TABLES, Options, run_corpus
from analysis.text import tokens
from tests.expected import CHUNKS_OF_300, CLEANED_CHARACTERS, REPORT_TABLES, SEED, SLOGAN_COUNTS, TOP_VERBS


def test_every_table_is_computed_in_order(result):
    # every table but the query's (kwic) and the cleaned texts (which the run's result carries for the pages)
    assert list(result) == list(DEFAULT_TABLES) == REPORT_TABLES == [t for t in TABLES if t not in ("kwic", "texts")]


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

    monkeypatch.setattr(tokens, "token_table", refuse)
    counts = run_corpus([SEED], tables=["slogans"])["slogans"]
    assert counts["count"].sum() > 0


def test_unknown_tables_and_wrong_options_are_refused():
    with pytest.raises(ValueError, match="unknown tables: nope"):
        Options(tables=("nope",))
    with pytest.raises(ValueError, match="a window must be from 1 to 200 characters, not 400"):
        Options.of(kwic_window=400)
    with pytest.raises(ValueError, match="unknown settings: windw"):
        Options.of(windw=4)
    with pytest.raises(TypeError, match="give options or their fields"):
        run_corpus([SEED], Options(), tables=["verbs"])
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
    whole = run_corpus([SEED], options=Options.of(tables=("kwic",), query="防控", chunk_chars=None))["kwic"]
    chunked = run_corpus([SEED], options=Options.of(tables=("kwic",), query="防控", chunk_chars=300))["kwic"]
    pd.testing.assert_frame_equal(chunked, whole)
    assert len(whole) == 35  # HAND: 防控 35 times (tests/expected.py)


@pytest.mark.draws
@pytest.mark.parametrize("command", [["report", "--formats", "png"], ["read"]])
def test_a_file_is_opened_once_per_run(monkeypatch, run_cli, write_file, tmp_path, command):
    """Read once: the file's bytes are read, decoded, hashed, cleaned and parsed once, and its cleaned
    text travels in the run's result to every table, chart and page (no second open)."""
    import builtins
    import io
    from pathlib import Path

    speech = write_file("speech.txt", SEED.read_bytes())
    opened = []
    for module in (builtins, io):
        original = module.open

        def counting(file, *args, _original=original, **kwargs):
            if isinstance(file, (str, Path)) and Path(file).resolve() == speech.resolve():
                opened.append(file)
            return _original(file, *args, **kwargs)

        monkeypatch.setattr(module, "open", counting)
    code, _, err = run_cli(*command, speech, "--out", tmp_path / "out", "--no-cache")
    assert code == 0, err
    assert len(opened) == 1


@pytest.mark.parametrize("name", DEFAULT_TABLES)
def test_each_table_has_the_columns_its_measure_declares(result, name):
    """The registry's declarations are what the docs' table reference is made of: they must be true."""
    from analysis.measures.registry import tables

    declared = [c for c in tables()[name].columns if not c.startswith("(")]  # "(section ... by unit)" varies
    assert list(result[name].columns) == declared
