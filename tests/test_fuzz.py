"""Fuzzing the command line in-process: random bytes, file names and metadata never give a traceback,
an exit status other than 0, 1 or 2, more than one line for an error, a write outside --out or into
the corpus, or a change to a file of the user's that the output folder already held."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.settings import CORPUS_DIR

import pytest

pytestmark = pytest.mark.draws

SPEECH = "讲话\n同志们：\n要加强防控，坚决做到两个维护。\n"

contents = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]).flatmap(
        lambda codec: st.text(alphabet="讲话同志们要加强防控坚决做到两个维护。，\n a1", max_size=80).map(
            lambda t: t.encode(codec, "ignore"))),
    st.binary(max_size=40).map(lambda junk: SPEECH.encode() + junk),
)
names = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1,
            max_size=12),
    st.binary(min_size=1, max_size=8).filter(lambda b: b"/" not in b and b"\x00" not in b).map(os.fsdecode),
).filter(lambda n: n not in (".", ".."))
values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=12), st.lists(st.text(max_size=3),
                                                                                            max_size=2))
metadata = st.one_of(st.none(), st.dictionaries(st.sampled_from(["id", "date", "title", "speaker", "group"]), values,
                                                max_size=3))
commands = st.sampled_from([("verbs",), ("slogans",), ("tokens", "--format", "json"), ("modality",), ("compare",),
                            ("formulations", "--candidates", "OUT/c.yaml"), ("figures", "--out", "OUT", "--formats",
                                                                             "png")])

# files of the user's in the output folder: where the tool writes, beside it, hidden, in a subfolder
users_files = st.dictionaries(st.sampled_from(["c.yaml", "verbs.png", "slogans.png", "notes.txt", ".hidden",
                                               "tables/my_coding.csv", "sub/verbs.png", "index.html"]),
                              st.binary(min_size=1, max_size=20), max_size=3)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(content=contents, name=names, meta=metadata, command=commands, users=users_files)
def test_no_input_gives_a_traceback_or_writes_where_it_must_not(run_cli, content, name, meta, command, users):
    corpus_before = snapshot(CORPUS_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        out = Path(tmp) / "out"
        inputs.mkdir()
        path = inputs / f"{name}.txt"
        try:
            path.write_bytes(content)
        except OSError:  # a name this file system refuses (too long in bytes): nothing to try
            return
        if meta is not None:
            path.with_suffix(".yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
        for where, data in users.items():
            (out / where).parent.mkdir(parents=True, exist_ok=True)
            (out / where).write_bytes(data)
        inputs_before = snapshot(inputs)
        args = [str(out) + a[3:] if a.startswith("OUT") else a for a in command]
        code, _, err = run_cli(*args, path)
        assert code in (0, 1, 2), err
        if code == 1:  # one error line, after any warnings of what was read (a text with no Chinese)
            lines = err.splitlines()
            assert lines[-1].startswith("error: ") and all(line.startswith("warning: ") for line in lines[:-1]), err
        kept = snapshot(out) if out.is_dir() else {}
        assert {where: kept.get(where) for where in users} == users  # the user's files untouched
        assert snapshot(inputs) == inputs_before  # nothing written beside the input
        assert {p.name for p in Path(tmp).iterdir()} <= {"in", "out"}  # nor anywhere but --out
    assert snapshot(CORPUS_DIR) == corpus_before
