"""Documents and chunks: identity, content hash, dates, metadata, and a long text read in pieces."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from analysis.errors import InputError
from analysis.text.documents import DocDate, iter_chunks, load_speech, open_document, read_metadata
from tests.expected import CHUNKS_OF_300, COUPLET_CONTEXTS, SEED


def test_a_document_is_known_before_it_is_read():
    doc = open_document(SEED)
    meta = read_metadata(SEED)
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == doc.sha256 == meta["sha256"]
    assert (doc.id, doc.path, doc.encoding, doc.size) == ("000_891b73dabb0c5904", SEED, "utf-8", SEED.stat().st_size)
    assert doc.date == DocDate(dt.date(2020, 1, 26), "day") and str(doc.date) == "2020-01-26"
    assert doc.title.startswith("市委书记")


def test_metadata_record_has_the_fields_a_citation_needs():
    meta = read_metadata(SEED)
    for field in ("title", "speaker_role", "occasion", "date", "date_inferred", "source_site", "language", "removed"):
        assert meta.get(field), field
    assert meta["file"] == SEED.name


@pytest.mark.parametrize("value, text, precision, year", [
    (dt.date(2020, 1, 26), "2020-01-26", "day", 2020),
    ("2019-03", "2019-03", "month", 2019),
    (1954, "1954", "year", 1954),
    ("1998", "1998", "year", 1998),
    (None, "", "unknown", None),
])
def test_dates_keep_their_precision(value, text, precision, year):
    date = DocDate.parse(value)
    assert (str(date), date.precision, date.year) == (text, precision, year)


def test_a_bad_date_in_metadata_is_named(write_file):
    path = write_file("talk.txt", "讲话\n要落实。\n")
    write_file("talk.yaml", "date: last spring\n")
    with pytest.raises(InputError, match=r"talk.yaml: date: not a date"):
        open_document(path)


def test_another_speech_needs_only_a_file(write_file):
    path = write_file("other.txt", "区长在安全生产会议上的讲话\n同志们：\n一、压实责任\n要守土有责，坚决落实。\n")
    sp = load_speech(path)
    assert sp.doc_id == "other" and sp.document.metadata == {} and sp.document.date.precision == "unknown"
    assert sp.title == "区长在安全生产会议上的讲话"
    assert [s.number for s in sp.sections] == ["", "一"]


def test_chunks_join_back_to_the_whole_text(speech):
    chunks = list(iter_chunks(open_document(SEED), chunk_chars=300))
    assert len(chunks) == CHUNKS_OF_300
    assert "".join(c.text for c in chunks) == speech.text
    assert all(speech.text[c.offset:c.offset + len(c.text)] == c.text for c in chunks)
    assert [c.last for c in chunks] == [False] * (CHUNKS_OF_300 - 1) + [True]
    assert all(c.document.sha256 == speech.document.sha256 for c in chunks)
    # every chunk carries the edges of its neighbours
    for a, b in zip(chunks, chunks[1:]):
        assert a.after == b.text[:200] and b.before == a.text[-200:]


def test_contexts_cross_chunk_edges(speech):
    chunks = list(iter_chunks(open_document(SEED), chunk_chars=300))
    for left, term, right in COUPLET_CONTEXTS:
        start = speech.text.index(left.replace(" ", "\n") + term) + len(left)
        chunk = next(c for c in chunks if c.offset <= start < c.offset + len(c.text))
        local = start - chunk.offset
        got = chunk.context(local, local + len(term), 15)
        assert (got[0].replace("\n", " "), got[1].replace("\n", " ")) == (left, right)


def test_nothing_names_the_seed_speech_in_the_code():
    from pathlib import Path

    import analysis

    for path in Path(analysis.__file__).parent.rglob("*.py"):
        assert "891b73dabb0c5904" not in path.read_text(encoding="utf-8"), path
