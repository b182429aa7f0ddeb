"""Discourse analysis of Chinese political speeches.

The handful of names a notebook needs are importable from here; each stage lives in its own module
(corpus, tokenize, slogans, verbs, report, export). Imports are lazy, so ``import analysis`` is fast
and jieba's dictionary loads on first use, not at import.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load_speech": "analysis.corpus",
    "load_corpus": "analysis.corpus",
    "sentences_frame": "analysis.corpus",
    "sections_frame": "analysis.corpus",
    "metadata_frame": "analysis.corpus",
    "segmentation_diff": "analysis.tokenize",
    "load_stopwords": "analysis.tokenize",
    "lexicon_frame": "analysis.slogans",
    "kwic_frame": "analysis.slogans",
    "verb_tokens": "analysis.verbs",
    "modality_tokens": "analysis.verbs",
    "rates_by_section": "analysis.verbs",
    "write_tables": "analysis.report",
    "make_figures": "analysis.report",
    "tokens_frame": "analysis.tokenize",
    "tag_text": "analysis.tokenize",
    "content_words": "analysis.tokenize",
    "count_tokens": "analysis.tokenize",
    "slogan_matches": "analysis.slogans",
    "count_slogans": "analysis.slogans",
    "count_categories": "analysis.slogans",
    "kwic": "analysis.slogans",
    "count_verbs": "analysis.verbs",
    "count_modality": "analysis.verbs",
    "build_tables": "analysis.report",
    "InputError": "analysis.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
