"""Bytes to documents to tokens: reading, cleaning, structure, documents and chunks, lexicons, tokenizers.

Nothing here knows about measures, the engine or outputs.
"""

from analysis.text.corpus import load_corpus, open_corpus, resolve_paths
from analysis.text.documents import Chunk, DocDate, Document, iter_chunks, load_speech, open_document
from analysis.text.lexicons import Lexicons
from analysis.text.tokenizers import Tokenizer, get_tokenizer
from analysis.text.tokens import tag_text, tokenize_chunk

__all__ = ["Chunk", "DocDate", "Document", "Lexicons", "Tokenizer", "get_tokenizer", "iter_chunks", "load_corpus",
           "load_speech", "open_corpus", "open_document", "resolve_paths", "tag_text", "tokenize_chunk"]
