"""The slogan stage. Counts marked HAND were checked by reading the speech."""

from __future__ import annotations

import jieba
import pytest

from analysis.slogans import count_categories, count_slogans, form_pattern, kwic, merge_overlaps
from analysis.verbs import count_verbs

# HAND: every count below was checked against a reading of the speech.
HAND_CHECKED = {
    "疫情就是命令，防控就是责任": 3,  # 总书记...指出; 按照“生命重于泰山，...”的要求; heading 三
    "疫情就是命令": 3,              # the same three places: a slogan counts inside a longer one
    "第一时间": 3,                  # 第一时间上报、第一时间救治、第一时间防控
    "集中救治": 3,                  # 和集中救治措施; inside 集中患者...集中救治; 对重症病例集中救治
    "决策部署": 2,                  # 党中央国务院的决策部署; 省委、省政府的决策部署
    "四个意识": 1, "四个自信": 1, "两个维护": 1, "生命重于泰山": 1, "人民战争": 1,
    "联防联控": 1, "联防联治": 1, "守土有责": 1, "守土有责、守土尽责、守土有效": 1,
    "早发现、早报告、早隔离、早治疗": 1, "集中患者、集中专家、集中资源、集中救治": 1,
    "一把手": 1, "生命安全和身体健康": 1,  # in the form 生命安全身体健康
}


@pytest.mark.parametrize("term, expected", sorted(HAND_CHECKED.items()))
def test_hand_checked_slogan_counts(matches, term, expected):
    counts = count_slogans(matches)
    assert dict(zip(counts["term"], counts["count"]))[term] == expected


def test_category_totals_never_count_characters_twice(matches):
    totals = dict(zip(*count_categories(matches)[["category", "count"]].T.values))
    # HAND: mobilisation = couplet 3 (holding 疫情就是命令 3) + 第一时间 3 + 生命重于泰山 + 人民战争 + 群策群力.
    assert totals["mobilisation"] == 9
    # HAND: cadre = 守土 series (holding 守土有责) + 一把手 + 靠前指挥 + 坚守岗位 + 各负其责 + 特别能吃苦 + 辛苦指数.
    assert totals["cadre_responsibility"] == 7
    # HAND: policy = 2 series (one holding a 集中救治) + 集中救治 twice alone + 7 single formulas.
    assert totals["epidemic_policy"] == 11
    assert totals["political_loyalty"] == 7
    slogan_total = count_slogans(matches)["count"].sum()
    assert sum(totals.values()) == slogan_total - 3 - 1 - 1  # the nested 疫情就是命令 ×3, 守土有责, 集中救治


def test_every_match_is_traceable(speech, matches):
    for row in matches.itertuples():
        assert speech.text[row.start:row.end] == row.matched
        sentence = speech.sentences[row.sentence]
        assert sentence.start <= row.start and row.end <= sentence.end
        assert speech.section_label(sentence.section) == row.section
    couplet = matches[matches["term"] == "疫情就是命令，防控就是责任"]
    assert list(couplet["section"]) == ["引言", "一", "三"]


def test_matches_are_on_the_text_with_any_series_punctuation():
    assert form_pattern("疫情就是命令，防控就是责任") == "疫情就是命令[，、,；;：:]?防控就是责任"
    structure_text = "疫情就是命令,防控就是责任\n疫情就是命令、防控就是责任\n疫情就是命令防控就是责任"
    import re

    assert len(re.findall(form_pattern("疫情就是命令，防控就是责任"), structure_text)) == 3


def test_merge_overlaps_merges_chains_within_a_document():
    import pandas as pd

    frame = pd.DataFrame({"doc": ["a", "a", "a", "b"], "start": [0, 2, 10, 0], "end": [5, 7, 12, 5]})
    assert len(merge_overlaps(frame)) == 3


def test_kwic(speech, matches):
    row = matches[matches["term"] == "人民战争"].iloc[0]
    left, hit, right = kwic(speech.text, row.start, row.end, window=6)
    assert (left, hit, right) == ("务，也是一场", "人民战争", "。全市各级各")


def test_curated_lexicon_finds_what_plain_jieba_misses(speech, tokens, matches):
    """The README's figure: plain jieba.lcut token counts find 16 of these 29 occurrences."""
    slogans = ["四个意识", "两个维护", "联防联控", "疫情就是命令", "生命重于泰山", "守土有责", "集中救治"]
    verbs = ["加强", "落实"]
    # HAND: 1 + 1 + 1 + 3 + 1 + 1 + 3 slogan occurrences, 加强 10 and 落实 8: 29 in all.
    plain = jieba.lcut(speech.text)
    plain_found = sum(plain.count(t) for t in slogans + verbs)
    assert plain_found == 16
    counts = count_slogans(matches)
    ours = dict(zip(counts["term"], counts["count"]))
    verb_counts = count_verbs(tokens)
    ours.update(zip(verb_counts["verb"], verb_counts["count"]))
    assert sum(ours[t] for t in slogans + verbs) == 29
