"""Parallel series: precision and recall against hand annotation, and the rule on examples of each kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.engine.validation import item_spans, score_series, series_by_context
from analysis.measures.parallels import find_parallels, series_in_sentence
from analysis.text.documents import load_speech
from analysis.text.tokenizers import get_tokenizer
from tests.expected import PARALLELS_GWR2019_S2, PARALLELS_SPEECH

DATA = Path(__file__).resolve().parents[1] / "data"


def gold_series(name: str, text: str, begin: int = 0) -> list[dict]:
    """The rows of a gold file, each with the spans of its items in ``text`` (found from ``begin``)."""
    return series_by_context(DATA / name, text, begin)


def found_series(chunk, start: int = 0, end: int | None = None) -> list[tuple[tuple[int, int], ...]]:
    """The item spans of every series found in a chunk (whose offsets index its text), within [start, end)."""
    frame = find_parallels(chunk)
    return [item_spans(chunk.text, row.start, row.items) for row in frame.itertuples()
            if start <= row.start < (end or len(chunk.text))]


def score(found, gold) -> dict:
    """Precision and recall (``validation.score_series``) as the expected values hold them."""
    result = score_series(gold, found)
    return {"precision": result.precision, "recall": result.recall, "right": result.right,
            "wrong": result.found - result.right, "gold": result.gold}


def test_precision_and_recall_on_the_speech(speech):
    result = score(found_series(speech), gold_series("parallels_speech.tsv", speech.text))
    assert result == PARALLELS_SPEECH
    assert result["precision"] >= 0.9 and result["recall"] >= 0.9


def test_precision_and_recall_on_a_section_of_a_report(govreports):
    report = load_speech(govreports / "2019.txt")
    section = next(s for s in report.sections if s.number == "二")
    gold = gold_series("parallels_gwr2019_s2.tsv", report.text, section.start)
    result = score(found_series(report, section.start, section.end), gold)
    assert result == PARALLELS_GWR2019_S2  # reported in the README, whatever it is


@pytest.mark.parametrize("sentence, kind, shared, items", [
    ("落实早发现、早报告、早隔离、早治疗和集中救治措施。", "head", "早", "早发现|早报告|早隔离|早治疗"),
    ("大力发扬特别能吃苦、特别能战斗、特别敢担当的精神。", "head", "特别", "特别能吃苦|特别能战斗|特别敢担当"),
    ("换取人民群众的健康指数、安全指数。", "tail", "指数", "健康指数|安全指数"),
    ("增强人民群众获得感、幸福感、安全感。", "tail", "感", "获得感|幸福感|安全感"),
    ("做到应检尽检、应收尽收。", "frame", "应…尽…", "应检尽检|应收尽收"),
    ("疫情就是命令，防控就是责任。", "frame", "…就是…", "疫情就是命令|防控就是责任"),
    ("要加强统筹调度、督促检查、宣传引导。", "structure", "", "统筹调度|督促检查|宣传引导"),
    ("把疫情防控抓紧抓实抓具体。", "head", "抓", "抓紧|抓实|抓具体"),
    ("统筹推进稳增长、促改革、调结构、惠民生、防风险、保稳定工作。", "structure", "", "稳增长|促改革|调结构|惠民生|防风险|保稳定"),
    # 2019 report: abstract nouns in 化 that jieba tags as place, organisation and verb
    ("打造法治化、国际化、便利化的营商环境。", "tail", "化", "法治化|国际化|便利化"),
    # 2017 report: the list inside the second clause is the series, 和 joining its last member;
    # 民族教育 in the clause before is not a member of it
    ("加强民族教育，办好特殊教育、继续教育、学前教育和老年教育。", "tail", "教育", "特殊教育|继续教育|学前教育|老年教育"),
])
def test_each_kind(sentence, kind, shared, items):
    found = [(s.kind, s.shared, "|".join(sentence[a:b] for a, b in s.items))
             for s in series_in_sentence(sentence, get_tokenizer())]
    assert (kind, shared, items) in found


@pytest.mark.parametrize("sentence", [
    "加强对汽车、火车、飞机等交通工具的消毒。",           # a list of vehicles sharing 车
    "贯彻党中央和省委、省政府的决策部署。",              # institutions sharing 省
    "在车站、机场、码头等重点场所设立检测点。",          # places: equal length, no predicate
    "城镇调查失业率5.5%左右，城镇登记失业率4.5%以内。",  # targets with figures
    "省委先后召开常委会、专题会议，省委办公厅两次印发通知。",  # a shared subject
    # found by a reader in the reports (2017, 2019): no series, though words repeat
    "我国经济发展在高基数上总体平稳、稳中有进，社会大局保持稳定。",  # 稳 inside 平稳
    "坚持以中心城市引领城市群发展。",                              # 城市 inside 城市群
    "推进海南自贸试验区建设、探索建设中国特色自由贸易港。",      # no item ends at 、
])
def test_plain_lists_are_not_series(sentence):
    assert series_in_sentence(sentence, get_tokenizer()) == []


def test_a_phrase_longer_than_any_speech_writes_is_not_searched_for_juxtaposed_series():
    from analysis.measures.parallels import JUXTAPOSED_MAX, series_in_sentence
    from analysis.text.tokenizers import get_tokenizer

    # text without punctuation (an attacker's, or a broken file): the search would cost its length squared
    run = "加强" * 300 + "。"
    assert len(run) > JUXTAPOSED_MAX
    assert [s for s in series_in_sentence(run, get_tokenizer()) if s.level == "juxtaposed"] == []
    # within the bound, a juxtaposed series is still found (HAND: 抓紧、抓实、抓具体)
    assert any(s.level == "juxtaposed" for s in series_in_sentence("要抓紧抓实抓具体。", get_tokenizer()))


def test_a_sentence_longer_than_any_speech_writes_is_not_searched(write_file):
    from analysis.measures.parallels import SENTENCE_MAX, find_parallels
    from analysis.text.documents import load_speech

    listing = "早发现、" * 600 + "。"  # 2,401 characters, one sentence: a list, not a speech
    assert len(listing) > SENTENCE_MAX
    chunk = load_speech(write_file("list.txt", "讲话\n" + listing + "\n要早发现、早报告、早隔离。\n"))
    found = find_parallels(chunk)
    # HAND: only the short sentence's series, 早发现、早报告、早隔离 (head 早)
    assert list(found["items"]) == ["早发现|早报告|早隔离"]
