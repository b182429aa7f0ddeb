"""The documentation: the site builds offline, and every command line that it and the README show runs.

The site is built once (``mkdocs build --strict``, as `make docs`) into a temporary folder. Its pages
must load nothing from the network, and its search must find Chinese words when the site is opened
from the file system (headless Chromium, as in tests/outputs/test_html.py: skipped where Chromium is
absent, never in CI).

The command lines: every line of a fenced code block of README.md or docs/**/*.md that starts with
``.venv/bin/python -m analysis `` or ``python -m analysis `` (after a ``$ `` prompt in a console
block) is run once, in this process, through ``analysis.cli.main`` from the project folder:

- ``my_speech.txt``, the reader's own speech in the examples, is a copy of the bundled speech;
- what a command writes (``--out``, ``--candidates``, ``--figures``) goes into a temporary folder,
  and so does the default output folder of a command shown without ``--out``;
- ``< FILE`` is read as standard input; any other shell syntax (a pipe, ``>``, ``&&``) fails the test,
  since the line would not be what runs here;
- a command on ``../shared/corpora/`` runs where that folder is, and is skipped elsewhere, except in
  CI (``CI`` set), where it fails;
- it must exit 0 and print something or write a file; a console block's output below the command
  must be what the command prints.

Notebook lines (``python -m analysis notebooks``, papermill) are run by tests/outputs/test_notebooks.py,
and ``make`` lines are the Makefile's.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.browser import chromium

from analysis.cli import build_parser, main
from tests.expected import SEED

pytestmark = [pytest.mark.draws, pytest.mark.slow]

PROJECT = Path(__file__).resolve().parents[1]
PAGES = [PROJECT / "README.md", *sorted((PROJECT / "docs").rglob("*.md"))]
PREFIXES = (".venv/bin/python -m analysis ", "python -m analysis ")
RUN_ELSEWHERE = {"notebooks"}  # tests/outputs/test_notebooks.py runs these as written
OWN_SPEECH = "my_speech.txt"
OUTPUT_OPTIONS = ("--out", "--candidates", "--figures")
SHARED = "../shared/corpora/"
SHELL = re.compile(r"^(?:\d?[<>]|[|&;])")  # a word a shell would read as a pipe, redirection or list


@dataclass(frozen=True)
class Command:
    line: str
    where: str  # README.md:42
    output: tuple[str, ...] | None  # what a console block shows below it


def shown_commands() -> list[Command]:
    """Each command line of the fenced code blocks, once (with the output a console block shows)."""
    found: dict[tuple[str, ...], Command] = {}  # by the words a shell would pass (comments left out)
    for page in PAGES:
        fence = None
        block: list[tuple[int, str]] = []
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            marker = re.match(r"\s*(`{3,}|~{3,})", line)
            if fence is None and marker:
                fence, block = marker.group(1), []
            elif fence is not None and marker and line.strip() == fence:
                for command in block_commands(page, block):
                    key = tuple(shlex.split(command.line, comments=True))
                    if key not in found or (command.output is not None and found[key].output is None):
                        found[key] = command
                fence = None
            elif fence is not None:
                block.append((number, line))
    return list(found.values())


def block_commands(page: Path, block: list[tuple[int, str]]) -> list[Command]:
    console = any(line.strip().startswith("$ ") for _, line in block)
    commands = []
    for i, (number, line) in enumerate(block):
        text = line.strip()
        if console:
            if not text.startswith("$ "):
                continue
            text = text[2:].strip()
        if not text.startswith(PREFIXES) or set(shlex.split(text, comments=True)[3:4]) & RUN_ELSEWHERE:
            continue
        output = None
        if console:
            rest = [l for _, l in block[i + 1:]]
            end = next((j for j, l in enumerate(rest) if l.strip().startswith("$ ")), len(rest))
            output = tuple(rest[:end])
        commands.append(Command(text, f"{page.relative_to(PROJECT)}:{number}", output))
    return commands


COMMANDS = shown_commands()


def test_the_pages_show_commands():
    """The collector finds the command lines (a change of fence or prefix would silently find none)."""
    assert len(COMMANDS) >= 20
    assert any(c.where.startswith("README.md") for c in COMMANDS)
    assert any(c.output for c in COMMANDS)


def subcommands() -> dict:
    """The command line's subcommands by name (``parser.commands``, else the subparsers' choices)."""
    parser = build_parser()
    return getattr(parser, "commands", None) or next(
        a.choices for a in parser._actions if isinstance(getattr(a, "choices", None), dict))


def default_outputs(command: str) -> list[str]:
    """The output options of a subcommand that write somewhere even when not given (``--out figures``)."""
    sub = subcommands().get(command)
    if sub is None:
        return []
    return [option for a in sub._actions for option in a.option_strings
            if option in OUTPUT_OPTIONS and a.default is not None]


def prepare(line: str, tmp_path: Path) -> tuple[list[str], bytes | None]:
    """The argument list main() gets for a shown line, and the standard input it reads (if any)."""
    words = shlex.split(line, comments=True)[3:]  # past `python -m analysis`
    stdin = None
    if "<" in words:
        at = words.index("<")
        stdin = (PROJECT / words[at + 1]).read_bytes() if words[at + 1] != OWN_SPEECH else SEED.read_bytes()
        del words[at:at + 2]
    shell = [w for w in words if SHELL.match(w)]
    if shell:
        pytest.fail(f"{line!r} uses shell syntax ({' '.join(shell)}) that this test cannot run in this process: "
                    "show it with `< FILE` for standard input, or without the shell")
    own = tmp_path / "input" / OWN_SPEECH
    out = tmp_path / "out"
    argv = []
    for i, word in enumerate(words):
        option, equals, value = word.partition("=")
        if i and words[i - 1] in OUTPUT_OPTIONS:
            argv.append(str(out / word))
        elif equals and option in OUTPUT_OPTIONS:
            argv.append(f"{option}={out / value}")
        elif word == OWN_SPEECH:
            own.parent.mkdir(exist_ok=True)
            shutil.copyfile(SEED, own)
            argv.append(str(own))
        else:
            argv.append(word)
    given = {w.partition("=")[0] for w in words}
    for option in default_outputs(words[0]):
        if option not in given:
            argv += [option, str(out / option.lstrip("-"))]
    return argv, stdin


@pytest.mark.parametrize("command", COMMANDS, ids=[c.where for c in COMMANDS])
def test_every_command_shown_runs(command, tmp_path, monkeypatch, capsys):
    missing = [w for w in shlex.split(command.line, comments=True) if w.startswith(SHARED) and not (PROJECT / w).exists()]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {missing[0]} beside the project for {command.where}")
        pytest.skip(f"{missing[0]} is not here")
    argv, stdin = prepare(command.line, tmp_path)
    monkeypatch.chdir(PROJECT)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse: a usage mistake in the page
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 0, f"{command.where}: {command.line}\nexit {code}\n{err}"
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()] if (tmp_path / "out").exists() else []
    assert out.strip() or written, f"{command.where}: printed nothing and wrote nothing"
    if command.output is not None:
        assert out.splitlines() == list(command.output), f"{command.where}: the page shows another output"


# -- the site ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)],
                          cwd=PROJECT, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return folder, done


REMOTE = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//"""
                    r"""|fonts\.(?:googleapis|gstatic)\.com|unpkg\.com|jsdelivr\.net|cdnjs""", re.I)


def test_the_site_builds_strictly_with_every_page_and_nothing_from_the_network(site):
    folder, done = site
    assert "WARNING" not in done.stderr
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    for page in ["index.html", "reference/commands.html", "reference/tables.html", "accuracy.html"]:
        assert page in pages
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not REMOTE.search(text), (page, REMOTE.search(text).group(0))
    assert (folder / "search" / "search_index.js").is_file()  # the index that search reads from file://
    assert not (folder / "hooks").exists()
    assert not (PROJECT / "docs" / "reference" / "commands.md").exists()  # generated in memory, never a file


def test_the_command_reference_is_generated_from_the_parser(site):
    folder, _ = site
    page = (folder / "reference" / "commands.html").read_text(encoding="utf-8")
    for name, command in subcommands().items():
        assert f'id="{name}"' in page, name
        for action in command._actions:
            for option in action.option_strings:
                assert f"{option}" in page, (name, option)
    assert "--svg-text" in page and "a dispersion plot and a heatmap for each speech" in page


# -- search from the file system, in a real browser --------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    with chromium() as driver:
        yield driver


def search(browser, term: str) -> list[str]:
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()  # opening the search starts its worker, on a page from the file system
    box.clear()
    box.send_keys(term)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")]
        if links:
            return links
        time.sleep(0.2)
    return []


def test_search_finds_chinese_and_english_words_from_the_file_system(site, browser):
    folder, _ = site
    browser.get((folder / "methods" / "discovery.html").as_uri())
    assert any("methods/discovery.html" in link and "#parallel-series" in link for link in search(browser, "排比"))
    assert any("methods/corpus.html" in link for link in search(browser, "keyness"))
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
