"""The token stage: the project's jieba tokenizer, its user dictionary and stopwords."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.lexicon import load_userdict
from analysis.tokenize import content_words, count_tokens, load_stopwords, tag_text


@pytest.mark.parametrize("term", [
    "四个意识", "四个自信", "两个维护", "联防联控", "联防联治", "一把手", "守土有责", "守土尽责",
    "集中救治", "生命重于泰山", "疫情防控", "疫情就是命令", "早发现", "新型冠状病毒感染的肺炎",
])
def test_political_terms_stay_whole(tokens, term):
    # HAND: each of these occurs in the speech; jieba's default dictionary splits every one.
    assert term in set(tokens["token"])


def test_every_user_dictionary_word_keeps_its_tag():
    for entry in load_userdict():
        if entry.freq == 0:  # removed words split; they have no tag of their own
            assert tag_text(entry.word) != [(entry.word, entry.tag)]
            continue
        assert tag_text(entry.word) == [(entry.word, entry.tag)], entry


def test_tag_corrections_for_this_genre(tokens):
    tags = dict(zip(tokens["token"], tokens["pos"]))
    assert tags["落实"] == "v"  # jieba's dictionary says a (adjective)
    assert tags["部署"] == "v"  # jieba's dictionary says n
    assert "贯彻落实" not in set(tokens["token"])  # split into 贯彻 + 落实
    # HAND: 落实 occurs 8 times in the speech, 3 of them inside 贯彻落实: all 8 are tokens now.
    assert (tokens["token"] == "落实").sum() == 8
    assert (tokens["token"] == "贯彻").sum() == 3


def test_tokens_join_back_to_the_cleaned_text_with_offsets(speech, tokens):
    assert "".join(tokens["token"]) == speech.text
    for row in tokens.itertuples():
        assert speech.text[row.start:row.end] == row.token
    assert list(tokens["start"][1:]) == list(tokens["end"][:-1])


def test_tokens_carry_section_and_sentence(speech, tokens):
    heading = tokens[tokens["start"] == speech.sections[3].start].iloc[0]
    assert heading["section"] == "三"
    first_sentence_of_three = speech.sentences[heading["sentence"]]
    assert first_sentence_of_three.text == "三、疫情就是命令，防控就是责任。"


def test_none_of_the_footer_reaches_the_tokens(tokens):
    joined = "".join(tokens["token"])
    for marker in ("Copyright", "wanshu", "ICP", "qq", "640661", "版权", "备案"):
        assert marker not in joined


def test_content_words_drop_stopwords_and_punctuation(tokens):
    words = count_tokens(content_words(tokens))
    top = dict(zip(words["token"], words["count"]))
    stop = load_stopwords()
    assert not set(top) & stop
    assert "，" not in top and "的" not in top and "要" not in top
    # HAND: 防控 occurs 35 times in the speech: 15 inside 疫情防控 and 3 inside 防控就是责任, which
    # are tokens of their own, and 17 alone.
    assert top["防控"] == 17
    assert top["疫情防控"] == 15


def test_the_project_tokenizer_leaves_jiebas_global_one_alone():
    code = (
        "import jieba\n"
        "from analysis.tokenize import tag_text\n"
        "assert tag_text('四个意识') == [('四个意识', 'nz')]\n"
        "print(jieba.lcut('增强四个意识'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['增强', '四个', '意识']"


def test_import_is_light_and_loads_no_jieba():
    code = (
        "import sys, time\n"
        "t = time.perf_counter()\n"
        "import analysis\n"
        "print(time.perf_counter() - t, 'jieba' in sys.modules, 'pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert float(out[0]) < 0.5
    assert out[1:] == ["False", "False"]
