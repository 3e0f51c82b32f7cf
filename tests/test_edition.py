"""The edition: one change of data moves the library to the next year, and an incomplete year is refused."""
import json

import pytest

from conftest import PLAN, mkdocs_build, write_library, write_project
from unionplans import render
from unionplans.errors import DataError
from unionplans.library import load_library

# A plan whose measures follow the lunar calendar: one on 春节 itself, beside one in a numbered month.
CONGRESS_MEASURE = """      - id: congress
        when: 1月
        lead: 工会委员会
        do: 召开{职代会}。
"""
FESTIVAL_PLAN = PLAN.format(id="school-demo", sector="school").replace(CONGRESS_MEASURE, CONGRESS_MEASURE + """      - id: festival-duty
        when: 春节
        lead: 工会主席
        do: '{春节}假期看望值班的{职工}。'
      - id: womens-day
        when: 3月
        lead: 女职工委员会
        do: 开展三八节活动。
""")


def set_year(data, year):
    edition = data / "edition.yml"
    edition.write_text(edition.read_text(encoding="utf-8").replace("year: 2027\nhooks:", f"year: {year}\nhooks:"), encoding="utf-8")


@pytest.mark.parametrize("year, date, month", [(2027, "2月6日", 2), (2028, "1月26日", 1)])
def test_festival_dates_and_months_follow_the_edition(tmp_path, year, date, month):
    data = write_library(tmp_path, plans={"school-demo": FESTIVAL_PLAN})
    set_year(data, year)
    library = load_library(data)
    rows = dict(library.schedule(library.plans["school-demo"]))
    assert f"春节（{date}）假期看望值班的教职工（工会主席）。" in rows[f"{month}月"]
    markdown = render.plan_markdown(library, library.plans["school-demo"])
    assert f"春节（{date}）假期看望值班的教职工" in markdown
    assert library.edition_values["年度主线"] in markdown  # the year's hook, from edition.yml


def test_a_2028_site_is_one_change_away(tmp_path):
    project = write_project(tmp_path / "project", plans={"school-demo": FESTIVAL_PLAN})
    set_year(project / "templates_data", 2028)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    catalog = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["edition"] == 2028
    html = (tmp_path / "site" / "plans" / "school-demo" / "index.html").read_text(encoding="utf-8")
    assert "2028 年版" in html and "春节（1月26日）" in html and "深入学习宣传贯彻党的二十一大精神" in html
    assert "2028 年版" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-ph="年度" title=' in html and 'data-default="2028"' in html


def test_an_edition_without_its_hooks_is_refused(tmp_path):
    data = write_library(tmp_path)
    set_year(data, 2029)
    with pytest.raises(DataError) as error:
        load_library(data)
    assert "templates_data/edition.yml:" in str(error.value) and "years 里没有 2029 年的提法" in str(error.value)


def test_an_edition_without_its_lunar_dates_is_refused(tmp_path):
    data = write_library(tmp_path)
    set_year(data, 2028)
    calendar = data / "calendar.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("      元宵节: 2028-02-09\n", ""), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_library(data)
    assert "calendar.yml 里没有 2028 年的农历节日日期：元宵节" in str(error.value)


def test_a_bare_festival_in_a_measure_asks_for_its_date(tmp_path):
    plan = FESTIVAL_PLAN.replace("{春节}假期", "春节假期")
    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, plans={"school-demo": plan}))
    assert "【节日日期写死】措施里的“春节”要带上版本年度的日期。请写成 {春节}" in str(error.value)


def test_an_annual_plan_without_the_years_hook_is_refused(tmp_path):
    plan = PLAN.format(id="school-demo", sector="school").replace("，以{年度主线}为主线", "")
    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, plans={"school-demo": plan}))
    assert "【缺少年度提法】年度工作计划要用到版本年度的提法 {年度主线}" in str(error.value)


@pytest.mark.parametrize("month, item, moves", [
    (6, "{端午节}慰问一线职工。", True),           # 端午 is 6月9日 in 2027 but 5月28日 in 2028
    (2, "{春节}假期看望值班的{职工}。", True),       # 春节 is 1月26日 in 2028
    (1, "{春节}停产放假前完成走访。", False),       # before 春节 is January in both years
    (10, "{重阳节}前后走访退休{职工}。", False),     # 重阳 stays in October
])
def test_a_festival_in_a_numbered_month_that_it_leaves_is_caught(tmp_path, month, item, moves):
    plan = PLAN.format(id="school-demo", sector="school").replace(
        "        when: 1月\n        lead: 工会委员会\n        do: 召开{职代会}。", f"        when: {month}月\n        lead: 工会委员会\n        do: '{item}'")
    data = write_library(tmp_path, plans={"school-demo": plan})
    if moves:
        with pytest.raises(DataError) as error:
            load_library(data)
        assert "【节日所在月份会变】" in str(error.value) and "when: " in str(error.value)
    else:
        load_library(data)
