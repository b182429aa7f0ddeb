"""Bad input, hostile paths and interruptions: one line and a clear exit status, never a traceback, a
write outside --out or into a corpus, or a silently lost line (the README's table of bad inputs)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.files import MANIFEST, TEMPORARY
from analysis.outputs.export import inside, safe_name
from analysis.settings import CORPUS_DIR
from analysis.text.textio import detect_encoding
from tests.expected import REPORT_TABLES, SEED as SEED_FILE

pytestmark = pytest.mark.draws

SPEECH = "讲话\n同志们：\n要加强防控，加强领导。\n"


def rows(out: str) -> list[dict]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(out)))


def one_line_error(result: tuple[int, str, str], *parts: str) -> None:
    code, _, err = result
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, err
    for part in parts:
        assert part in err, err


def corpus_state() -> dict[str, float]:
    return {p.name: p.stat().st_mtime for p in CORPUS_DIR.iterdir()}


# -- paths -----------------------------------------------------------------------------------------

def test_an_empty_path_is_refused(run_cli, tmp_path):
    one_line_error(run_cli("verbs", ""), "an empty path")
    code, _, err = run_cli("report", "--out", "")
    assert code == 2 and "an empty path" in err


@pytest.mark.parametrize("where", ["corpus", "corpus/sub", "absolute", "symlink"])
def test_no_output_goes_into_the_bundled_corpus(run_cli, tmp_path, where):
    before = corpus_state()
    target = {"corpus": Path("corpus"), "corpus/sub": Path("corpus/sub"), "absolute": CORPUS_DIR / "x"}.get(where)
    if where == "symlink":
        (tmp_path / "link").symlink_to(CORPUS_DIR)
        target = tmp_path / "link" / "out"
    cwd = os.getcwd()
    os.chdir(CORPUS_DIR.parent)
    try:
        one_line_error(run_cli("report", "--out", target, "--formats", "png"), "inside the corpus folder")
        one_line_error(run_cli("notebooks", "--out", target / "html"), "inside the corpus folder")
    finally:
        os.chdir(cwd)
    assert corpus_state() == before


def test_no_output_goes_into_a_folder_being_read_or_onto_a_file_read(run_cli, tmp_path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    (folder / "a.txt").write_text(SPEECH, encoding="utf-8")
    one_line_error(run_cli("report", folder, "--out", folder / "out"), "inside the corpus folder")
    one_line_error(run_cli("formulations", folder / "a.txt", "--candidates", folder / "a.txt"),
                   "one of the files being read")
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


@pytest.mark.parametrize("doc_id", ["q/../../../../escaped", "..", "a\x01b", "a\\b"])
def test_a_document_id_that_is_a_path_is_refused(run_cli, tmp_path, doc_id):
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(f'id: "{doc_id}"\n'.replace("\\", "\\\\").replace("\x01", "\\x01"),
                                     encoding="utf-8")
    one_line_error(run_cli("figures", tmp_path / "a.txt", "--out", tmp_path / "out"), "a.yaml", "field 'id'")
    assert not (tmp_path / "out").exists() and not (tmp_path.parent / "escaped.png").exists()


@pytest.mark.parametrize("name, safe", [
    ("q/../../x", "q_.._.._x".replace("..", "_")), ("..", "_"), ("CON", "_CON"), ("a:b*c", "a_b_c"),
    ("报告2019", "报告2019"), ("\x00\x1f", "__"),
])
def test_a_document_id_becomes_a_file_name_through_one_function(name, safe):
    assert safe_name(name) == safe
    assert "/" not in safe_name(name) and safe_name(name) not in ("", ".", "..")


def test_nothing_is_written_outside_out(tmp_path):
    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path, "../x.png")
    assert inside(tmp_path, "x.png") == tmp_path / "x.png"


def test_a_file_name_that_is_not_utf8(run_cli, tmp_path):
    path = Path(os.fsdecode(bytes(tmp_path) + b"/bad\xff.txt"))
    path.write_text(SPEECH, encoding="utf-8")
    code, out, _ = run_cli("tokens", "--format", "json", path)
    assert code == 0 and '"doc":"bad\\\\xff"' in out
    code, _, err = run_cli("report", path, "--out", tmp_path / "out", "--formats", "png")
    assert code == 0, err
    assert "bad\\xff" in (tmp_path / "out" / "tables" / "documents.csv").read_text(encoding="utf-8")


# -- reading ---------------------------------------------------------------------------------------

def test_standard_input_is_read_once(tmp_path):
    text = SPEECH * 20000  # 1.2 MB: more than the first block
    for arg in ("-", "/dev/stdin"):
        result = subprocess.run([sys.executable, "-m", "analysis", "verbs", arg, "--format", "csv"],
                                input=text.encode(), capture_output=True)
        assert result.returncode == 0, result.stderr
        assert rows(result.stdout.decode())[0] == {"verb": "加强", "count": "40000", "pos": "v",
                                                   "gloss": "strengthen", "gloss_source": "glossary"}


def test_utf8_cut_at_the_end_is_utf8_with_a_warning(run_cli, tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("讲话\n要加强落实".encode()[:-1])
    code, out, err = run_cli("modality", path, "--format", "csv")
    assert code == 0 and "ends in the middle of a character" in err
    assert rows(out)[0]["marker"] == "要"


@pytest.mark.parametrize("data, problem", [
    ("要加强落实。".encode()[:6] + b"\xff" + "要加强落实。".encode()[6:], "UTF-8 with 1 invalid byte"),
    ("讲话\n要加强。\n".encode("utf-16-le"), "UTF-16 without a byte order mark"),
    # UTF-8 of 要加强落实工作 with every third byte lost: as GB18030 it would read 瑕鍔寮钀瀹宸浣
    (bytes(c for i, c in enumerate("要加强落实工作".encode()) if i % 3 != 2), "too short to tell"),
])
def test_text_that_would_be_misread_is_refused_with_the_reason(run_cli, tmp_path, data, problem):
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    one_line_error(run_cli("verbs", path), problem)


def test_short_gb18030_and_big5_text_is_still_read():
    assert detect_encoding("要加强落实。".encode("gb18030")) == "gb18030"
    assert detect_encoding("要加強落實工作，做好防控。".encode("big5")) == "big5hkscs"
    assert detect_encoding("要加强落实。".encode("utf-8")) == "utf-8"


def test_a_symbolic_link_loop_is_named(run_cli, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    one_line_error(run_cli("verbs", tmp_path / "a"), "symbolic link loop")


@pytest.mark.parametrize("sidecar, problem", [
    ("id: [a, b]\n", "field 'id' must be text"), ("id: null\n", "field 'id' must be text"),
    ("id: {a: 1}\n", "field 'id' must be text"),
    ("date: 2019-02-30\n", "bad YAML value: day is out of range"), ("date: 2019-13-01\n", "bad YAML value"),
    ("? [a]\n: 1\n", "bad YAML value"),  # a list as a key
])
def test_metadata_of_the_wrong_kind_is_one_line(run_cli, tmp_path, sidecar, problem):
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(sidecar, encoding="utf-8")
    one_line_error(run_cli("tokens", tmp_path / "a.txt"), "a.yaml", problem)


def test_speech_text_about_copyright_survives_cleaning(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("讲话\n同志们：\n我们要加强防控，任何侵犯Copyright的行为都要加强打击，QQ号12345678也要查。\n"
                    "要加强领导。\n", encoding="utf-8")
    counts = {r["verb"]: r["count"] for r in rows(run_cli("verbs", path, "--format", "csv")[1])}
    assert counts["加强"] == "3"  # HAND: three 加强, none lost with the line that names Copyright


def test_a_speech_on_one_line_with_a_footer_keeps_its_text(run_cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("同志们：我们要加强防控工作，加强领导。Copyright © wanshu.net All Rights Reserved.版权所有",
                    encoding="utf-8")
    counts = {r["verb"]: r["count"] for r in rows(run_cli("verbs", path, "--format", "csv")[1])}
    assert counts["加强"] == "2"


# -- lexicons --------------------------------------------------------------------------------------

@pytest.mark.parametrize("forms, problem", [
    ("[要加强!]", "ASCII ! or ?"), ('["要\\u200b加强"]', "zero-width"), ("[第２条]", "full-width digits"),
    ("[早发现早报告, 早发现、早报告]", "once punctuation is folded"),
])
def test_lexicon_forms_that_cannot_match_or_would_count_twice(run_cli, tmp_path, forms, problem):
    path = tmp_path / "mine.yaml"
    term, *variants = forms.strip("[]").split(", ")
    path.write_text("categories:\n  m: {zh: 动员, en: mob}\nslogans:\n"
                    f"  - {{term: {term}, category: m, variants: [{', '.join(variants)}], gloss: g, note: n}}\n",
                    encoding="utf-8")
    one_line_error(run_cli("slogans", "--lexicon", path), problem)


def test_an_error_message_quotes_little(run_cli, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("categories:\n  m: {zh: 动员, en: mob}\nslogans:\n  - {term: " + "长" * 100000
                    + ", category: nope, gloss: g, note: n}\n", encoding="utf-8")
    code, _, err = run_cli("slogans", "--lexicon", path)
    assert code == 1 and len(err) < 600 and err.count("\n") == 1


# -- outputs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", ["的了是。的了。\n", "12345 678\n", "\U00020000\U00020001\n", "\x01\x02\x03\n"])
def test_text_with_nothing_to_count_gives_empty_results_not_a_crash(run_cli, tmp_path, content):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    code, _, err = run_cli("report", path, "--out", tmp_path / "out", "--formats", "png")
    assert code == 0, err
    assert (tmp_path / "out" / "wordcloud.png").is_file()


def test_formats_named_twice_are_written_once(run_cli, write_file, tmp_path):
    short = write_file("short.txt", "讲话\n同志们：\n要坚决落实联防联控，加强领导。\n")  # charts of a short speech: quick
    code, _, err = run_cli("figures", short, "--out", tmp_path / "out", "--formats", "PNG,png")
    assert code == 0 and "wrote 6 figure files" in err
    assert len(list((tmp_path / "out").glob("*.png"))) == 6


def test_tables_are_written_as_one_set_and_leftovers_removed(run_cli, tmp_path):
    out = tmp_path / "out"
    stale = out / "tables" / f"{TEMPORARY}abc"  # what a run killed half-way left: the tool's own names
    stale.mkdir(parents=True)
    old_tmp = out / f"{TEMPORARY}slogans.png.x.tmp"
    old_tmp.write_bytes(b"x" * 1000)
    users = [out / ".notes.tmp", out / "tables" / ".draft.partial"]  # hidden files of the user's: kept
    for p in users:
        p.write_text("mine", encoding="utf-8")
    for p in (stale, old_tmp, *users):
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    code, _, err = run_cli("report", "--out", out, "--formats", "png")
    assert code == 0, err
    assert not stale.exists() and not old_tmp.exists()
    assert all(p.read_text(encoding="utf-8") == "mine" for p in users)
    assert len(list((out / "tables").glob("*.csv"))) == len(REPORT_TABLES)


def test_a_folder_where_a_table_goes_is_named(run_cli, tmp_path):
    (tmp_path / "slogans.png").mkdir()
    one_line_error(run_cli("figures", "--out", tmp_path, "--formats", "png"), "slogans.png", "is a folder")


def test_per_speech_charts_are_opt_in_for_many_speeches(run_cli, tmp_path):
    folder = tmp_path / "speeches"
    folder.mkdir()
    for i in range(6):
        (folder / f"s{i}.txt").write_text(SPEECH, encoding="utf-8")
    code, _, err = run_cli("figures", folder, "--out", tmp_path / "out", "--formats", "png")
    assert code == 0 and "--each draws them" in err
    assert len(list((tmp_path / "out").glob("*.png"))) == 4  # the four charts of the corpus, none per speech


def test_a_closed_or_full_standard_output(tmp_path):
    closed = subprocess.run(f"'{sys.executable}' -m analysis verbs >&-", shell=True, capture_output=True, text=True)
    assert closed.returncode == 0 and closed.stderr == ""
    full = subprocess.run(f"'{sys.executable}' -m analysis verbs > /dev/full", shell=True, capture_output=True,
                          text=True)
    assert full.returncode == 1 and full.stderr == "error: standard output: No space left on device\n"


def test_a_damaged_font_in_the_cache_is_made_again(tmp_path, monkeypatch):
    import shutil

    from analysis.outputs import fonts
    from analysis.settings import cache_dir

    cached = cache_dir() / fonts.sc_font_path().name
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path))
    (tmp_path / "speech-analysis").mkdir()
    damaged = tmp_path / "speech-analysis" / cached.name
    shutil.copy(cached, damaged)
    damaged.write_bytes(damaged.read_bytes()[:100000])
    fonts.sc_font_path.cache_clear()
    try:
        with pytest.warns(UserWarning, match="damaged or incomplete"):
            path = fonts.sc_font_path()
        assert path == damaged and path.stat().st_size > 1_000_000
    finally:
        fonts.sc_font_path.cache_clear()


def test_a_metadata_csv_saved_by_excel_with_a_bom_is_read(run_cli, tmp_path):
    (tmp_path / "a.txt").write_text(SPEECH, encoding="utf-8")
    (tmp_path / "metadata.csv").write_bytes("\ufefffile,title,date\na.txt,我的讲话,2021-03-05\n".encode("utf-8"))
    code, out, err = run_cli("read", tmp_path / "a.txt", "--out", tmp_path / "read", "--no-cache")
    assert code == 0, err
    assert "<h1>我的讲话</h1>" in (tmp_path / "read" / "a.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("command, started", [
    (["verbs", "CORPUS", "--workers", "2"], 2),  # the pool's workers
    (["verbs", "CORPUS", "--workers", "2", "--engine", "dask"], 2),  # a local cluster's (and their nannies)
    (["notebooks", "--out", "OUT"], 3),  # the pool's workers and a kernel at least
])
def test_ctrl_c_on_every_engine_is_one_line(govreports, tmp_path, command, started):
    import signal

    import psutil

    args = [str(govreports) if a == "CORPUS" else str(tmp_path / "out") if a == "OUT" else a for a in command]
    run = subprocess.Popen([sys.executable, "-m", "analysis", *args, *(["--simplified", "--no-cache", "-q"]
                                                                       if args[0] == "verbs" else [])],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                           env={**os.environ, "ANALYSIS_CACHE_DIR": str(tmp_path)},
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while (len(psutil.Process(run.pid).children(recursive=True)) < started and run.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.1)  # until the workers are at work
    time.sleep(2)
    tree = psutil.Process(run.pid).children(recursive=True)  # workers, and the kernels of notebooks
    os.killpg(run.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the process and its workers
    err = run.communicate(timeout=60)[1].decode()
    assert (run.returncode, err) in ((130, "error: interrupted\n"), (0, ""))  # (0: it had finished)

    def left() -> list:
        return [p for p in tree if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]

    deadline = time.monotonic() + 10  # a kernel looks for its parent every second
    while left() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not left(), "a worker or kernel outlived the run"


@pytest.mark.parametrize("args, problem", [
    (["--workers", "100000"], "at most 256"),
    (["--engine", "dask", "--scheduler", "bogus://x"], "cannot reach the Dask scheduler 'bogus://x'"),
])
@pytest.mark.parametrize("command", ["verbs", "tokens"])  # tokens streams, through the same runner
def test_bad_parallel_options_are_one_line(run_cli, args, problem, command):
    code, _, err = run_cli(command, SEED_FILE, "--no-cache", *args)  # (a cached run would need no cluster)
    assert code in (1, 2) and problem in err and "Traceback" not in err


def test_a_bad_cache_setting_or_a_damaged_cache_is_one_line(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path))
    for absurd in ("-5", str(10 ** 21)):  # 10**21 passed, and then disabled the cache (SQLite: over 2**63)
        monkeypatch.setenv("ANALYSIS_CACHE_BYTES", absurd)
        one_line_error(run_cli("verbs", SEED_FILE), "ANALYSIS_CACHE_BYTES", "whole number of bytes from 1 to")
    monkeypatch.delenv("ANALYSIS_CACHE_BYTES")
    results = tmp_path / "speech-analysis" / "results"
    results.mkdir(parents=True)
    (results / "cache.db").write_bytes(os.urandom(32768))  # not a database
    one_line_error(run_cli("cache", "info"), "the cache cannot be read", "cache clear")
    code, _, err = run_cli("cache", "clear")
    assert code == 0 and "which could not be opened as a cache" in err  # not "removed 0 entries"
    code, out, _ = run_cli("cache", "info")
    assert code == 0 and ": 0 entries" in out


# -- a run replaces only what it wrote (issue 19) ---------------------------------------------------------

SHORT = "讲话\n同志们：\n要坚决落实联防联控，加强领导。\n"  # charts of a short speech: quick


def test_an_output_that_holds_the_corpus_being_read_is_refused(run_cli, tmp_path):
    corpus = tmp_path / "mine" / "tables"  # a corpus folder that happens to be called tables
    corpus.mkdir(parents=True)
    (corpus / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus / "notes.md").write_text("my notes", encoding="utf-8")
    one_line_error(run_cli("report", corpus, "--out", tmp_path / "mine", "--formats", "png"),
                   "holds the corpus folder")
    one_line_error(run_cli("report", corpus, "--out", tmp_path, "--formats", "png"), "holds the corpus folder")
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "notes.md"]


def test_files_of_the_users_in_an_output_folder_are_kept(run_cli, write_file, tmp_path):
    speech, out = write_file("short.txt", SHORT), tmp_path / "out"
    mine = {out / "tables" / "my_coding.csv": "id,code\n1,a\n", out / ".notes.tmp": "x", out / "draft.partial": "y",
            out / "tables" / "notes" / "n.txt": "z"}
    for path, text in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for _ in range(2):  # a rerun replaces its own files, and only those
        code, _, err = run_cli("report", speech, "--out", out, "--formats", "png")
        assert code == 0, err
    assert all(path.read_text(encoding="utf-8") == text for path, text in mine.items())
    assert (out / "tables" / "verbs.csv").is_file() and (out / "tables" / MANIFEST).is_file()


def test_a_file_of_the_users_where_the_tool_writes_is_not_replaced(run_cli, write_file, tmp_path):
    speech, out = write_file("short.txt", SHORT), tmp_path / "out"
    out.mkdir()
    (out / "slogans.png").write_bytes(b"my own chart")
    one_line_error(run_cli("figures", speech, "--out", out, "--formats", "png"), "slogans.png",
                   "is not a file this tool wrote")
    assert (out / "slogans.png").read_bytes() == b"my own chart"
    assert sorted(p.name for p in out.iterdir()) == ["slogans.png"]  # refused before drawing anything


def test_a_file_the_user_changed_after_the_tool_wrote_it_is_not_replaced(run_cli, write_file, tmp_path):
    speech, out = write_file("short.txt", SHORT), tmp_path / "read"
    assert run_cli("read", speech, "--out", out)[0] == 0
    page = out / "short.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- my notes -->", encoding="utf-8")
    (out / ".reading-notes").mkdir()
    (out / ".reading-notes" / "n.txt").write_text("mine", encoding="utf-8")
    one_line_error(run_cli("read", speech, "--out", out), "short.html", "changed since")
    assert page.read_text(encoding="utf-8").endswith("<!-- my notes -->")
    assert (out / ".reading-notes" / "n.txt").read_text(encoding="utf-8") == "mine"


def test_a_symbolic_link_in_an_output_folder_is_never_written_through(run_cli, write_file, tmp_path):
    speech, out, elsewhere = write_file("short.txt", SHORT), tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "tables").symlink_to(elsewhere)
    one_line_error(run_cli("report", speech, "--out", out, "--formats", "png"), "tables", "symbolic link")
    assert list(elsewhere.iterdir()) == []
    (out / "tables").unlink()
    (out / "slogans.png").symlink_to(elsewhere / "target.png")
    one_line_error(run_cli("figures", speech, "--out", out, "--formats", "png"), "slogans.png", "symbolic link")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("where", ["lexicon", "data", "link"])
def test_candidates_never_overwrite_a_lexicon_or_a_link(run_cli, write_file, tmp_path, where):
    from analysis.settings import DATA_DIR

    speech = write_file("short.txt", "讲话\n要增强“八个明确”，落实“三个务必”。\n")
    lexicon = write_file("mine.yaml", (DATA_DIR / "slogans.yaml").read_text(encoding="utf-8"))
    before = lexicon.read_bytes()
    target = {"lexicon": lexicon, "data": DATA_DIR / "slogans.yaml", "link": tmp_path / "link.yaml"}[where]
    if where == "link":
        target.symlink_to(lexicon)
    data = (DATA_DIR / "slogans.yaml").read_bytes()
    code, _, err = run_cli("formulations", speech, "--lexicon", lexicon, "--candidates", target)
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1, err
    assert lexicon.read_bytes() == before and (DATA_DIR / "slogans.yaml").read_bytes() == data
    assert where != "link" or target.is_symlink()


def test_the_writers_refuse_the_corpus_wherever_they_are_called(result, tmp_path):
    """papermill -p out corpus: 05_export's writers check their folder themselves."""
    from analysis.errors import InputError
    from analysis.outputs.report import make_figures, write_tables

    before = corpus_state()
    with pytest.raises(InputError, match="inside the corpus folder"):
        write_tables({"verbs": result["verbs"]}, CORPUS_DIR / "tables")
    with pytest.raises(InputError, match="inside the corpus folder"):
        make_figures(result, CORPUS_DIR, formats=("png",))
    assert corpus_state() == before


def test_the_notebooks_never_replace_an_index_of_the_users(tmp_path):
    from analysis.errors import InputError
    from analysis.outputs.notebooks import render_all

    (tmp_path / "index.html").write_text("<p>my own index</p>", encoding="utf-8")
    with pytest.raises(InputError, match="is not a file this tool wrote"):
        render_all(tmp_path, workers=1)  # refused before any kernel starts
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>my own index</p>"


# -- silent miscounts (issue 19) --------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["、", "，，", "；", " 、"])
def test_a_term_of_separators_alone_is_refused_not_counted_everywhere(run_cli, term):
    for command in (["trend", term, str(SEED_FILE)], ["compare", "--term", term], ["kwic", term],
                    ["report", "--term", term, "--formats", "png"]):
        one_line_error(run_cli(*command), "only separators or spaces")


def test_a_complaint_address_in_a_speech_is_no_footer(run_cli, write_file):
    body = "要加强作风建设，" * 12
    path = write_file("a.txt", f"讲话\n同志们：\n{body}群众反映问题，可以投诉至举报邮箱 jubao@gov.cn，我们一定认真办理。\n"
                               f"{body}要加强领导，要加强督查，确保各项部署落地见效。\n")
    counts = {r["verb"]: int(r["count"]) for r in rows(run_cli("verbs", path, "--format", "csv")[1])}
    assert counts["加强"] == 2 * 12 + 2  # HAND: 12 in each paragraph, 2 more in the last; none cut as a footer


def test_warnings_never_go_into_the_output_when_standard_error_is_closed(tmp_path):
    path = tmp_path / "trad.txt"
    path.write_text("講話\n要堅決落實聯防聯控，加強領導。\n", encoding="utf-8")  # warns: traditional script
    done = subprocess.run(f"{sys.executable} -m analysis verbs {path} --format csv 2>&-", shell=True,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "warning" not in done.stdout and done.stdout.startswith("verb,count")


# -- bounds where a user sets a size, and one line for every failure (issue 19) ---------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_or_binary_is_refused_before_it_is_read_whole(run_cli, device):
    one_line_error(run_cli("verbs", device), device, "binary file (NUL bytes), not text")


def test_an_input_over_the_size_bound_is_refused(run_cli, write_file, monkeypatch):
    from analysis.text import textio

    monkeypatch.setattr(textio, "MAX_INPUT_BYTES", 1000)
    one_line_error(run_cli("verbs", write_file("big.txt", SHORT * 20)), "big.txt", "split it into files")


@pytest.mark.parametrize("args", [["kwic", "--tokens", "--window", "500", "加强"],
                                  ["collocations", "--window", "1000000", "加强"]])
def test_a_window_over_its_bound_is_one_line(run_cli, args):
    one_line_error(run_cli(*args, SEED_FILE), "a window of", "at most 50")


def test_a_regular_expression_that_searches_too_long_is_stopped(run_cli, write_file, monkeypatch):
    from analysis.measures import context

    monkeypatch.setattr(context, "PATTERN_SECONDS", 0.2)
    speech = write_file("commas.txt", "讲话\n" + "要，" * 3000 + "\n")  # (.*，){12}x backtracks for seconds
    started = time.monotonic()
    one_line_error(run_cli("kwic", "--regex", "(.*，){12}x", speech, "--no-cache"), "searched one text for more than")
    assert time.monotonic() - started < 20


def test_dates_centuries_apart_are_one_line_naming_the_documents(run_cli, tmp_path):
    corpus = tmp_path / "dated"
    corpus.mkdir()
    for name in ("a", "b"):
        (corpus / f"{name}.txt").write_text(SHORT, encoding="utf-8")
    (corpus / "metadata.csv").write_text("file,date\na.txt,0001-01-01\nb.txt,9999-12-31\n", encoding="utf-8")
    one_line_error(run_cli("trend", "加强", corpus, "--out", tmp_path / "charts"),
                   "the dates span 1 (a) to 9999 (b)", "at most 400 years")
    assert not (tmp_path / "charts").exists()


def test_a_metadata_field_over_the_csv_bound_is_one_line(run_cli, tmp_path):
    corpus = tmp_path / "meta"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SHORT, encoding="utf-8")
    (corpus / "metadata.csv").write_text('file,title\na.txt,"' + "长" * 200_000 + "\n", encoding="utf-8")
    one_line_error(run_cli("verbs", corpus), "metadata.csv:2", "field larger than field limit", "quote left open")


@pytest.mark.parametrize("depth", [1_000, 100_000])  # a traceback at 1,000; PyYAML's C parser crashed at 100,000
def test_yaml_nested_too_deep_is_one_line(run_cli, write_file, depth):
    lexicon = write_file("deep.yaml", "slogans:\n  x: " + "[" * depth + "]" * depth + "\n")
    one_line_error(run_cli("slogans", "--lexicon", lexicon, SEED_FILE), "deep.yaml:2", f"nested {depth + 2} deep")
    speech = write_file("deep.txt", SHORT)
    write_file("deep.yaml", "title: " + "[" * depth + "]" * depth + "\n")  # the speech's metadata
    one_line_error(run_cli("verbs", speech), "deep.yaml:1", "at most 50")


def test_the_package_data_nests_well_within_the_bound():
    from analysis.settings import data_file
    from analysis.text.lexicons import MAX_YAML_DEPTH, yaml_depth

    assert yaml_depth(data_file("slogans.yaml").read_text(encoding="utf-8"))[0] == 4  # slogans: category: entry: forms
    assert yaml_depth("a:\n  - - b\n  - c\n") == (4, 2)  # a mapping, a list, a list in it, and a flow value
    assert MAX_YAML_DEPTH > 10


@pytest.mark.draws
def test_a_dollar_sign_in_a_title_is_drawn_as_written(run_cli, write_file, tmp_path):
    speech = write_file("usd.txt", SHORT)
    write_file("usd.yaml", 'title: "US$5亿（增长5%）与US$3亿"\n')  # mathtext read $5亿（增长5%）与US$ as TeX
    code, _, err = run_cli("figures", speech, "--out", tmp_path / "charts", "--formats", "png")
    assert code == 0, err
    assert (tmp_path / "charts" / "verbs.png").stat().st_size > 10_000


def test_a_term_longer_than_a_file_name_is_a_term(run_cli, tmp_path):
    corpus = tmp_path / "years"
    corpus.mkdir()
    long_term = "坚决落实联防联控" * 40  # 320 characters: Path(term).exists() raised "File name too long"
    for year in ("2019", "2020"):
        (corpus / f"{year}.txt").write_text(SHORT + long_term + "。\n", encoding="utf-8")
    code, out, err = run_cli("trend", long_term, corpus, "--format", "csv")
    assert code == 0, err
    assert [r["count"] for r in rows(out)] == ["1", "1"]


def test_a_full_disk_names_the_file_not_standard_output(run_cli, tmp_path, monkeypatch):
    import errno

    from analysis import files

    class Full:
        def __init__(self, fd, mode):
            os.close(fd)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")  # as a write on a full disk: no file name

    monkeypatch.setattr(files.os, "fdopen", Full)
    target = tmp_path / "lexicon" / "candidates.yaml"
    one_line_error(run_cli("formulations", "--candidates", target, SEED_FILE), "candidates.yaml",
                   "No space left on device")
    assert not [p for p in target.parent.rglob("*") if p.is_file()]  # no temporary file left
