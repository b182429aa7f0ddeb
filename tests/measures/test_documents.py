"""Tables of documents, sections and sentences, also when a section is read in pieces."""

from __future__ import annotations

from tests.expected import CLEANED_CHARACTERS, FOOTER_LINES, SECTION_NUMBERS


def test_documents_table(result):
    row = result["documents"].iloc[0]
    assert (row["doc"], row["date"], row["date_precision"], row["characters"], row["sections"], row["sentences"],
            row["removed_lines"]) == ("000_891b73dabb0c5904", "2020-01-26", "day", CLEANED_CHARACTERS,
                                      len(SECTION_NUMBERS), 39, FOOTER_LINES)
    assert len(row["sha256"]) == 64 and row["title"].startswith("市委书记")
    assert len(result["removed"]) == FOOTER_LINES


def test_sections_read_in_pieces_are_joined(result, chunked):
    assert chunked["sections"].equals(result["sections"])
    assert result["sections"]["sentences"].sum() == len(result["sentences"]) == 39
