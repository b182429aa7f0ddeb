"""Validation against hand annotation: the scores on rows worked out by hand, the gold placed in the
tool's text, and the recorded figures (docs/validation.csv) held and shown in docs/accuracy.md."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis.engine import validation as V

ROOT = Path(__file__).resolve().parents[2]
SPEECHES = ROOT.parent / "shared" / "corpora" / "speeches-news"


def verb(span, verbal="yes", borderline="no", word="发展"):
    return {"span": span, "verbal": verbal, "borderline": borderline, "word": word}


def test_verb_scores_by_hand():
    # read: (0,2) a verb, (2,4) a noun, (4,6) borderline, (6,8) a verb the tool misses
    gold = [verb((0, 2)), verb((2, 4), "no"), verb((4, 6), borderline="yes"), verb((6, 8), word="建设")]
    found = [(0, 2, "发展"), (2, 4, "发展"), (4, 6, "加强")]
    scores = {s.measure: s for s in V.score_verbs(gold, found, top={"发展"})}
    assert (scores["verbs: precision"].right, scores["verbs: precision"].found) == (1, 2)  # the borderline one unjudged
    assert scores["verbs: precision, top 30"].precision == 0.5
    assert scores["verbs: precision, outside the top 30"].found == 0
    assert (scores["verbs: recall"].right, scores["verbs: recall"].gold) == (1, 2)
    assert scores["verbs: recall, ten verbs"].note == "missed: 建设 1"


def test_marker_scores_by_hand():
    gold = [{"marker": "要", "marker_use": "yes", "time": "future", "span": (0, 1)},
            {"marker": "要", "marker_use": "yes", "time": "general", "span": (5, 6)},
            {"marker": "要", "marker_use": "no", "time": "", "span": (9, 10)},
            {"marker": "坚决", "marker_use": "yes", "time": "past", "span": (12, 14)}]
    found = [(0, 1, "要", "future"), (5, 6, "要", "future"), (9, 10, "要", "future"), (12, 14, "坚决", "future")]
    counts = V.score_markers(gold, found)
    assert counts.note == "largest 1; 要 +1"  # 要 counted 3 times, read twice
    time = V.score_marker_time(gold, found)
    # general is scored as future; 坚决 reviews past work and the tool calls it future
    assert (time.right, time.gold, time.note) == (2, 3, "1 past read as future")


def test_series_scores_by_hand():
    gold = [{"item_spans": ((0, 2), (3, 5)), "debatable": "no", "kind": "structure"},
            {"item_spans": ((10, 12), (13, 15)), "debatable": "yes", "kind": "head"},
            {"item_spans": ((20, 22), (23, 25)), "debatable": "no", "kind": "tail"}]
    found = [((0, 2), (3, 5)), ((10, 12), (13, 15), (16, 18)), ((30, 32), (33, 35))]
    score = V.score_series(gold, found)
    # one right; one shares items with a debatable series (not scored); one wrong; one missed
    assert (score.right, score.precision, score.recall) == (1, 0.5, 0.5)


def test_formulation_scores_by_hand():
    gold = [{"term": "四方责任", "span": (0, 4), "expansion": "属地责任、部门责任"},
            {"term": "两个维护", "span": (10, 14), "expansion": ""}]
    found = [(0, 4, "四方责任", "属地责任、部门责任"), (10, 14, "两个维护", "坚决维护")]
    formulations, expansions = V.score_formulations(gold, found)
    assert (formulations.precision, formulations.recall) == (1.0, 1.0)
    assert (expansions.right, expansions.gold) == (1, 1)
    assert expansions.note.startswith("1 given where the text gives none")


def test_reading_offsets_map_onto_the_cleaned_text():
    # the cleaned text drops the spaces and line breaks of the reading text and a caption
    reading = "讲话\n\n  要加强领导。\n新华社记者 某某 摄\n要落实责任。"
    cleaned = "讲话\n要加强领导。\n要落实责任。"
    mapping = V.offset_map(reading, cleaned)
    first, second = reading.index("加强"), reading.index("落实")
    assert cleaned[mapping[first]:mapping[first] + 2] == "加强"
    assert cleaned[mapping[second]:mapping[second] + 2] == "落实"
    assert V._span(mapping, reading.index("某某"), reading.index("某某") + 2) is None


def test_the_summary_reads_a_pooled_row():
    table = V.read_record()
    summary = V.summary(table).set_index("measure")
    row = table[(table["text"] == "all development") & (table["measure"] == "series")].iloc[0]
    expected = f"P {row['precision']:.2f} ({row['right']}/{row['found']}), R {row['recall']:.2f} ({row['right']}/{row['gold']})"
    assert summary.loc["series", "development"] == expected


def test_the_docs_show_the_record():
    """docs/accuracy.md holds the summaries of docs/validation.csv as it is and of round 1's record."""
    page = (ROOT / "docs" / "accuracy.md").read_text(encoding="utf-8")
    assert V.markdown(V.summary(V.read_record())) in page
    assert V.markdown(V.summary(V.read_record(V.ROUND1))) in page


@pytest.fixture(scope="module")
def speeches():
    if not SPEECHES.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI needs the shared corpus at {SPEECHES}")
        pytest.skip("../shared/corpora/speeches-news is not here")
    return SPEECHES


def test_no_figure_falls_below_the_record(speeches):
    now = V.validate()
    assert V.fallen(now, V.read_record()) == []
    # the gold is placed whole: every row of every passage found in the tool's text or said to be removed
    assert set(now["split"]) == {"development", "held out"}


def test_the_validate_command(speeches, run_cli, tmp_path):
    code, out, err = run_cli("validate", "--summary", "--format", "csv", "--split", "held-out",
                             "--check", str(V.RECORD))
    assert code == 0 and err == ""
    assert out.splitlines()[0] == "measure,development,held out"
    missing = tmp_path / "none.csv"
    assert run_cli("validate", "--check", str(missing)) == (1, "", f"error: {missing}: no such file: write the "
                                                                   "record first (make validate)\n")


def test_the_readme_quotes_the_held_out_record():
    held = V.summary(V.read_record()).set_index("measure")["held out"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quoted = {"verbs: precision": "precision 0.85", "verbs: recall": "recall 0.82",
              "verbs: recall, ten verbs": "recall 0.95", "formulations": "precision 0.93 and recall\n1.00",
              "series": "precision 0.56 and recall 0.36"}
    for measure, words in quoted.items():
        assert words in readme, words
        figures = words.replace("\n", " ").replace(" and recall ", ", R ").replace("precision ", "P ").replace("recall ", "R ")
        assert all(figure in held[measure] for figure in figures.split(", ")), (measure, held[measure])
    assert "largest 2" in held["markers: largest difference from reading"] and "within 2 of reading" in readme
    assert held["markers: time (future or past)"].startswith("0.80") and "0.80 of the time" in readme
