"""Directive modality markers, checked by reading: the bundled speech (tests/expected.py) and two
Government Work Reports annotated by readers (tests/data/markers_gwr*.tsv)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures.markers import count_modality, modality_tokens
from analysis.text.documents import load_speech
from analysis.text.tokens import tokenize_chunk
from tests.expected import MODALITY_COUNTS


def test_directive_modality_markers_hand_checked(tokens):
    counts = dict(zip(count_modality(tokens)["marker"], count_modality(tokens)["count"]))
    assert {m: counts[m] for m in MODALITY_COUNTS} == MODALITY_COUNTS
    assert "务必" not in counts
    assert len(modality_tokens(tokens)) == sum(counts.values())


def test_marker_counts_group_by_document_and_section(tokens):
    two = pd.concat([tokens, tokens.assign(doc="copy")], ignore_index=True)
    by_section = count_modality(tokens, by=["section_index"])
    assert by_section.groupby("marker")["count"].sum()["要"] == MODALITY_COUNTS["要"]
    full = count_modality(two, by=["doc"], include_zero=True)
    assert len(full) == 2 * len(count_modality(tokens, include_zero=True))


# markers whose count differs from reading: 严格 before a verbal object (要严格安全生产责任制) and in a
# title (“两个确保” is a formulation of the lexicon, one word: its 确保 is no marker); 不能 in
# 不敢腐、不能腐、不想腐, the marker word but not in marker use, as this reader notes (capability)
MARKERS_DIFFER = {"2019": {"不能": 5}, "2005": {"严格": 13}}


@pytest.mark.parametrize("year", ["2019", "2005"])
def test_markers_hidden_in_longer_words_are_counted(annotated, year):
    tokens, _, gold = annotated[year]
    hand: dict[str, int] = {}
    for (marker, _), row in gold.items():
        if row["marker_word"] == "yes":
            # 也要, 都要, 还要 … are 也, 都, 还 + the marker 要; 需要 is not a marker
            marker = "要" if marker.endswith("要") and marker not in ("一定要", "不要", "需要") else marker
            hand[marker] = hand.get(marker, 0) + 1
    hand.pop("需要", None)
    counts = count_modality(tokens)
    assert dict(zip(counts["marker"], counts["count"])) == {**hand, **MARKERS_DIFFER[year]}


def _markers(text: str, tmp_path) -> list[tuple[str, str]]:
    path = tmp_path / "speech.txt"
    path.write_text(f"讲话\n\n{text}\n", encoding="utf-8")
    rows = modality_tokens(tokenize_chunk(load_speech(path)))
    return list(zip(rows["token"], rows["time"]))


def test_markers_in_their_use_only(tmp_path):
    # the annotation guide's cases (tests/data/ANNOTATION_GUIDE.md), each read by hand: 要 inside a word,
    # 不能 of capability and in Mencius's line, a marker inside a quotation; the last 不能 is an order
    text = ("抓好大事要事，做好当务之急。一体推进不敢腐、不能腐、不想腐。富贵不能淫，贫贱不能移，威武不能屈。"
            "他说“要加强学习”。我们不能松懈。")
    assert _markers(text, tmp_path) == [("不能", "future")]


def test_marker_time_from_the_sentence(tmp_path):
    # read by hand: a 了 or 已经 in the marker's clause, or a time gone by before it in the sentence,
    # make it a review; a 了 in another clause, or inside quotation marks, does not
    text = ("过去一年，我们坚决打赢了攻坚战。今年要坚决打好。工作得到进一步加强了。"
            "单位增多了，开支也要相应增加。各国要共同破解“世界怎么了”这一课题。")
    assert _markers(text, tmp_path) == [("坚决", "past"), ("要", "future"), ("坚决", "future"), ("进一步", "past"),
                              ("要", "future"), ("要", "future")]
