"""Inputs at the largest size the bounds allow: `check` and the build end with a clear message or success.

Each case builds the input an attacker would, within every per-file bound, and runs the real command in a
fresh process. Nothing here asserts a timing: benchmarks/budgets.py times these same inputs. The outer
timeout only turns a hang into a failure.
"""
import json
import re
import subprocess
import sys

import pytest

from conftest import PLAN, ROOT, SNIPPET, mkdocs_build, write_library, write_project
from unionplans import budget, safetext
from unionplans.errors import DataError
from unionplans.library import load_library

OUTER_TIMEOUT = 900  # seconds: far above every budget; only a hang reaches it


def check(data):
    """`python -m unionplans check` on a data folder: (exit code, everything it printed)."""
    result = subprocess.run([sys.executable, "-m", "unionplans", "check", "--data", str(data)],
                            capture_output=True, text=True, timeout=OUTER_TIMEOUT)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    return result.returncode, output


def plan_with(plan_id, sector, sections):
    """The sample plan with `sections` (YAML lines under sections:) in place of its snippet reference."""
    return PLAN.format(id=plan_id, sector=sector).replace("  - snippet: congress-demo\n", sections)


def snippet(snippet_id, body, sectors="all"):
    return (f"---\nid: {snippet_id}\ntitle: 测试段落\ncategory: democratic-management\nsectors: {sectors}\n"
            f"summary: 用于测试的段落。\n---\n{body}\n")


def sector_ids():
    sectors = (ROOT / "templates_data" / "sectors.yml").read_text(encoding="utf-8")
    return [line.split(": ")[1] for line in sectors.splitlines() if line.startswith("- id: ")]


# The inputs, each at the largest size the per-file bounds allow (benchmarks/budgets.py times them too).

def padded_heading(root):
    """A heading padded with 19,000 spaces (the text limit is 20,000), used five times by a plan in every sector."""
    body = "# 做好会前" + " " * 19_000 + "准备\n\n广泛征集提案，会前公示议题。"
    plans = {f"{s}/{s}-demo": plan_with(f"{s}-demo", s, "  - snippet: padded\n" * 5) for s in sector_ids()}
    return write_library(root / "padded", snippets={"congress-demo": SNIPPET, "padded": snippet("padded", body)}, plans=plans)


SLOW_RULE = "- class: 慢规则{n}\n  pattern: '(?:(.)(?!\\1))*\\1\\1\\1\\1'\n  message: 测试用的慢规则。\n  advice: 测试用的慢规则。\n"


def slow_rules(root):
    """Eight rules each taking a few milliseconds a row (under the per-line limit) over 20,000 rows in 60 plans."""
    rows = ["职工" * 80 + f"第{n}行" for n in range(20_000)]
    plans = {}
    for n in range(60):
        mine = rows[n::60]  # 100 rows a text and about 180 KB a file keep within the text and file limits
        own = "".join(f"  - title: 长文{k}\n    text: |\n" + "".join(f"      {row}\n\n" for row in mine[k:k + 100])
                      for k in range(0, len(mine), 100))
        plans[f"school/school-long{n}"] = plan_with(f"school-long{n}", "school", own)
    data = write_library(root / "slow", plans=plans)
    rules = data / "content_rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "".join(SLOW_RULE.format(n=n) for n in range(8)), encoding="utf-8")
    return data


BIG = "\n\n".join("广泛征集职工提案，会前公示议题，会后逐项督办落实，按季度向职工公开办理情况，接受职工监督评议。" * 4
                  + f"第{n}条" for n in range(100))[:19_900]


def many_references(root):
    """5,940 references (60 sections of 99, within the node limit) to one snippet at the text limit."""
    refs = "".join(f"  - title: 第{n}部分\n    sections:\n" + "      - snippet: big\n" * 99 for n in range(60))
    return write_library(root / "references", snippets={"congress-demo": SNIPPET, "big": snippet("big", BIG)},
                         plans={"school/school-demo": plan_with("school-demo", "school", refs)})


def long_hook(root):
    """A hook at the line limit (safetext.MAX_LINE characters) used 2,400 times: 800 in each of three texts."""
    text = "".join("      " + "{年度主线}，" * 19 + "{年度主线}。\n\n" for _ in range(40))
    own = "".join(f"  - title: 第{n}部分\n    text: |\n{text}" for n in range(3))
    data = write_library(root / "hook", plans={"school/school-demo": plan_with("school-demo", "school", own)})
    edition = data / "edition.yml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("年度主线: 迎接和学习宣传贯彻党的二十一大", "年度主线: " + "迎" * safetext.MAX_LINE, 1),
                       encoding="utf-8")
    return data


def largest_accepted(root):
    """What the budget still lets through: a plan in every sector referencing the snippet at the text limit
    as often as the expanded size allows."""
    uses = (budget.MAX_EXPANDED - 1_000) // len(BIG)
    plans = {f"{s}/{s}-demo": plan_with(f"{s}-demo", s, "  - snippet: big\n" * uses) for s in sector_ids()}
    project = write_project(root / "accepted", snippets={"congress-demo": SNIPPET, "big": snippet("big", BIG)}, plans=plans)
    # The length a reader would adopt is another rule (test_content.py); here only the expansion budget limits.
    types = project / "templates_data" / "plan_types.yml"
    types.write_text(re.sub(r"max_characters: \d+", "max_characters: 200000", types.read_text(encoding="utf-8")), encoding="utf-8")
    return project


# --- finding 4: a quadratic heading, parsed again for every use; slow rules over many rows ------------

def test_a_heading_padded_with_spaces_used_in_every_sector_finishes(tmp_path):
    code, output = check(padded_heading(tmp_path))
    assert (code == 0 and "数据检查通过" in output) or (code == 1 and "范本库数据有" in output), output[-3000:]


def test_eight_slow_rules_over_twenty_thousand_rows_stop_and_are_named(tmp_path):
    code, output = check(slow_rules(tmp_path))
    # Each rule's average stops it; on a machine fast enough to stay under the average, the run's budget does.
    assert code == 1 and ("templates_data/content_rules.yml:" in output and "慢规则7" in output
                          or "检查超过了" in output), output[-3000:]


def test_past_the_time_budget_the_check_reports_what_it_found_and_where_it_stopped(tmp_path, monkeypatch):
    """A clock that ticks once a look: it runs out during the content check, after the snippet's summary."""
    data = write_library(tmp_path, snippets={"congress-demo": SNIPPET.replace("summary: 示例段落：", "summary: 小编整理：")})
    ticks = iter(range(10**9))
    monkeypatch.setattr(budget, "monotonic", lambda: next(ticks))
    with budget.limit(100, "检查", data), pytest.raises(DataError) as error:
        load_library(data)
    found = [str(problem) for problem in error.value.problems]
    assert found[0].startswith("templates_data/snippets/congress-demo.md:6: 【网站残留】"), found
    assert found[-1].startswith("templates_data/") and "检查超过了 100 秒的时限" in found[-1], found


def test_past_the_build_budget_the_build_stops_with_the_file_it_was_on(tmp_path):
    project = write_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - unionplans:\n", "  - unionplans:\n      build_seconds: 0\n"),
                      encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "构建超过了 0 秒的时限" in result.stderr and "templates_data/" in result.stderr, result.stderr[-3000:]


# --- finding 9: amplification through references and terms ---------------------------------------

def test_thousands_of_references_to_one_large_snippet_are_refused_by_size(tmp_path):
    code, output = check(many_references(tmp_path))
    assert code == 1 and "templates_data/plans/school/school-demo.yml" in output and "展开后太长" in output, output[-3000:]


def test_a_long_hook_used_thousands_of_times_is_refused_by_size(tmp_path):
    code, output = check(long_hook(tmp_path))
    assert code == 1 and "templates_data/plans/school/school-demo.yml" in output and "展开后太长" in output, output[-3000:]


def test_the_largest_expansion_the_budget_allows_builds(tmp_path):
    project = largest_accepted(tmp_path)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "plans" / "school-demo" / "index.html").read_text(encoding="utf-8")
    assert page.count("第99条") == (budget.MAX_EXPANDED - 1_000) // len(BIG)


# --- finding 8: one plan's download taken over by another ------------------------------------------

def test_a_plan_outside_its_sector_folder_is_refused(tmp_path):
    data = write_library(tmp_path, plans={"elsewhere/school-demo": PLAN.format(id="school-demo", sector="school")})
    with pytest.raises(DataError) as error:
        load_library(data)
    assert "templates_data/plans/elsewhere/school-demo.yml" in error.value.report() and "plans/school/" in error.value.report()


def test_a_plan_named_like_a_notice_keeps_both_downloads(tmp_path):
    from docx import Document

    notice = "notice: |\n  各学校工会：\n\n  现将工作要点印发给你们，请结合实际认真贯彻落实。\n"
    plans = {"school/school-demo": PLAN.format(id="school-demo", sector="school") + notice,
             "school/school-demo-notice": PLAN.format(id="school-demo-notice", sector="school")
             .replace("示例年度工作计划", "另一篇示例计划").replace("【工会名称】【年度】年工作计划", "【工会名称】【年度】年另一份计划")}
    project = write_project(tmp_path / "project", plans=plans)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    catalog = {p["id"]: p for p in json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))["plans"]}
    files = [catalog["school-demo"]["docx"], catalog["school-demo"]["notice_docx"], catalog["school-demo-notice"]["docx"]]
    assert len(set(files)) == 3
    titles = [Document(tmp_path / "site" / name).paragraphs[0].text.replace("\n", "") for name in files]
    assert titles == ["【工会名称】【年度】年工作计划", "关于印发《【工会名称】【年度】年工作计划》的通知",
                      "【工会名称】【年度】年另一份计划"]


# --- finding 15: an id that is a page name ---------------------------------------------------------

@pytest.mark.parametrize("kind", ["plan", "snippet"])
def test_the_id_index_is_refused(tmp_path, kind):
    if kind == "plan":
        data = write_library(tmp_path, plans={"school/index": PLAN.format(id="index", sector="school")})
    else:
        data = write_library(tmp_path, snippets={"congress-demo": SNIPPET, "index": snippet("index", "会前公示议题。")})
    with pytest.raises(DataError) as error:
        load_library(data)
    assert "“index”不能用作编号" in error.value.report()
