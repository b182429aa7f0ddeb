"""Discourse analysis of Chinese political speeches.

The package is layered; each layer imports only those below it:

- ``analysis.text``: bytes → documents → tokens (reading, cleaning, structure, lexicons, tokenizers);
- ``analysis.measures``: tables in, tables out (slogans, verbs, words, rates, contexts);
- ``analysis.engine``: the one pipeline that runs a corpus through them;
- ``analysis.outputs``: what a person sees (charts, exported files, the rendered notebooks);
- ``analysis.cli``: the command line, on top.

The names a notebook needs are importable from here. Imports are lazy, so ``import analysis`` is fast
and jieba's dictionary loads on first use, not at import.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "run_corpus": "analysis.engine",
    "iter_analysed": "analysis.engine",
    "Options": "analysis.engine",
    "TABLES": "analysis.engine",
    "load_speech": "analysis.text",
    "load_corpus": "analysis.text",
    "open_corpus": "analysis.text",
    "Lexicons": "analysis.text",
    "get_tokenizer": "analysis.text",
    "tag_text": "analysis.text",
    "tokenize_chunk": "analysis.text",
    "segmentation_diff": "analysis.measures",
    "lexicon_frame": "analysis.measures",
    "find_slogans": "analysis.measures",
    "count_slogans": "analysis.measures",
    "count_categories": "analysis.measures",
    "count_verbs": "analysis.measures",
    "count_modality": "analysis.measures",
    "verb_tokens": "analysis.measures",
    "modality_tokens": "analysis.measures",
    "content_words": "analysis.measures",
    "count_tokens": "analysis.measures",
    "word_frequencies": "analysis.measures",
    "rates_by_section": "analysis.measures",
    "category_section_rates": "analysis.measures",
    "kwic": "analysis.measures",
    "kwic_lines": "analysis.measures",
    "collocates": "analysis.measures",
    "count_formulations": "analysis.measures",
    "find_formulations": "analysis.measures",
    "find_parallels": "analysis.measures",
    "units_of": "analysis.measures",
    "wide": "analysis.measures",
    "follow": "analysis.measures",
    "trend": "analysis.measures",
    "first_appearance": "analysis.measures",
    "group_keyness": "analysis.measures",
    "keyness": "analysis.measures",
    "write_tables": "analysis.outputs",
    "make_figures": "analysis.outputs",
    "InputError": "analysis.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
