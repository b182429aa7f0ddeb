"""English glosses: the glossary, then CC-CEDICT, then pinyin; never a bare Chinese word."""

from __future__ import annotations

from analysis.text.glosses import cedict_gloss, gloss, glosses, pinyin, unglossed


def test_the_glossary_comes_first():
    assert (gloss("加强").text, gloss("加强").source) == ("strengthen", "glossary")


def test_cc_cedict_glosses_what_the_glossary_lacks():
    # checked against the CC-CEDICT entries: 充实 "rich; to enrich", 谋划 "to scheme; to plan"
    assert cedict_gloss("充实") == "rich" and cedict_gloss("充实", verb=True) == "enrich"
    assert gloss("充实", verb=True).source == "CC-CEDICT"
    assert cedict_gloss("落实") == "practical" and cedict_gloss("落实", verb=True) == "implement"
    assert cedict_gloss("谋划", verb=True) == "scheme"


def test_a_word_no_dictionary_has_is_labelled_with_its_pinyin():
    found = glosses(["锚定", "加强", "压茬"])
    assert (found["锚定"].text, found["锚定"].source) == ("máodìng", "pinyin")
    assert unglossed(found) == ["锚定", "压茬"]
    assert pinyin("压实") == "yāshí"


def test_a_lexicon_gloss_wins():
    assert gloss("两个维护", lexicon={"两个维护": "the two upholds"}).source == "lexicon"
