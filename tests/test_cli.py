"""The command line, called in this process (``main([...])``); tests/test_entry_points.py runs it as a program."""

from __future__ import annotations

import re

import csv
import io
import json

import pytest

from analysis.files import MANIFEST

from analysis.settings import CORPUS_DIR
from tests.expected import CLEANED_CHARACTERS, FOOTER_LINES, MODALITY_COUNTS, SEED, TOP_VERBS

pytestmark = pytest.mark.draws


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def test_slogans_csv_is_sorted_and_defaults_to_the_bundled_corpus(run_cli):
    code, out, _ = run_cli("slogans", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0] == "term,category,count,gloss,category_zh,category_en"
    table = rows(out)
    keys = [(-int(r["count"]), r["term"]) for r in table]
    assert keys == sorted(keys) and all(int(r["count"]) > 0 for r in table)
    assert {"term": "疫情就是命令，防控就是责任", "count": "3"}.items() <= table[1].items()
    assert run_cli("slogans", "--format", "csv", SEED)[1] == out
    everything = rows(run_cli("slogans", "--all", "--format", "csv")[1])
    assert len(everything) > len(table) and {r["count"] for r in everything} >= {"0"}


def test_verbs_top_and_json(run_cli):
    code, out, _ = run_cli("verbs", "--top", "3", "--format", "json", SEED)
    assert code == 0
    assert [(r["verb"], r["count"], r["gloss"]) for r in json.loads(out)] == [
        (v, c, g) for (v, c), g in zip(TOP_VERBS[:3], ["strengthen", "implement", "do well"])]


def test_tokens_in_text_order_with_offsets(run_cli):
    table = rows(run_cli("tokens", "--format", "csv")[1])
    assert list(table[0]) == ["token", "pos", "upos", "doc", "section", "section_index", "subsection",
                              "subsection_index", "paragraph", "sentence", "start", "end"]
    assert (table[0]["token"], table[0]["start"]) == ("市委书记", "0")
    assert all(int(a["end"]) == int(b["start"]) for a, b in zip(table, table[1:]))


def test_several_files_add_up_also_when_read_in_chunks(run_cli, write_file, monkeypatch):
    copy = write_file("copy.txt", SEED.read_bytes())
    monkeypatch.setenv("ANALYSIS_CHUNK_CHARS", "300")  # the seed then reads as 4 chunks
    for command, key, term, once in [("slogans", "term", "疫情就是命令，防控就是责任", 3),
                                     ("verbs", "verb", "加强", TOP_VERBS[0][1]),
                                     ("modality", "marker", "要", MODALITY_COUNTS["要"])]:
        code, out, _ = run_cli(command, "--format", "csv", SEED, copy)
        assert code == 0
        assert {r[key]: int(r["count"]) for r in rows(out)}[term] == 2 * once


def test_tokens_of_a_chunked_file_join_back_to_the_text(run_cli, speech, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CHUNK_CHARS", "300")
    code, out, err = run_cli("tokens", "-v", "--format", "csv", SEED)
    assert err == (f"{SEED}: encoding utf-8, {CLEANED_CHARACTERS} characters, 39 sentences, "
                   f"removed {FOOTER_LINES} boilerplate lines\n")
    table = rows(out)
    assert "".join(r["token"] for r in table) == speech.text
    assert [int(r["start"]) for r in table] == sorted(int(r["start"]) for r in table)


def test_the_same_document_twice_is_refused(run_cli):
    code, _, err = run_cli("slogans", SEED, SEED)
    assert code == 1
    assert err.startswith(f"error: {SEED}: same document id '000_891b73dabb0c5904' as {SEED}")


def test_matches_are_traceable(run_cli):
    table = rows(run_cli("slogans", "--matches", "--format", "csv")[1])
    assert list(table[0])[:5] == ["doc", "term", "category", "start", "end"]
    assert {(r["section"], r["section_index"]) for r in table} == {("引言", "0"), ("一", "1"), ("二", "2"), ("三", "3")}
    assert all(r["sentence"].isdigit() and r["paragraph"].isdigit() for r in table)


def test_table_format_for_reading(run_cli):
    out = run_cli("modality", "--format", "table")[1].splitlines()
    assert out[0].split() == ["marker", "class", "count", "future", "past", "gloss"]
    # read by hand: every 要 of the speech is in a sentence directing work to come
    assert out[1].split() == ["要", "obligation", "16", "16", "0", "must", "/", "should"]


@pytest.mark.parametrize("command", ["slogans", "verbs", "tokens", "modality", "figures", "report", "notebooks"])
def test_help(run_cli, command):
    code, out, _ = run_cli(command, "--help")
    assert code == 0 and "usage:" in out


@pytest.mark.parametrize("args", [["frobnicate"], ["slogans", "--format", "xml"], ["verbs", "--top", "0"], [],
                                  ["figures", "--formats", "png,bmp"]])
def test_usage_errors_exit_2(run_cli, args):
    assert run_cli(*args)[0] == 2


def test_a_wrong_chunk_size_in_the_environment_is_one_line(run_cli, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CHUNK_CHARS", "abc")
    assert run_cli("verbs") == (1, "", "error: ANALYSIS_CHUNK_CHARS: must be a positive whole number of characters, "
                                       "not 'abc'\n")


def test_input_error_is_one_line_naming_the_file(run_cli, tmp_path):
    missing = tmp_path / "nope.txt"
    assert run_cli("slogans", missing) == (1, "", f"error: {missing}: no such file\n")


def test_figures_writes_the_six_charts_with_ones_own_lexicon(run_cli, tmp_path):
    from tests.measures.test_slogans import MINE

    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(MINE, encoding="utf-8")
    code, _, err = run_cli("figures", "--out", tmp_path / "out", "--formats", "svg", "--lang", "en",
                           "--lexicon", lexicon)
    assert code == 0, err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([MANIFEST, *(
        f"{n}.svg" for n in ("slogans", "verbs", "modality", "wordcloud", "dispersion", "category_heatmap"))])
    # matplotlib writes each text of an SVG as a comment before its outlines: the chart is of this lexicon
    chart = (tmp_path / "out" / "slogans.svg").read_text(encoding="utf-8")
    assert "<!-- defend the land -->" in chart and "<!-- duty -->" in chart
    assert "<!-- the epidemic is an order -->" not in chart


def test_report_uses_ones_own_lexicon(run_cli, tmp_path):
    from tests.measures.test_slogans import MINE

    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text(MINE, encoding="utf-8")
    code, _, _ = run_cli("report", "--out", tmp_path / "out", "--formats", "png", "--lexicon", lexicon,
                         "--term", "防控")
    assert code == 0
    tables = tmp_path / "out" / "tables"
    slogans = rows((tables / "slogans.csv").read_text(encoding="utf-8"))
    assert [(r["term"], r["count"]) for r in slogans] == [("守土有责", "1"), ("人民至上", "0")]
    matches = rows((tables / "term_matches.csv").read_text(encoding="utf-8"))
    assert len(matches) == 35 and {r["term"] for r in matches} == {"防控"}  # HAND: 防控 35 times


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n\t \r\n", "only whitespace, no text"),
    ("footer.txt", "Copyright © wanshu.net All Rights Reserved.版权所有\n工信部备案号:鲁ICP备2020038323号-1\n".encode(),
     "only site boilerplate, no speech text"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (NUL bytes), not text"),
    ("latin1.txt", "Résumé du café".encode("latin-1") * 5, "undecodable bytes"),
])
@pytest.mark.parametrize("command", ["slogans", "tokens"])
def test_input_that_cannot_be_analysed_is_one_line_and_exit_1(run_cli, write_file, name, content, problem, command):
    path = write_file(name, content)
    code, _, err = run_cli(command, path)
    assert code == 1
    assert err.startswith(f"error: {path}: {problem}") and err.count("\n") == 1


def test_a_directory_without_text_files(run_cli, tmp_path):
    (tmp_path / "notes.md").write_text("# not a speech")
    assert run_cli("verbs", tmp_path) == (1, "", f"error: {tmp_path}: directory holds no .txt speech files\n")


def test_text_without_chinese_is_analysed_with_a_warning(run_cli, write_file):
    path = write_file("english.txt", "Speech of the mayor\nWe must work hard, and we will.\n")
    code, out, err = run_cli("slogans", "--format", "csv", path)
    assert code == 0
    assert out == "term,category,count,gloss,category_zh,category_en\n"
    assert err == f"warning: {path}: no Chinese characters: nothing to count\n"
    assert run_cli("verbs", "--format", "csv", path)[1] == "verb,count,pos,gloss,gloss_source\n"
    assert run_cli("modality", "--format", "csv", path)[1] == "marker,class,count,future,past,gloss\n"


def test_traditional_text_warns_and_converts_on_request(run_cli, write_file):
    path = write_file("trad.txt", "講話\n要堅決落實聯防聯控，疫情就是命令，防控就是責任。\n")
    _, _, err = run_cli("slogans", "--format", "csv", path)
    assert "looks like traditional Chinese" in err and "--simplified" in err
    _, out, err = run_cli("slogans", "--format", "csv", "--simplified", path)
    assert err == ""
    assert {r["term"]: r["count"] for r in rows(out)}["联防联控"] == "1"


def test_own_lexicon_with_a_mistake_is_named(run_cli, tmp_path):
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("categories:\n  a: {zh: 甲, en: A}\nslogans:\n  - term: 四个意识\n    category: b\n"
                       "    gloss: x\n    note: y\n", encoding="utf-8")
    assert run_cli("slogans", "--lexicon", lexicon) == (1, "", f"error: {lexicon}:4: '四个意识': unknown category 'b'\n")


def _snapshot(directory):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.rglob("*")) if p.is_file()}


def test_no_command_writes_to_the_corpus_and_a_failing_run_keeps_earlier_outputs(run_cli, report, tmp_path,
                                                                                  write_file):
    corpus_before = _snapshot(CORPUS_DIR)
    import shutil

    out = tmp_path / "out"
    shutil.copytree(report, out)
    outputs = _snapshot(out)
    bad = write_file("bad.txt", b"")
    assert run_cli("report", "--out", out, SEED, bad)[0] == 1
    assert _snapshot(out) == outputs
    assert _snapshot(CORPUS_DIR) == corpus_before
    assert not [p for p in out.rglob("*.tmp")]


def test_output_folder_that_is_a_file_is_one_line(run_cli, tmp_path):
    blocker = tmp_path / "figures"
    blocker.write_text("not a folder")
    code, _, err = run_cli("figures", "--out", blocker / "sub", "--formats", "png")
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


def test_compare_runs_over_the_sections_of_one_speech(run_cli):
    code, out, _ = run_cli("compare", "--format", "csv", "--kind", "slogan")
    table = rows(out)
    assert list(table[0]) == ["doc", "date", "section", "section_index", "term", "kind", "count", "per_10k", "year",
                              "characters"]
    assert {r["section"] for r in table} == {"引言", "一", "二", "三"}
    row = next(r for r in table if r["section"] == "一" and r["term"] == "两个维护")
    assert (row["count"], row["characters"]) == ("1", "472")  # HAND (tests/expected.py)
    code, out, _ = run_cli("compare", "--wide", "--by", "doc", "--term", "防控", "--kind", "term", "--format", "csv")
    assert rows(out) == [{"doc": "000_891b73dabb0c5904", "term:防控": "35"}]  # HAND: 防控 35 times


def test_trend_and_first_appearance_on_the_reports(run_cli, govreports, tmp_path):
    code, out, err = run_cli("trend", "四个意识", "两个维护", "三个代表", govreports, "--first", "--format", "csv")
    assert code == 0, err
    assert out == "term,first,last,years\n四个意识,2017,2025,8\n两个维护,2019,2025,6\n三个代表,2001,2018,18\n"
    code, out, _ = run_cli("trend", "两个维护", govreports, "--format", "csv", "--out", tmp_path, "--formats", "png")
    table = rows(out)
    assert list(table[0]) == ["term", "year", "count", "per_10k", "documents", "characters"]
    assert next(r for r in table if r["year"] == "2020")["count"] == ""  # no report in this source: a gap
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, "trend.png", "trend_heatmap.png"]


def test_a_time_axis_without_dates_is_refused(run_cli, write_file):
    path = write_file("undated_speech.txt", "讲话\n要坚决做到两个维护。\n")
    assert run_cli("trend", "两个维护", path) == (1, "", f"error: {path}: no document has a date, so there is no "
                                                 "time axis (give dates in NAME.yaml, metadata.csv or file names "
                                                 "such as 2019.txt)\n")


def test_dates_from_a_metadata_csv(run_cli, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("讲话\n要坚决做到两个维护，两个维护。\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date,speaker\na.txt,2018-03-05,甲\nb.txt,2021,乙\n", encoding="utf-8")
    code, out, _ = run_cli("trend", "两个维护", tmp_path, "--format", "csv")
    table = rows(out)
    assert [(r["year"], r["count"]) for r in table] == [("2018", "2"), ("2019", ""), ("2020", ""), ("2021", "2")]
    (tmp_path / "metadata.csv").write_text("file,date\na.txt,spring\n", encoding="utf-8")
    code, _, err = run_cli("trend", "两个维护", tmp_path)
    assert code == 1 and err == f"error: {tmp_path / 'metadata.csv'}:2: date: not a date (YYYY-MM-DD, YYYY-MM or YYYY): 'spring'\n"


def test_keyness_command(run_cli, govreports, tmp_path):
    files = [govreports / f"{y}.txt" for y in (1975, 1978, 2024, 2025)]
    code, out, err = run_cli("keyness", *files, "--target", "2024-2025", "--reference", "1975-1978",
                             "--top", "3", "--format", "csv", "--out", tmp_path, "--formats", "svg")
    assert code == 0, err
    table = rows(out)
    assert list(table[0]) == ["term", "target_count", "reference_count", "g2", "log_ratio", "target_per_10k",
                              "reference_per_10k", "direction"]
    assert [r["direction"] for r in table] == ["target"] * 3 + ["reference"] * 3
    assert all(float(r["g2"]) >= 15.13 for r in table)
    assert (tmp_path / "keyness.svg").is_file()


@pytest.mark.parametrize("args, problem", [
    ([], "several documents: say which are the target (--target SPEC)"),
    (["--target", "1961-1963"], "'1961-1963' selects no document"),
    (["--target", "2019", "--reference", "2019"], "share units"),
])
def test_keyness_groups_that_cannot_be_compared(run_cli, govreports, args, problem):
    code, _, err = run_cli("keyness", govreports, "--simplified", *args)
    assert code == 1 and problem in err and err.count("\n") == 1


def test_formulations_and_lexicon_candidates(run_cli, tmp_path):
    from analysis.text.lexicons import load_slogans

    code, out, err = run_cli("formulations", "--format", "csv", "--candidates", tmp_path / "new.yaml")
    table = rows(out)
    assert list(table[0])[:5] == ["term", "kind", "count", "in_lexicon", "expansion"]
    assert [(r["term"], r["in_lexicon"]) for r in table if r["kind"] == "numbered"] == [
        ("两个维护", "True"), ("四个意识", "True"), ("四个自信", "True")]
    candidates = load_slogans(tmp_path / "new.yaml")  # a lexicon a person can review and use
    assert "中场休息" in [s.term for s in candidates.slogans] and "四个意识" not in [s.term for s in candidates.slogans]
    assert err.startswith(f"wrote {len(candidates.slogans)} candidates to")


def test_parallels_command(run_cli):
    table = rows(run_cli("parallels", "--format", "csv", "--kind", "frame")[1])
    assert list(table[0])[:3] == ["shared", "items", "kind"]
    assert {"shared": "…就是…", "items": "疫情就是命令|防控就是责任", "kind": "frame"}.items() <= table[0].items()
    assert {r["kind"] for r in table} == {"frame"}


def test_kwic_command(run_cli):
    code, out, _ = run_cli("kwic", "疫情就是命令", "--format", "table")
    lines = out.splitlines()
    from analysis.outputs.export import display_width

    # the matches stand in one column, whatever the width of the characters before them
    assert len(lines) == 3 and len({display_width(line[:line.index("疫情就是命令")]) for line in lines}) == 1
    table = rows(run_cli("kwic", "再.化", "--regex", "--sort", "right", "--format", "csv")[1])
    assert sorted(r["match"] for r in table) == ["再深化", "再深化", "再细化", "再细化"]  # HAND: two of each
    assert [r["right"] for r in table] == sorted(r["right"] for r in table)
    table = rows(run_cli("kwic", "要", "--tokens", "--window", "1", "--format", "csv")[1])
    assert len(table) >= 16  # HAND: 要 as a directive 16 times, and inside no other word here
    assert run_cli("kwic", "[", "--regex")[0] == 1


def test_collocations_command(run_cli):
    table = rows(run_cli("collocations", "防控", "--format", "csv", "--measure", "mi")[1])
    assert list(table[0])[:3] == ["collocate", "count", "score"]
    assert [float(r["score"]) for r in table] == sorted((float(r["score"]) for r in table), reverse=True)
    pairs = rows(run_cli("collocations", "--pairs", "--format", "csv")[1])
    assert ("疫情就是命令 防控就是责任", "3") in [(r["collocate"], r["count"]) for r in pairs]
    assert run_cli("collocations")[0] == 1


def test_options_may_stand_among_the_files(run_cli, speech):
    # found by a newcomer: `kwic 防控 --tokens FILE` and `kwic 防控 FILE --tokens` mean the same
    path = speech.document.path
    out = run_cli("kwic", "防控", "--tokens", path, "--format", "csv")
    assert out[0] == 0 and len(rows(out[1])) == 35 and out == \
        run_cli("kwic", "防控", path, "--tokens", "--format", "csv")


def test_compare_wide_shows_rates_on_request(run_cli):
    code, out, _ = run_cli("compare", "--wide", "--by", "doc", "--term", "防控", "--kind", "term",
                           "--value", "per_10k", "--format", "csv")
    (row,) = rows(out)
    assert row["term:防控"] == "168.431"  # HAND: 35 in the 2,078 characters of the cleaned text, per 10,000


def test_trend_names_a_missing_file_rather_than_following_it(run_cli, tmp_path):
    missing = tmp_path / "1999.txt"
    code, _, err = run_cli("trend", "两个维护", missing)
    assert code == 1 and str(missing) in err and err.count("\n") == 1


def test_keyness_with_nothing_significant_says_so(run_cli, write_file):
    a = write_file("2018.txt", "讲话\n要坚决做到两个维护。\n")
    b = write_file("2019.txt", "讲话\n要坚决做到两个维护。\n")
    code, out, err = run_cli("keyness", a, b, "--target", "2019", "--top", "5", "--format", "csv")
    assert code == 0 and "no word reaches G2 15.13" in err


def test_compare_by_subsection(run_cli, govreports):
    code, out, _ = run_cli("compare", govreports / "2019.txt", "--by", "subsection", "--kind", "term",
                           "--term", "污染防治", "--format", "csv")
    table = rows(out)
    assert list(table[0])[:5] == ["doc", "date", "section", "subsection", "subsection_index"]
    assert len(table) == 14  # 引言, 一, 二, 三's lead-in and （一） to （十）
    found = {r["subsection"]: r["count"] for r in table if r["count"] != "0"}
    assert found == {"一": "2", "二": "1", "三（七）": "6"}  # HAND: 9 in the report, 6 of them under （七）


@pytest.mark.slow
def test_english_labels_leave_no_word_bare(run_cli, govreports, tmp_path):
    # found by a newcomer: 8 of the 2019 report's 15 verb labels stayed Chinese with --lang en
    code, _, err = run_cli("figures", govreports / "2019.txt", "--lang", "en", "--out", tmp_path, "--formats", "png")
    assert code == 0 and "warning" not in err
    verbs = rows(run_cli("verbs", govreports / "2019.txt", "--top", "15", "--format", "csv")[1])
    assert all(r["gloss"] and not re.search(r"[\u4e00-\u9fff]", r["gloss"]) for r in verbs)
    assert {r["gloss_source"] for r in verbs} <= {"glossary", "CC-CEDICT"}
    # a word no dictionary has is labelled with its pinyin and named
    text = tmp_path / "2021.txt"
    text.write_text("讲话\n要锚定目标，锚定方向。\n", encoding="utf-8")
    code, _, err = run_cli("trend", "锚定", text, "--lang", "en", "--out", tmp_path / "out", "--formats", "png")
    assert "warning: no English gloss for 锚定 (máodìng): labelled with pinyin" in err


@pytest.mark.parametrize("tokenizer", ["jieba", "rjieba"])
def test_words_and_boilerplate_of_ones_own(run_cli, write_file, tokenizer):
    """--userdict adds words for every command and both tokenizers; --boilerplate adds what cleaning removes."""
    from analysis.engine import run_corpus

    speech = write_file("s.txt", "讲话\n要推进绿智融合发展。\n本文来源：某某网\n")
    words = write_file("words.txt", "# words of mine\n绿智融合 n\n")
    patterns = write_file("mine.yaml", "lines:\n  - '本文来源：.{0,20}'\n")
    plain = [r["token"] for r in rows(run_cli("tokens", speech, "--tokenizer", tokenizer, "--format", "csv")[1])]
    assert "绿智融合" not in plain and "来源" in plain
    mine = [r["token"] for r in rows(run_cli("tokens", speech, "--tokenizer", tokenizer, "--userdict", words,
                                             "--boilerplate", patterns, "--format", "csv")[1])]
    assert "绿智融合" in mine and "来源" not in mine
    removed = run_corpus([speech], tables=["removed"], boilerplate=patterns, cache=False)["removed"]
    assert list(zip(removed["reason"], removed["line"])) == [("page chrome", "本文来源：某某网")]
