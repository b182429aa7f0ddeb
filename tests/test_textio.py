"""Real-world input: encodings, line ends, traditional script and files that cannot be analysed.

Every case is a small file made by the test from the seed speech or a line of text.
"""

from __future__ import annotations

import codecs

import pytest

from analysis.corpus import iter_chunks, load_speech
from analysis.errors import InputError
from analysis.slogans import count_slogans, find_slogans
from analysis.textio import convert_to_simplified, detect_encoding, open_text, traditional_share
from analysis.tokenize import tokenize_speech
from analysis.verbs import count_verbs
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def results(path):
    speech = load_speech(path)
    tokens = tokenize_speech(speech)
    slogans = count_slogans(find_slogans(speech))
    return (speech.text, list(zip(tokens["token"], tokens["pos"], tokens["start"])),
            list(zip(slogans["term"], slogans["count"])), list(zip(*count_verbs(tokens)[["verb", "count"]].T.values)))


@pytest.fixture(scope="module")
def reference():
    return results(SEED)


@pytest.mark.parametrize("name, data, encoding", [
    ("utf8-bom.txt", codecs.BOM_UTF8 + SEED_TEXT.encode("utf-8"), "utf-8-sig"),
    ("utf16le.txt", SEED_TEXT.encode("utf-16"), "utf-16"),  # Python writes a BOM
    ("utf16be.txt", codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16"),
    ("gb18030.txt", SEED_TEXT.replace("©", "(c)").encode("gb18030"), "gb18030"),
    ("gbk.txt", SEED_TEXT.replace("©", "(c)").encode("gbk"), "gb18030"),
    ("crlf.txt", SEED_TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ("cr.txt", SEED_TEXT.replace("\n", "\r").encode("utf-8"), "utf-8"),
])
def test_encodings_and_line_ends_give_the_same_results(write_file, reference, name, data, encoding):
    path = write_file(name, data)
    assert open_text(path).encoding == encoding
    assert results(path) == reference


def test_verbose_output_reports_the_encoding(write_file):
    import subprocess
    import sys

    path = write_file("gb.txt", SEED_TEXT.replace("©", "(c)").encode("gb18030"))
    out = subprocess.run([sys.executable, "-m", "analysis", "slogans", "-v", "--format", "csv", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and f"{path}: encoding gb18030" in out.stderr


def test_a_crlf_split_across_read_blocks_is_one_line_end(tmp_path, monkeypatch):
    import analysis.textio as textio

    monkeypatch.setattr(textio, "BLOCK_BYTES", 7)
    path = tmp_path / "blocks.txt"
    path.write_bytes("第一段文字\r\n第二段\r\n\r\n第三段".encode("utf-8"))
    assert list(open_text(path).lines()) == ["第一段文字", "第二段", "", "第三段"]


@pytest.mark.parametrize("content, problem", [
    (b"", "empty file"),
    (b"  \n\t\r\n\xe3\x80\x80\n", "only whitespace, no text"),
    ("Copyright © example.com All Rights Reserved.\n工信部备案号:京ICP备12345678号-1\n".encode(), "only site boilerplate"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (NUL bytes)"),
    (bytes(range(128, 256)) * 4, "undecodable bytes"),
])
def test_files_that_cannot_be_analysed(write_file, content, problem):
    path = write_file("bad.txt", content)
    with pytest.raises(InputError) as err:
        load_speech(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)


def test_undecodable_byte_after_the_detection_sample_names_its_position(write_file, monkeypatch):
    import analysis.textio as textio

    monkeypatch.setattr(textio, "SAMPLE_BYTES", 64)
    monkeypatch.setattr(textio, "BLOCK_BYTES", 64)
    data = ("讲话" * 40).encode("utf-8") + b"\xff\xfe" + "结束".encode("utf-8")
    with pytest.raises(InputError, match=r"undecodable bytes at byte 240: not valid utf-8"):
        load_speech(write_file("late.txt", data))


def test_detect_encoding_refuses_latin_text_that_is_not_utf8():
    with pytest.raises(ValueError, match="undecodable bytes"):
        detect_encoding("Résumé of the café, naïve".encode("latin-1") * 3)


def test_traditional_text_is_detected_and_converted(write_file):
    traditional = "疫情就是命令，防控就是責任。要堅決落實聯防聯控，加強領導。"
    assert traditional_share(traditional) > 0.2
    assert traditional_share(SEED_TEXT) < 0.01
    assert convert_to_simplified(traditional) == "疫情就是命令，防控就是责任。要坚决落实联防联控，加强领导。"
    path = write_file("trad.txt", "講話\n" + traditional + "\n")
    as_is = count_slogans(find_slogans(load_speech(path)))
    assert "联防联控" not in set(as_is["term"])  # the lexicon is simplified: nothing matches
    converted = count_slogans(find_slogans(load_speech(path, to_simplified=True)))
    assert dict(zip(converted["term"], converted["count"]))["联防联控"] == 1
    assert dict(zip(converted["term"], converted["count"]))["疫情就是命令，防控就是责任"] == 1


def test_chunks_give_the_same_counts_offsets_and_locations_as_the_whole(speech, tokens, matches):
    chunks = list(iter_chunks(SEED, chunk_chars=300))
    assert len(chunks) == 4  # long paragraphs: a chunk ends at the first paragraph end past 300 characters
    assert "\n".join(c.text for c in chunks) == speech.text
    assert [c.offset for c in chunks][0] == 0 and all(speech.text[c.offset:].startswith(c.text) for c in chunks)
    import pandas as pd

    chunk_tokens = pd.concat([tokenize_speech(c) for c in chunks], ignore_index=True)
    whole = tokens[tokens["token"] != "\n"].reset_index(drop=True)
    parts = chunk_tokens[chunk_tokens["token"] != "\n"].reset_index(drop=True)
    assert whole.equals(parts)
    chunk_matches = pd.concat([find_slogans(c) for c in chunks], ignore_index=True)
    assert chunk_matches.sort_values(["start", "term"]).reset_index(drop=True).equals(
        matches.sort_values(["start", "term"]).reset_index(drop=True))
    assert chunks[-1].sha256 == speech.sha256 and chunks[0].sha256 is None
