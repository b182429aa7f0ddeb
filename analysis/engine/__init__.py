"""How a corpus is run: the one pipeline (documents → chunks → tokens → measures → tables) and the
executors that map it over the chunks. Knows nothing of charts or pages.
"""

from analysis.engine.pipeline import (DEFAULT_TABLES, TABLES, CorpusResult, Options, analyse_chunk, iter_analysed,
                                      run_corpus, stream_corpus)

__all__ = ["DEFAULT_TABLES", "TABLES", "CorpusResult", "Options", "analyse_chunk", "iter_analysed", "run_corpus",
           "stream_corpus"]
