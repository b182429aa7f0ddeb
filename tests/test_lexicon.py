"""Data files: the shipped ones load; a malformed one fails at load with its file, line and problem."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.lexicon import (
    MODALITY, NONACTION_VERBS, SLOGANS, STOPWORDS, USERDICT,
    load_modality, load_slogans, load_userdict, load_wordlist,
)

GOOD_SLOGANS = """\
categories:
  mob: {zh: 动员, en: mobilisation}
slogans:
  - term: 生命重于泰山
    category: mob
    variants: []
    gloss: life is weightier than Mount Tai
    note: test
"""


def test_shipped_data_files_load_and_start_with_a_header():
    categories, slogans = load_slogans(SLOGANS)
    assert set(categories) == {"mobilisation", "political_loyalty", "epidemic_policy", "cadre_responsibility"}
    assert len(slogans) >= 30
    assert all(s.gloss and s.note for s in slogans)
    assert load_userdict(USERDICT) and load_modality(MODALITY)
    assert load_wordlist(STOPWORDS) and load_wordlist(NONACTION_VERBS)
    for path in (SLOGANS, USERDICT, MODALITY, STOPWORDS, NONACTION_VERBS):
        head = path.read_text(encoding="utf-8").splitlines()[:25]
        assert head[0].startswith("# ") and any("Source" in h for h in head) and any("extend" in h for h in head), path


@pytest.mark.parametrize("text, line, problem", [
    ("categories: [\n", 2, "bad YAML"),
    (GOOD_SLOGANS.replace("    gloss: life is weightier than Mount Tai\n", ""), 4, "missing the field 'gloss'"),
    (GOOD_SLOGANS.replace("category: mob", "category: nope"), 4, "unknown category 'nope'"),
    (GOOD_SLOGANS + GOOD_SLOGANS.split("slogans:\n")[1], 9, "duplicate term '生命重于泰山'"),
    (GOOD_SLOGANS.replace("variants: []", "variants: ['、，']"), 4, "has no characters to match"),
    (GOOD_SLOGANS.replace("variants: []", "variants: ['生命 重于泰山']"), 4, "cannot match"),
    (GOOD_SLOGANS.replace("category: mob", "category: [mob]"), 4, "the field 'category' must be text"),
])
def test_malformed_slogan_lexicon_names_file_line_and_problem(tmp_path, text, line, problem):
    path = tmp_path / "slogans.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_slogans(path)
    assert str(err.value).startswith(f"{path}:{line}: ")
    assert problem in str(err.value)


@pytest.mark.parametrize("text, line, problem", [
    ("# header\n四个意识\n", 2, "has no part-of-speech tag"),
    ("四个意识 nz\n四个意识 n\n", 2, "duplicate word"),
    ("疫情就是命令，防控就是责任 l\n", 1, "holds punctuation"),
    ("四个 意识 nz\n", 1, "expected 'word [freq] tag'"),
])
def test_malformed_user_dictionary(tmp_path, text, line, problem):
    path = tmp_path / "userdict.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_userdict(path)
    assert str(err.value).startswith(f"{path}:{line}: ") and problem in str(err.value)


def test_malformed_wordlist_and_modality(tmp_path):
    words = tmp_path / "stop.txt"
    words.write_text("的\n了\n的\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"stop.txt:3: duplicate word '的'"):
        load_wordlist(words)
    markers = tmp_path / "modality.yaml"
    markers.write_text("markers:\n  - {word: 要, class: obligation}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"modality.yaml:2: marker is missing the field 'gloss'"):
        load_modality(markers)


def test_data_file_not_utf8(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_bytes("的\n".encode("gb18030") + b"\xff\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_wordlist(path)
