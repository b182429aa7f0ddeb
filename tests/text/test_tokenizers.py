"""Tokenizers: the interface, the jieba backend with the project's user dictionary, and token rows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.text.lexicons import load_userdict
from analysis.text.tokenizers import PUNCT, VERB, Tokenizer, get_tokenizer
from analysis.text.tokens import TOKEN_COLUMNS, tag_text


def test_jieba_fills_the_tokenizer_interface():
    tokenizer = get_tokenizer("jieba")
    assert isinstance(tokenizer, Tokenizer)
    assert (tokenizer.name, tokenizer.version) == ("jieba", "0.42.1")
    assert tokenizer.userdict == load_userdict()
    assert get_tokenizer("jieba") is tokenizer  # built once per dictionary
    assert [tokenizer.coarse(t) for t in ("v", "vd", "vi", "vn", "vg", "x", "n", "zz-unknown")] == \
        [VERB, VERB, VERB, "NOUN", "X", PUNCT, "NOUN", "X"]
    with pytest.raises(ValueError, match="unknown tokenizer"):
        get_tokenizer("nope")


@pytest.mark.parametrize("term", [
    "四个意识", "四个自信", "两个维护", "联防联控", "联防联治", "一把手", "守土有责", "守土尽责",
    "集中救治", "生命重于泰山", "疫情防控", "疫情就是命令", "早发现", "新型冠状病毒感染的肺炎",
])
def test_political_terms_stay_whole(tokens, term):
    # HAND: each of these occurs in the speech; jieba's default dictionary splits every one.
    assert term in set(tokens["token"])


def test_every_user_dictionary_word_keeps_its_tag():
    for entry in load_userdict().entries:
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
    assert list(tokens.columns) == TOKEN_COLUMNS
    assert "".join(tokens["token"]) == speech.text
    for row in tokens.itertuples():
        assert speech.text[row.start:row.end] == row.token
    assert list(tokens["start"][1:]) == list(tokens["end"][:-1])


def test_tokens_carry_section_and_sentence(speech, tokens):
    heading = tokens[tokens["start"] == speech.sections[3].start].iloc[0]
    assert (heading["section"], heading["section_index"]) == ("三", 3)
    assert speech.sentences[heading["sentence"]].text == "三、疫情就是命令，防控就是责任。"
    assert set(tokens.loc[tokens["token"] == "，", "upos"]) == {PUNCT}


def test_none_of_the_footer_reaches_the_tokens(tokens):
    joined = "".join(tokens["token"])
    for marker in ("Copyright", "wanshu", "ICP", "qq", "640661", "版权", "备案"):
        assert marker not in joined


def test_the_project_tokenizer_leaves_jiebas_global_one_alone():
    code = (
        "import jieba\n"
        "from analysis.text.tokens import tag_text\n"
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
