"""Action verbs and directive modality markers, checked by reading the speech (tests/expected.py)."""

from __future__ import annotations

import pandas as pd

from analysis.measures.verbs import count_modality, count_verbs, modality_tokens, verb_tokens
from analysis.text.tokenizers import VERB
from tests.expected import MODALITY_COUNTS, TIED_AT_TWO, TOP_VERBS


def test_top_verbs_hand_checked(tokens):
    verbs = count_verbs(tokens, top=14)
    assert list(zip(verbs["verb"], verbs["count"])) == TOP_VERBS
    assert list(verbs["gloss"][:3]) == ["strengthen", "implement", "do well"]


def test_fifteenth_verb_is_a_tie_at_two(tokens):
    verbs = count_verbs(tokens)
    assert verbs["count"].iloc[14] == 2
    counts = dict(zip(verbs["verb"], verbs["count"]))
    assert {v: counts[v] for v in TIED_AT_TWO} == TIED_AT_TWO


def test_verbs_without_action_and_modality_markers_are_not_action_verbs(tokens):
    verbs = set(count_verbs(tokens)["verb"])
    assert not verbs & {"是", "有", "能", "要", "不能", "决不能", "例"}
    # 要求 is tagged vn (the noun "requirement" in 按照……的要求) and 工作/防控 are vn: not counted.
    assert not verbs & {"要求", "工作", "防控"}
    assert set(verb_tokens(tokens)["upos"]) == {VERB}


def test_directive_modality_markers_hand_checked(tokens):
    counts = dict(zip(count_modality(tokens)["marker"], count_modality(tokens)["count"]))
    assert {m: counts[m] for m in MODALITY_COUNTS} == MODALITY_COUNTS
    assert "务必" not in counts
    assert len(modality_tokens(tokens)) == sum(counts.values())


def test_counts_group_by_document_and_section(tokens):
    two = pd.concat([tokens, tokens.assign(doc="copy")], ignore_index=True)
    by_doc = count_verbs(two, by=["doc"], top=3)
    assert by_doc[["doc", "verb", "count"]].values.tolist() == [
        ["000_891b73dabb0c5904", "加强", 10], ["000_891b73dabb0c5904", "落实", 8], ["000_891b73dabb0c5904", "做好", 6],
        ["copy", "加强", 10], ["copy", "落实", 8], ["copy", "做好", 6]]
    by_section = count_modality(tokens, by=["section_index"])
    assert by_section.groupby("marker")["count"].sum()["要"] == MODALITY_COUNTS["要"]
    full = count_modality(two, by=["doc"], include_zero=True)
    assert len(full) == 2 * len(count_modality(tokens, include_zero=True))
