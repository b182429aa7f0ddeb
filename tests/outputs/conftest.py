"""Fixtures of the pages' tests: a student's own speech, the README's notebook commands as written, and
a folder of many documents, each rendered once per session."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

import pytest

from analysis.outputs.notebooks import render_all
from tests.conftest import GOVREPORTS, made_once

PROJECT = Path(__file__).resolve().parents[2]
README = PROJECT / "README.md"

# A short speech of a kind the project has never seen, as a student would write one: a title line, a
# date line, 同志们：, sections 一、二、. HAND, read off the text: slogans of the lexicon 守土有责 3 (one in
# 一, two in 二), 四个意识 2 (一, 二), 两个维护 1, 四个自信 1, 决策部署 1 (preamble), 人民至上、生命至上 1
# (epidemic policy in the genre lexicon), 习近平新时代中国特色社会主义思想 1 (holding 中国特色社会主义 1,
# ideology); categories present: political loyalty, epidemic policy, cadre responsibility and ideology;
# absent: mobilisation among others. None of the seed speech's 疫情就是命令, 集中救治, 第一时间 occurs.
OWN_SPEECH = """在全县秋冬季森林防火工作会议上的讲话
（2023年10月18日）
同志们：
今天召开全县秋冬季森林防火工作会议，主要任务是贯彻落实省市决策部署，安排部署今冬明春森林防火工作。
一、提高政治站位，充分认识森林防火工作的重要性
森林防火事关人民群众生命财产安全。各级各部门要增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚决扛起森林防火政治责任。
要坚持人民至上、生命至上，守土有责、守土尽责。
二、压实各方责任，抓好关键环节
要落实属地、部门、单位、个人四方责任，做到早发现、早报告、早处置。
各乡镇党委书记是第一责任人，要守土有责，牢固树立“四个意识”。
要加强巡查值守，强化野外火源管控，切实做到防患于未然。
同志们，森林防火责任重于泰山。守土有责，人人有责。让我们以习近平新时代中国特色社会主义思想为指导，坚决打赢森林防火这场硬仗！
"""
OWN_TITLE = "在全县秋冬季森林防火工作会议上的讲话"
OWN_NAME = f"{OWN_TITLE}（2023-10-18）"  # how pages and charts name it: title and the date of its date line

# The command lines of the README and docs/ that run notebooks, as written there;
# tests/outputs/test_notebooks.py checks that this is every one of them.
README_NOTEBOOKS = ".venv/bin/python -m analysis notebooks my_speech.txt --out html-mine"
README_PAPERMILL_03 = """.venv/bin/papermill notebooks/03_slogans.ipynb out.ipynb -p files '["my_speech.txt"]'"""
README_PAPERMILL_07 = (""".venv/bin/papermill notebooks/07_compare.ipynb out-07.ipynb -p files corpus/govreports """
                       """-p simplified True -p terms '["四个意识", "两个维护", "三个代表"]' -p target 2013-2025 """
                       """-p reference 1954-1978""")


def readme_commands() -> list[str]:
    """Every line of the README and of the documentation (docs/**/*.md) that runs notebooks (with
    papermill or the notebooks command), each once, in the order they first appear."""
    pages = [README, *sorted((PROJECT / "docs").rglob("*.md"))]
    lines = (line.strip() for page in pages for line in page.read_text(encoding="utf-8").splitlines())
    found = [line for line in lines if line.startswith((".venv/bin/papermill ", ".venv/bin/python -m analysis notebooks "))]
    return list(dict.fromkeys(found))


@pytest.fixture(scope="session")
def readme_root():
    """A folder laid out as the README's commands expect: this checkout's .venv and notebooks/, the
    student's speech as my_speech.txt, and the shipped corpus/govreports."""
    with made_once("readme") as (base, made):
        root = base / "pages"
        if not made:
            root.mkdir()
            (root / "corpus").mkdir()
            (root / "corpus" / "govreports").symlink_to(GOVREPORTS)
            for name in (".venv", "notebooks"):
                if not (PROJECT / name).exists():
                    raise RuntimeError(f"the README's commands need {PROJECT / name} (make test creates .venv)")
                (root / name).symlink_to(PROJECT / name)
            (root / "my_speech.txt").write_text(OWN_SPEECH, encoding="utf-8")
    return root


def run_readme_command(line: str, root: Path) -> subprocess.CompletedProcess:
    """Run one README command line as a shell would split it, in ``root``; a missing glyph fails it."""
    env = {**os.environ, "PYTHONWARNINGS": "error:Glyph:UserWarning"}
    return subprocess.run(shlex.split(line), cwd=root, capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="session")
def own_pages(readme_root):
    """The README's `notebooks` command on the student's own speech: (the pages' folder, the run)."""
    with made_once("own-pages") as (kept, made):
        if not made:
            done = run_readme_command(README_NOTEBOOKS, readme_root)
            for stream in ("stdout", "stderr"):
                (kept / stream).write_text(getattr(done, stream), encoding="utf-8")
            (kept / "returncode").write_text(str(done.returncode))
        done = subprocess.CompletedProcess(shlex.split(README_NOTEBOOKS), int((kept / "returncode").read_text()),
                                           (kept / "stdout").read_text(encoding="utf-8"),
                                           (kept / "stderr").read_text(encoding="utf-8"))
    assert done.returncode == 0, done.stderr
    return readme_root / "html-mine", done


@pytest.fixture(scope="session")
def many_pages():
    """01, 03 and 06 rendered on 25 short documents, each with slogans and formulations."""
    with made_once("many") as (base, made):
        folder, out = base / "texts", base / "html"
        if not made:
            folder.mkdir()
            for i in range(1, 26):
                (folder / f"d{i:02d}.txt").write_text(
                    f"第{i}次工作会议上的讲话\n同志们：\n一、压实责任\n要守土有责，增强“四个意识”。\n二、抓好落实\n"
                    "要坚决落实联防联控。\n", encoding="utf-8")
            notebooks = [PROJECT / "notebooks" / f"{name}.ipynb" for name in ("01_corpus", "03_slogans", "06_discovery")]
            render_all(out, parameters={"files": [str(folder)]}, notebooks=notebooks, workers=2)
    return out
