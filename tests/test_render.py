"""Numbering by the official hierarchy and sector terms, on a small library."""
import pytest

from conftest import write_library
from unionplans import render
from unionplans.library import load_library
from unionplans.outline import OutlineError, parse


@pytest.fixture
def library(tmp_path):
    return load_library(write_library(tmp_path))


def test_chinese_numbers():
    assert [render.chinese_number(n) for n in (1, 9, 10, 11, 20, 23, 99)] == ["一", "九", "十", "十一", "二十", "二十三", "九十九"]


def test_the_same_snippet_speaks_each_sectors_language(library):
    snippet = library.snippets["congress-demo"]
    school = "\n".join(render.render_item(render.snippet_item(library, snippet, "school"), 1, 0))
    mine = "\n".join(render.render_item(render.snippet_item(library, snippet, "coal-mine"), 1, 0))
    assert "教职工代表大会" in school and "校务公开" in school and "开好教代会" in school
    assert "职工代表大会" in mine and "厂务公开" in mine and "开好职代会" in mine
    assert "校务公开" not in mine and "教代会" not in mine
    assert "厂务公开" not in school and "职代会" not in school


def test_plan_is_numbered_level_by_level(library):
    markdown = render.plan_markdown(library, library.plans["school-demo"])
    shown = render.TAG.sub("", markdown)  # placeholders are wrapped in spans for the fill-in panel
    headings = [line for line in markdown.split("\n") if line.startswith("#")]
    assert headings == ["## 一、指导思想", "## 二、工作目标", "## 三、开好教代会", "### （一）做好会前准备",
                        "### （二）推进校务公开", "## 四、民主管理", "## 五、女职工工作", "## 六、月度工作安排",
                        "## 七、保障措施", "### （一）加强组织领导", "### （二）学习安排"]
    # A lone goal or measure under its part takes no number: a list of one is no list.
    assert "\n\n每年召开教代会，提案全部答复。" in shown and "（一）每年召开" not in shown
    assert "\n\n由工会委员会牵头，1月召开教代会。" in shown  # a measure, after its part's text
    assert "\n\n按季度公开教职工关心的事项。" in markdown  # the lone untitled item below （二）, unnumbered
    assert "| 1月 | 1.召开教代会（工会委员会）。 |" in markdown  # the table generated from the measure
    assert "以习近平新时代中国特色社会主义思想为指导" in markdown  # the formula comes from formula.yml


def test_levels_three_and_four_run_into_their_text():
    tree = parse("# 甲\n## 乙\n正文。\n### 丙\n细则。")
    blocks = render.render_item(render.from_outline(tree, "总题"), 1, 2)
    assert blocks == ["## 二、总题", "### （一）甲", "1.乙。正文。", "（1）丙。细则。"]


def test_a_list_takes_one_form_when_one_of_its_items_runs_in():
    """“1.标题” on its own line beside “2.标题。正文” reads as two kinds of item: all run in once one does."""
    tree = parse("# 甲\n## 乙\n### 子\n细则。\n## 丙\n正文。")
    blocks = render.render_item(render.from_outline(tree, "总题"), 1, 1)
    assert blocks == ["## 一、总题", "### （一）甲", "1.乙。", "（1）子。细则。", "2.丙。正文。"]
    alone = render.render_item(render.from_outline(parse("# 甲\n## 乙\n### 子\n细则。"), "总题"), 1, 1)
    assert "#### 1.乙" in alone  # no sibling runs in: the title stays a heading line


def test_contributed_text_is_shown_literally():
    blocks = render.render_item(render.from_outline(parse("<script>alert(1)</script> *粗体* [链接](javascript:x)"), "题"), 1, 1)
    assert "<script>" not in blocks[1]
    assert blocks[1].startswith("&lt;script&gt;")
    assert r"\*粗体\*" in blocks[1] and r"\[链接\]" in blocks[1]


@pytest.mark.parametrize("text, offset", [("正文\n\n二、手写序号", 2), ("# 甲\n### 跳级", 1), ("#\n正文", 0)])
def test_outline_mistakes_name_their_line(text, offset):
    with pytest.raises(OutlineError) as error:
        parse(text)
    assert error.value.offset == offset
