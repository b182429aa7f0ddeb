"""The result cache: a rerun skips the tokenizer; exactly what changed is computed again."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from analysis.engine import run_corpus
from analysis.engine.cache import ResultCache
from analysis.text.lexicons import Lexicons
from analysis.text.tokenizers.jieba_backend import JiebaTokenizer
from analysis.text.tokenizers.rjieba_backend import RjiebaTokenizer
from tests.expected import SEED
from tests.text.test_lexicons import GOOD_SLOGANS

TABLES = ["verbs", "modality", "slogans", "formulations"]


@pytest.fixture
def tagged(monkeypatch):
    """Count the texts the jieba tokenizer is asked to tag (every run here is in this process); a word
    tagged alone (to split a compound) is not the speech tagged. ``tagged.rjieba`` counts rjieba's."""
    class Calls(list):
        rjieba: list

    calls = Calls()
    calls.rjieba = []
    for backend, kept in ((JiebaTokenizer, calls), (RjiebaTokenizer, calls.rjieba)):
        def tag_raw(self, text, original=backend.tag_raw, kept=kept):
            if len(text) > 100:
                kept.append(len(text))
            return original(self, text)

        monkeypatch.setattr(backend, "tag_raw", tag_raw)
    return calls


def _run(cache, **kwargs):
    return run_corpus([SEED], tables=TABLES, chunk_chars=None, workers=1, cache=cache, **kwargs)


def test_a_rerun_skips_the_tokenizer_and_gives_the_same_tables(tmp_path, tagged):
    cache = ResultCache(tmp_path)
    first = _run(cache)
    # the speech tagged once; its tokens, its results and the run's tables kept
    assert len(tagged) == 1 and len(cache) == 3
    second = _run(cache)
    assert len(tagged) == 1  # nothing tagged again
    for name in TABLES:
        assert second[name].equals(first[name]), name
    # HAND: 要 is the speech's most frequent directive (tests/expected.py), whether computed or kept
    assert second["modality"].set_index("marker").loc["要", "count"] == first["modality"].set_index("marker").loc["要", "count"]


def test_a_changed_slogan_lexicon_counts_again_without_tokenizing_again(tmp_path, tagged, write_file):
    cache = ResultCache(tmp_path)
    _run(cache)
    lexicon = write_file("slogans.yaml", GOOD_SLOGANS)
    changed = _run(cache, lexicons=Lexicons.load(slogans=lexicon))
    assert len(tagged) == 1  # the kept tokens were used
    # HAND: the one slogan of this lexicon occurs once in the speech (tests/expected.py SLOGAN_COUNTS)
    assert changed["slogans"].set_index("term")["count"].to_dict() == {"生命重于泰山": 1}


def test_a_changed_user_dictionary_tokenizes_again(tmp_path, tagged, write_file):
    cache = ResultCache(tmp_path)
    before = _run(cache)
    bundled = Lexicons.load().userdict.path.read_text(encoding="utf-8")
    userdict = write_file("userdict.txt", bundled + "\n严防死守 i\n")
    after = _run(cache, lexicons=Lexicons.load(userdict=userdict))
    assert len(tagged) == 2  # tagged again under the new dictionary
    assert after["verbs"].equals(before["verbs"])  # 严防死守 is no verb: the verbs stay


def test_a_changed_tokenizer_backend_tokenizes_again(tmp_path, tagged):
    cache = ResultCache(tmp_path)
    _run(cache)
    _run(cache, tokenizer="rjieba")
    assert len(cache) == 6 and len(tagged.rjieba) == 1  # tokens, results and tables kept for each backend
    _run(cache, tokenizer="rjieba")
    assert len(cache) == 6 and len(tagged) == 1 and len(tagged.rjieba) == 1


def test_a_damaged_entry_is_computed_again_with_a_warning(tmp_path, tagged):
    cache = ResultCache(tmp_path)
    first = _run(cache)
    cache.close()
    with sqlite3.connect(tmp_path / "cache.db") as db:  # diskcache keeps entries this small in SQLite
        assert db.execute("UPDATE Cache SET value = ?", (b"\x80\x05not a pickle",)).rowcount == 3
    with pytest.warns(UserWarning, match="could not be read"):
        again = _run(ResultCache(tmp_path))
    assert len(tagged) == 2
    for name in TABLES:
        assert again[name].equals(first[name]), name


def test_no_cache_keeps_nothing(tmp_path, tagged):
    cache = ResultCache(tmp_path, enabled=False)
    _run(cache)
    _run(cache)
    assert len(tagged) == 2


@pytest.mark.slow
def test_command_line_cache_info_clear_and_no_cache(tmp_path):
    env = {"ANALYSIS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}

    def cli(*args):
        done = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout, done.stderr

    cli("verbs", str(SEED), "--no-cache")
    assert cli("cache", "info")[0].split(": ", 1)[1].startswith("0 entries")
    out, _ = cli("verbs", str(SEED))
    assert cli("cache", "info")[0].split(": ", 1)[1].startswith("3 entries")
    assert cli("verbs", str(SEED))[0] == out
    assert "removed 3 entries" in cli("cache", "clear")[1]
    assert cli("cache", "info")[0].split(": ", 1)[1].startswith("0 entries")


@pytest.mark.slow
def test_two_runs_at_once_share_the_cache(tmp_path):
    env = {"ANALYSIS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "analysis", "verbs", str(SEED)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
            for _ in range(2)]
    outputs = [run.communicate()[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs[0] == outputs[1]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.stdout == outputs[0] and done.stderr == ""


def test_a_run_asking_other_tables_gets_those_tables(tmp_path):
    cache = ResultCache(tmp_path)
    _run(cache)
    other = run_corpus([SEED], tables=["modality"], chunk_chars=None, workers=1, cache=cache)
    assert list(other.tables) == ["modality"]
    # the same as computed with no cache at all
    assert other["modality"].equals(_run(ResultCache(enabled=False))["modality"])


def test_a_changed_metadata_file_is_seen_on_the_next_run(tmp_path, tagged):
    speech = tmp_path / "speech.txt"
    speech.write_bytes(SEED.read_bytes())
    cache = ResultCache(tmp_path / "cache")
    (tmp_path / "speech.yaml").write_text("title: 第一个标题\ndate: 2020-01-26\n", encoding="utf-8")
    first = run_corpus([speech], tables=["documents", "verbs"], chunk_chars=None, workers=1, cache=cache)
    (tmp_path / "speech.yaml").write_text("title: 第一个标题\ndate: 2020-02-03\nspeaker: 某某\n", encoding="utf-8")
    second = run_corpus([speech], tables=["documents", "verbs"], chunk_chars=None, workers=1, cache=cache)
    assert first["documents"].loc[0, ["title", "date"]].tolist() == ["第一个标题", "2020-01-26"]
    assert second["documents"].loc[0, ["title", "date", "speaker"]].tolist() == ["第一个标题", "2020-02-03", "某某"]
    assert len(tagged) == 1  # the text did not change: its tokens were kept
    assert second["verbs"].equals(first["verbs"])


def test_a_document_in_chunks_is_kept_chunk_by_chunk(tmp_path, tagged, govreports):
    report = govreports / "2005.txt"  # 19,079 characters: 4 chunks of 6,000
    cache = ResultCache(tmp_path)
    first = run_corpus([report], tables=TABLES, chunk_chars=6000, workers=1, cache=cache)
    assert len(tagged) == 4 and len(cache) == 4 + 2  # a tokens entry per chunk; the results; the tables
    cache.close()
    with sqlite3.connect(tmp_path / "cache.db") as db:  # forget the results and the tables, keep the tokens
        assert db.execute("DELETE FROM Cache WHERE key NOT LIKE '%:%'").rowcount == 2
    again = run_corpus([report], tables=TABLES, chunk_chars=6000, workers=1, cache=ResultCache(tmp_path))
    assert len(tagged) == 4  # the kept tokens of each chunk were used
    pooled = run_corpus([report], tables=TABLES, chunk_chars=6000, workers=2, cache=ResultCache(tmp_path))
    for name in TABLES:
        assert again[name].equals(first[name]) and pooled[name].equals(first[name]), name


def test_an_entry_of_another_shape_is_computed_again_with_a_warning(tmp_path, tagged):
    import pickle

    cache = ResultCache(tmp_path)
    first = _run(cache)
    cache.close()
    with sqlite3.connect(tmp_path / "cache.db") as db:  # valid pickles, of the wrong things
        db.execute("UPDATE Cache SET value = ?", (pickle.dumps({"x": 1}),))
    with pytest.warns(UserWarning):
        again = _run(ResultCache(tmp_path))
    assert len(tagged) == 2
    for name in TABLES:
        assert again[name].equals(first[name]), name
