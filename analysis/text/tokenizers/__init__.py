"""Tokenizers: segment a text into words and tag each with a part of speech.

A tokenizer is any object with the small interface of ``Tokenizer``: a name and a version (which a
result cache keys on), ``tag(text)`` giving ``(word, tag)`` pairs whose words join back to the text,
and ``coarse(tag)`` mapping its own tags to the coarse ones below. ``tag_raw(text)`` gives the
backend's own pairs and ``retags`` the tags the user dictionary imposes on them afterwards, so that the
token stage applies those once per distinct word (``analysis.text.tokens.Vocabulary``) rather than
once per token. Measures filter on the coarse tag
(an action verb is ``VERB``), so a second backend slots in without touching them: ``jieba`` (jieba's
``posseg``) and ``rjieba`` (its Rust port, about forty times faster at tagging; see docs/large-corpora.md for how they agree).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, runtime_checkable

from analysis.text.lexicons import UserDictionary, load_userdict

# Coarse tags, after the Universal Dependencies tag set.
VERB, NOUN, PROPN, ADJ, ADV, PRON, NUM, ADP, CCONJ, PART, INTJ, PUNCT, X = (
    "VERB", "NOUN", "PROPN", "ADJ", "ADV", "PRON", "NUM", "ADP", "CCONJ", "PART", "INTJ", "PUNCT", "X")


@runtime_checkable
class Tokenizer(Protocol):
    name: str
    version: str
    userdict: UserDictionary
    words: frozenset[str]  # added to its dictionary
    retags: dict[str, str]  # word -> the tag the user dictionary gives it over the backend's (empty if none)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Return ``(word, tag)`` pairs of ``text`` in order; joined, the words give back ``text``."""
        ...

    def tag_raw(self, text: str) -> list[tuple[str, str]]:
        """Return the backend's own ``(word, tag)`` pairs, before ``retags`` is applied."""
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


BACKENDS = ("jieba", "rjieba")


def get_tokenizer(name: str = "jieba", *, userdict: UserDictionary | Path | str | None | bool = None,
                  words: Iterable[str] = ()) -> Tokenizer:
    """Return the tokenizer ``name`` with a user dictionary loaded (the bundled one by default), and
    ``words`` added to its dictionary.

    ``userdict=False`` gives the backend with its own dictionary alone, as a baseline. Built once per
    backend, dictionary version and words, then reused. (The slogan lexicon's formulations are kept
    whole after tokenizing, ``analysis.text.compounds.merge_formulations``, so that a changed lexicon
    never forces the text to be tokenized again.)
    """
    if userdict is False:
        userdict, words = None, ()
    elif not isinstance(userdict, UserDictionary):
        userdict = load_userdict(userdict)
    if name == "jieba":
        from analysis.text.tokenizers.jieba_backend import jieba_tokenizer

        return jieba_tokenizer(userdict, frozenset(words))
    if name == "rjieba":
        from analysis.text.tokenizers.rjieba_backend import rjieba_tokenizer

        return rjieba_tokenizer(userdict, frozenset(words))
    raise ValueError(f"unknown tokenizer {name!r} (one of {', '.join(BACKENDS)})")
