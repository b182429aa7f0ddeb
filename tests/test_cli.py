"""The command line, run as a user runs it: ``python -m analysis ...`` in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEED


def cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd)


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_slogans_csv_is_sorted_and_defaults_to_the_bundled_corpus():
    result = cli("slogans", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("term,category,count")
    table = rows(result.stdout)
    keys = [(-int(r["count"]), r["term"]) for r in table]
    assert keys == sorted(keys)
    assert {"term": "疫情就是命令，防控就是责任", "count": "3"}.items() <= table[1].items()
    assert cli("slogans", "--format", "csv", str(SEED)).stdout == result.stdout


def test_verbs_top_and_json():
    result = cli("verbs", "--top", "3", "--format", "json", str(SEED))
    assert result.returncode == 0
    assert [(r["verb"], r["count"]) for r in json.loads(result.stdout)] == [("加强", 10), ("落实", 8), ("做好", 6)]


def test_tokens_in_text_order_with_offsets():
    table = rows(cli("tokens", "--format", "csv").stdout)
    assert list(table[0])[:2] == ["token", "pos"]
    assert (table[0]["token"], table[0]["start"]) == ("市委书记", "0")
    assert all(int(a["end"]) == int(b["start"]) for a, b in zip(table, table[1:]))


def test_several_files_add_up_also_when_read_in_chunks(write_file):
    copy = write_file("copy.txt", SEED.read_bytes())
    env = {**os.environ, "ANALYSIS_CHUNK_CHARS": "300"}  # the seed then reads as 4 chunks
    for command, key, term, once in [("slogans", "term", "疫情就是命令，防控就是责任", 3),
                                     ("verbs", "verb", "加强", 10), ("modality", "marker", "要", 16)]:
        result = subprocess.run([sys.executable, "-m", "analysis", command, "--format", "csv", str(SEED), str(copy)],
                                capture_output=True, text=True, env=env)
        assert result.returncode == 0, result.stderr
        assert {r[key]: int(r["count"]) for r in rows(result.stdout)}[term] == 2 * once


def test_tokens_of_a_chunked_file_join_back_to_the_text(speech):
    env = {**os.environ, "ANALYSIS_CHUNK_CHARS": "300"}
    result = subprocess.run([sys.executable, "-m", "analysis", "tokens", "-v", "--format", "csv", str(SEED)],
                            capture_output=True, text=True, env=env)
    # HAND: 2,078 characters after cleaning, 39 sentences, the 3 footer lines removed (see test_corpus)
    assert result.stderr == f"{SEED}: encoding utf-8, 2078 characters, 39 sentences, removed 3 boilerplate lines\n"
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "".join(r["token"] for r in table) == speech.text
    assert [int(r["start"]) for r in table] == sorted(int(r["start"]) for r in table)


def test_the_same_document_twice_is_refused():
    result = cli("slogans", str(SEED), str(SEED))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {SEED}: same document id '000_891b73dabb0c5904' as {SEED}")


def test_matches_are_traceable():
    table = rows(cli("slogans", "--matches", "--format", "csv").stdout)
    assert list(table[0])[:5] == ["doc", "term", "category", "start", "end"]
    assert {r["section"] for r in table} == {"引言", "一", "二", "三"}
    assert all(r["sentence"].isdigit() and r["paragraph"].isdigit() for r in table)


def test_table_format_for_reading():
    out = cli("modality", "--format", "table").stdout.splitlines()
    assert out[0].split() == ["marker", "class", "count", "gloss"]
    assert out[1].split() == ["要", "obligation", "16", "must", "/", "should"]


@pytest.mark.parametrize("command", ["slogans", "verbs", "tokens", "modality", "figures", "report"])
def test_help(command):
    result = cli(command, "--help")
    assert result.returncode == 0 and "usage:" in result.stdout


@pytest.mark.parametrize("args", [["frobnicate"], ["slogans", "--format", "xml"], ["verbs", "--top", "0"], []])
def test_usage_errors_exit_2(args):
    assert cli(*args).returncode == 2


def test_input_error_is_one_line_naming_the_file(tmp_path):
    missing = tmp_path / "nope.txt"
    result = cli("slogans", str(missing))
    assert result.returncode == 1
    assert result.stderr == f"error: {missing}: no such file\n"
    assert result.stdout == ""


def test_report_writes_every_table(tmp_path):
    result = cli("report", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "tables").iterdir())
    assert "slogans.csv" in names and "verbs.csv" in names and "slogan_matches.csv" in names
    assert not [n for n in names if n.endswith(".tmp")]


def test_figures_writes_the_six_charts(tmp_path):
    result = cli("figures", "--out", str(tmp_path), "--formats", "png", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{n}.png" for n in ("slogans", "verbs", "modality", "wordcloud", "dispersion", "category_heatmap"))


def test_figures_bad_format_is_a_usage_error(tmp_path):
    result = cli("figures", "--out", str(tmp_path), "--formats", "png,bmp")
    assert result.returncode == 2 and "bmp" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n\t \r\n", "only whitespace, no text"),
    ("footer.txt", "Copyright © wanshu.net All Rights Reserved.版权所有\n工信部备案号:鲁ICP备2020038323号-1\n".encode(),
     "only site boilerplate, no speech text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
    ("latin1.txt", "Résumé du café".encode("latin-1") * 5, "undecodable bytes"),
])
@pytest.mark.parametrize("command", ["slogans", "tokens"])
def test_input_that_cannot_be_analysed_is_one_line_and_exit_1(write_file, name, content, problem, command):
    path = write_file(name, content)
    result = cli(command, str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {path}: {problem}") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_a_directory_without_text_files(tmp_path):
    (tmp_path / "notes.md").write_text("# not a speech")
    result = cli("verbs", str(tmp_path))
    assert result.returncode == 1 and result.stderr == f"error: {tmp_path}: directory holds no .txt speech files\n"


def test_text_without_chinese_is_analysed_with_a_warning(write_file):
    path = write_file("english.txt", "Speech of the mayor\nWe must work hard, and we will.\n")
    result = cli("slogans", "--format", "csv", str(path))
    assert result.returncode == 0
    assert result.stdout == "term,category,count,gloss,category_zh,category_en\n"
    assert result.stderr == f"warning: {path}: no Chinese characters: nothing to count\n"
    assert cli("verbs", "--format", "csv", str(path)).stdout == "verb,count,pos\n"
    assert cli("modality", "--format", "csv", str(path)).stdout == "marker,class,count,gloss\n"


def test_traditional_text_warns_and_converts_on_request(write_file):
    path = write_file("trad.txt", "講話\n要堅決落實聯防聯控，疫情就是命令，防控就是責任。\n")
    warned = cli("slogans", "--format", "csv", str(path))
    assert "looks like traditional Chinese" in warned.stderr and "--simplified" in warned.stderr
    converted = cli("slogans", "--format", "csv", "--simplified", str(path))
    assert converted.stderr == ""
    assert {r["term"]: r["count"] for r in rows(converted.stdout)}["联防联控"] == "1"


def test_own_lexicon_with_a_mistake_is_named(tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("categories:\n  a: {zh: 甲, en: A}\nslogans:\n  - term: 四个意识\n    category: b\n"
                       "    gloss: x\n    note: y\n", encoding="utf-8")
    result = cli("slogans", "--lexicon", str(lexicon))
    assert result.returncode == 1
    assert result.stderr == f"error: {lexicon}:4: '四个意识': unknown category 'b'\n"


def _snapshot(directory):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.rglob("*")) if p.is_file()}


def test_no_command_writes_to_the_corpus_and_a_failing_run_keeps_earlier_outputs(tmp_path, write_file):
    from analysis.corpus import CORPUS_DIR

    corpus_before = _snapshot(CORPUS_DIR)
    assert cli("report", "--out", str(tmp_path / "out"), "--formats", "png").returncode == 0
    outputs = _snapshot(tmp_path / "out")
    bad = write_file("bad.txt", b"")
    failed = cli("report", "--out", str(tmp_path / "out"), str(SEED), str(bad))
    assert failed.returncode == 1
    assert _snapshot(tmp_path / "out") == outputs
    assert _snapshot(CORPUS_DIR) == corpus_before
    assert not [p for p in (tmp_path / "out").rglob("*.tmp")]


def test_output_folder_that_is_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "figures"
    blocker.write_text("not a folder")
    result = cli("figures", "--out", str(blocker / "sub"), "--formats", "png")
    assert result.returncode == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_a_closed_pipe_is_not_an_error():
    result = subprocess.run(f"'{sys.executable}' -m analysis tokens --format csv | head -1", shell=True,
                            capture_output=True, text=True)
    assert result.stdout == "token,pos,doc,section,paragraph,sentence,start,end\n"
    assert result.stderr == ""
