"""A plain ``pip install .`` outside the repository works: data files are found through the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from tests.expected import SEED

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def test_an_installed_package_finds_its_data_outside_the_repository(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    # the dependencies come from this environment (a plain path: its editable install of the project is not seen)
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    build = tmp_path / "source"
    shutil.copytree(ROOT, build, ignore=shutil.ignore_patterns(".venv", ".git", "html", "figures", "*.egg-info",
                                                              "__pycache__", ".pytest_cache", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--target", str(site), str(build)], check=True, capture_output=True)
    shutil.rmtree(build)
    work = tmp_path / "elsewhere"
    work.mkdir()
    speech = shutil.copy(SEED, work / "speech.txt")
    python = str(venv / "bin" / "python")
    where = subprocess.run([python, "-c", "import analysis; print(analysis.__file__)"], cwd=work,
                           capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site)
    templates = subprocess.run([python, "-c", "from analysis.settings import TEMPLATE_DIR; "
                                "print(sorted(p.name for p in (TEMPLATE_DIR / 'offline').iterdir()))"],
                               cwd=work, capture_output=True, text=True, check=True).stdout.strip()
    assert templates == "['conf.json', 'index.html.j2']"
    result = subprocess.run([python, "-m", "analysis", "verbs", "--top", "2", "--format", "csv", str(speech)],
                            cwd=work, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("verb,count,pos,gloss,gloss_source\n加强,10,v,strengthen,glossary\n"
                             "落实,8,v,implement,glossary\n")
    slogans = subprocess.run([python, "-m", "analysis", "slogans", "--format", "csv", str(speech)], cwd=work,
                             capture_output=True, text=True)
    assert "疫情就是命令，防控就是责任,mobilisation,3" in slogans.stdout
