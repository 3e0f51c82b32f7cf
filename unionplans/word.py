"""Each plan as a Word file in the house style of GB/T 9704-2012 (content brief, section 7).

python-docx has no API for East Asian fonts, so every style and run names its font in
w:eastAsia as well; Word and WPS use that name for Chinese text.
"""
import functools
import hashlib
import io
import zipfile
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import render, wording

TITLE_FONT, LEVEL1_FONT, LEVEL2_FONT, BODY_FONT, PAGE_NUMBER_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"
SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)  # 二号, 三号, 四号
LINE = Pt(28)
STYLE_IDS = {"Normal": "Normal", "Plan Title": "PlanTitle", "Signature": "Signature", "Table Text": "TableText",
             "Heading 1": "Heading1", "Heading 2": "Heading2"}
_cache = {}  # content hash → bytes: an unchanged plan is not regenerated on `mkdocs serve` rebuilds


def plan_docx(library, plan):
    markdown = render.plan_markdown(library, plan)
    key = hashlib.sha256(markdown.encode("utf-8")).hexdigest()
    if key not in _cache:
        _cache[key] = _build(library, plan)
    return _cache[key]


@functools.lru_cache(maxsize=1)
def _template():
    """The house style made once with python-docx: page, margins, fonts, page numbers.

    Returns the package's parts and document.xml split around its (empty) body. Each plan's body
    is then written as WordprocessingML directly, which is some ten times faster than building it
    through python-docx's object model paragraph by paragraph.
    """
    document = Document()
    _page_setup(document)
    _styles(document)
    document.add_table(rows=1, cols=1).style = "Table Grid"  # keeps the table style in styles.xml
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts.pop("word/document.xml").decode("utf-8")
    body_start = xml.index("<w:body>") + len("<w:body>")
    return parts, xml[:body_start], xml[xml.index("<w:sectPr"):]


def _build(library, plan):
    body = "".join(_wordml(block) for block in render.plan_blocks(library, plan))
    parts, head, tail = _template()
    buffer = io.BytesIO()
    # Level 1: most of each file is the same template parts; stronger compression costs time for a few KB.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", parts["[Content_Types].xml"])
        package.writestr("word/document.xml", head + body + tail)
        for name, data in parts.items():
            if name != "[Content_Types].xml":
                package.writestr(name, data)
    return buffer.getvalue()


def _wordml(block):
    """WordprocessingML for one laid-out block (render.layout decides headings and run-in text)."""
    if block.kind == "heading":
        return _paragraph(block.content, {1: "Heading 1", 2: "Heading 2"}.get(block.level, "Normal"))
    if block.kind == "title":
        return _paragraph(block.content, "Plan Title")
    if block.kind == "signature":
        return "".join(_paragraph(line, "Signature") for line in block.content)
    if block.kind == "table":
        return _schedule(block.content)
    return _paragraph(block.content)


def _paragraph(text, style="Normal", bold=False):
    properties = f'<w:pPr><w:pStyle w:val="{STYLE_IDS[style]}"/></w:pPr>' if style != "Normal" else ""
    return f"<w:p>{properties}{_runs(text, bold)}</w:p>"


def _runs(text, bold=False):
    """Plain runs, with each 【placeholder】 a highlighted run of its own so it is easy to find and fill."""
    runs, position = [], 0
    weight = "<w:b/>" if bold else ""
    for match in wording.PLACEHOLDER.finditer(text):
        if match.start() > position:
            runs.append(_run(text[position:match.start()], weight))
        runs.append(_run(match.group(0), weight + '<w:highlight w:val="yellow"/>'))
        position = match.end()
    if position < len(text):
        runs.append(_run(text[position:], weight))
    return "".join(runs)


def _run(text, properties=""):
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _schedule(rows):
    """The monthly schedule as a real table: 月份 | 工作安排, one row a month."""
    widths = (int(Mm(22).twips), int(Mm(134).twips))

    def cell(paragraphs, width):
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'

    header = [cell([_paragraph(text, "Table Text", bold=True)], width) for text, width in zip(("月份", "工作安排"), widths)]
    lines = [f"<w:tr>{''.join(header)}</w:tr>"]
    for month, entries in rows:
        items = [_paragraph(f"{n}.{text}", "Table Text") for n, text in enumerate(entries, start=1)]
        lines.append(f"<w:tr>{cell([_paragraph(month, 'Table Text')], widths[0])}{cell(items, widths[1])}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
            f'<w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(lines)}</w:tbl>')


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
