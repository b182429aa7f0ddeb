"""Compound splitting: a marker or verb hidden in a longer dictionary word is split off, by rule."""

from __future__ import annotations

import pytest

from analysis.text.tokens import tag_text


def words(text: str) -> list[str]:
    return [w for w, _ in tag_text(text)]


@pytest.mark.parametrize("text, parts", [
    # a marker beside a function word: jieba keeps 既要, 也要, 二要, 中要 whole
    ("既要把好总闸门", ["既", "要"]),
    ("对监管者也要强监管", ["也", "要", "强"]),
    ("二要平衡好稳增长与防风险的关系", ["二", "要"]),
    ("各级政府要过苦日子", ["要", "过"]),
    ("干部要以更高标准", ["要", "以"]),
    # a marker before a dictionary word
    ("切实加强领导", ["切实", "加强"]),
    ("大力发展现代农业", ["大力", "发展"]),
    ("进一步提高质量", ["进一步", "提高"]),
    ("竭尽全力做好工作", ["竭尽", "全力"]),
    ("党员干部要带头", ["要", "带头"]),
    # an adverbial or a verb before a verb
    ("全面落实政策", ["全面", "落实"]),
    ("认真落实", ["认真", "落实"]),
    ("继续执行", ["继续", "执行"]),
    ("贯彻执行", ["贯彻", "执行"]),
    ("督促检查", ["督促", "检查"]),
])
def test_hidden_markers_and_verbs_are_split(text, parts):
    found = words(text)
    assert "".join(found) == text
    at = found.index(parts[0])
    assert found[at:at + len(parts)] == parts


@pytest.mark.parametrize("text, word", [
    ("这是重要途径", "重要途径"),   # 要 inside 重要
    ("只要就业稳", "只要"),         # 只要 "as long as"
    ("稳增长首要是为保就业", "首要"),
    ("不可避免", "不可避免"),      # unavoidable: no prohibition
    ("坚定不移", "坚定不移"),
    ("迫切要求", "迫切要求"),      # 要 inside 要求
    ("集中救治", "集中救治"),      # listed in the user dictionary: kept as it is
    ("不能不", "不能不"),          # a double negative is no prohibition
])
def test_lexicalised_and_listed_words_stay_whole(text, word):
    assert word in words(text)


def test_a_marker_jieba_cuts_is_kept_whole():
    assert "一定要" in words("我们一定要直面问题")
    assert "要" not in words("全面加强重要出入要道")  # 要道 "thoroughfare", no directive
