"""`python -m unionplans new` writes a sound starting file for every sector and plan type; only its sample
text stands between it and a passing check, and the check names that text."""
import re
import shutil
import subprocess
import sys

from conftest import LIBRARY, ROOT, mkdocs_build
from unionplans.scaffold import SAMPLES

STARTING = ("【未改写的起点文字】", "【自写文字不足】", "【篇幅不足】")


def new(project, *args):
    return subprocess.run([sys.executable, "-m", "unionplans", "new", *args], cwd=project,
                          capture_output=True, text=True, timeout=120)


def check(project):
    return subprocess.run([sys.executable, "-m", "unionplans", "check"], cwd=project, capture_output=True, text=True)


def copy_project(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "templates_data"):
        shutil.copytree(ROOT / name, project / name)
    return project


def test_an_unedited_scaffold_fails_only_on_its_sample_text(tmp_path):
    project = copy_project(tmp_path)
    for sector_id in LIBRARY.sectors:
        for type_id in LIBRARY.plan_types:
            result = new(project, "plan", "--sector", sector_id, "--type", type_id)
            assert result.returncode == 0, result.stderr
    assert new(project, "snippet", "--category", "assistance").returncode == 0
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    problems = [line.strip() for line in result.stderr.splitlines()[1:]]
    assert problems and all(any(kind in p for kind in STARTING) for p in problems), problems
    assert any(SAMPLES["summary"] in p for p in problems) and any(SAMPLES["snippet-summary"] in p for p in problems)


def test_a_scaffold_with_its_sample_text_replaced_builds(tmp_path):
    project = copy_project(tmp_path)
    types = project / "templates_data" / "plan_types.yml"
    types.write_text(re.sub(r"min_(own_)?characters: \d+", r"min_\1characters: 0", types.read_text(encoding="utf-8")),
                     encoding="utf-8")
    assert new(project, "plan", "--sector", "hospital", "--type", "special").returncode == 0
    assert new(project, "plan", "--sector", "school", "--type", "term").returncode == 0
    assert new(project, "snippet", "--category", "assistance", "--id", "assistance-demo").returncode == 0
    for path in (project / "templates_data" / "plans" / "hospital" / "hospital-special.yml",
                 project / "templates_data" / "plans" / "school" / "school-term.yml",
                 project / "templates_data" / "snippets" / "assistance-demo.md"):
        text = path.read_text(encoding="utf-8")
        for n, sample in enumerate(SAMPLES.values()):  # each file its own words: two new plans share no line
            text = text.replace(sample, f"{path.stem.split('-')[0]}工会第{'一二三四五六七八九十'[n]}项自己的安排。")
        path.write_text(text, encoding="utf-8")
    result = check(project)
    assert result.returncode == 0, result.stderr
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    assert (tmp_path / "site" / "plans" / "hospital-special" / "index.html").exists()
    # The new shape: a profile, goals that name their measures, and a month table generated from the measures.
    term = (tmp_path / "site" / "plans" / "school-term" / "index.html").read_text(encoding="utf-8")
    assert "由工会委员会牵头，每季度召开工会委员会会议，检查计划落实情况。" in term
    assert "<td>经常性工作</td>" in term and "<td>9月</td>" in term and "<td>3月</td>" not in term
    assert (tmp_path / "site" / "snippets" / "assistance-demo" / "index.html").exists()


def test_unknown_sector_gets_a_suggestion_not_a_traceback(tmp_path):
    result = new(ROOT, "plan", "--sector", "hopsital")
    assert result.returncode == 1
    assert "未知的行业“hopsital”。是不是“hospital”？" in result.stderr
    assert "Traceback" not in result.stderr
