"""Seams within and between plans, class rules, and the year's theme by span: each fails `check` with file,
line and fix, and the shipped library passes."""
import re

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import PLAN, ROOT, SNIPPET, THEME, write_library
from unionplans import render
from unionplans.consistency import Piece, similar_pairs, similarity
from unionplans.errors import DataError
from unionplans.library import load_library

SCHOOL = PLAN.format(id="school-demo", sector="school")
MINE = PLAN.format(id="coal-mine-demo", sector="coal-mine")
GOAL = "      {职代会}是{职工}参与管理的基本形式。\n"  # a line of text more lines can follow


def problems_for(tmp_path, **library):
    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, **library))
    return [str(p) for p in error.value.problems]


def line_of(text, fragment):
    return next(n for n, line in enumerate(text.split("\n"), start=1) if fragment in line)


def test_passages_give_each_part_with_its_file_and_line(tmp_path):
    library = load_library(write_library(tmp_path))
    passages = list(library.passages(library.plans["school-demo"]))
    assert [(p.section, p.file.rsplit("/", 1)[-1], p.own) for p in passages] == [
        ("前言", "school-demo.yml", True), ("指导思想", "school-demo.yml", True), ("工作目标", "school-demo.yml", True),
        ("开好{职代会}", "congress-demo.md", False), ("民主管理", "school-demo.yml", True), ("1月", "school-demo.yml", True),
        ("女职工工作", "school-demo.yml", True), ("保障措施", "school-demo.yml", True), ("12月", "school-demo.yml", True),
        ("6月", "school-demo.yml", True)]
    snippet = next(p for p in passages if not p.own)
    assert snippet.line == 8 and snippet.text.startswith("每年召开{职工代表大会}")
    assert next(p for p in passages if p.section == "12月").line == line_of(SCHOOL, "学习宣传贯彻")


def test_the_same_measure_twice_in_a_plan(tmp_path):
    twice = "工会委员会每季度到各年级组走访1次，听取教职工对排课和值班的意见。"
    again = "工会委员会每季度到各年级组走访1次，听取教职工对排课、值班的意见。"
    plan = SCHOOL.replace(GOAL, f"{GOAL}      {twice}\n").replace("三八节前后组织女职工健康讲座。", again)
    found = problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE})
    expected = (f"templates_data/plans/school/school-demo.yml:{line_of(plan, again)}: 【重复的措施】“{again[:24]}…”"
                f"与第 {line_of(plan, twice)} 行")
    assert any(p.startswith(expected) and "请删去其中一处，或合并成一句" in p for p in found), found


def test_a_body_sentence_that_restates_a_measure(tmp_path):
    """The seam of issue 21: the measure (1月 召开职代会) and a body sentence that says it again with more words."""
    measure = "召开{职代会}年度会议，听取行政工作报告和财务工作报告。"
    again = "每年年初由工会委员会召开{职代会}年度会议，听取行政工作报告和财务工作报告，请全体代表到会。"
    plan = SCHOOL.replace(GOAL, f"{GOAL}      {again}\n").replace("do: 召开{职代会}。", f"do: {measure}")
    found = problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE})
    expected = (f"templates_data/plans/school/school-demo.yml:{line_of(plan, again)}: 【重复的措施】“每年年初由工会委员会召开教代会年度会议"
                f"，听取行政…”又写了一遍第 {line_of(plan, 'do: ' + measure)} 行的措施")
    assert any(p.startswith(expected) and "时间、次数和具体动作只留在措施里" in p for p in found), found


def test_a_measure_said_again_word_for_word_is_one_message(tmp_path):
    """Alike enough for the repeat check too, the pair is still one mistake: one message, on the body sentence."""
    measure = "召开{职代会}年度会议，听取行政工作报告和财务工作报告。"
    again = "工会召开{职代会}年度会议，听取行政工作报告和财务工作报告。"
    plan = SCHOOL.replace(GOAL, f"{GOAL}      {again}\n").replace("do: 召开{职代会}。", f"do: {measure}")
    found = [p for p in problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE}) if "【重复的措施】" in p]
    assert len(found) == 1 and found[0].startswith(f"templates_data/plans/school/school-demo.yml:{line_of(plan, again)}: "), found
    assert "又写了一遍" in found[0], found


def test_a_recurring_activity_is_not_a_repeat(tmp_path):
    plan = SCHOOL.replace(GOAL, GOAL + "      3月开展上半年教职工心理健康团体辅导，提供个别咨询预约。\n"
                                       "      9月开展下半年教职工心理健康团体辅导，提供个别咨询预约。\n")
    load_library(write_library(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE}))


def test_one_subject_with_two_frequencies(tmp_path):
    plan = SCHOOL.replace(GOAL, GOAL + "      工会委员会会议每月召开1次。\n").replace(
        "工会委员会按月检查计划落实情况。", "每季度召开1次工会委员会会议，检查计划落实情况。")
    found = problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE})
    expected = (f"templates_data/plans/school/school-demo.yml:{line_of(plan, '每季度召开')}: 【频次不一致】“工会委员会会议”"
                f"在这里是“每季度”，在 templates_data/plans/school/school-demo.yml:{line_of(plan, '每月召开')} 是“每月”。")
    assert any(p.startswith(expected) for p in found), found


COPIED = ("{职工}代表巡视每半年组织1次，由代表团（组）长带队，到{部门}查看提案办理和决议执行情况，"
          "巡视意见整理成书面材料交{行政}，下次{职代会}前向全体代表通报办理结果。")


def test_another_plans_paragraph_with_sector_words_swapped(tmp_path):
    """The school wrote its terms as {术语}; the mine copied the text and typed its own words in."""
    mine_words = COPIED.replace("{职工}", "职工").replace("{部门}", "区队、车间").replace("{行政}", "矿行政").replace("{职代会}", "职代会")
    school = SCHOOL.replace(GOAL, f"{GOAL}      {COPIED}\n")
    mine = MINE.replace("三八节前后组织女职工健康讲座。", mine_words.replace("代表团（组）长", "代表组长"))
    found = problems_for(tmp_path, plans={"school-demo": school, "coal-mine-demo": mine})
    new = f"templates_data/plans/coal-mine/coal-mine-demo.yml:{line_of(mine, '代表组长')}"
    old = f"templates_data/plans/school/school-demo.yml:{line_of(school, '代表巡视')}"
    assert any(p.startswith(f"{new}: 【与别的文件雷同】这一段与 {old} 的文字相似度") and "写成一个段落（snippet）" in p
               for p in found), found
    assert any(p.startswith(f"{old}: 【与别的文件雷同】这一段与 {new} ") for p in found), found  # the copy's own line


def test_a_rewritten_paragraph_is_no_copy(tmp_path):
    rewritten = ("每半年由代表组长带几名职工代表下到区队，看看提案办得怎样、上次大会的决定落实没有，"
                 "发现的问题写成意见交给矿行政，等到下一次职代会开会时当众说清楚。")
    school = SCHOOL.replace(GOAL, f"{GOAL}      {COPIED}\n")
    mine = MINE.replace("三八节前后组织女职工健康讲座。", rewritten)
    load_library(write_library(tmp_path, plans={"school-demo": school, "coal-mine-demo": mine}))


RULES = [rule for rule in yaml.safe_load((ROOT / "templates_data" / "content_rules.yml").read_text(encoding="utf-8"))
         if rule.get("example")]


@pytest.mark.parametrize("rule", RULES, ids=[f"{r['class']}:{r['example'][:8]}" for r in RULES])
def test_each_class_rule_catches_its_example(tmp_path, rule):
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", rule["example"])
    found = problems_for(tmp_path, snippets={"congress-demo": snippet})
    hit = [p for p in found if p.startswith(f"templates_data/snippets/congress-demo.md:12: 【{rule['class']}】")]
    assert hit and rule["message"] in hit[0], found


def test_the_class_rules_cover_the_2027_facts():
    classes = {rule["class"] for rule in RULES}
    assert {"健康隐私", "经费使用", "选举和表决程序", "公司治理", "集体合同程序", "调解自愿", "法律服务的立场",
            "占位符后缺字"} <= classes
    correct = ["女职工“两癌”筛查结果由医疗机构直接告知本人。", "会员本人住院的，工会按规定标准看望慰问。",
               "监票人从代表中推选，经大会通过。", "推动落实职工董事制度（设有监事会的企业还有职工监事）。",
               "草案经职代会审议通过后签字，10日内报送人力资源社会保障行政部门审查。",
               "1月提出书面协商要约，对方20日内书面回应，3月完成协商。",
               "职工愿意调解的，由调解委员会调解；也可以直接申请仲裁。",
               "由【上级工会】的法律服务律师为职工提供咨询。", "编制【下一年度】年工会经费预算。"]
    for rule in RULES:
        for sentence in correct:
            assert not re.search(rule["pattern"], sentence), (rule["class"], sentence)


def test_a_rule_that_misses_its_own_example_is_refused(tmp_path):
    data = write_library(tmp_path)
    rules = data / "content_rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "- class: 示例\n  pattern: 不会出现的写法\n  message: 示例。\n  advice: 示例。\n"
                                                        "  example: 这一句找不到。\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_library(data)
    assert any(re.match(r"templates_data/content_rules\.yml:\d+: 规则“示例”的 pattern 找不出它自己的 example", str(p))
               for p in error.value.problems)


def term_plan(first_month):
    """The sample as a term plan: its term named, its measures in the term's months."""
    term, month = ("秋季学期", 10) if first_month == 9 else ("春季学期", 3)
    return (SCHOOL.replace(THEME, "").replace("type: annual", f"type: term\nterm: {term}").replace("when: 1月", f"when: {month}月")
            .replace("when: 12月", f"when: {month}月"))


@pytest.mark.parametrize("plan, theme", [
    (SCHOOL, "以迎接和学习宣传贯彻党的二十一大为主线"),
    (term_plan(2), "以迎接党的二十一大胜利召开为主线"),
    (term_plan(9), "以迎接和学习宣传贯彻党的二十一大为主线"),
])
def test_the_years_theme_follows_the_plans_span(tmp_path, plan, theme):
    library = load_library(write_library(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE}))
    assert theme in render.plan_markdown(library, library.plans["school-demo"])


def test_an_annual_plan_without_the_fifteenth_five_year_plan_fails(tmp_path):
    plan = SCHOOL.replace("【年度】年是{规划年份}。", "")
    found = problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE})
    assert any(p.startswith("templates_data/plans/school/school-demo.yml:1: 【缺少年度提法】年度工作计划要用到版本年度的提法 {规划年份}"
                            "（2027年写作““十五五”规划实施的第二年”）") for p in found), found


def test_an_annual_plan_keeps_its_study_commitment_in_the_fourth_quarter(tmp_path):
    plan = SCHOOL.replace("when: 12月", "when: 6月")
    found = problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE})
    assert any(p.startswith(f"templates_data/plans/school/school-demo.yml:{line_of(plan, 'sections:')}: 【缺少第四季度的安排】"
                            "年度工作计划要在10月至12月的措施里") for p in found), found


def test_an_annual_plan_keeps_its_theme_before_the_congress_in_the_first_three_quarters(tmp_path):
    plan = SCHOOL.replace("when: 6月", "when: 11月")
    found = problems_for(tmp_path, plans={"school-demo": plan, "coal-mine-demo": MINE})
    assert any(p.startswith(f"templates_data/plans/school/school-demo.yml:{line_of(plan, 'sections:')}: 【缺少前三季度的安排】"
                            "年度工作计划要在1月至9月的措施里（when 写其中的月份）写 {会前主题}（2027年写作“迎接党的二十一大召开”）")
               for p in found), found


def test_a_dated_hook_in_an_unknown_part_of_the_year_names_the_parts_there_are(tmp_path):
    data = write_library(tmp_path)
    types = data / "plan_types.yml"
    text = types.read_text(encoding="utf-8")
    types.write_text(text.replace("会前主题: 前三季度", "会前主题: 上半年", 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_library(data)
    line = line_of(text, "会前主题: 前三季度")
    assert f"templates_data/plan_types.yml:{line}: 这里应当是前三季度、第四季度，现在是 “上半年”。" in [str(p) for p in error.value.problems]


def test_shipped_annual_plans_and_key_points_carry_the_span_and_the_fifteenth_five_year_plan():
    library = load_library(ROOT / "templates_data")
    for plan in library.plans.values():
        markdown = render.plan_markdown(library, plan)
        if plan["type"] in ("annual", "key-points"):
            assert "“十五五”规划实施的第二年" in markdown, plan["id"]
            assert "学习宣传贯彻党的二十一大精神" in markdown, plan["id"]
        assert "迎接党的二十一大胜利召开" not in markdown or (library.term(plan) or {}).get("name") == "春季学期", plan["id"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.frozensets(st.sampled_from("甲乙丙丁戊己庚辛壬癸子丑寅卯"), min_size=1, max_size=12), max_size=12),
       st.sampled_from([0.5, 0.6, 0.7]))
def test_prefix_filtering_finds_every_similar_pair(sets, threshold):
    """The copy and repeat checks compare only pieces whose rarest shingles meet, and only as many of them as two
    alike pieces must share: that finds exactly the pairs comparing every two pieces would."""
    pieces = [Piece("f", n, "", shingles) for n, shingles in enumerate(sets)]
    found = {(a.line, b.line) for a, b in similar_pairs(pieces, threshold)}
    every = {(m, n) for n in range(len(sets)) for m in range(n) if similarity(sets[m], sets[n]) >= threshold}
    assert found == every
