"""The built wheel on its own: installed away from the checkout, it ingests and answers."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

import pytest
from setuptools import find_namespace_packages

from assistant.settings import PROJECT_ROOT

# What the wheel is built from: a copy, so the build leaves nothing in the checkout.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "assistant", "corpus", "prompts")
BUNDLED = ["assistant._bundled.corpus", "assistant._bundled.prompts"]
PROBE = (
    "import json, assistant; from assistant.settings import Settings; s = Settings(); "
    "print(json.dumps({'package': assistant.__file__, **s.model_dump(include="
    "{'corpus_dir', 'prompts_dir', 'data_dir', 'index_dir', 'feedback_db'}, mode='json')}))"
)


def test_pyproject_lists_every_package() -> None:
    """The package list is written out (to map corpus/ and prompts/ in): none may be missing."""
    listed = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = find_namespace_packages(str(PROJECT_ROOT), include=["assistant*"])
    assert sorted(listed["packages"]) == sorted(found + BUNDLED)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel, its dependencies borrowed from the running one."""
    root = tmp_path_factory.mktemp("wheel")
    (root / "src").mkdir()
    for name in SOURCES:
        source, copy = PROJECT_ROOT / name, root / "src" / name
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", root / "dist", root / "src"])
    _run([sys.executable, "-m", "venv", "--without-pip", root / "venv"])
    python = root / "venv" / "bin" / "python"
    wheel = next((root / "dist").glob("lumbar_guide-*.whl"))
    _run([*pip, "--python", python, "install", "--no-deps", "--no-index", wheel])
    # After the install, or pip would take this checkout's editable install for the wheel.
    # (--system-site-packages would not do: it exposes the base interpreter's, not this venv's.)
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
    Path(purelib.strip(), "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return root / "venv"


@pytest.mark.slow
def test_the_installed_wheel_ingests_and_answers(venv: Path, tmp_path: Path) -> None:
    env = _clean_environment(ASSISTANT_DATA_DIR=str(tmp_path / "data"))
    assistant = str(venv / "bin" / "assistant")
    ingested = _run([assistant, "ingest"], cwd=tmp_path, env=env)
    assert "documents" in ingested and "added" in ingested
    answer = _run([assistant, "ask", "How is sacroiliac joint pain confirmed?"], tmp_path, env)
    assert "[1]" in answer and "match confidence" in answer
    assert (tmp_path / "data" / "index").is_dir()


@pytest.mark.slow
def test_the_installed_wheel_reads_its_own_files(venv: Path, tmp_path: Path) -> None:
    """Corpus and prompts from the package; run-time data per user unless ASSISTANT_DATA_DIR."""
    env = _clean_environment(XDG_DATA_HOME=str(tmp_path / "xdg"))
    paths = json.loads(_run([venv / "bin" / "python", "-c", PROBE], tmp_path, env))
    bundled = Path(paths.pop("package")).parent / "_bundled"
    assert bundled.is_relative_to(venv)
    assert paths["corpus_dir"] == str(bundled / "corpus")
    assert paths["prompts_dir"] == str(bundled / "prompts")
    assert paths["data_dir"] == str(tmp_path / "xdg" / "lumbar-guide")
    assert paths["index_dir"] == str(tmp_path / "xdg" / "lumbar-guide" / "index")
    assert paths["feedback_db"] == str(tmp_path / "xdg" / "lumbar-guide" / "feedback.sqlite3")


def _clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without settings or paths that could point at the checkout."""
    kept = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("ASSISTANT_") and key not in {"PYTHONPATH", "VIRTUAL_ENV"}
    }
    return {**kept, **extra}


def _run(
    command: list[str | Path], cwd: Path | None = None, env: dict[str, str] | None = None
) -> str:
    arguments = [str(part) for part in command]
    done = subprocess.run(arguments, check=False, cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done.stdout
