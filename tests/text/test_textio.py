"""Real-world input: encodings, line ends, traditional script and files that cannot be analysed.

Every case is a small file made by the test from the seed speech or a line of text.
"""

from __future__ import annotations

import codecs

import pytest

from analysis.errors import InputError
from analysis.measures.slogans import count_slogans, find_slogans
from analysis.measures.verbs import count_verbs
from analysis.text.documents import load_speech
from analysis.text.textio import convert_to_simplified, detect_encoding, open_text, traditional_share
from analysis.text.tokens import tokenize_chunk
from tests.expected import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def results(path):
    speech = load_speech(path)
    tokens = tokenize_chunk(speech)
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


def test_verbose_output_reports_the_encoding(write_file, run_cli):
    path = write_file("gb.txt", SEED_TEXT.replace("©", "(c)").encode("gb18030"))
    code, _, err = run_cli("slogans", "-v", "--format", "csv", path)
    assert code == 0 and f"{path}: encoding gb18030" in err


@pytest.mark.parametrize("block", range(1, 24))
def test_lines_are_the_same_whatever_the_read_blocks(tmp_path, monkeypatch, block):
    import analysis.text.textio as textio

    monkeypatch.setattr(textio, "BLOCK_BYTES", block)  # cuts CRLFs and characters at every position
    path = tmp_path / "blocks.txt"
    text = "第一段文字\r\n第二段\r\n\r\n第三段\r第四段\u2029第五段\n"
    path.write_bytes(text.encode("utf-8"))
    assert list(open_text(path).lines()) == text.splitlines() + [""]


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
    import analysis.text.textio as textio

    monkeypatch.setattr(textio, "SAMPLE_BYTES", 64)
    monkeypatch.setattr(textio, "BLOCK_BYTES", 64)
    # 1 + 3 * 80 = 241 bytes before the bad one: the 64-byte blocks cut characters in two
    data = b"a" + ("讲话" * 40).encode("utf-8") + b"\xff\xfe" + "结束".encode("utf-8")
    with pytest.raises(InputError, match=r"undecodable bytes at byte 241: not valid utf-8"):
        load_speech(write_file("late.txt", data))


def test_big5_and_utf32_give_the_same_results_as_utf8(write_file):
    traditional = "市委書記的講話\n同志們：\n一、認清疫情形勢\n要堅決落實聯防聯控，加強領導。\n"
    reference = results(write_file("trad-utf8.txt", traditional))
    for name, data, encoding in [("big5.txt", traditional.encode("big5"), "big5hkscs"),
                                 ("utf32.txt", traditional.encode("utf-32"), "utf-32")]:
        path = write_file(name, data)
        assert open_text(path).encoding == encoding
        assert results(path) == reference


@pytest.mark.parametrize("data, encoding", [
    ("讲话".encode("gbk"), "gb18030"),  # four bytes that are valid Big5 too: GB18030 wins the tie
    ("我们要坚决落实联防联控的工作要求".encode("gbk"), "gb18030"),
    ("我們要堅決落實聯防聯控的工作要求".encode("big5"), "big5hkscs"),
])
def test_short_chinese_files_are_detected(data, encoding):
    assert detect_encoding(data) == encoding


def test_word_paragraph_separators_end_lines(write_file):
    path = write_file("word.txt", "区长的讲话\u2029同志们：\u2029一、压实责任\u2028要守土有责。")
    speech = load_speech(path)
    assert speech.title == "区长的讲话" and speech.salutation == "同志们："
    assert [s.number for s in speech.sections] == ["", "一"]
    assert "\u2029" not in speech.text


@pytest.mark.parametrize("text, title, salutation", [
    ("同志们：\n一、加强领导\n要落实。", "", "同志们："),
    ("一、加强领导\n要落实。", "", ""),
])
def test_a_salutation_or_heading_is_not_taken_for_a_title(write_file, text, title, salutation):
    speech = load_speech(write_file("no-title.txt", text))
    assert (speech.title, speech.salutation) == (title, salutation)


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
    converted = count_slogans(find_slogans(load_speech(path, simplified=True)))
    assert dict(zip(converted["term"], converted["count"]))["联防联控"] == 1
    assert dict(zip(converted["term"], converted["count"]))["疫情就是命令，防控就是责任"] == 1
