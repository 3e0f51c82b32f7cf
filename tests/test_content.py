"""The content check finds each defect class of the brief's section 8 and names file and line."""
import re

import pytest

from conftest import PLAN, SNIPPET, write_library
from unionplans.errors import DataError
from unionplans.library import load_library

# A planted line per defect class, and the class the check must report for it.
PLANTED = [
    ("本文由小编整理，欢迎下载文档。", "网站残留"),
    ("现将20xx年工作安排如下。", "未填或过时的占位"),
    ("为决胜全面建成小康社会贡献力量。", "过时表述"),
    ("以习近平新时代中国特色社会主义思想为指导，做好工作。", "手写政治表述"),
    ("七一前后举办迎接党的二十一大读书会。", "手写政治表述"),  # the year's congress comes from edition.yml
    ("配合做好团员发展工作。", "其他组织的工作"),
    ("每学期召开一次教代会。", "行业用错称谓"),  # the snippet also serves coal mines
    ("奖金分配方案由工会决定。", "越位表述"),
    ("春节前为每人发放慰问金500元。", "越位表述"),
    ("组织女职工下井慰问。", "违法或不安全的内容"),
    ("为全体会员子女发放金秋助学金。", "违法或不安全的内容"),
    ("9月中秋节走访慰问。", "节日日期写死"),
    ("计划于二〇二七年一月八日印发。", "日期写法"),
    ("开展读书活动,提高职工素质。", "标点和空格"),
    ("开展 读书活动。", "标点和空格"),
    ("做好帮扶;开展慰问。", "标点和空格"),
    ("征集提案(草案)。", "标点和空格"),
    ("全年组织三场培训。", "数字写法"),
    ("八一前后走访慰问退役军人和军属。", "缺少年度提法"),
]


def problems_for(tmp_path, **library):
    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, **library))
    return [str(p) for p in error.value.problems]


@pytest.mark.parametrize("line, defect", PLANTED, ids=[d + ":" + l[:6] for l, d in PLANTED])
def test_planted_defect_is_reported_with_file_and_line(tmp_path, line, defect):
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", line)
    found = problems_for(tmp_path, snippets={"congress-demo": snippet})
    assert any(p.startswith("templates_data/snippets/congress-demo.md:12: 【" + defect + "】") for p in found), found


def test_typography_fix_is_spelled_out(tmp_path):
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", "会前公示议题,广泛征集提案。")
    found = problems_for(tmp_path, snippets={"congress-demo": snippet})
    assert ("templates_data/snippets/congress-demo.md:12: 【标点和空格】中文里用全角标点、半角数字（这一行是半角标点改为全角）。"
            "共 1 处：“…公示议题,”的“,”改为“，”。改好后是：会前公示议题，广泛征集提案。") in found


def test_every_punctuation_problem_on_a_line_is_named_at_once(tmp_path):
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", "征集提案,会前公示:全年１２场.")
    found = [p for p in problems_for(tmp_path, snippets={"congress-demo": snippet}) if "【标点和空格】" in p and ":12:" in p]
    assert len(found) == 1 and "共 4 处" in found[0] and "改好后是：征集提案，会前公示：全年12场。" in found[0]


def test_one_comma_in_shared_text_is_one_message_in_its_own_words(tmp_path):
    """A snippet read by a school and a coal mine: one message, its fix written with the {terms} of the file."""
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", "广泛征集{职工}提案,会前公示议题。")
    found = [p for p in problems_for(tmp_path, snippets={"congress-demo": snippet}) if ":12:" in p]
    assert found == ["templates_data/snippets/congress-demo.md:12: 【标点和空格】中文里用全角标点、半角数字（这一行是半角标点改为全角）。"
                     "共 1 处：“…工}提案,”的“,”改为“，”。改好后是：广泛征集{职工}提案，会前公示议题。"]


def test_sector_terms_are_not_defects(tmp_path):
    load_library(write_library(tmp_path))  # {职代会} in a school plan reads 教代会: no finding


def test_book_titles_keep_their_published_spacing(tmp_path):
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", "学习《中共中央 国务院关于深化产业工人队伍建设改革的意见》。")
    load_library(write_library(tmp_path, snippets={"congress-demo": snippet}))


def test_repeated_paragraph_across_plans(tmp_path):
    shared = "工会委员会每月召开一次例会，逐项检查计划落实情况，对进度滞后的事项明确责任人和完成时限，年底向会员通报全年执行结果。"
    plans = {f"{s}-demo": PLAN.format(id=f"{s}-demo", sector=s).replace("工会委员会按月检查计划落实情况。", shared)
             for s in ("school", "coal-mine")}
    found = problems_for(tmp_path, plans=plans)
    for here, there in (("school", "coal-mine"), ("coal-mine", "school")):  # the new file's line is named either way
        assert any(re.match(rf"templates_data/plans/{here}/{here}-demo\.yml:\d+: 【与别的文件雷同】这一段与 "
                            rf"templates_data/plans/{there}/{there}-demo\.yml:\d+ 的文字相似度 100%", p) for p in found), found


def length_problems(tmp_path, old, new):
    """The sample library's problems once plan_types.yml has `old` replaced by `new` (a length limit moved)."""
    data = write_library(tmp_path)
    types = data / "plan_types.yml"
    types.write_text(types.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_library(data)
    return [str(p) for p in error.value.problems]


def test_plan_too_short(tmp_path):
    found = length_problems(tmp_path, "min_characters: 100", "min_characters: 2000")
    assert any(p.startswith("templates_data/plans/school/school-demo.yml:1: 【篇幅不足】年度工作计划至少 2000 个汉字") for p in found)


def test_plan_too_long(tmp_path):
    found = length_problems(tmp_path, "max_characters: 6000", "max_characters: 150")
    assert any(re.match(r"templates_data/plans/school/school-demo.yml:1: 【篇幅过长】年度工作计划最多 150 个汉字"
                        r"（连同引用的段落和月度安排），这篇有 (\d+) 个，要减去 \d+ 个。", p) for p in found), found


def test_plan_missing_a_required_part(tmp_path):
    plans = {"school-demo": PLAN.format(id="school-demo", sector="school").replace("title: 指导思想", "title: 总的想法")}
    found = problems_for(tmp_path, plans=plans)
    assert any(p.startswith("templates_data/plans/school/school-demo.yml:14: 【缺少部分】年度工作计划要有标题含“指导思想”的一级部分") for p in found), found


def test_a_new_sector_gets_its_familys_wording_rules(tmp_path):
    """A sector added with only its family named: shared text in another family's words fails for it."""
    snippet = SNIPPET.replace("sectors: [school, coal-mine]", "sectors: [test-college, coal-mine]").replace(
        "广泛征集{职工}提案，会前公示议题。", "{职代会}是{职工}参与企业民主管理的基本形式，依照《企业民主管理规定》召开，本学期推进{厂务公开}。")
    data = write_library(tmp_path, snippets={"congress-demo": snippet},
                         plans={"coal-mine-demo": PLAN.format(id="coal-mine-demo", sector="coal-mine")})
    sectors = data / "sectors.yml"
    sectors.write_text(sectors.read_text(encoding="utf-8") + """\
- id: test-college
  name: 测试学院
  short: 学院
  family: education
  description: 只在测试里出现的行业。
  superior: 省教育工会
  year: 按学年安排
  focus: [测试]
""", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_library(data)
    found = [str(p) for p in error.value.problems]
    line = "templates_data/snippets/congress-demo.md:12: 【行业用错称谓】"
    assert any(p.startswith(line + "“企业民主管理规定”是企业类单位的说法，不适用于：测试学院（学校）") for p in found), found
    assert any(p.startswith(line + "“本学期”是学校类单位的说法，不适用于：煤矿企业（企业）") for p in found), found
    assert not any("“教代会”" in p or "“校务公开”" in p for p in found)  # {职代会} and {厂务公开} read right in both


def test_own_words_of_a_family_are_fine_in_a_sector_that_uses_them(tmp_path):
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", "推进{厂务公开}，开好{职代会}。")
    load_library(write_library(tmp_path, snippets={"congress-demo": snippet}))


def test_a_bare_festival_in_a_month_it_leaves_gets_both_fixes_in_one_run(tmp_path):
    """中秋节 written into an October measure: one run says to write {中秋节} and to move it, not one after the other."""
    plan = PLAN.format(id="school-demo", sector="school").replace(
        "        when: 1月\n        lead: 工会委员会\n        do: 召开{{职代会}}。".replace("{{", "{").replace("}}", "}"),
        "        when: 10月\n        lead: 工会委员会\n        do: 中秋节前走访慰问一线职工。")
    found = [p for p in problems_for(tmp_path, plans={"school/school-demo": plan}) if "措施里的" in p]
    assert len(found) == 1 and "请写成 {中秋节}" in found[0] and "when: 中秋节前" in found[0], found


PROPERTY = """\
- id: property
  name: 物业服务企业
  short: 物业
  family: regional
  description: 只在测试里出现的行业：物业服务企业的工会。
  superior: 街道总工会
  year: 按自然年安排
  focus: [测试]
  collecting: true
"""


def _plan_saying(sector, rows):
    """The sample plan for a sector, without the sample snippet, its women's section saying `rows`."""
    plan = PLAN.format(id=f"{sector}-demo", sector=sector).replace("  - snippet: congress-demo\n", "")
    return plan.replace("      三八节前后组织女职工健康讲座。\n", "".join(f"      {row}\n\n" for row in rows))


def _family_messages(tmp_path, sector, rows, extra_sector=""):
    data = write_library(tmp_path, plans={f"{sector}-demo": _plan_saying(sector, rows)})
    sectors = data / "sectors.yml"
    text = sectors.read_text(encoding="utf-8") + extra_sector
    sectors.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row == f"- id: {sector}")
    try:
        load_library(data)
        return line, []
    except DataError as error:
        return line, [str(p) for p in error.problems if "【行业大类可能选错】" in p.message]


def test_a_sector_whose_plans_speak_as_another_family_is_told_on_its_sectors_line(tmp_path):
    """物业服务企业 given the family regional: 职代会 and 厂务公开 are right in a 区域 union's text (it guides the
    企业 around it), so no line is wrong, yet its own plans speak as an enterprise: the family is named as wrong."""
    rows = ["每年3月召开职代会，审议涉及职工切身利益的排班和加班方案。", "推进厂务公开，每季度公开加班时长和加班费发放情况。",
            "职代会闭会期间，由职工代表团（组）长联席会议处理临时事项。"]
    line, found = _family_messages(tmp_path, "property", rows, PROPERTY)
    assert len(found) == 1, found
    message = found[0]
    assert message.startswith(f"templates_data/sectors.yml:{line}: 【行业大类可能选错】行业“物业服务企业”的大类是区域和行业工会（regional）")
    plan = "templates_data/plans/property/property-demo.yml"
    assert f"“职代会”（{plan}:32、{plan}:36）" in message and f"“厂务公开”（{plan}:34）" in message, message
    assert "请把这一项的 family 改为 enterprises" in message and "不要为了让检查通过而把这个行业加进别的大类的段落的 sectors" in message
    assert "{职代会} 在企业类读作“职代会”，在区域和行业工会类读作“会员（代表）大会”" in message


def test_another_familys_words_in_a_public_institution_point_to_its_family(tmp_path):
    """厂务公开 written out in a hospital's plan: each line is wrong (行业用错称谓), and the sector is asked about its family."""
    rows = ["推进厂务公开，每季度公开绩效分配方案。", "厂务公开栏设在门诊楼一层。", "按《企业民主管理规定》召开会议。"]
    line, found = _family_messages(tmp_path, "hospital", rows)
    assert len(found) == 1 and found[0].startswith(f"templates_data/sectors.yml:{line}: 【行业大类可能选错】行业“医院”的大类是事业单位（institutions）"), found
    assert "3 处企业类单位的说法" in found[0] and "family 改为 enterprises" in found[0], found


@pytest.mark.parametrize("sector, rows", [
    # a 区域 union speaks of the 企业 it guides: their 职代会 are not its own
    ("county-federation", ["推动辖区企业建立职代会制度。", "抽查部分企业的职代会和厂务公开情况。", "指导非公企业推进厂务公开。"]),
    # one slip is its line's message (行业用错称谓), not a question about the family
    ("hospital", ["推进厂务公开，每季度公开绩效分配方案。"]),
])
def test_a_sector_is_not_asked_about_its_family_for_words_about_others_or_one_slip(tmp_path, sector, rows):
    assert _family_messages(tmp_path, sector, rows)[1] == []
