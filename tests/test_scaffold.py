"""`python -m unionplans new` writes files that build as they are, for every sector and plan type."""
import shutil
import subprocess
import sys

from conftest import ROOT, mkdocs_build
from unionplans.library import load_library

LIBRARY = load_library(ROOT / "templates_data")


def new(project, *args):
    return subprocess.run([sys.executable, "-m", "unionplans", "new", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def test_scaffolded_plans_and_snippets_build(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "templates_data"):
        shutil.copytree(ROOT / name, project / name)
    written = []
    for sector_id in LIBRARY.sectors:
        for type_id in LIBRARY.plan_types:
            result = new(project, "plan", "--sector", sector_id, "--type", type_id)
            assert result.returncode == 0, result.stderr
            written.append(project / "templates_data" / "plans" / sector_id / f"{sector_id}-{type_id}.yml")
    result = new(project, "snippet", "--category", "assistance")
    assert result.returncode == 0, result.stderr
    assert all(path.exists() for path in written)
    check = subprocess.run([sys.executable, "-m", "unionplans", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert (tmp_path / "site" / "plans" / "hospital-special" / "index.html").exists()
    assert (tmp_path / "site" / "snippets" / "assistance-new" / "index.html").exists()


def test_unknown_sector_gets_a_suggestion_not_a_traceback(tmp_path):
    result = new(ROOT, "plan", "--sector", "hopsital")
    assert result.returncode == 1
    assert "未知的行业“hopsital”。是不是“hospital”？" in result.stderr
    assert "Traceback" not in result.stderr
