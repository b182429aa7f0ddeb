"""Cleaning: the footer goes, ASCII punctuation in Chinese becomes full width, whitespace is normalised."""

from __future__ import annotations

import re

import pytest

from analysis.text.cleaning import clean_text
from tests.expected import FOOTER_LINES


def test_footer_is_removed_and_recorded(speech):
    # HAND: the last three lines of the file are the site's copyright, complaint address and ICP record.
    assert len(speech.removed) == FOOTER_LINES
    assert [reason for reason, _ in speech.removed] == ["footer"] * FOOTER_LINES
    assert speech.removed[0][1].startswith("Copyright")
    assert "640661@qq.com" in speech.removed[1][1]
    assert "ICP备" in speech.removed[2][1]
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


# -- news pages: paragraphs flattened into runs of spaces, captions and datelines inline -----------------
# The lines below have the shapes of the news-site speeches of ../shared/corpora/speeches-news (PROVENANCE.md
# there); the names and events are changed. Each expected split was read by hand.

NEWS = ("在全市工作会议上的讲话（2023年3月1日）某某某　　3月1日，全市工作会议在市委礼堂举行。市委书记某某某出席"
        "并发表重要讲话。新华社记者 张三 摄同志们：　　今天我们召开会议。要加强学习。　　新华社北京3月1日电"
        "　　要抓好落实。这是会议现场。新华社发（李四 摄）　　谢谢大家！")


def test_a_news_page_is_read_as_paragraphs_without_its_furniture():
    text, removed = clean_text(NEWS)
    assert text.split("\n") == ["在全市工作会议上的讲话", "（2023年3月1日）", "某某某", "同志们：", "今天我们召开会议。要加强学习。",
                                "要抓好落实。", "谢谢大家！"]
    assert removed == [("caption", "3月1日，全市工作会议在市委礼堂举行。市委书记某某某出席并发表重要讲话。新华社记者 张三 摄"),
                       ("dateline", "新华社北京3月1日电"), ("caption", "这是会议现场。新华社发（李四 摄）")]


@pytest.mark.parametrize("line", [
    "这是一段讲话，我们拍摄了很多照片。要加强学习。",        # 拍摄 in a sentence is no credit
    "要学习新华社发布的消息，记者要深入基层。",            # 新华社发布, 记者 without a name and 摄
    "要加强宣传，  讲好中国故事。",                       # a run of spaces inside a sentence: still one line
    "发表题为《珍爱湿地　守护未来》的致辞。",               # one wide space inside a title
])
def test_speech_that_looks_like_furniture_is_kept(line):
    text, removed = clean_text(line)
    assert removed == [] and text == line.replace("  ", "").replace("　", "")  # a space next to Chinese goes


def test_the_header_of_a_news_page_gives_its_speaker_and_date(write_file):
    from analysis.text.documents import open_document

    document = open_document(write_file("news.txt", NEWS))
    assert (document.metadata["speaker"], str(document.date), document.date_source) == ("某某某", "2023-03-01", "text")


def test_each_line_break_is_judged_where_a_scraper_broke_sentences():
    # the shape of a page broken around its quotation marks (issue 21), read by hand: the breaks inside
    # the quotation and after a comma are inside sentences; the numbered line inside the quotation is no
    # heading; a heading and the header keep their own lines
    raw = ("某某在会议上的讲话\n同志们：\n他指出：“\n一、两年之内逐步活跃起来\n”为了落实好，\n我们要努力。\n"
           "二、加强领导\n要加强领导。\n")
    assert clean_text(raw, layout="line")[0].split("\n") == [
        "某某在会议上的讲话", "同志们：", "他指出：“一、两年之内逐步活跃起来”为了落实好，我们要努力。", "二、加强领导", "要加强领导。"]


def test_a_template_that_closes_most_documents_is_removed_whatever_its_wording(tmp_path):
    """Issue 21: a closing block found by recurring (here another wiki's licence notice, in the wording
    the issue quotes), not by a pattern; a closing line of speech that recurs (谢谢大家！) stays."""
    from analysis.engine import run_corpus

    notice = ("本作品来自1949年10月1日（含）之后的中国共产党文件，依据《中华人民共和国著作权法》第五条，不适用于该法。\n"
              "刑事审判参考\nPublic domain Public domain false false\n")
    tasks = {"a": "加强学习", "b": "落实责任", "c": "推进改革", "d": "改善民生"}
    speeches = {name: f"今年要{task}，这是全年工作的重点。" * 8 for name, task in tasks.items()}  # 136 characters
    for name, text in speeches.items():
        closing = notice if name != "d" else ""  # three of four documents: more than half
        (tmp_path / f"{name}.txt").write_text(f"讲话\n同志们：\n{text}\n谢谢大家！\n{closing}", encoding="utf-8")
    result = run_corpus(sorted(tmp_path.glob("*.txt")), tables=["removed", "texts"], cache=False)
    removed = result["removed"]
    assert list(removed["reason"].unique()) == ["template"] and sorted(set(removed["doc"])) == ["a", "b", "c"]
    assert len(removed) == 9  # three lines in each of three documents
    assert all(text.endswith("谢谢大家！") for text in result["texts"]["text"])


def test_documents_all_alike_are_no_template(tmp_path):
    # 25 notices of one pattern (as a test corpus of this project is): each is its own text, none is cut
    from analysis.engine import run_corpus

    for i in range(1, 6):
        (tmp_path / f"d{i}.txt").write_text(f"第{i}次会议上的讲话\n同志们：\n一、压实责任\n要守土有责，增强“四个意识”。\n",
                                           encoding="utf-8")
    result = run_corpus(sorted(tmp_path.glob("*.txt")), tables=["removed", "texts"], cache=False)
    assert result["removed"].empty and all("要守土有责" in text for text in result["texts"]["text"])
