"""Finding many literal strings in a text at once.

A lexicon has hundreds of forms; trying each on a text costs a pass over the text per form. An
Aho-Corasick automaton (``pyahocorasick``) finds every occurrence of every form in one pass, and
the rules that need more than a literal (a slogan's optional separators) run only where one of its
literal parts occurs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


class Literals:
    """A set of literal strings, compiled once, to look for in texts."""

    def __init__(self, strings: Iterable[str]):
        import ahocorasick

        self.strings = frozenset(s for s in strings if s)
        self._automaton = ahocorasick.Automaton()
        for string in self.strings:
            self._automaton.add_word(string, string)
        if self.strings:
            self._automaton.make_automaton()

    def present(self, text: str) -> set[str]:
        """The strings that occur in ``text``."""
        if not self.strings:
            return set()
        return {string for _, string in self._automaton.iter(text)}

    def leftmost_longest(self, text: str) -> list[tuple[int, int]]:
        """The spans of the strings in ``text`` as a regular expression of them, longest first, finds
        them: from left to right, at the first place where one occurs the longest that occurs there,
        then on after it (so the spans never overlap)."""
        if not self.strings:
            return []
        longest: dict[int, int] = {}
        for end, string in self._automaton.iter(text):
            start = end + 1 - len(string)
            if len(string) > longest.get(start, 0):
                longest[start] = len(string)
        spans, after = [], 0
        for start in sorted(longest):
            if start >= after:
                after = start + longest[start]
                spans.append((start, after))
        return spans


@lru_cache(maxsize=16)
def literals(strings: frozenset[str]) -> Literals:
    """The compiled ``Literals`` of a set of strings (built once per set)."""
    return Literals(strings)
