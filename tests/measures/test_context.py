"""Keywords in context, also across the edges of chunks."""

from __future__ import annotations


import pytest

from analysis.measures.context import kwic
from tests.expected import COUPLET_CONTEXTS, SEED


def test_kwic(speech, matches):
    row = matches[matches["term"] == "人民战争"].iloc[0]
    assert kwic(speech.text, row.start, row.end, window=6) == ("务，也是一场", "人民战争", "。全市各级各")


def test_slogan_contexts_of_a_chunked_read_are_those_of_the_whole(result, chunked):
    for tables in (result, chunked):
        contexts = tables["slogan_contexts"]
        couplet = contexts[contexts["term"] == "疫情就是命令"]
        assert list(zip(couplet["left"], couplet["match"], couplet["right"])) == COUPLET_CONTEXTS


def test_kwic_of_a_term_and_a_regular_expression(result):
    from analysis.measures.context import kwic_lines

    lines = kwic_lines(result["tokens"], "疫情就是命令", window=15)
    assert list(zip(lines["left"], lines["match"], lines["right"])) == COUPLET_CONTEXTS
    assert list(lines.columns[:3]) == ["left", "match", "right"]
    assert lines["section"].tolist() == ["引言", "一", "三"] and lines["start"].tolist() == [362, 870, 1573]
    regex = kwic_lines(result["tokens"], "再[深细调]化?", regex=True)
    # HAND: the heading of 二 says 再深化 … 再细化, its paragraph 再深化 … 再细化 … 再调度
    assert regex["match"].tolist() == ["再深化", "再细化", "再深化", "再细化", "再调"]


def test_kwic_in_tokens_and_sorted(result):
    from analysis.measures.context import kwic_lines

    # HAND: 落实 8 times (tests/expected.py); the first, 全力以赴做好防控工作，落实早发现、…: two tokens each side
    lines = kwic_lines(result["tokens"], "落实", window=2, in_tokens=True)
    assert len(lines) == 8 and (lines["left"].iloc[0], lines["right"].iloc[0]) == ("工作，", "早发现、")
    by_right = kwic_lines(result["tokens"], "落实", window=2, in_tokens=True, sort="right")
    assert by_right["right"].tolist() == sorted(by_right["right"].tolist())
    by_left = kwic_lines(result["tokens"], "落实", window=2, in_tokens=True, sort="left")
    assert [s[::-1] for s in by_left["left"]] == sorted(s[::-1] for s in by_left["left"])


def test_collocation_measures_by_hand():
    from analysis.measures.context import collocations

    # 20 tokens: 改革 at 1 and 5; 发展 at 0, 6 (both next to 改革) and 15. Window 1: O = 2, f_node = 2,
    # f_coll = 3, N = 20, span 2: E = 2 x 2 x 3 / 20 = 0.6; MI = log2(2 / 0.6) = 1.737; t = (2 - 0.6) / √2
    # = 0.990; logDice = 14 + log2(4 / 5) = 13.678; G2 over (2, 2, 1, 15) against (0.6, 3.4, 2.4, 13.6) = 3.882.
    words = ["发展", "改革"] + [f"词{i}" for i in range(3)] + ["改革", "发展"] + [f"字{i}" for i in range(8)] + \
        ["发展"] + [f"语{i}" for i in range(4)]
    assert len(words) == 20
    row = collocations({"doc": words}, "改革", window=1).set_index("collocate").loc["发展"]
    assert row["count"] == 2
    assert row[["mi", "t", "logdice", "ll"]].tolist() == pytest.approx([1.737, 0.990, 13.678, 3.882], abs=1e-3)


def test_collocations_agree_with_nltk(result):
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    from analysis.measures.context import collocates, collocations, token_stream
    from analysis.text.lexicons import load_stopwords

    table = collocates(result["tokens"], "防控")
    words = token_stream(result["tokens"], load_stopwords())[SEED.stem]
    n, span = len(words), 10
    nodes = [i for i, w in enumerate(words) if w == "防控"]
    assert len(table) > 5
    for row in table.itertuples():
        # counted independently: each place of the collocate within 5 words of some 防控
        places = [j for j, w in enumerate(words) if w == row.collocate and any(abs(j - i) <= 5 for i in nodes)]
        assert row.count == len(places) <= row.collocate_frequency
        marginals = (len(nodes) * span, row.collocate_frequency)
        assert row.mi == pytest.approx(BigramAssocMeasures.pmi(row.count, marginals, n), abs=1e-3)
        assert row.t == pytest.approx(BigramAssocMeasures.student_t(row.count, marginals, n), abs=1e-3)
        assert row.ll == pytest.approx(BigramAssocMeasures.likelihood_ratio(row.count, marginals, n), abs=1e-3)
    # where the term's windows do not overlap, the counts are those of NLTK's window finder
    stream = ["改革", "甲", "乙", "发展", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸", "改革", "发展", "子", "丑",
              "发展", "寅", "卯", "辰"]
    finder = BigramCollocationFinder.from_words(stream, window_size=4)  # pairs up to 3 words apart
    ours = collocations({"d": stream}, "改革", window=3, min_count=1).set_index("collocate")["count"]
    for word, count in ours.items():
        assert count == finder.ngram_fd[("改革", word)] + finder.ngram_fd[(word, "改革")]


def test_adjacent_pairs_of_the_whole_text(result):
    from analysis.measures.context import collocates

    pairs = collocates(result["tokens"]).set_index("collocate")
    # HAND: 疫情就是命令 is followed by 防控就是责任 all three times, the couplet's two halves
    assert pairs.loc["疫情就是命令 防控就是责任", "count"] == 3


def test_collocations_of_a_term_the_tokenizer_cuts(write_file):
    """新时代 is 新/时代 to jieba: the node is matched on the text, as KWIC does (issue 21)."""
    from analysis.engine import run_corpus
    from analysis.measures.context import collocates

    path = write_file("t.txt", "讲话\n新时代要团结奋斗。新时代要团结奋斗。新时代要加强学习。\n")
    tokens = run_corpus([path], tables=["tokens"], cache=False)["tokens"]
    assert "新时代" not in set(tokens["token"])
    table = collocates(tokens, "新时代", min_count=2).set_index("collocate")
    # read by hand: 新时代 stands 3 times, 团结奋斗 (one word) twice within five words of it
    assert table.loc["团结奋斗", ["count", "node_frequency"]].tolist() == [2, 3]
    assert list(table.index) == ["团结奋斗"]
