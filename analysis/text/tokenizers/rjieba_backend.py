"""The rjieba tokenizer: jieba-rs, jieba's Rust port with the same dictionary and tags, about forty
times faster than ``jieba.posseg`` at tagging real text (``make bench``).

The user dictionary and the formulations kept whole apply as in the jieba backend: a word with its
tag, or with frequency 0 (贯彻落实), which rjieba's ``add_word`` honours by never choosing the word.
rjieba's ``add_word`` does not change the tag of a word its dictionary has (落实 stays ``a``), so the
user dictionary's tags are applied to its output here, as jieba applies them.
rjieba and jieba differ where jieba's part-of-speech HMM meets a word neither dictionary has (the
docs give their agreement on the reports: docs/large-corpora.md); the tags of dictionary words are the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from analysis.text.lexicons import UserDictionary
from analysis.text.tokenizers import X
from analysis.text.tokenizers.jieba_backend import COARSE


@dataclass(eq=False)
class RjiebaTokenizer:
    """rjieba's ``Jieba.tag`` with a user dictionary (or rjieba's dictionary alone, ``userdict=None``)."""

    userdict: UserDictionary | None
    words: frozenset[str] = frozenset()
    name: str = "rjieba"
    version: str = field(default_factory=lambda: _rjieba_version())
    _jieba: object = field(default=None, repr=False)
    _tags: dict = field(default_factory=dict, repr=False)
    _retags: dict = field(default_factory=dict, repr=False)  # the user dictionary's tags, word -> tag

    def _tokenizer(self):
        if self._jieba is None:
            import rjieba

            tokenizer = rjieba.Jieba()
            for e in self.userdict.entries if self.userdict else ():
                tokenizer.add_word(e.word, e.freq, e.tag)
                if e.freq != 0:
                    self._retags[e.word] = e.tag
            listed = {e.word for e in self.userdict.entries} if self.userdict else set()
            for word in sorted(self.words - listed):
                # a formulation of the lexicon stays one word; one rjieba already knows keeps its tag
                tokenizer.add_word(word, None, None if tokenizer.has_word(word) else "nz")
            self._jieba = tokenizer
        return self._jieba

    @property
    def retags(self) -> dict[str, str]:
        """The user dictionary's tags, which rjieba's ``add_word`` does not give a word its dictionary has."""
        self._tokenizer()
        return self._retags

    def tag(self, text: str) -> list[tuple[str, str]]:
        pairs = self.tag_raw(text)
        retag = self._retags
        return [(w, retag.get(w, t)) for w, t in pairs] if retag else pairs

    def tag_raw(self, text: str) -> list[tuple[str, str]]:
        return self._tokenizer().tag(text, True)

    def cut(self, text: str) -> list[str]:
        """Return the words of ``text`` without tags (HMM on, as jieba's ``lcut``)."""
        return self._tokenizer().cut(text, True)

    def coarse(self, tag: str) -> str:
        return COARSE.get(tag, X)

    def lookup(self, word: str) -> str | None:
        if word not in self._tags:
            tokenizer = self._tokenizer()
            tagged = tokenizer.tag(word, False) if tokenizer.has_word(word) else []
            self._tags[word] = self._retags.get(word, tagged[0][1]) if len(tagged) == 1 else None
        return self._tags[word]


def _rjieba_version() -> str:
    from importlib.metadata import version

    return version("rjieba")


@lru_cache(maxsize=8)
def rjieba_tokenizer(userdict: UserDictionary | None, words: frozenset[str] = frozenset()) -> RjiebaTokenizer:
    """Return the rjieba tokenizer for a user dictionary and words kept whole (one per version of each)."""
    return RjiebaTokenizer(userdict, words)
