"""Tokens for other tools: CoNLL-U read by the `conllu` parser, CWB vertical text by its rules, Parquet
read back by pandas; values checked against the bundled speech's hand-checked counts (tests/expected.py)."""

from __future__ import annotations

import re

import pytest

from analysis.outputs.formats import TOKEN_TABLES, conllu_lines, parquet_tables, vrt_lines
from tests.expected import MODALITY_COUNTS, TOP_VERBS


@pytest.fixture(scope="module")
def exported():
    from analysis.engine import run_corpus

    return run_corpus(None, tables=[*TOKEN_TABLES, "verbs", "texts"], cache=False)


def test_conllu_parses_and_keeps_every_token(exported):
    import conllu

    sentences = conllu.parse("\n".join(conllu_lines(exported)) + "\n")
    assert len(sentences) == len(exported["sentences"])
    # read by hand: the title is ten tokens; 在 is a preposition, ADP to UD and p to jieba
    title = sentences[0]
    assert len(title) == 10 and (title[1]["form"], title[1]["upos"], title[1]["xpos"]) == ("在", "ADP", "p")
    assert title.metadata["text"] == "市委书记在全市新型冠状病毒感染的肺炎疫情防控工作会议上的讲话"
    text = exported["texts"]["text"][0]
    for sentence in sentences:  # each token's offsets point at its form in the cleaned text
        for token in sentence:
            assert text[int(token["misc"]["Start"]):int(token["misc"]["End"])] == token["form"]
        # no space between Chinese words: the text rebuilt from the tokens is the sentence's
        rebuilt = "".join(t["form"] + ("" if (t["misc"] or {}).get("SpaceAfter") == "No" else " ") for t in sentence)
        assert rebuilt.strip() == sentence.metadata["text"].replace(" ", "")


def test_vrt_follows_the_format_and_carries_the_marks(exported):
    lines = list(vrt_lines(exported))
    opened = [line for line in lines if line.startswith("<s ")]
    assert len(opened) == lines.count("</s>") == len(exported["sentences"])
    assert lines[0].startswith('<text id="000_891b73dabb0c5904" date="2020-01-26" title="') and lines[-1] == "</text>"
    tokens = [line.split("\t") for line in lines if not line.startswith("<")]
    assert all(len(fields) == 6 for fields in tokens)
    assert not any(re.search(r"[<&]", fields[0]) for fields in tokens)  # escaped for cwb-encode
    # the hand-checked counts: 加强 ten times an action verb, 要 sixteen times a directive of obligation
    assert sum(1 for w, *_, verb, _ in tokens if w == "加强" and verb == "v") == dict(TOP_VERBS)["加强"]
    assert sum(1 for w, *_, marker in tokens if w == "要" and marker == "obligation") == MODALITY_COUNTS["要"]
    assert any(w == "四个意识" and slogan != "-" for w, _, _, slogan, _, _ in tokens)


def test_parquet_reads_back_as_the_tables(exported):
    import io

    import pandas as pd

    files = parquet_tables(exported)
    assert set(files) == {f"{name}.parquet" for name in exported.tables}
    assert pd.read_parquet(io.BytesIO(files["tokens.parquet"]))["token"].tolist() == exported["tokens"]["token"].tolist()
    verbs = pd.read_parquet(io.BytesIO(files["verbs.parquet"]))
    assert list(zip(verbs["verb"], verbs["count"]))[:13] == TOP_VERBS
    assert verbs.equals(exported["verbs"].reset_index(drop=True))


def test_the_export_command_writes_one_set(run_cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli("export", "--format", "vrt", "--out", out)
    assert code == 0 and err.endswith("wrote 1 file(s) to " + str(out) + "\n")
    assert (out / "corpus.vrt").read_text(encoding="utf-8").count("</text>") == 1
