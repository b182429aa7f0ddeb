"""Real web text read right: the 52 Government Work Reports, each case of their PROVENANCE.md.

The reports are shipped in corpus/govreports (never skipped); the news speeches stay in ../shared (their
tests skip where it is absent, never in CI).
"""

from __future__ import annotations

import re

import pytest

from analysis.text.cleaning import clean_text, paragraph_layout
from analysis.text.documents import date_from_text, load_speech, open_document
from analysis.text.tokens import tag_text, tokenize_chunk

HAN = re.compile(r"[\u4e00-\u9fff]")


def provenance_han_counts(govreports) -> dict[str, int]:
    """PROVENANCE.md's per-file "Han chars before footer" (U+4E00-U+9FFF), read from its table."""
    counts = {}
    for line in (govreports / "PROVENANCE.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| (\d{4}) \| \d{4}\.txt \| [\d,]+ \| [\d,]+ \| [\d,]+ \| ([\d,]+) \|", line)
        if m:
            counts[m[1]] = int(m[2].replace(",", ""))
    return counts


@pytest.fixture(scope="module")
def speeches(govreports):
    return {p.stem: load_speech(p) for p in sorted(govreports.glob("*.txt"))}


def test_the_licence_footer_is_cut_and_nothing_else_is_lost(govreports, speeches):
    expected = provenance_han_counts(govreports)
    assert len(expected) == len(speeches) == 52
    # Every Han character before the footer is kept and none of the footer's 137 is: the counts of
    # PROVENANCE.md, made independently on the raw files, hold for all 52 cleaned texts.
    assert {year: len(HAN.findall(sp.text)) for year, sp in speeches.items()} == expected
    for year, sp in speeches.items():
        assert sp.removed[0] == ("footer", "本作品是中华人民共和国的") and sp.removed[-1] == ("footer", "false"), year
        for word in ("著作权法", "公有领域", "维基文库", "Public domain"):
            assert word not in sp.text, year


@pytest.mark.parametrize("year, broken, joined", [
    ("1998", "《\n国防法\n》", "《国防法》"),
    ("2017", "正式明确\n习近平\n总书记", "正式明确习近平总书记"),
    ("2017", "PM\n2.5", "PM2.5"),
    ("2019", "广义货币M\n2\n和", "广义货币M2和"),
    ("2021", "人\n\u200b\n民", "人民"),
])
def test_a_term_broken_by_a_link_reads_as_if_it_were_not(govreports, speeches, year, broken, joined):
    raw = (govreports / f"{year}.txt").read_text(encoding="utf-8")
    body = raw[:raw.rfind("本作品是中华人民共和国的")]  # the footer says 中华人民共和国 too
    assert broken in body
    # every broken occurrence is found once joined, besides those that were never broken
    assert speeches[year].text.count(joined) == body.count(broken) + body.count(joined)
    # tokenized as if it were never broken: the sentence's tokens are those of its unbroken text
    sentence = next(s for s in speeches[year].sentences if joined in s.text)
    assert tag_text(sentence.text) == tag_text(sentence.text.replace("\n", ""))


def test_paragraphs_stay_paragraphs(govreports, speeches):
    # HAND: 2019 opens with the salutation, then 现在，我代表国务院…, then the heading of section 一.
    first = speeches["2019"].paragraphs[:3]
    text = speeches["2019"].text
    assert [text[p.start:p.end][:9] for p in first] == ["各位代表：", "现在，我代表国务院", "一、2018年工作"]
    assert [s.number for s in speeches["2019"].sections] == ["", "一", "二", "三"]
    assert all(paragraph_layout((govreports / f"{y}.txt").read_text(encoding="utf-8")) == "blank" for y in speeches)
    # 2007 starts 各位代表：\n现在…: a single line break, yet the salutation stays its own line
    assert speeches["2007"].salutation == "各位代表："


def test_title_date_and_speaker_before_the_salutation(speeches):
    sp = speeches["2017"]
    assert sp.title == "政府工作报告" and sp.salutation == "各位代表："
    assert [s.text for s in sp.sentences[:4]] == [
        "政府工作报告", "——2017年3月5日在第十二届全国人民代表大会第五次会议上", "国务院总理李克强", "各位代表："]
    assert speeches["1957"].sentences[2].text == "周恩来"


def test_digits_zero_width_and_indentation(govreports, speeches):
    assert "本届政府从1993年3月就职" in speeches["1998"].text  # 1 9 9 3 年3 月
    assert "１" not in speeches["1956"].text and "1955年国家决算" in speeches["1956"].text
    assert "27,203,319,000元" in speeches["1956"].text  # full-width digits and thousands separators
    for sp in speeches.values():
        assert not re.search(r"[\u200b-\u200d\u3000\ufeff]", sp.text)
    assert clean_text("\u3000\u3000本届政府从1 9 9 3 年3 月就职")[0] == "本届政府从1993年3月就职"


def test_dates_come_from_the_file_names(govreports):
    doc = open_document(govreports / "2019.txt")
    assert (str(doc.date), doc.date.precision, doc.date_source) == ("2019", "year", "file name")


def test_1954_is_traditional_and_comparable_once_converted(govreports):
    raw = load_speech(govreports / "1954.txt")
    converted = load_speech(govreports / "1954.txt", simplified=True)
    # the raw text says 社會主義; only the converted one is counted by a simplified lexicon
    assert raw.text.count("社会主义") == 0 and raw.text.count("社會主義") > 20
    assert converted.text.count("社会主义") == raw.text.count("社會主義") + raw.text.count("社会主义")
    tokens = tokenize_chunk(converted)
    assert (tokens["token"] == "社会主义").sum() > 20


@pytest.mark.parametrize("header, date", [
    ("关于做好防控工作的讲话\n（2023年4月12日）\n同志们：\n", "2023-04-12"),
    ("政府工作报告\n——2017年3月5日在第十二届全国人民代表大会第五次会议上\n国务院总理 李克强\n各位代表：\n",
     "2017-03-05"),
    ("在全市工作会议上的讲话（二〇二〇年一月二十六日）\n", "2020-01-26"),
    ("在会议上的讲话(２０２０年１月２６日)\n", "2020-01-26"),  # full-width digits
    ("各位代表：\n2019年3月5日，我们召开会议。\n", ""),          # after the salutation: the speech itself
    ("2018年1月1日起施行新规定。\n", ""),                      # a sentence, not a date line
    ("一、2018年工作回顾\n", ""),                               # a year is a subject, not a date
    ("讲话\n（2019年2月30日）\n", ""),                          # no such day
])
def test_a_date_in_the_header_lines(header, date):
    assert str(date_from_text(header)) == date


def test_the_text_gives_the_date_when_metadata_does_not(write_file):
    path = write_file("2019_speech.txt", "讲话\n（2019年2月20日）\n同志们：\n要坚决做到两个维护。\n")
    doc = open_document(path)
    assert (str(doc.date), doc.date_source) == ("2019-02-20", "text")  # more precise than the file name's 2019


def test_a_speech_without_line_breaks_is_read_in_chunks_that_end_at_sentences(write_file):
    from analysis.engine import run_corpus
    from analysis.text.documents import iter_chunks

    sentence = "要加强防控，坚决做到两个维护。"  # 15 characters
    path = write_file("one_line.txt", "讲话\n同志们：\n" + sentence * 2000 + "\n（一）要落实。\n")
    document = open_document(path)
    chunks = list(iter_chunks(document, chunk_chars=1000))
    assert len(chunks) > 25 and max(len(c.text) for c in chunks) <= 1000 + len(sentence) + 1
    assert "".join(c.text for c in chunks) == load_speech(path).text
    assert all(c.text.endswith(("。", "\n")) for c in chunks)  # at a sentence end, or a line's
    # the paragraph runs on across the chunks: one paragraph, 2,000 sentences, as read whole
    assert {s.paragraph for c in chunks for s in c.sentences if s.text == sentence} == {2}
    tables = ["sentences", "sections", "subsections", "verbs", "modality", "slogans"]
    whole = run_corpus([path], tables=tables, chunk_chars=None)
    cut = run_corpus([path], tables=tables, chunk_chars=1000)
    for name in tables:
        assert whole[name].equals(cut[name]), name


def test_a_file_that_is_one_line_from_its_first_character_is_cut_too(write_file):
    from analysis.text.documents import iter_chunks

    sentence = "要加强防控，坚决做到两个维护。"
    path = write_file("only_one_line.txt", sentence * 2000)  # no title, no line break at all
    chunks = list(iter_chunks(open_document(path), chunk_chars=1000))
    # 30,000 characters in pieces of 1,005 (67 sentences: the first sentence end at or past 1,000)
    assert len(chunks) == 30 and max(len(c.text) for c in chunks) == 1005
    assert "".join(c.text for c in chunks) == sentence * 2000


def test_the_header_lines_of_a_speech_with_blank_lines_stay_apart(write_file):
    # a common layout: title, date and speaker on lines of their own, paragraphs apart by blank lines
    path = write_file("layout.txt", "在全县推动高质量发展工作会议上的讲话\n（2023年10月18日）\n县委书记 王某某\n\n同志们：\n\n"
                                    "今天我们召开会议，要坚持稳中求进，\n做好各项工作。\n\n一、统一思想\n\n要提高认识。\n")
    document = open_document(path)
    assert document.layout == "blank"
    assert load_speech(path).text.split("\n") == [
        "在全县推动高质量发展工作会议上的讲话", "（2023年10月18日）", "县委书记王某某", "同志们：",
        "今天我们召开会议，要坚持稳中求进，做好各项工作。",  # the lines of a paragraph are still joined
        "一、统一思想", "要提高认识。"]
    assert document.title == "" and str(document.date) == "2023-10-18"


def test_news_pages_lose_their_captions_and_datelines(news_speeches):
    from analysis.engine import run_corpus

    result = run_corpus([news_speeches], tables=["tokens", "removed", "documents"], simplified=True, cache=False)
    tokens, removed = result["tokens"], result["removed"]
    # no token of the page's furniture is counted: the agency and the photographer's 摄
    assert not tokens["token"].isin(["新华社", "摄"]).any()
    # HAND: the Party School speech of 2023-03-31 holds four photo captions (four credits 新华社记者 …/摄)
    # and no dateline; its header is a title, a date in brackets and the speaker
    school = removed[removed["doc"] == "2023-03-31_016"]
    assert list(school["reason"]) == ["caption"] * 4
    assert all(line.endswith("摄") for line in school["line"])
    speaker = result["documents"].set_index("doc").loc["2023-03-31_016", "speaker"]
    assert speaker == "习近平"
    # REGRESSION: over the 39 pages (the rule was written from PROVENANCE.md and these pages' shapes)
    assert removed["reason"].value_counts().to_dict() == {"caption": 56, "dateline": 32}
