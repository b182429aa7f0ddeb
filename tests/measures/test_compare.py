"""Comparison: per-unit rates, trends and first appearance on the reports, keyness statistics."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.measures.compare import (across_units, first_appearance, follow, group_keyness, keyness,
                                       keyness_against_idf, log_likelihood, log_ratio, select_units, trend,
                                       units_of, wide)
from tests.conftest import FOLLOWED, GOVREPORTS


def test_log_likelihood_and_log_ratio_by_hand():
    # HAND, a 2x2 table: a word 10 times in a target of 1,000 words, 5 times in a reference of 2,000.
    # Expected 5 and 10; G2 = 2 (10 ln(10/5) + 5 ln(5/10)) = 10 ln 2; Log Ratio = log2(0.01 / 0.0025) = 2.
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(10 * math.log(2))
    assert log_ratio(10, 5, 1000, 2000) == pytest.approx(2.0)
    # a zero: 0 in 1,000 against 10 in 1,000; G2 = 2 x 10 ln 2; Log Ratio with 0.5 for the zero: log2(0.05)
    assert log_likelihood(0, 10, 1000, 1000) == pytest.approx(20 * math.log(2))
    assert log_ratio(0, 10, 1000, 1000) == pytest.approx(math.log2(0.05))


def test_keyness_both_directions_and_the_threshold():
    target = pd.Series({"改革": 60, "发展": 40, "计划": 0, "人民": 100})
    reference = pd.Series({"改革": 5, "发展": 45, "计划": 50, "人民": 100})
    table = keyness(target, reference)
    assert table["term"].tolist() == ["改革", "计划"]  # 发展 and 人民 are under G2 15.13
    assert table["direction"].tolist() == ["target", "reference"]
    row = table.iloc[0]
    # 改革: a = 60, b = 5, c = 200, d = 200
    assert row["g2"] == pytest.approx(round(log_likelihood(60, 5, 200, 200), 3))
    assert (row["target_count"], row["reference_count"], row["target_per_10k"]) == (60, 5, 3000.0)
    assert len(keyness(target, reference, threshold=None)) == 4


YEARS = [p.stem for p in sorted(GOVREPORTS.glob("*.txt"))]  # the 52 reports shipped in corpus/govreports
DATED_IN_TEXT = ["1957", "2017", "2021", "2022", "2023", "2024"]


@pytest.mark.parametrize("spec, chosen", [
    ("2017-2019", ["2017", "2018", "2019"]), ("2024-", ["2024", "2025"]), ("-1955", ["1954", "1955"]),
    ("2019", ["2019"]), ("2019.txt,2018", ["2018", "2019"]), ("date_source=file name", [y for y in YEARS if y not in DATED_IN_TEXT]),
    # HAND: these six give the day they were delivered in a line under the title; the others have no header
    ("date_precision=day", DATED_IN_TEXT),
])
def test_group_specifications(reports, spec, chosen):
    units = reports["documents"]
    picked = units.loc[select_units(units, spec), "doc"].tolist()
    assert picked == (units["doc"].tolist() if chosen is None else chosen)


def test_a_spec_that_selects_nothing_is_refused(reports):
    with pytest.raises(ValueError, match="selects no document"):
        select_units(reports["documents"], "1961-1963")
    with pytest.raises(ValueError, match="no field 'nope'"):
        select_units(reports["documents"], "nope=1")


def test_first_appearance_on_the_reports(reports):
    # The facts, checked with grep on the files: 四个意识 first appears in 2017, 两个维护 in 2019,
    # 三个代表 runs from 2001 to 2018 (in all 18 reports of those years).
    table = trend(reports["compare"], reports["documents"], terms=FOLLOWED)
    first = first_appearance(table).set_index("term")
    assert first.loc["四个意识"].tolist() == [2017, 2025, 8]
    assert first.loc["两个维护"].tolist() == [2019, 2025, 6]
    assert first.loc["三个代表"].tolist() == [2001, 2018, 18]


def test_missing_years_are_gaps(reports):
    table = trend(reports["compare"], reports["documents"], terms=["三个代表"]).set_index("year")
    assert list(table.index) == list(range(1954, 2026))
    # no report of the usual series for 1961-63, 1965-74, 1976-77; none in this source for 1989-91, 1996, 2020
    gaps = [y for y in table.index if pd.isna(table.loc[y, "count"])]
    assert gaps == [*range(1961, 1964), *range(1965, 1975), 1976, 1977, 1989, 1990, 1991, 1996, 2020]
    assert table.loc[gaps, "documents"].eq(0).all() and table.loc[gaps, "per_10k"].isna().all()
    # HAND (grep): 三个代表 5 times in the 2002 report; its rate is per 10,000 characters of that report
    row = table.loc[2002]
    assert row["count"] == 5
    chars = reports["documents"].set_index("doc").loc["2002", "characters"]
    assert row["per_10k"] == pytest.approx(round(5 / chars * 10_000, 3)) and row["characters"] == chars


def test_a_time_axis_needs_dates(result):
    units = result["documents"].assign(year=pd.NA)
    with pytest.raises(ValueError, match="no document has a date"):
        trend(result["compare"], units)


def test_per_document_table(reports):
    table = reports["compare"]
    slogans = table[table["kind"] == "slogan"]
    # every lexicon slogan has a row in every report, zeros included; verbs only where they occur
    assert slogans.groupby("doc").size().nunique() == 1 and (slogans["count"] == 0).any()
    assert (table[table["kind"] == "verb"]["count"] > 0).all()
    row = table[(table["doc"] == "2019") & (table["term"] == "两个维护")].iloc[0]
    assert (row["date"], row["year"], row["count"]) == ("2019", 2019, 1)
    assert row["per_10k"] == pytest.approx(round(1 / row["characters"] * 10_000, 3))
    pivot = wide(table[table["kind"] == "slogan"])
    assert len(pivot) == 52 and pivot.set_index("doc").loc["2019", "slogan:两个维护"] == 1


def test_keyness_of_the_reform_era_against_the_plan_era(reports):
    table = group_keyness(reports["word_counts"], reports["documents"], target="2013-2025", reference="1954-1978")
    top = table[table["direction"] == "target"]["term"].head(30).tolist()
    old = table[table["direction"] == "reference"]["term"].head(30).tolist()
    assert {"创新", "改革", "深化"} <= set(top)
    assert {"社会主义", "计划", "革命", "资本主义"} <= set(old)
    assert (table["g2"] >= 15.13).all()


@pytest.fixture(scope="module")
def sections_run():
    from analysis.engine import run_corpus
    from tests.expected import SEED

    return run_corpus([SEED], unit="auto", tables=["documents", "sections", "compare", "word_counts"],
                      chunk_chars=None)


def test_one_speech_compares_its_sections(sections_run):
    assert units_of(sections_run)["section"].tolist() == ["引言", "一", "二", "三"]
    over = follow(sections_run, ["疫情就是命令"])
    # HAND: 疫情就是命令 stands in the preamble, in 一 and in 三 (see tests/expected.py)
    assert over["count"].tolist() == [1, 1, 0, 1] and over["unit"].tolist() == ["引言", "一", "二", "三"]
    assert first_appearance(over).values.tolist() == [["疫情就是命令", "引言", "三", 3]]
    # without a target, the later half of the sections (二, 三) against the earlier half
    table = group_keyness(sections_run["word_counts"], units_of(sections_run), threshold=None)
    row = table.set_index("term").loc["加强"]
    assert row["target_count"] + row["reference_count"] == 10


def test_keyness_of_one_speech_against_jiebas_idf(result):
    from analysis.measures.compare import jieba_idf

    table = keyness_against_idf(result["content_words"].groupby("token")["count"].sum(), jieba_idf(), top=5)
    assert table["term"].tolist()[:3] == ["疫情防控", "疫情", "防控"]
    assert (table["tfidf"].diff().dropna() <= 0).all()


def test_across_units_shape(sections_run):
    over = across_units(sections_run["compare"], terms=["要"])
    assert over["position"].tolist() == [0, 1, 2, 3] and over["count"].sum() == 16  # HAND: 要 16 times


def test_undated_documents_are_named_and_never_read_as_absent(run_cli, tmp_path):
    """Issue 21: a term found only in an undated document is not reported as absent; a group by year
    holds no undated document; either way one warning names the undated ones."""
    for name, text in {"2019.txt": "要加强学习。要加强学习。", "2020.txt": "要加强学习。",
                       "notes.txt": "要坚持阶级斗争。要加强学习。"}.items():
        (tmp_path / name).write_text(f"讲话\n{text}\n", encoding="utf-8")
    code, out, err = run_cli("trend", "阶级斗争", tmp_path, "--first", "--format", "csv")
    assert (code, out) == (0, "term,first,last,years,undated\n阶级斗争,,,0,1\n")
    assert err == "warning: 1 document(s) have no date and are left out of the time axis: notes\n"
    code, out, err = run_cli("keyness", tmp_path, "--target", "2020", "--all", "--format", "csv")
    assert code == 0 and "warning: 1 document(s) have no date and are in neither group: notes" in err
    rows = {r.split(",")[0]: r.split(",") for r in out.splitlines()[1:]}
    assert "阶级斗争" not in rows  # notes.txt is not in the reference group (2019.txt alone)
