"""Slogans: counts checked by reading the speech (tests/expected.py), on any lexicon."""

from __future__ import annotations

import re

import jieba
import pandas as pd
import pytest

from analysis.measures.slogans import count_categories, count_slogans, form_pattern, lexicon_frame, merge_overlaps
from analysis.measures.verbs import count_verbs
from analysis.text.lexicons import load_slogans
from tests.expected import CATEGORY_TOTALS, PLAIN_JIEBA_FINDS, PROJECT_FINDS, SLOGAN_COUNTS

MINE = """\
categories:
  duty: {zh: 责任, en: duty}
slogans:
  - {term: 守土有责, category: duty, gloss: defend the land, note: test}
  - {term: 人民至上, category: duty, gloss: the people first, note: test}
"""


@pytest.mark.parametrize("term, expected", sorted(SLOGAN_COUNTS.items()))
def test_hand_checked_slogan_counts(matches, term, expected):
    counts = count_slogans(matches)
    assert dict(zip(counts["term"], counts["count"]))[term] == expected


def test_category_totals_never_count_characters_twice(matches):
    totals = dict(zip(count_categories(matches)["category"].astype(str), count_categories(matches)["count"]))
    assert {c: n for c, n in totals.items() if n} == CATEGORY_TOTALS
    assert len(totals) == 12  # every category has a row in the table, zeros included
    slogan_total = count_slogans(matches)["count"].sum()
    assert sum(totals.values()) == slogan_total - 3 - 1 - 1  # the nested 疫情就是命令 ×3, 守土有责, 集中救治


def test_every_match_is_traceable(speech, matches):
    for row in matches.itertuples():
        assert speech.text[row.start:row.end] == row.matched
        sentence = speech.sentences[row.sentence]
        assert sentence.start <= row.start and row.end <= sentence.end
        assert speech.structure.section(row.section_index).label == row.section == \
            speech.structure.section(sentence.section).label
    couplet = matches[matches["term"] == "疫情就是命令，防控就是责任"]
    assert list(couplet["section"]) == ["引言", "一", "三"]
    assert list(couplet["section_index"]) == [0, 1, 3]


def test_matches_are_on_the_text_with_any_series_punctuation():
    assert form_pattern("疫情就是命令，防控就是责任") == "疫情就是命令[，、,；;：:]?防控就是责任"
    text = "疫情就是命令,防控就是责任\n疫情就是命令、防控就是责任\n疫情就是命令防控就是责任"
    assert len(re.findall(form_pattern("疫情就是命令，防控就是责任"), text)) == 3


def test_merge_overlaps_merges_chains_within_a_document():
    frame = pd.DataFrame({"doc": ["a", "a", "a", "b"], "start": [0, 2, 10, 0], "end": [5, 7, 12, 5]})
    assert len(merge_overlaps(frame)) == 3


def test_counts_group_by_document(speech, matches):
    two = pd.concat([matches, matches.assign(doc="copy")], ignore_index=True)
    by_doc = count_slogans(two, by=["doc"])
    assert list(by_doc.columns[:2]) == ["doc", "term"]
    for doc in ("000_891b73dabb0c5904", "copy"):
        part = by_doc[by_doc["doc"] == doc]
        assert dict(zip(part["term"], part["count"]))["第一时间"] == 3
    assert dict(zip(count_slogans(two)["term"], count_slogans(two)["count"]))["第一时间"] == 6
    categories = count_categories(two, by=["doc"])
    copy = categories[(categories["doc"] == "copy") & (categories["count"] > 0)]
    assert copy.set_index("category")["count"].to_dict() == CATEGORY_TOTALS


def test_a_lexicon_of_ones_own_counts_and_labels(tmp_path, speech):
    from analysis.measures.slogans import find_slogans

    path = tmp_path / "mine.yaml"
    path.write_text(MINE, encoding="utf-8")
    mine = load_slogans(path)
    counts = count_slogans(find_slogans(speech, mine), mine, include_zero=True)
    assert counts[["term", "count", "category_zh", "category_en"]].values.tolist() == [
        ["守土有责", 1, "责任", "duty"], ["人民至上", 0, "责任", "duty"]]
    assert list(counts["category"].cat.categories) == ["duty"]
    assert lexicon_frame(mine)["term"].tolist() == ["守土有责", "人民至上"]


def test_curated_lexicon_finds_what_plain_jieba_misses(speech, tokens, matches):
    """The README's figure: plain jieba.lcut token counts find 16 of these 29 occurrences."""
    slogans = ["四个意识", "两个维护", "联防联控", "疫情就是命令", "生命重于泰山", "守土有责", "集中救治"]
    verbs = ["加强", "落实"]
    plain = jieba.lcut(speech.text)
    assert sum(plain.count(t) for t in slogans + verbs) == PLAIN_JIEBA_FINDS
    counts = count_slogans(matches)
    ours = dict(zip(counts["term"], counts["count"]))
    verb_counts = count_verbs(tokens)
    ours.update(zip(verb_counts["verb"], verb_counts["count"]))
    assert sum(ours[t] for t in slogans + verbs) == PROJECT_FINDS
