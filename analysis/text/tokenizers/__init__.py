"""Tokenizers: segment a text into words and tag each with a part of speech.

A tokenizer is any object with the small interface of ``Tokenizer``: a name and a version (which a
result cache keys on), ``tag(text)`` giving ``(word, tag)`` pairs whose words join back to the text,
and ``coarse(tag)`` mapping its own tags to the coarse ones below. Measures filter on the coarse tag
(an action verb is ``VERB``), so a second backend slots in without touching them. jieba is the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from analysis.text.lexicons import SERIES_SEPARATORS, SloganLexicon, UserDictionary, load_slogans, load_userdict

# Coarse tags, after the Universal Dependencies tag set.
VERB, NOUN, PROPN, ADJ, ADV, PRON, NUM, ADP, CCONJ, PART, INTJ, PUNCT, X = (
    "VERB", "NOUN", "PROPN", "ADJ", "ADV", "PRON", "NUM", "ADP", "CCONJ", "PART", "INTJ", "PUNCT", "X")


@runtime_checkable
class Tokenizer(Protocol):
    name: str
    version: str
    userdict: UserDictionary
    words: frozenset[str]  # kept whole: the formulations of the slogan lexicon

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Return ``(word, tag)`` pairs of ``text`` in order; joined, the words give back ``text``."""
        ...

    def cut(self, text: str) -> list[str]:
        """Return the words of ``text`` without tags."""
        ...

    def coarse(self, tag: str) -> str:
        """Return the coarse tag (``VERB``, ``NOUN``, ``PUNCT`` ...) of one of this tokenizer's tags."""
        ...

    def lookup(self, word: str) -> str | None:
        """Return the tag the tokenizer's dictionary gives ``word``, or ``None`` if it is no word of it."""
        ...


BACKENDS = ("jieba",)


def slogan_words(lexicon: SloganLexicon) -> frozenset[str]:
    """The forms of a slogan lexicon a tokenizer can keep as one word: those without punctuation or
    spaces (三严三实, 高质量发展; not 疫情就是命令，防控就是责任, which is matched on the text)."""
    return frozenset(form for slogan in lexicon.slogans for form in slogan.forms
                     if len(form) >= 2 and not any(c in SERIES_SEPARATORS or c.isspace() for c in form))


def get_tokenizer(name: str = "jieba", *, userdict: UserDictionary | Path | str | None | bool = None,
                  words: Iterable[str] | None = None) -> Tokenizer:
    """Return the tokenizer ``name`` with a user dictionary loaded (the bundled one by default), and
    ``words`` kept whole (default: the bundled slogan lexicon's forms, ``slogan_words``).

    ``userdict=False`` gives the backend with its own dictionary alone, as a baseline. Built once per
    backend, dictionary version and words, then reused.
    """
    if userdict is False:
        userdict, words = None, ()
    elif not isinstance(userdict, UserDictionary):
        userdict = load_userdict(userdict)
    words = slogan_words(load_slogans()) if words is None else words
    if name == "jieba":
        from analysis.text.tokenizers.jieba_backend import jieba_tokenizer

        return jieba_tokenizer(userdict, frozenset(words))
    raise ValueError(f"unknown tokenizer {name!r} (one of {', '.join(BACKENDS)})")
