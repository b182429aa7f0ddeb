"""Rates per 1,000 (or 10,000) characters: one rule, sections told apart by index, not label."""

from __future__ import annotations

import pytest

from analysis.engine import run_corpus
from analysis.measures.rates import PER_TEN_THOUSAND, category_section_rates, rate, rates_by_section
from tests.expected import HEATMAP_RATES, MODALITY_COUNTS, SECTION_CHARS

RESTARTED = "区委书记的讲话\n一、第一部分\n要坚决做到两个维护。\n一、第二部分\n要做好其他工作。\n"


def test_the_rule(result):
    sections = result["sections"].set_index("section")
    assert {s: sections.loc[s, "chars"] for s in SECTION_CHARS} == SECTION_CHARS
    assert rate(6, 472) == pytest.approx(6 / 472 * 1000)
    assert rate(3, 2078, per=PER_TEN_THOUSAND) == pytest.approx(14.437, abs=1e-3)
    assert rate(5, 0) == 0.0


def test_category_rates_by_section_hand_checked(result):
    rates = category_section_rates(result["slogan_matches"], result["sections"])
    for (category, section), value in HEATMAP_RATES.items():
        assert rates.loc[category, section] == pytest.approx(value)
    # the categories of the speech, in the lexicon's order; the seven it has none of are no rows
    assert list(rates.index) == ["mobilisation", "political_loyalty", "epidemic_policy", "cadre_responsibility",
                                 "governance_law"]


def test_modality_rates_by_section(result):
    rates = rates_by_section(result["modality_tokens"], result["sections"], column="token")
    lengths = result["sections"]["chars"].to_numpy()
    counts = (rates.loc["要"].to_numpy() * lengths / 1000).round()
    assert counts.sum() == MODALITY_COUNTS["要"]
    assert list(rates.columns) == ["引言", "一", "二", "三"]
    assert rates.index[0] == "要"  # the most frequent marker first


def test_a_numbering_that_restarts_keeps_its_sections_apart(write_file):
    # HAND: two sections numbered 一; 要 stands once in each, 两个维护 only in the first. Before the
    # sections had an index, rates_by_section added the two 一 up (2 per 23 characters).
    result = run_corpus([write_file("parts.txt", RESTARTED)], chunk_chars=None)
    sections = result["sections"]
    assert sections[["section", "section_index", "chars"]].values.tolist() == [
        ["引言", 0, 7], ["一", 1, 17], ["一", 2, 15]]
    rates = rates_by_section(result["modality_tokens"], sections, column="token")
    assert rates.loc["要"].tolist() == pytest.approx([0, round(1000 / 17, 2), round(1000 / 15, 2)])
    heat = category_section_rates(result["slogan_matches"], sections)
    assert heat.loc["political_loyalty"].tolist() == pytest.approx([0, 1000 / 17, 0])


def test_several_documents_have_their_own_columns(write_file):
    result = run_corpus([write_file("a.txt", RESTARTED), write_file("b.txt", RESTARTED)], chunk_chars=None)
    rates = rates_by_section(result["modality_tokens"], result["sections"], column="token")
    assert list(rates.columns) == [(d, s) for d in ("a", "b") for s in ("引言", "一", "一")]
    assert rates.loc["要"].tolist() == pytest.approx([0, 58.82, 66.67] * 2)
