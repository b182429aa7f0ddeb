"""The command line as a program: ``python -m analysis`` in a subprocess, for what only a process shows."""

from __future__ import annotations

import subprocess
import sys


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True)


def test_usage_error_exits_2_and_an_input_error_is_one_line_exit_1(tmp_path):
    assert cli("frobnicate").returncode == 2
    missing = tmp_path / "nope.txt"
    result = cli("verbs", str(missing))
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: {missing}: no such file\n")


def test_verbs_as_a_program():
    result = cli("verbs", "--top", "2", "--format", "csv")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == ("verb,count,pos,gloss,gloss_source\n加强,10,v,strengthen,glossary\n"
                             "落实,8,v,implement,glossary\n")


def test_a_closed_pipe_is_not_an_error():
    result = subprocess.run(f"'{sys.executable}' -m analysis tokens --format csv | head -1", shell=True,
                            capture_output=True, text=True)
    assert result.stdout == ("token,pos,upos,doc,section,section_index,subsection,subsection_index,paragraph,"
                             "sentence,start,end\n")
    assert result.stderr == ""
