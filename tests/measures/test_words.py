"""Content words and the segmentation the user dictionary changes."""

from __future__ import annotations

from analysis.measures.words import content_words, count_tokens, segmentation_diff
from analysis.text.lexicons import load_stopwords
from tests.expected import CONTENT_WORDS


def test_content_words_drop_stopwords_and_punctuation(tokens):
    words = count_tokens(content_words(tokens))
    top = dict(zip(words["token"], words["count"]))
    assert not set(top) & load_stopwords().words
    assert "，" not in top and "的" not in top and "要" not in top
    assert {w: top[w] for w in CONTENT_WORDS} == CONTENT_WORDS


def test_segmentation_diff_shows_what_the_user_dictionary_keeps_whole(result):
    diff = segmentation_diff(result["sentences"], limit=50)
    assert len(diff) > 5
    row = diff[diff["project"].str.contains("四个意识")].iloc[0]
    assert "四个 / 意识" in row["default"] and " / 四个意识 / " in row["project"]
