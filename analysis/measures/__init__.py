"""Measures: tables in, tables out. Counts of slogans, verbs, modality markers and words, rates, contexts,
and the tables of documents and their parts. Nothing here draws or writes a file.
"""

from analysis.measures.compare import (first_appearance, follow, group_keyness, keyness, trend, units_of,
                                       wide)
from analysis.measures.context import collocates, kwic, kwic_lines, kwic_rows
from analysis.measures.formulations import count_formulations, find_formulations
from analysis.measures.parallels import find_parallels
from analysis.measures.rates import category_section_rates, rate, rates_by_section
from analysis.measures.slogans import count_categories, count_slogans, find_slogans, lexicon_frame
from analysis.measures.markers import count_modality, modality_tokens
from analysis.measures.verbs import count_verbs, verb_tokens
from analysis.measures.words import content_words, count_tokens, segmentation_diff, word_frequencies

__all__ = ["collocates", "count_formulations", "find_formulations", "find_parallels", "kwic_lines",
           "first_appearance", "follow", "group_keyness", "keyness", "trend", "units_of", "wide",
           "category_section_rates", "content_words", "count_categories", "count_modality", "count_slogans",
           "count_tokens", "count_verbs", "find_slogans", "kwic", "kwic_rows", "lexicon_frame", "modality_tokens",
           "rate", "rates_by_section", "segmentation_diff", "verb_tokens", "word_frequencies"]
