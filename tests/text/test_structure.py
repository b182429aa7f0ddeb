"""Structure: title, salutation, numbered sections, paragraphs and sentences, and locating any offset."""

from __future__ import annotations

import numpy as np

from analysis.text.documents import load_speech
from analysis.text.structure import chinese_numeral, parse_structure
from tests.expected import PARAGRAPHS, SECTION_HEADINGS, SECTION_NUMBERS, SENTENCES_PER_PARAGRAPH


def test_title_salutation_and_numbered_sections(speech):
    assert speech.title == "市委书记在全市新型冠状病毒感染的肺炎疫情防控工作会议上的讲话"
    # HAND: a preamble and the sections 一、二、三, with these headings.
    assert [s.number for s in speech.sections] == SECTION_NUMBERS
    assert [s.heading for s in speech.sections[1:]] == SECTION_HEADINGS
    assert speech.sections[0].start == 0 and speech.sections[-1].end == len(speech.text)
    # a section ends where its last line ends, just before the next heading's line
    assert all(a.end + 1 == b.start for a, b in zip(speech.sections, speech.sections[1:]))


def test_paragraphs_and_sentences(speech):
    assert len(speech.paragraphs) == PARAGRAPHS
    assert len(speech.sentences) == sum(SENTENCES_PER_PARAGRAPH) == 39
    assert [len([s for s in speech.sentences if s.paragraph == p]) for p in range(PARAGRAPHS)] == SENTENCES_PER_PARAGRAPH
    for s in speech.sentences:
        assert speech.text[s.start:s.end] == s.text
    assert speech.sentences[2].text == "近一段时间，湖北省武汉市发生的新型冠状病毒感染肺炎疫情陆续向全国各地扩散。"
    assert speech.sentences[-1].text == ("要及时准确、公开透明发布疫情，加强舆论引导，加强有关政策措施宣传解读工作，"
                                         "增强群众自我防病意识和社会信心。")


def test_locate_puts_every_offset_in_its_sentence_and_section(speech):
    offsets = np.arange(len(speech.text))
    section, paragraph, sentence = speech.structure.locate(offsets)
    for offset in offsets:
        if speech.text[offset] == "\n":
            continue  # a line end belongs to the sentence before it
        s = speech.sentences[sentence[offset]]
        assert s.start <= offset < s.end and s.paragraph == paragraph[offset]
        sec = speech.structure.section(section[offset])
        assert sec.start <= offset < sec.end and s.section == sec.index


def test_sentence_splitting_keeps_closing_quotes():
    structure = parse_structure("标题\n他说：“要落实。”然后走了！好吗？")
    assert [s.text for s in structure.sentences] == ["标题", "他说：“要落实。”", "然后走了！", "好吗？"]


def test_a_numbering_that_restarts_gives_new_sections():
    structure = parse_structure("讲话\n一、第一部分\n要做到。\n一、第二部分\n其他。")
    assert [(s.index, s.label) for s in structure.sections] == [(0, "引言"), (1, "一"), (2, "一")]


def test_parsing_in_pieces_numbers_as_the_whole_does():
    from analysis.text.structure import ParseState

    text = "讲话\n同志们：\n前言。\n一、甲\n要做。再做。\n（一）丙\n好。\n二、乙\n好。"
    whole = parse_structure(text)
    state = ParseState()
    first = parse_structure("讲话\n同志们：\n前言。\n一、甲\n", state=state)
    second = parse_structure("要做。再做。\n（一）丙\n好。\n二、乙\n好。", state=state, first=False)
    assert [(s.index, s.section, s.subsection, s.paragraph) for s in first.sentences + second.sentences] == \
        [(s.index, s.section, s.subsection, s.paragraph) for s in whole.sentences]
    assert [s.index for s in second.sections] == [1, 2]  # section 一 continues into the second piece
    assert [(s.index, s.label) for s in second.subsections] == [(1, "一"), (2, "一（一）"), (3, "二")]


def test_chinese_numerals():
    assert [chinese_numeral(n) for n in ("一", "九", "十", "十一", "二十", "二十三")] == [1, 9, 10, 11, 20, 23]


def test_subsections_are_a_second_level(govreports):
    # HAND: the 2019 report's section 三 has a two-line lead-in, then （一） to （十）
    report = load_speech(govreports / "2019.txt")
    subsections = report.structure.subsections
    assert [s.label for s in subsections] == ["引言", "一", "二", "三", *(f"三（{n}）" for n in "一二三四五六七八九十")]
    assert subsections[4].heading.startswith("（一）继续创新和完善宏观调控")
    assert all(s.section == 3 for s in subsections[3:])
    # 一是、二是 are numbered paragraphs, not structure: section 一 has no sub-sections
    assert sum(s.section == 1 for s in subsections) == 1


def test_subsections_of_a_speech_without_numbered_sections(write_file):
    chunk = load_speech(write_file("sub.txt", "讲话\n同志们：\n开场。\n（一）关于防控\n要加强防控。\n（二）关于救治\n要做好救治。\n"))
    assert [s.label for s in chunk.structure.subsections] == ["引言", "（一）", "（二）"]
    assert [s.label for s in chunk.structure.sections] == ["引言"]
