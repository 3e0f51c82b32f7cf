"""The shipped library covers every sector, plan type and category, and passes its own content check."""
import re
from collections import Counter

import shutil

from conftest import LIBRARY, PLAN, ROOT, write_library
from unionplans import render
from unionplans.coverage import check_coverage, collecting
from unionplans.errors import Problems
from unionplans.measures import month_labels



def plans(**where):
    return [p for p in LIBRARY.plans.values() if all(p[k] == v for k, v in where.items())]


def test_counts():
    """Issue 11's targets: 18 sectors in families, 70 plans, 150 snippets."""
    assert len(LIBRARY.sectors) >= 18 and len(LIBRARY.families) >= 5
    assert len(LIBRARY.plans) >= 70
    assert len(LIBRARY.snippets) >= 150
    assert {p["sector"] for p in LIBRARY.plans.values()} == set(LIBRARY.sectors)
    assert {p["type"] for p in LIBRARY.plans.values()} == set(LIBRARY.plan_types)


def test_every_sector_has_choice_by_the_check_itself():
    """The rule (three plans, a year's plan, a special plan) lives in check; the shipped data meets it."""
    problems = Problems()
    check_coverage(LIBRARY, problems)
    assert problems.items == [] and not collecting(LIBRARY)


NEW_SECTOR = """\
- id: property
  name: 物业服务企业
  short: 物业
  family: enterprises
  description: 住宅小区和商业楼宇的物业服务企业，职工分散在各个项目，倒班多。
  superior: 所在地总工会
  year: 按自然年安排
  focus: [一线员工关爱, 夏送清凉]
"""


def run_check(data, **env):
    import os
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "unionplans", "check", "--data", str(data)], capture_output=True,
                          text=True, env={**os.environ, "GITHUB_ACTIONS": "true", **env}, cwd=data.parent)


def add_sector(tmp_path, collecting=False):
    plans = {f"property/property-{n}": PLAN.format(id=f"property-{n}", sector="property").replace("  - snippet: congress-demo\n", "")
             for n in (1, 2)}
    data = write_library(tmp_path, plans=plans)
    with (data / "sectors.yml").open("a", encoding="utf-8") as file:
        file.write(NEW_SECTOR + ("  collecting: true\n" if collecting else ""))
    return data


def test_a_sector_added_with_two_plans_fails_check_on_its_line(tmp_path):
    """The new-sector walk: the sector, README, CONTRIBUTING and the issue form each get an annotation on the line,
    with the line to write; nothing is left for pytest to find."""
    data = add_sector(tmp_path)
    for name in ("README.md", "CONTRIBUTING.md", ".github/ISSUE_TEMPLATE/new-plan.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    result = run_check(data)
    line = (data / "sectors.yml").read_text(encoding="utf-8").split("\n").index("- id: property") + 1
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f"::error file=templates_data/sectors.yml,line={line},title=范本库数据检查::行业“物业服务企业”还缺范本（现有 2 篇，至少 3 篇）"
            "、专项计划。") in result.stdout
    rows = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split("\n")
    last_row = max(i for i, row in enumerate(rows) if row.startswith("| 县级总工会 |")) + 1
    assert (f"::error file=CONTRIBUTING.md,line={last_row},title=范本库数据检查::“行业和大类”表要与 sectors.yml 一致、同序："
            "第 21 个行业这一行应当是 | 物业服务企业 | `property` | 企业（`enterprises`） |") in result.stdout
    assert "::error file=README.md,line=3," in result.stdout and "企业（煤矿企业、" in result.stdout
    assert re.search(r"::error file=.github/ISSUE_TEMPLATE/new-plan.yml,line=\d+,.*县级总工会, 物业服务企业, 其他\]", result.stdout)
    assert len(re.findall("^::error", result.stdout, re.M)) == 4


def test_a_sector_still_collecting_passes_and_check_says_so(tmp_path):
    result = run_check(add_sector(tmp_path, collecting=True))
    assert result.returncode == 0, result.stderr
    assert "还在征集范本的行业（sectors.yml 里写了 collecting: true）：" in result.stdout and "物业服务企业（2 篇）" in result.stdout


def test_the_special_plans_officers_write_with_the_annual_plan():
    names = " ".join(p["name"] for p in plans(type="special"))
    for theme in ("送温暖", "筹备", "三八", "运动会|技能竞赛|竞赛"):
        assert re.search(theme, names), theme


def test_schools_have_autumn_and_spring_term_plans():
    terms = plans(sector="school", type="term")
    assert {p["term"] for p in terms} == {"春季学期", "秋季学期"}
    for plan in terms:  # the generated table stays within the term
        labels = set(month_labels(LIBRARY.term(plan)["months"]).values())  # the autumn term's 1月 reads 次年1月
        assert {label for label, _ in LIBRARY.schedule(plan)} <= labels | {"经常性工作"}


def test_key_points_for_education_union_and_a_group_company():
    assert plans(sector="district-education", type="key-points")
    assert any(p["sector"] in ("coal-mine", "manufacturing") for p in plans(type="key-points"))


def test_the_four_special_plan_themes():
    names = " ".join(p["name"] for p in plans(type="special"))
    for theme in ("女职工", "文体", "帮扶", "竞赛"):
        assert theme in names, theme


def test_every_category_has_snippets_and_most_snippets_serve_several_sectors():
    per_category = Counter(s["category"] for s in LIBRARY.snippets.values())
    assert set(per_category) == set(LIBRARY.categories)
    assert len(LIBRARY.categories) >= 18
    # Shared snippets have sector versions: through sector terms or a variant they read differently per sector.
    versions = [{"\n".join(render.render_item(render.snippet_item(LIBRARY, s, sector), 1, 0))
                 for sector in LIBRARY.snippet_sectors(s)} for s in LIBRARY.snippets.values()]
    assert sum(len(v) > 1 for v in versions) >= 60


def test_calendar_items_concern_known_sectors():
    assert {item["month"] for item in LIBRARY.calendar["items"]} == set(range(1, 13))


def test_a_snippet_naming_every_sector_of_a_family_is_told_to_name_the_family(tmp_path):
    from conftest import SNIPPET
    from unionplans.errors import DataError
    from unionplans.library import load_library

    education = [sid for sid, s in LIBRARY.sectors.items() if s["family"] == "education"]
    snippet = SNIPPET.replace("sectors: [school, coal-mine]", f"sectors: [{', '.join(education)}, coal-mine]")
    try:
        load_library(write_library(tmp_path, snippets={"congress-demo": snippet}))
    except DataError as error:
        found = [str(p) for p in error.problems]
    assert found == [f"templates_data/snippets/congress-demo.md:5: sectors 列出了学校类的全部行业（{'、'.join(education)}）："
                     "请改写大类编号 education，以后新加的学校类行业也会用到这个段落。"]


def test_every_enterprise_finds_the_general_democratic_management_and_rights_snippets():
    """The general snippets name the family, so each enterprise sector (and one added later) has them."""
    for category in ("democratic-management", "openness", "rights-labour-relations", "women-workers"):
        general = [s for s in LIBRARY.snippets.values() if s["category"] == category and s["sectors"] != "all"
                   and "enterprises" in s["sectors"]]
        assert general, category


def test_a_new_sector_is_previewed_whole_its_plans_and_every_snippet_open_to_it(tmp_path):
    import os
    import subprocess
    import sys

    data = add_sector(tmp_path, collecting=True)
    snippet = data / "snippets" / "congress-demo.md"
    snippet.write_text(snippet.read_text(encoding="utf-8").replace("sectors: [school, coal-mine]", "sectors: [enterprises]"),
                       encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    result = subprocess.run([sys.executable, "-m", "unionplans", "preview", "--data", str(data), "--sector", "property"],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("# 预览：示例年度工作计划") == 2 and "# 预览：物业服务企业可用的 1 个段落" in result.stdout
    assert "### 开好职代会" in result.stdout and "推进厂务公开" in result.stdout  # in the sector's words, not {职代会}
