"""Data files: the shipped ones load; a malformed one fails at load with its file, line and problem."""

from __future__ import annotations

import pytest

from analysis.errors import InputError
from analysis.text.lexicons import (
    GLOSSARY, MODALITY, NONACTION_VERBS, SLOGANS, STOPWORDS, USERDICT, Lexicons,
    load_modality, load_slogans, load_stopwords, load_userdict,
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
    lexicon = load_slogans(SLOGANS)
    assert [c.key for c in lexicon.categories][:4] == ["mobilisation", "political_loyalty", "epidemic_policy",
                                                       "cadre_responsibility"]
    assert len(lexicon.categories) == 12 and len(lexicon.slogans) >= 150  # a lexicon of the genre
    assert {s.category for s in lexicon.slogans} == {c.key for c in lexicon.categories}
    assert all(s.gloss and s.note for s in lexicon.slogans)
    assert load_userdict(USERDICT).entries and load_modality(MODALITY).markers
    assert len(load_stopwords(STOPWORDS)) and len(load_stopwords(NONACTION_VERBS))
    for path in (SLOGANS, USERDICT, MODALITY, STOPWORDS, NONACTION_VERBS, GLOSSARY):
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
        load_stopwords(words)
    markers = tmp_path / "modality.yaml"
    markers.write_text("markers:\n  - {word: 要, class: obligation}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"modality.yaml:2: marker is missing the field 'gloss'"):
        load_modality(markers)


def test_data_file_not_utf8(tmp_path):
    path = tmp_path / "stop.txt"
    path.write_bytes("的\n".encode("gb18030") + b"\xff\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_stopwords(path)


def test_every_lexicon_carries_the_hash_of_its_bytes_and_is_reloaded_when_it_changes(tmp_path):
    import hashlib

    bundled = Lexicons.load()
    for name, digest in bundled.hashes().items():
        assert digest == hashlib.sha256(getattr(bundled, name).path.read_bytes()).hexdigest(), name
    path = tmp_path / "slogans.yaml"
    path.write_text(GOOD_SLOGANS, encoding="utf-8")
    first = load_slogans(path)
    assert load_slogans(path) is first  # read once while the file is unchanged
    path.write_text(GOOD_SLOGANS.replace("生命重于泰山", "人民至上"), encoding="utf-8")
    second = load_slogans(path)
    assert [s.term for s in second.slogans] == ["人民至上"] and second.sha256 != first.sha256
    # a copy with the same bytes elsewhere is the same lexicon (what caches key on)
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(path.read_bytes())
    assert load_slogans(copy) == second and hash(load_slogans(copy)) == hash(second)


def test_lexicons_load_the_bundled_files_or_the_ones_given(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD_SLOGANS, encoding="utf-8")
    mine = Lexicons.load(slogans=path)
    assert mine.slogans.path == path.resolve() and mine.modality == Lexicons.load().modality
