"""Keywords in context, also across the edges of chunks."""

from __future__ import annotations

from analysis.measures.context import kwic
from tests.expected import COUPLET_CONTEXTS


def test_kwic(speech, matches):
    row = matches[matches["term"] == "人民战争"].iloc[0]
    assert kwic(speech.text, row.start, row.end, window=6) == ("务，也是一场", "人民战争", "。全市各级各")


def test_slogan_contexts_of_a_chunked_read_are_those_of_the_whole(result, chunked):
    for tables in (result, chunked):
        contexts = tables["slogan_contexts"]
        couplet = contexts[contexts["term"] == "疫情就是命令"]
        assert list(zip(couplet["left"], couplet["match"], couplet["right"])) == COUPLET_CONTEXTS
