"""The command line, run as a user runs it: ``python -m analysis ...`` in a subprocess."""

from __future__ import annotations

import csv
import io
import json
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


def test_repeated_file_adds_up(tmp_path):
    table = rows(cli("slogans", "--format", "csv", str(SEED), str(SEED)).stdout)
    assert {r["term"]: int(r["count"]) for r in table}["疫情就是命令，防控就是责任"] == 6


def test_matches_are_traceable():
    table = rows(cli("slogans", "--matches", "--format", "csv").stdout)
    assert list(table[0])[:5] == ["doc", "term", "category", "start", "end"]
    assert all(r["section"] and r["sentence"] for r in table)


def test_table_format_aligns_chinese():
    out = cli("modality", "--format", "table").stdout
    assert out.splitlines()[0].split() == ["marker", "class", "count", "gloss"]


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
