"""environment.yml (conda) and pyproject.toml / requirements.lock (pip) must give the same versions.

conda cannot run on these machines, so the comparison is static.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from packaging.markers import Marker

if sys.version_info >= (3, 11):
    import tomllib
else:  # pytest itself needs tomli on Python 3.10, so the lock has it
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_versions(python: str = "3.11.7") -> dict[str, str]:
    """Versions the lock file installs on the given Python (markers evaluated)."""
    versions = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req, _, marker = line.partition(";")
        name, _, version = req.strip().partition("==")
        env = {"python_full_version": python, "python_version": python.rsplit(".", 1)[0]}
        if not marker.strip() or Marker(marker.strip()).evaluate(env):
            versions[_norm(name)] = version
    return versions


def conda_versions() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    versions = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for pip_dep in dep["pip"]:
                if "==" in pip_dep:
                    name, version = pip_dep.split("==")
                    versions[_norm(name)] = version
        elif "=" in dep:
            name, version = dep.split("=", 1)
            versions[_norm(name)] = version
    return versions


def pyproject_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        reqs.extend(extra)
    return reqs


def test_environment_yml_lists_every_dependency_of_pyproject():
    conda = conda_versions()
    names = {_norm(re.split(r"[=<>~!]", r)[0]) for r in pyproject_requirements()}
    assert names - set(conda) == set()


def test_environment_yml_versions_equal_the_lock():
    lock = lock_versions()
    mismatched = {n: (v, lock.get(n)) for n, v in conda_versions().items() if n != "python" and lock.get(n) != v}
    assert mismatched == {}


def test_pyproject_pins_equal_the_lock():
    lock = lock_versions()
    pins = dict(r.split("==") for r in pyproject_requirements() if "==" in r)
    assert {_norm(n): v for n, v in pins.items()} == {_norm(n): lock[_norm(n)] for n in pins}


def test_environment_python_matches_the_lock_evaluation():
    # The lock's markers are evaluated for 3.11 above; environment.yml must ask for that Python.
    assert "python=3.11" in (ROOT / "environment.yml").read_text()
