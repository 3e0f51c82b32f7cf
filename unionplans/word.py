"""Each plan as a Word file in the house style of GB/T 9704-2012 (content brief, section 7).

python-docx has no API for East Asian fonts, so every style and run names its font in
w:eastAsia as well; Word and WPS use that name for Chinese text.
"""
import hashlib
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import outline, render, wording

TITLE_FONT, LEVEL1_FONT, LEVEL2_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)  # 二号, 三号, 四号
LINE = Pt(28)
_cache = {}  # content hash → bytes: an unchanged plan is not regenerated on `mkdocs serve` rebuilds


def plan_docx(library, plan):
    markdown = render.plan_markdown(library, plan)
    key = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
    if key not in _cache:
        _cache[key] = _build(library, plan)
    return _cache[key]


def _build(library, plan):
    document = Document()
    _page_setup(document)
    _styles(document)
    values = library.sector_values(plan["sector"])
    _paragraph(document, wording.fill(plan["title"], values), "Plan Title")
    for text in outline.parse(wording.fill(plan["preamble"], values)).paragraphs:
        _paragraph(document, text)
    for n, item in enumerate(render.plan_items(library, plan), start=1):
        _item(document, item, 1, n)
    if plan.get("closing"):
        for text in outline.parse(wording.fill(plan["closing"], values)).paragraphs:
            _paragraph(document, text)
    for text in ("【工会名称】", "【日期】"):
        _paragraph(document, text, "Signature")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _item(document, item, level, n):
    label = render.number(level, n)
    texts = list(item.paragraphs)
    if item.title and (level <= 2 or (level == 3 and not texts)):
        _paragraph(document, label + item.title, {1: "Heading 1", 2: "Heading 2"}.get(level, "Normal"))
    elif item.title:
        head = label + item.title
        texts = [f"{head}。{texts[0]}" if texts else head, *texts[1:]]
    elif texts:
        texts[0] = label + texts[0]
    for text in texts:
        _paragraph(document, text)
    if item.table is not None:
        _schedule(document, item.table)
    for child_n, child in enumerate(item.children, start=1):
        _item(document, child, level + 1, child_n)


def _paragraph(container, text, style="Normal"):
    paragraph = container.add_paragraph(style=style)
    _runs(paragraph, text)
    return paragraph


def _runs(paragraph, text):
    """Plain runs, with each 【placeholder】 a highlighted run of its own so it is easy to find and fill."""
    position = 0
    for match in wording.PLACEHOLDER.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position:match.start()])
        paragraph.add_run(match.group(0)).font.highlight_color = WD_COLOR_INDEX.YELLOW
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])


def _schedule(document, rows):
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ("月份", "工作安排")):
        _paragraph_in(cell, text, "Table Text").runs[0].bold = True
    for month, entries in rows:
        cells = table.add_row().cells
        _paragraph_in(cells[0], month, "Table Text")
        for n, text in enumerate(entries, start=1):
            _paragraph_in(cells[1], f"{n}.{text}", "Table Text", first=n == 1)
    for row in table.rows:
        row.cells[0].width, row.cells[1].width = Mm(22), Mm(134)


def _paragraph_in(cell, text, style, first=True):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.style = style
    _runs(paragraph, text)
    return paragraph


def _page_setup(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    # Page numbers “— 1 —”: odd pages on the right, even pages on the left.
    document.settings.odd_and_even_pages_header_footer = True
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        for part in ("— ", None, " —"):
            run = paragraph.add_run(part) if part else _page_field(paragraph)
            _font(run, PAGE_NUMBER_FONT, SIZE_4)


def _page_field(paragraph):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._r.append(element)
    return run


def _styles(document):
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, BODY_FONT, SIZE_3)
    _spacing(normal, indent=True)
    for name, font, size, alignment, indent in (("Plan Title", TITLE_FONT, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, False),
                                                ("Signature", BODY_FONT, SIZE_3, WD_ALIGN_PARAGRAPH.RIGHT, False),
                                                ("Table Text", BODY_FONT, SIZE_4, WD_ALIGN_PARAGRAPH.LEFT, False)):
        style = styles.add_style(name, 1)
        style.base_style = normal
        _font(style, font, size)
        _spacing(style, indent=indent)
        style.paragraph_format.alignment = alignment
    styles["Table Text"].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for name, font in (("Heading 1", LEVEL1_FONT), ("Heading 2", LEVEL2_FONT)):
        style = styles[name]
        _font(style, font, SIZE_3)
        _spacing(style, indent=True)
        style.paragraph_format.keep_with_next = True


def _font(target, name, size):
    """Set a style's or run's font for Latin and East Asian text alike."""
    font = target.font
    font.name, font.size, font.bold, font.italic = name, size, False, False
    font.color.rgb = RGBColor(0, 0, 0)
    properties = target.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _spacing(style, indent):
    paragraph = style.paragraph_format
    paragraph.line_spacing_rule, paragraph.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    paragraph.space_before = paragraph.space_after = Pt(0)
    paragraph.first_line_indent = Pt(32) if indent else Pt(0)
