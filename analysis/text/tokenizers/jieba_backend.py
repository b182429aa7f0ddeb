"""The jieba tokenizer: segmentation and part-of-speech tags from jieba's ``posseg``.

Each tokenizer is a dedicated ``jieba.Tokenizer`` (never the global ``jieba.dt``), loaded on first
use with the user dictionary, so that political terms stay whole and carry the tag the dictionary
gives them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.text.lexicons import UserDictionary
from analysis.text.tokenizers import (ADJ, ADP, ADV, CCONJ, INTJ, NOUN, NUM, PART, PRON, PROPN, PUNCT,
                                      VERB, X)

# jieba's tags (ICTCLAS style) by coarse tag. v, vd and vi are verbs; vn is a verb jieba's dictionary
# marks as mostly used as a noun (工作, 防控 in 疫情防控工作), so it is nominal; vg is a bound verb
# morpheme and x is punctuation, whitespace and anything jieba cannot name.
COARSE = {
    **dict.fromkeys(("v", "vd", "vi"), VERB),
    **dict.fromkeys(("n", "ng", "vn", "an", "f", "s", "t", "tg", "j", "q"), NOUN),
    **dict.fromkeys(("nr", "nrfg", "nrt", "ns", "nt", "nz"), PROPN),
    **dict.fromkeys(("a", "ag", "b", "z", "zg"), ADJ),
    **dict.fromkeys(("d", "df", "dg", "ad"), ADV),
    **dict.fromkeys(("r", "rg", "rr", "rz"), PRON),
    **dict.fromkeys(("m", "mg", "mq"), NUM),
    "p": ADP,
    "c": CCONJ,
    **dict.fromkeys(("u", "ud", "ug", "uj", "ul", "uv", "uz", "y"), PART),
    **dict.fromkeys(("e", "o"), INTJ),
    "x": PUNCT,
}


@dataclass(eq=False)
class JiebaTokenizer:
    """jieba 0.42's ``posseg`` with a user dictionary (or jieba's dictionary alone, ``userdict=None``)."""

    userdict: UserDictionary | None
    words: frozenset[str] = frozenset()
    name: str = "jieba"
    version: str = field(default_factory=lambda: _jieba_version())
    _posseg: object = field(default=None, repr=False)
    retags: dict = field(default_factory=dict, repr=False)  # jieba applies the user dictionary's tags itself

    def _tokenizer(self):
        if self._posseg is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at DEBUG to stderr
            tokenizer = jieba.Tokenizer()
            for e in self.userdict.entries if self.userdict else ():
                # add_word(word, None, tag) lets jieba compute a frequency that keeps the word whole;
                # freq 0 removes a dictionary word (贯彻落实) so that it splits into its parts.
                tokenizer.add_word(e.word, e.freq, e.tag)
            listed = {e.word for e in self.userdict.entries} if self.userdict else set()
            for word in sorted(self.words - listed):
                # a formulation of the lexicon stays one word (三严三实, 高质量发展); one jieba already
                # knows keeps jieba's tag (改革开放 nz)
                tokenizer.add_word(word, None, None if tokenizer.FREQ.get(word) else "nz")
            self._posseg = jieba.posseg.POSTokenizer(tokenizer)
        return self._posseg

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._tokenizer().cut(text)]

    tag_raw = tag

    def cut(self, text: str) -> list[str]:
        """Return the words of ``text`` without tags (jieba's plain segmentation, HMM on)."""
        return self._tokenizer().tokenizer.lcut(text)

    def coarse(self, tag: str) -> str:
        return COARSE.get(tag, X)

    def lookup(self, word: str) -> str | None:
        posseg = self._tokenizer()
        posseg.makesure_userdict_loaded()
        if not posseg.tokenizer.FREQ.get(word):  # absent, or only the prefix of a longer word
            return None
        return posseg.word_tag_tab.get(word, "x")


def _jieba_version() -> str:
    from importlib.metadata import version

    return version("jieba")


@lru_cache(maxsize=8)
def jieba_tokenizer(userdict: UserDictionary | None, words: frozenset[str] = frozenset()) -> JiebaTokenizer:
    """Return the jieba tokenizer for a user dictionary and words kept whole (one per version of each)."""
    return JiebaTokenizer(userdict, words)
