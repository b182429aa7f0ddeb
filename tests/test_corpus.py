"""The corpus stage on the seed speech. Values marked HAND were checked by reading the speech."""

from __future__ import annotations

import hashlib
import re

import pytest

from analysis.corpus import CORPUS_DIR, clean_text, load_speech, parse_structure, read_metadata
from tests.conftest import SEED


def test_raw_file_is_the_source_byte_for_byte(speech):
    meta = read_metadata(SEED)
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == meta["sha256"] == speech.sha256
    assert (CORPUS_DIR.parent / "corpus" / meta["file"]) == SEED


def test_metadata_record_has_the_fields_a_citation_needs():
    meta = read_metadata(SEED)
    for field in ("title", "speaker_role", "occasion", "date", "date_inferred", "source_site", "language", "removed"):
        assert meta.get(field), field
    assert str(meta["date"]) == "2020-01-26"


def test_footer_is_removed_and_recorded(speech):
    # HAND: the last three lines of the file are the site's copyright, complaint address and ICP record.
    assert len(speech.removed) == 3
    assert speech.removed[0].startswith("Copyright")
    assert "640661@qq.com" in speech.removed[1]
    assert "ICP备" in speech.removed[2]
    for marker in ("Copyright", "wanshu", "ICP", "qq.com", "版权所有", "投诉"):
        assert marker not in speech.text
    assert speech.text.endswith("增强群众自我防病意识和社会信心。")


def test_ascii_punctuation_in_chinese_is_full_width(speech):
    assert not re.search(r"[\u4e00-\u9fff][,:;!?]|[,:;!?][\u4e00-\u9fff]", speech.text)
    assert speech.salutation == "同志们："
    assert "时间不等人！疫情不等人！" in speech.text
    assert "1月25日，中共中央" in speech.text


@pytest.mark.parametrize("raw, cleaned", [
    ("数字3,000不变", "数字3,000不变"),            # a thousands separator between digits stays
    ("会议在10:30开始,请准时", "会议在10:30开始，请准时"),
    ("同志们:\r\n大家好!", "同志们：\n大家好！"),   # CRLF and ASCII marks
    ("  　第一段  \n\n\n第 二 段", "第一段\n第二段"),  # indentation, blank lines, spaces between CJK
    ("use English words, as is", "use English words, as is"),
])
def test_clean_text_cases(raw, cleaned):
    assert clean_text(raw)[0] == cleaned


def test_title_salutation_and_numbered_sections(speech):
    assert speech.title == "市委书记在全市新型冠状病毒感染的肺炎疫情防控工作会议上的讲话"
    # HAND: a preamble and the sections 一、二、三, with these headings.
    assert [s.number for s in speech.sections] == ["", "一", "二", "三"]
    assert [s.heading for s in speech.sections[1:]] == [
        "一、认清疫情形势，提高思想认识，强化工作职责",
        "二、思想认识上再深化、再警醒，在工作措施上再细化",
        "三、疫情就是命令，防控就是责任。",
    ]
    assert speech.sections[0].start == 0 and speech.sections[-1].end == len(speech.text)


def test_paragraphs_and_sentences(speech):
    # HAND: 14 lines after cleaning: title, salutation, 3 preamble paragraphs, 下面我讲几点意见,
    # the three headings, and 2 + 2 + 1 body paragraphs in sections 一, 二, 三.
    assert len(speech.paragraphs) == 14
    # HAND: counted paragraph by paragraph while reading: 1+1+5+3+1+1 (preamble), 1+6+2 (一),
    # 1+4+4 (二), 1+8 (三) = 39 sentences; the title, salutation and headings are one each.
    assert len(speech.sentences) == 39
    assert [len([s for s in speech.sentences if s.paragraph == p]) for p in range(14)] == [
        1, 1, 5, 3, 1, 1, 1, 6, 2, 1, 4, 4, 1, 8]
    for s in speech.sentences:
        assert speech.text[s.start:s.end] == s.text
    first = speech.sentences[2]
    assert first.text == "近一段时间，湖北省武汉市发生的新型冠状病毒感染肺炎疫情陆续向全国各地扩散。"
    assert speech.sentences[-1].text == "要及时准确、公开透明发布疫情，加强舆论引导，加强有关政策措施宣传解读工作，增强群众自我防病意识和社会信心。"


def test_every_offset_locates_a_sentence_of_its_section(speech):
    for offset in range(len(speech.text)):
        if speech.text[offset] == "\n":
            continue
        sentence = speech.locate(offset)
        assert sentence.start <= offset < sentence.end
        section = speech.sections[sentence.section]
        assert section.start <= offset < section.end


def test_sentence_splitting_keeps_closing_quotes():
    structure = parse_structure("标题\n他说：“要落实。”然后走了！好吗？")
    assert [s.text for s in structure["sentences"]] == ["标题", "他说：“要落实。”", "然后走了！", "好吗？"]


def test_nothing_names_the_seed_speech_in_the_code():
    from analysis import corpus, slogans, tokenize, verbs

    for module in (corpus, slogans, tokenize, verbs):
        assert "891b73dabb0c5904" not in open(module.__file__, encoding="utf-8").read()


def test_another_speech_needs_only_a_file(write_file):
    path = write_file("other.txt", "区长在安全生产会议上的讲话\n同志们：\n一、压实责任\n要守土有责，坚决落实。\n")
    sp = load_speech(path)
    assert sp.doc_id == "other" and sp.metadata == {}
    assert sp.title == "区长在安全生产会议上的讲话"
    assert [s.number for s in sp.sections] == ["", "一"]
