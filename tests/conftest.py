"""Shared helpers: a small library built from the real registries, and real MkDocs builds."""
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SNIPPET = """\
---
id: congress-demo
title: 开好{职代会}
category: democratic-management
sectors: [school, coal-mine]
summary: 示例段落：召开{职代会}并推进{厂务公开}。
---
每年召开{职工代表大会}，审议【单位名称】的重要事项。

# 做好会前准备

广泛征集{职工}提案，会前公示议题。

# 推进{厂务公开}

- 按季度公开{职工}关心的事项。
"""

PLAN = """\
id: {id}
name: 示例年度工作计划
title: 【工会名称】【年度】年工作计划
sector: {sector}
type: annual
summary: 用于测试的示例计划。
preamble: |
  根据【上级工会】的部署，结合本单位实际，制定本计划。
sections:
  - title: 指导思想
    text: |
      {{政治表述}}，{{工会表述}}。
  - title: 工作目标
    text: |
      - 会员入会率达到【入会率目标】。
  - snippet: congress-demo
schedule:
  - month: 1
    items:
      - 召开{{职代会}}。
safeguards:
  title: 保障措施
  text: |
    # 加强组织领导
    工会委员会按月检查计划落实情况。
"""


def write_library(root, snippets=None, plans=None):
    """A library folder with the real registries, one sample snippet and two sample plans."""
    data = Path(root) / "templates_data"
    data.mkdir(parents=True)
    for path in (ROOT / "templates_data").glob("*.*"):
        shutil.copy(path, data / path.name)
    # Sample plans are short; the length rule itself is tested in test_content.py.
    types = data / "plan_types.yml"
    types.write_text(re.sub(r"min_characters: \d+", "min_characters: 100", types.read_text(encoding="utf-8")), encoding="utf-8")
    (data / "snippets").mkdir()
    (data / "plans").mkdir()
    snippets = {"congress-demo": SNIPPET} if snippets is None else snippets
    plans = {f"{s}-demo": PLAN.format(id=f"{s}-demo", sector=s) for s in ("school", "coal-mine")} if plans is None else plans
    for folder, suffix, entries in (("snippets", ".md", snippets), ("plans", ".yml", plans)):
        for name, text in entries.items():
            path = data / folder / f"{name}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return data


def write_project(root, **library):
    """A whole site project (the real mkdocs.yml, docs/ and macros.py) around a sample library."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    write_library(root, **library)
    return root


def mkdocs_build(project, site_dir):
    """Run the real `mkdocs build --strict` as a reader or CI would."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, capture_output=True, text=True, timeout=600)


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real library, built once per test run by the real `mkdocs build --strict`."""
    project = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "templates_data"):
        shutil.copytree(ROOT / name, project / name)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"
