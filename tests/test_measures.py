"""Measures declared once: the month table is generated from them, goals name them, and a plan's profile
decides which snippets and measures fit it. Every refusal names the file, the line and the fix."""
import pytest

from conftest import PLAN, SNIPPET, THEME, mkdocs_build, write_library, write_project
from unionplans import render
from unionplans.errors import DataError
from unionplans.library import load_library

SCHOOL = PLAN.format(id="school-demo", sector="school")
CONGRESS = """      - id: congress
        when: 1月
        lead: 工会委员会
        do: 召开{职代会}。
"""


def with_measures(plan, measures):
    return plan.replace(CONGRESS, CONGRESS + measures)


def reported(found, where, words):
    """Whether a problem starts with `where` (file and line) and says `words`."""
    return any(p.startswith(where) and words in p for p in found)


def problems(tmp_path, plans=None, snippets=None):
    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, plans=plans or {"school-demo": SCHOOL}, snippets=snippets))
    return [str(p) for p in error.value.problems]


# An autumn term plan: term times resolve in its own term, festivals in the year the term meets them
# (中秋 9月15日 2027; 春节 of this term is 1月26日 2028, not 2月6日 2027).
AUTUMN = with_measures(SCHOOL, """\
      - id: opening
        when: 开学第1周
        lead: 工会主席
        do: 走访新入职{职工}，介绍入会。
      - id: mid-autumn
        when: 中秋节前
        lead: 各工会小组
        do: 看望离家在外的青年{职工}。
      - id: new-year-care
        when: 春节前2周
        lead: 工会委员会
        do: 走访困难{职工}家庭。
      - id: term-end
        when: 期末
        lead: 工会委员会
        do: 向{职代会}代表报告本学期提案办理情况。
      - id: committee
        when: 每月
        lead: 工会委员会
        do: 召开工会委员会会议，听取各工会小组的意见。
""").replace(THEME, "").replace("type: annual", "type: term\nterm: 秋季学期").replace("        when: 1月\n", "        when: 12月\n")


def test_the_month_table_is_generated_from_the_measures(tmp_path):
    library = load_library(write_library(tmp_path, plans={"school-demo": AUTUMN}))
    plan = library.plans["school-demo"]
    rows = library.schedule(plan)
    # the frequency row leads, then the term, which runs on into the next year
    assert [label for label, _ in rows] == ["经常性工作", "9月", "12月", "次年1月"]
    table = dict(rows)
    # The table lists each measure by its opening clause: an index of the body, not a second copy of it.
    assert table["经常性工作"] == ["每月，召开工会委员会会议（工会委员会）。"]
    assert table["9月"] == ["开学第1周，走访新入职教职工（工会主席）。", "中秋节（9月15日）前，看望离家在外的青年教职工（各工会小组）。"]
    assert table["12月"] == ["召开教代会（工会委员会）。", "组织会员学习宣传贯彻党的二十一大精神（工会委员会）。"]
    assert table["次年1月"] == ["春节（1月26日）前2周，走访困难教职工家庭（工会委员会）。", "期末，向教代会代表报告本学期提案办理情况（工会委员会）。"]
    markdown = render.plan_markdown(library, plan)
    # The body states each measure once, as an item of its part: time, who leads, what is done.
    assert "由工会委员会牵头，12月召开教代会。" in markdown
    assert "由工会委员会牵头，春节（1月26日）前2周走访困难教职工家庭。" in markdown
    assert markdown.count("走访困难教职工家庭") == 2  # the body's item and the table's row, from one measure


def schedule_of(tmp_path, measures):
    """The sample school plan with `measures` added: its library and its month table as a dict."""
    library = load_library(write_library(tmp_path, plans={"school-demo": with_measures(SCHOOL, measures)}))
    return library, dict(library.schedule(library.plans["school-demo"]))


def test_a_brief_names_a_measure_in_the_table_when_its_opening_clause_would_not(tmp_path):
    library, table = schedule_of(tmp_path, "      - id: replies\n        when: 5月\n        lead: 工会主席\n"
                                           "        do: 对照会后3个月的办结时限，督促承办部门书面答复领衔代表。\n"
                                           "      - id: replies-again\n        when: 11月\n        lead: 工会主席\n        brief: 督促答复提案\n"
                                           "        do: 对照会后3个月的办结时限，督促承办部门书面答复领衔代表。\n")
    assert table["5月"] == ["对照会后3个月的办结时限（工会主席）。"]  # the clause runs to 6 Chinese characters or more
    assert table["11月"][0] == "督促答复提案（工会主席）。"
    _, table = schedule_of(tmp_path / "each", "      - id: talks\n        when: 4月、10月\n        lead: 工会主席\n"
                                              "        do: 各举办1次健康讲座。\n")
    assert table["4月"] == table["10月"] == ["举办1次健康讲座（工会主席）。"]  # “各” is said by the two rows
    assert "由工会主席牵头，11月对照会后3个月的办结时限，督促承办部门书面答复领衔代表。" in render.plan_markdown(
        library, library.plans["school-demo"])


def test_a_school_year_places_a_term_time_in_both_terms(tmp_path):
    library, table = schedule_of(tmp_path, "      - id: opening\n        when: 开学第1周\n        lead: 工会主席\n"
                                           "        do: 走访新{职工}。\n"
                                           "      - id: joining\n        when: 元宵节后、11月\n        lead: 组织委员\n        do: 办理入会。\n")
    assert table["2月"][0] == table["9月"][0] == "开学第1周，走访新教职工（工会主席）。"
    # months and festival anchors joined by 、 land in each of their months (元宵节 2027: 2月20日, a week after: 2月)
    assert table["2月"][1] == table["11月"][0] == "办理入会（组织委员）。"
    assert "由组织委员牵头，元宵节（2月20日）后、11月办理入会。" in render.plan_markdown(library, library.plans["school-demo"])


def test_term_weeks_count_from_the_day_the_term_opens(tmp_path):
    """Spring term opens the week after 元宵节 (2027: 2月20日), so its second week is in March, not February."""
    _, table = schedule_of(tmp_path, "      - id: week-two\n        when: 开学第2周\n        lead: 工会主席\n        do: 召开小组长会议。\n")
    assert "开学第2周，召开小组长会议（工会主席）。" in table["3月"] and "开学第2周，召开小组长会议（工会主席）。" in table["9月"]
    assert not any("小组长会议" in item for item in table.get("2月", []))


def test_a_month_lists_its_measures_by_date_and_a_named_day_keeps_its_own_month(tmp_path):
    """元宵节（2月20日）后 comes after 春节（2月6日） in 2月 whatever the order of the parts; a bare month sits
    between them. “八一前后” says its month itself, so the body does not print “8月八一前后”; “三八”当天 sits on 3月8日
    (so does its brief that leaves the day out) and “三八”节前 just before it, “五一前” at the end of April,
    “国庆假期后” the week after 10月1日."""
    library, table = schedule_of(tmp_path, "      - id: after-lantern\n        when: 元宵节后\n        lead: 工会主席\n        do: 开展工资集体协商。\n"
                                           "      - id: february\n        when: 2月\n        lead: 工会主席\n        do: 召开小组长会议。\n"
                                           "      - id: new-year\n        when: 春节\n        lead: 工会主席\n        do: 看望值守教职工。\n"
                                           "      - id: army-day\n        when: 8月\n        lead: 工会主席\n        do: 八一前后走访退役军人，{八一主题}。\n"
                                           "      - id: march\n        when: 3月\n        lead: 工会主席\n        do: 召开工会委员会会议。\n"
                                           "      - id: womens-day\n        when: 3月\n        lead: 工会主席\n        do: “三八”当天组织女教职工座谈。\n"
                                           "      - id: womens-talk\n        when: 3月\n        lead: 工会主席\n        brief: 召开女教职工座谈会\n"
                                           "        do: “三八”节当天召开女教职工座谈会，听取意见。\n"
                                           "      - id: womens-visit\n        when: 3月\n        lead: 工会主席\n        brief: 看望在岗女教职工\n"
                                           "        do: 3月8日到岗位看望在岗女教职工。\n"
                                           "      - id: proposals\n        when: 10月\n        lead: 工会主席\n        do: 国庆假期后第1周审查提案。\n"
                                           "      - id: october\n        when: 10月\n        lead: 工会主席\n        do: 上旬召开工会委员会会议。\n"
                                           "      - id: national-day\n        when: 10月\n        lead: 工会主席\n        do: 国庆当天看望值守教职工。\n"
                                           "      - id: may-day\n        when: 4月\n        lead: 工会主席\n        do: 五一前表扬先进职工。\n"
                                           "      - id: april\n        when: 4月\n        lead: 工会主席\n        do: 下旬召开工会委员会会议。\n"
                                           "      - id: womens-eve\n        when: 3月\n        lead: 工会主席\n        do: “三八”节前发放女教职工权益手册。\n")
    assert table["2月"] == ["春节（2月6日），看望值守教职工（工会主席）。", "召开小组长会议（工会主席）。",
                           "元宵节（2月20日）后，开展工资集体协商（工会主席）。"]
    assert table["3月"] == ["“三八”节前发放女教职工权益手册（工会主席）。",  # before the day
                           "“三八”当天组织女教职工座谈（工会主席）。", "召开女教职工座谈会（工会主席）。",  # 3月8日, briefs
                           "看望在岗女教职工（工会主席）。", "召开工会委员会会议（工会主席）。"]  # keeping their day
    assert table["10月"] == ["国庆当天看望值守教职工（工会主席）。", "上旬召开工会委员会会议（工会主席）。",
                            "国庆假期后第1周审查提案（工会主席）。"]  # 10月1日, 上旬, the week after the holiday
    assert table["4月"] == ["下旬召开工会委员会会议（工会主席）。", "五一前表扬先进职工（工会主席）。"]  # 五一前: April's end
    markdown = render.plan_markdown(library, library.plans["school-demo"])
    assert "由工会主席牵头，八一前后走访退役军人，" in markdown and "8月八一" not in markdown


def test_words_that_give_their_own_date_are_read_with_it(tmp_path):
    """“月底前…” joins its month (4月底前, not 4月月底前); words opening with their own months are not prefixed
    again; 月初, 上旬 and 下旬 place a measure within its month's row, as the row shows it (a brief “下旬召开…” sorts late
    though the whole measure opens with 上旬; a brief without a day keeps its measure's, 上旬组织裁判员培训, unless
    the measure has several steps); who assists another's work is 负责 for the union's part, not 牵头."""
    library, table = schedule_of(tmp_path, "      - id: late\n        when: 3月\n        lead: 工会主席\n        do: 下旬召开代表大会。\n"
                                           "      - id: early\n        when: 3月\n        lead: 工会主席\n        do: 上旬评审优秀提案。\n"
                                           "      - id: first-days\n        when: 3月\n        lead: 工会主席\n        do: 月初公布咨询电话。\n"
                                           "      - id: members\n        when: 5月\n        lead: 工会主席\n        brief: 下旬召开会员代表大会\n"
                                           "        do: 上旬补选出缺的会员代表，下旬召开会员代表大会。\n"
                                           "      - id: audit\n        when: 5月\n        lead: 工会主席\n        do: 中旬审查上年度经费决算。\n"
                                           "      - id: referees\n        when: 5月\n        lead: 工会主席\n        brief: 组织裁判员培训\n"
                                           "        do: 上旬组织裁判员培训，统一执裁尺度。\n"
                                           "      - id: checkups\n        when: 6月\n        lead: 工会主席\n        do: 下旬配合学校组织体检。\n"
                                           "      - id: awards\n        when: 4月\n        lead: 工会主席\n        brief: 评选优秀职工\n"
                                           "        do: 上旬由车间推荐，中旬评选优秀职工。\n"
                                           "      - id: summary\n        when: 4月\n        lead: 工会主席\n        do: 月底前完成会议总结。\n"
                                           "      - id: finals\n        when: 9月、10月\n        lead: 工会主席\n"
                                           "        do: 9月下旬至10月中旬分项目举行决赛。\n")
    assert table["3月"][:3] == ["月初公布咨询电话（工会主席）。", "上旬评审优秀提案（工会主席）。", "下旬召开代表大会（工会主席）。"]
    assert table["5月"] == ["上旬组织裁判员培训（工会主席）。", "中旬审查上年度经费决算（工会主席）。",
                           "下旬召开会员代表大会（工会主席）。"]
    assert table["4月"] == ["评选优秀职工（工会主席）。", "月底前完成会议总结（工会主席）。"]  # a brief of one step of several
    markdown = render.plan_markdown(library, library.plans["school-demo"])
    assert "由工会主席牵头，4月底前完成会议总结。" in markdown
    assert "由工会主席负责，6月下旬配合学校组织体检。" in markdown  # the union assists: it does not 牵头 the school's work
    assert "由工会主席牵头，9月下旬至10月中旬分项目举行决赛。" in markdown


def test_a_special_plan_reads_from_the_month_it_starts(tmp_path):
    """A 送温暖 plan that starts in 12月 reads 上年12月, 1月: the table follows `starts`, not the calendar, and
    its 12月 is the year before the festivals it prepares; the body names the month as the table does."""
    plan = with_measures(SCHOOL.replace(THEME, "").replace("type: annual", "type: special\nstarts: 12"), """\
      - id: visits
        when: 春节前
        lead: 工会主席
        do: 走访困难{职工}。
      - id: list
        when: 12月
        lead: 工会委员会
        do: 核定走访名单。
""").replace("        when: 1月\n", "        when: 2月\n").replace("title: 指导思想", "title: 组织机构").replace(
        "title: 女职工工作", "title: 女职工工作和评比表彰")
    library = load_library(write_library(tmp_path, plans={"school-demo": plan}))
    assert [label for label, _ in library.schedule(library.plans["school-demo"])] == ["上年12月", "1月", "2月"]
    assert "由工会委员会牵头，上年12月核定走访名单。" in render.plan_markdown(library, library.plans["school-demo"])  # as the table


def test_a_term_time_outside_a_school_is_refused(tmp_path):
    plan = with_measures(PLAN.format(id="coal-mine-demo", sector="coal-mine"),
                         "      - id: opening\n        when: 开学第1周\n        lead: 工会主席\n        do: 走访新{职工}。\n")
    found = problems(tmp_path, plans={"coal-mine-demo": plan})
    assert any("coal-mine-demo.yml:" in p and "按学期排，只用于学校的范本" in p for p in found), found


def test_a_measure_outside_the_term_is_refused(tmp_path):
    found = problems(tmp_path, plans={"school-demo": AUTUMN.replace("        when: 12月\n", "        when: 3月\n", 1)})
    assert reported(found, "templates_data/plans/school/school-demo.yml:", "【学期以外的月份】措施“congress”排在 3月"), found


def test_a_goal_without_measures_fails_with_file_line_and_fix(tmp_path):
    plan = SCHOOL.replace("        measures: [congress]\n", "")
    found = problems(tmp_path, plans={"school-demo": plan})
    assert "templates_data/plans/school/school-demo.yml:20: 目标“每年召开{职代会}，提案全部答复。”没有写由哪些措施实现。" \
           "请加上 measures: [措施编号]（各部分 measures 里的 id）；本篇没有实现它的措施，就补一项措施，或删去这个目标。" in found, found


def test_a_goal_naming_an_unknown_measure_gets_a_suggestion(tmp_path):
    found = problems(tmp_path, plans={"school-demo": SCHOOL.replace("measures: [congress]", "measures: [congres]")})
    assert reported(found, "templates_data/plans/school/school-demo.yml:21: ", "引用的措施“congres”在本篇里没有。是不是“congress”？"), found


def test_a_goal_and_its_measure_disagreeing_on_frequency_fail(tmp_path):
    plan = SCHOOL.replace("每年召开{职代会}", "每季度召开{职代会}")
    found = problems(tmp_path, plans={"school-demo": plan})
    assert ("templates_data/plans/school/school-demo.yml:20: 【频次不一致】目标写“每季度”，实现它的措施是 congress（1月），"
            "没有一项是每季度。请把目标和措施改成同一个频次：措施的 when 写“每季度”，或改目标的说法。") in found, found
    # Months that add up to the goal's frequency agree with it: four quarters are 每季度.
    agreeing = plan.replace("        when: 1月\n", "        when: 1月、4月、7月、10月\n")
    load_library(write_library(tmp_path / "agreeing", plans={"school-demo": agreeing}))


def test_one_measure_id_twice_in_a_plan_is_refused(tmp_path):
    found = problems(tmp_path, plans={"school-demo": with_measures(SCHOOL, CONGRESS.replace("1月", "3月"))})
    assert reported(found, "templates_data/plans/school/school-demo.yml:", "措施编号“congress”在本篇里用了两次"), found


def test_a_when_that_is_no_time_names_the_forms(tmp_path):
    found = problems(tmp_path, plans={"school-demo": SCHOOL.replace("        when: 1月\n", "        when: 年初\n")})
    assert any(":28: 这里应当是措施的时间 when：" in p and "春节前2周" in p for p in found), found


def test_a_hand_written_schedule_is_refused_with_how_to_convert(tmp_path):
    plan = SCHOOL + "schedule:\n  - month: 1\n    items:\n      - 召开{职代会}。\n"
    found = problems(tmp_path, plans={"school-demo": plan})
    assert reported(found, "templates_data/plans/school/school-demo.yml:", "月度安排 schedule 不再手写"), found
    assert reported(found, "templates_data/plans/school/school-demo.yml:", "写成一项措施（id、when"), found


FOUNDING = SNIPPET.replace("sectors: [school, coal-mine]\n", "sectors: [school, coal-mine]\nneeds:\n  union: 筹建\n")


def test_a_snippet_that_contradicts_the_profile_fails_with_the_reason(tmp_path):
    found = problems(tmp_path, snippets={"congress-demo": FOUNDING})
    assert ("templates_data/plans/school/school-demo.yml:22: 段落“congress-demo”不适合本篇：它适用于 union: 筹建，"
            "本篇 profile 是 union: 已建立（见 templates_data/snippets/congress-demo.md 的 needs）。"
            "请换用适合的段落或自己写这一部分；如果是 profile 写错了，请改 profile。") in found, found
    founding = SCHOOL.replace("union: 已建立", "union: 筹建")
    load_library(write_library(tmp_path / "founding", plans={"school-demo": founding}, snippets={"congress-demo": FOUNDING}))


def test_a_snippet_for_a_staff_group_the_plan_lacks_fails(tmp_path):
    snippet = SNIPPET.replace("sectors: [school, coal-mine]\n", "sectors: [school, coal-mine]\nneeds:\n  staff: 客服坐席\n")
    found = problems(tmp_path, snippets={"congress-demo": snippet})
    assert any("段落“congress-demo”不适合本篇：它写的是客服坐席，本篇 profile 的 staff 里没有客服坐席" in p for p in found), found


def test_a_snippet_measure_needing_a_staff_group_fails_where_it_is_absent(tmp_path):
    prose = SNIPPET.replace("# 做好会前准备\n\n", "").replace("# 推进{厂务公开}\n\n- ", "")  # measures follow prose only
    snippet = prose.replace("sectors: [school, coal-mine]\n", "sectors: [school, coal-mine]\nmeasures:\n"
                              "  - id: migrant-workers\n    when: 春节前\n    lead: 工会主席\n    do: 为返乡{职工}购票。\n"
                              "    needs:\n      staff: 农民工\n")
    found = problems(tmp_path, snippets={"congress-demo": snippet})
    assert any(p.startswith("templates_data/snippets/congress-demo.md:7: 措施“migrant-workers”不适合范本“school-demo”："
                            "它写的是农民工，本篇 profile 的 staff 里没有农民工") for p in found), found


def test_an_unregistered_profile_value_is_refused(tmp_path):
    found = problems(tmp_path, plans={"school-demo": SCHOOL.replace("self: 本校", "self: 我校")})
    assert any(p.startswith("templates_data/plans/school/school-demo.yml:9: profile 的 self“我校”没有登记。") for p in found), found


def test_profile_words_and_variants_reach_the_page(tmp_path):
    """{本单位} reads as the plan's profile says; a variant keyed by a profile value replaces the body."""
    snippet = SNIPPET.replace("每年召开{职工代表大会}，审议【单位名称】的重要事项。", "{本单位}每年召开{职工代表大会}。") + \
        "\n"
    snippet = snippet.replace("summary: 示例段落", "variants:\n  集团: |\n    集团各成员单位按章程召开{职代会}。\nsummary: 示例段落")
    group = SCHOOL.replace("level: 基层", "level: 集团").replace("id: school-demo", "id: school-group")
    project = write_project(tmp_path / "project", snippets={"congress-demo": snippet},
                            plans={"school-demo": SCHOOL, "school-group": group})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    base = (tmp_path / "site" / "plans" / "school-demo" / "index.html").read_text(encoding="utf-8")
    grouped = (tmp_path / "site" / "plans" / "school-group" / "index.html").read_text(encoding="utf-8")
    assert "本校每年召开教职工代表大会。" in base and "集团各成员单位" not in base
    assert "集团各成员单位按章程召开教代会。" in grouped and "本校每年召开" not in grouped
    # The generated table is on the page, and the body's item says who leads.
    assert "<td>1月</td>" in base and "由工会委员会牵头，1月召开教代会。" in base


def test_measures_beside_text_points_are_refused(tmp_path):
    """Measures are numbered after a part's text points: “3.由工会委员会牵头…” would read as a third point."""
    plan = SCHOOL.replace("      {职代会}是{职工}参与管理的基本形式。\n",
                          "      # 会前筹备\n      征集提案。\n      # 会后落实\n      公布决议。\n")
    found = problems(tmp_path, plans={"school-demo": plan})
    line = plan.split("\n").index("    measures:") + 1
    assert reported(found, f"templates_data/plans/school/school-demo.yml:{line}: 【措施和分条正文混排】", "本年度安排"), found
