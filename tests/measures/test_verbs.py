"""Action verbs, checked by reading the speech (tests/expected.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures.verbs import count_verbs, verb_tokens
from tests.expected import TIED_AT_TWO, TOOL_MISSES, TOP_VERBS, VERB_USES_BY_READING


def test_top_verbs_hand_checked(tokens):
    verbs = count_verbs(tokens, top=13)
    assert list(zip(verbs["verb"], verbs["count"])) == TOP_VERBS
    assert list(verbs["gloss"][:3]) == ["strengthen", "implement", "do well"]


def test_verbs_used_as_nouns_or_adverbs_are_not_counted(tokens):
    counts = count_verbs(tokens)
    counts = dict(zip(counts["verb"], counts["count"]))
    assert counts["部署"] == VERB_USES_BY_READING["部署"]  # 决策部署 ×2 and 部署安排 are nouns
    # the disagreements with reading, kept visible: 第一时间救治, 深入到各县 and 深入防控疫情第一线 missed
    assert {w: counts.get(w, 0) for w in TOOL_MISSES} == TOOL_MISSES
    assert all(TOOL_MISSES[w] < VERB_USES_BY_READING[w] for w in TOOL_MISSES)


def test_fifteenth_verb_is_a_tie_at_two(tokens):
    verbs = count_verbs(tokens)
    assert verbs["count"].iloc[14] == 2
    counts = dict(zip(verbs["verb"], verbs["count"]))
    assert {v: counts[v] for v in TIED_AT_TWO} == TIED_AT_TWO


def test_verbs_without_action_and_modality_markers_are_not_action_verbs(tokens):
    verbs = set(count_verbs(tokens)["verb"])
    assert not verbs & {"是", "有", "能", "要", "不能", "决不能", "例", "工作"}
    # in context: 第一时间防控 is a verb (as 第一时间上报 beside it); 要求 in 按医学要求进行隔离 and 防控 in
    # 深入防控疫情第一线 are nouns that the tagger counts: known errors, kept visible
    counted = verb_tokens(tokens)
    assert sorted(counted[counted["token"].isin(["要求", "防控"])]["token"]) == ["要求", "防控", "防控"]


def test_counts_group_by_document_and_section(tokens):
    two = pd.concat([tokens, tokens.assign(doc="copy")], ignore_index=True)
    by_doc = count_verbs(two, by=["doc"], top=3)
    assert by_doc[["doc", "verb", "count"]].values.tolist() == [
        ["000_891b73dabb0c5904", "加强", 10], ["000_891b73dabb0c5904", "落实", 8], ["000_891b73dabb0c5904", "做好", 6],
        ["copy", "加强", 10], ["copy", "落实", 8], ["copy", "做好", 6]]


# -- two Government Work Reports, against hand annotation by readers (tests/data/*_gwr*.tsv) -------------

@pytest.mark.parametrize("year, right, counted", [("2019", 723, 764), ("2005", 690, 722)])
def test_precision_of_the_top_30_verbs(annotated, year, right, counted):
    tokens, gold, _ = annotated[year]
    verbs = verb_tokens(tokens)
    top = set(count_verbs(tokens)["verb"][:30])  # ties in the verbs table's order: count, then verb
    decided = [gold[(w, s)]["verb"] for w, s in zip(verbs["token"], verbs["start"]) if w in top]
    assert len(decided) == counted  # every counted use of a top-30 verb was annotated
    assert decided.count("yes") == right  # the measured precision, reported in the README
    assert right / counted >= 0.9


# the hand counts of the 15 verbs with the most verbal uses, and the tool's where it differs
HAND_TOP_VERBS = {
    "2019": {"加强": 62, "推进": 59, "加快": 43, "完善": 42, "推动": 40, "促进": 35, "深化": 34, "继续": 33,
             "坚持": 32, "支持": 30, "发展": 28, "提高": 27, "实施": 25, "改革": 24, "落实": 23},
    "2005": {"加强": 87, "推进": 51, "发展": 47, "继续": 46, "加快": 45, "提高": 34, "完善": 31, "坚持": 29,
             "支持": 27, "促进": 26, "解决": 24, "做好": 21, "加大": 19, "增加": 19, "实行": 19},
}
TOOL_DIFFERS = {
    # Since the context tagger (issue 20). These readers counted 继续 before a verb as a verb; the
    # annotation guide of the blind gold (tests/data/ANNOTATION_GUIDE.md) reads it as an adverb, and so
    # does the tagger. 发展 is over-counted where a reader takes it as a noun in a clause object
    # (保持经济持续健康发展, 东部率先发展); 改革 at the head of a clause (改革完善…) is missed.
    "2019": {"推进": 60, "加快": 40, "继续": 0, "坚持": 33, "支持": 31, "发展": 43, "提高": 28, "改革": 7, "落实": 22},
    "2005": {"发展": 61, "继续": 0, "加快": 43, "提高": 32, "解决": 23},
}


@pytest.mark.parametrize("year", ["2019", "2005"])
def test_counts_of_the_top_verbs_against_reading(annotated, year):
    tokens, gold, _ = annotated[year]
    hand = {w: sum(1 for (word, _), row in gold.items() if word == w and row["verb"] == "yes")
            for w in HAND_TOP_VERBS[year]}
    assert hand == HAND_TOP_VERBS[year]  # the gold file says what the table says
    counts = verb_tokens(tokens)["token"].value_counts()
    assert {w: int(counts.get(w, 0)) for w in hand} == {**hand, **TOOL_DIFFERS[year]}
