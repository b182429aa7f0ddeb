"""Finding many literal strings in a text at once.

A lexicon has hundreds of forms; trying each on a text costs a pass over the text per form. An
Aho-Corasick automaton (``ahocorasick-rs``, a binding of the Rust crate) finds every occurrence of
every form in one pass, and
the rules that need more than a literal (a slogan's optional separators) run only where one of its
literal parts occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from analysis.text.lexicons import SERIES_SEPARATORS

if TYPE_CHECKING:
    from analysis.text.lexicons import SloganLexicon

_SEPARATORS = re.compile(f"[{re.escape(SERIES_SEPARATORS)}]+")


class Literals:
    """A set of literal strings, compiled once, to look for in texts."""

    def __init__(self, strings: Iterable[str]):
        import ahocorasick_rs

        self._last: tuple[str, list[tuple[int, str]]] | None = None
        self.strings = frozenset(s for s in strings if s)
        self._ordered = sorted(self.strings)
        self._automaton = ahocorasick_rs.AhoCorasick(self._ordered, implementation=ahocorasick_rs.Implementation.DFA) \
            if self.strings else None

    def occurrences(self, text: str) -> list[tuple[int, str]]:
        """Every occurrence of every string in ``text`` (overlapping ones too): ``(start, string)``."""
        if not self.strings:
            return []
        if self._last is not None and self._last[0] is text:  # the same chunk again, for another measure
            return self._last[1]
        ordered = self._ordered
        found = [(start, ordered[i]) for i, start, _ in self._automaton.find_matches_as_indexes(text, overlapping=True)]
        self._last = (text, found)
        return found

    def leftmost_longest(self, text: str, among: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """The spans of the strings in ``text`` (of those ``among``, if given) as a regular expression
        of them, longest first, finds them (see ``leftmost_longest``)."""
        return leftmost_longest((start, start + len(string)) for start, string in self.occurrences(text)
                                if among is None or string in among)


def leftmost_longest(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of overlapping spans, those a regular expression of alternatives, longest first, would match:
    from left to right, at the first place where one starts the longest that starts there, then on
    after it (so the spans returned never overlap)."""
    longest: dict[int, int] = {}
    for start, end in spans:
        if end > longest.get(start, start):
            longest[start] = end
    chosen, after = [], 0
    for start in sorted(longest):
        if start >= after:
            after = longest[start]
            chosen.append((start, after))
    return chosen


@lru_cache(maxsize=16)
def literals(strings: frozenset[str]) -> Literals:
    """The compiled ``Literals`` of a set of strings (built once per set)."""
    return Literals(strings)


def form_parts(form: str) -> list[str]:
    """The pieces of a lexicon's form between its separators (疫情就是命令，防控就是责任: two)."""
    return [p for p in _SEPARATORS.split(form) if p]


def form_anchor(form: str) -> str:
    """The longest piece of a form: any match of the form holds it as it is."""
    return max(form_parts(form), key=len, default="")


@lru_cache(maxsize=8)
def lexicon_literals(lexicon: SloganLexicon) -> Literals:
    """What a chunk is searched for, once, for a slogan lexicon: every form without separators as it is
    (the formulations merged into one token, the literal slogans), and the anchor of every form with
    separators (whose slogan's pattern runs only where it occurs)."""
    return literals(frozenset(form_anchor(form) for slogan in lexicon.slogans for form in slogan.forms))
