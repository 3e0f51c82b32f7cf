"""Every plan's Word file, opened with python-docx: A4, margins, official fonts by eastAsia name, headings, schedule."""
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from conftest import ROOT
from unionplans import render
from unionplans.library import load_library

LIBRARY = load_library(ROOT / "templates_data")


def east_asia(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


@pytest.mark.parametrize("plan_id", sorted(LIBRARY.plans))
def test_word_file(site, plan_id):
    plan = LIBRARY.plans[plan_id]
    document = Document(site / "downloads" / f"{plan_id}.docx")
    section = document.sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    assert [round(m / Mm(1)) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]

    styles = document.styles
    assert (east_asia(styles["Plan Title"]), styles["Plan Title"].font.size) == ("方正小标宋简体", Pt(22))
    assert styles["Plan Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (east_asia(styles["Heading 1"]), styles["Heading 1"].font.size) == ("黑体", Pt(16))
    assert (east_asia(styles["Heading 2"]), styles["Heading 2"].font.size) == ("楷体_GB2312", Pt(16))
    assert (east_asia(styles["Normal"]), styles["Normal"].font.size) == ("仿宋_GB2312", Pt(16))
    spacing = styles["Normal"].paragraph_format
    assert (spacing.line_spacing_rule, spacing.line_spacing) == (WD_LINE_SPACING.EXACTLY, Pt(28))

    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Plan Title"
    level1 = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    items = render.plan_items(LIBRARY, plan)
    assert level1 == [render.number(1, n) + item.title for n, item in enumerate(items, start=1)]
    assert all(p.text.startswith("（") for p in paragraphs if p.style.name == "Heading 2")
    assert [p.text for p in paragraphs[-2:]] == ["【工会名称】", "【日期】"]

    placeholders = [run for p in paragraphs for run in p.runs if run.text.startswith("【")]
    assert placeholders and all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in placeholders)

    if plan.get("schedule"):
        table = document.tables[0]
        assert [c.text for c in table.rows[0].cells] == ["月份", "工作安排"]
        assert [row.cells[0].text for row in table.rows[1:]] == [f"{month}月" for month, _ in LIBRARY.schedule(plan)]
        first = table.rows[1].cells[1].paragraphs[0].text
        assert first.startswith("1.")
    assert document.settings.odd_and_even_pages_header_footer
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
