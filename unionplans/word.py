"""Each plan as a Word file in the layout of GB/T 9704—2012 (content brief, section 7).

The package is written as WordprocessingML directly: only the parts a document needs, styles that
name their Chinese fonts in w:eastAsia (with the usual Windows fonts as alternates), Arabic digits in
Times New Roman, the 22 × 28 document grid, page numbers 7 mm below the text block, a schedule table
whose header repeats and whose rows never split, and the 落款 kept with the last paragraph.
"""
import datetime
import hashlib
import io
import zipfile
from xml.sax.saxutils import escape

from . import render, safetext, wording
from .wordparts import CONTENT_TYPES, DOCUMENT_RELS, FONT_TABLE, PACKAGE_RELS, SETTINGS, STYLES, footer

CHAR = 320             # twips in one character of 三号 (16 pt): indents are counted in characters
SIGNATURE_MARGIN = 2   # 落款 右空二字
MONTH_WIDTH, ITEMS_WIDTH = 1701, 7143  # 30 mm (5 characters: 经常性工作, 上年12月) and 126 mm: the 156 mm type area
_cache = {}  # content hash → bytes: an unchanged plan is not regenerated on `mkdocs serve` rebuilds


def plan_docx(library, plan):
    return blocks_docx(list(render.plan_blocks(library, plan)))


def notice_docx(library, plan):
    return blocks_docx(list(render.notice_blocks(library, plan)))


def blocks_docx(blocks):
    key = hashlib.sha256(repr(blocks).encode("utf-8")).hexdigest()
    if key not in _cache:
        _cache[key] = package(blocks, title=blocks[0].content)
    return _cache[key]


def package(blocks, title):
    """A complete .docx for laid-out blocks; compressed, dated now, titled after the plan."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    parts = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": _core(title, now), "docProps/app.xml": APP,
        "word/document.xml": document_xml(blocks), "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": STYLES, "word/settings.xml": SETTINGS, "word/fontTable.xml": FONT_TABLE,
        "word/footer1.xml": footer(odd=True), "word/footer2.xml": footer(odd=False),
    }
    buffer = io.BytesIO()
    stamp = now.timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def document_xml(blocks):
    body = []
    for block, following in zip(blocks, [*blocks[1:], None]):
        # The last paragraph travels with the 落款, so a page never holds the signature alone.
        keep = following is not None and following.kind == "signature"
        body.append(_wordml(block, keep))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {NAMESPACES}><w:body>'
            f'{"".join(body)}{SECTION}</w:body></w:document>')


def _wordml(block, keep=False):
    """WordprocessingML for one laid-out block (render.layout decides headings and run-in text)."""
    if block.kind == "heading":
        return paragraph(block.content, f"Heading{block.level}")
    if block.kind == "title":  # 标题下空一行
        return title(block.content) + paragraph("")
    if block.kind == "signature":
        return signature(*block.content)
    if block.kind == "table":
        return schedule(block.content, keep_last=keep)
    if block.kind == "addressee":
        return paragraph(block.content, "Addressee", keep=keep)
    return paragraph(block.content, keep=keep)


def title(text):
    """The title, broken by meaning (GB/T 9704 §7.3.3): the issuing union on the first line, what it issues on
    the next, so a long unit name never splits a word such as 工作计划 across lines."""
    issuer = next((name for name in ISSUERS if text.startswith(name)), None)
    if not issuer or text == issuer:
        return paragraph(text, "PlanTitle")
    rest = text[len(issuer):]
    return f'<w:p><w:pPr><w:pStyle w:val="PlanTitle"/></w:pPr>{runs(issuer)}<w:r><w:br/></w:r>{runs(rest)}</w:p>'


ISSUERS = ("【工会名称】", "【单位名称】")


def paragraph(text, style="Normal", keep=False, bold=False, extra=""):
    properties = ("" if style == "Normal" else f'<w:pStyle w:val="{style}"/>') + ("<w:keepNext/>" if keep else "") + extra
    return f"<w:p>{f'<w:pPr>{properties}</w:pPr>' if properties else ''}{runs(text, bold)}</w:p>"


def runs(text, bold=False):
    """Plain runs, with each 【placeholder】 a highlighted run of its own so it is easy to find and fill."""
    result, position = [], 0
    weight = "<w:b/>" if bold else ""
    for match in wording.PLACEHOLDER.finditer(text):
        if match.start() > position:
            result.append(_run(text[position:match.start()], weight))
        result.append(_run(match.group(0), weight + '<w:highlight w:val="yellow"/>'))
        position = match.end()
    if position < len(text):
        result.append(_run(text[position:], weight))
    return "".join(result)


def _run(text, properties=""):
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(safetext.strip(text))}</w:t></w:r>'


def signature(name, date):
    """落款 (GB/T 9704 §7.3.5): a blank line, the union's name 右空二字, the date centred under it.

    The indents depend on the two texts' widths; the browser recomputes them with the reader's values.
    """
    name_indent, date_indent = signature_indents(name, date)
    return (paragraph("", keep=True)
            + paragraph(name, "Signature", keep=True, extra=f'<w:ind w:right="{name_indent}"/>')
            + paragraph(date, "SignatureDate", extra=f'<w:ind w:right="{date_indent}"/>'))


def signature_indents(name, date):
    """Right indents in twips: the name 右空二字, the date centred under it; a longer date 右空二字 itself."""
    name_width, date_width = width(name), width(date)
    margin = SIGNATURE_MARGIN * CHAR
    if date_width > name_width:
        return round(margin + (date_width - name_width) * CHAR / 2), margin
    return margin, round(margin + (name_width - date_width) * CHAR / 2)


def width(text):
    """Width in characters: Chinese characters and full-width signs count 1, digits and Latin letters ½."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)


def schedule(rows, keep_last=False):
    """The monthly schedule: 月份 | 工作安排; the header repeats on each page and no row splits.

    A plan that ends with its schedule keeps the last row with the 落款 (keep_last).
    """
    def cell(paragraphs, width):
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(paragraphs)}</w:tc>'

    header = (cell([paragraph("月份", "TableText", keep=True, bold=True)], MONTH_WIDTH)
              + cell([paragraph("工作安排", "TableText", keep=True, bold=True)], ITEMS_WIDTH))
    lines = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]
    for row, (month, entries) in enumerate(rows, start=1):
        keep = keep_last and row == len(rows)
        items = [paragraph(f"{n}.{text}", "TableText", keep=keep) for n, text in enumerate(entries, start=1)]
        lines.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cell([paragraph(month, 'TableText', keep=keep)], MONTH_WIDTH)}"
                     f"{cell(items, ITEMS_WIDTH)}</w:tr>")
    return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="8844" w:type="dxa"/><w:jc w:val="center"/>'
            f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{MONTH_WIDTH}"/><w:gridCol w:w="{ITEMS_WIDTH}"/>'
            f'</w:tblGrid>{"".join(lines)}</w:tbl>')


def _core(title, now):
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(safetext.strip(title))}</dc:title><dc:creator>{CREATOR}</dc:creator><cp:lastModifiedBy>{CREATOR}</cp:lastModifiedBy>"
            f"<dc:description>{CREATOR}的范本，按 GB/T 9704—2012 排版。</dc:description><dc:language>zh-CN</dc:language>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>')


CREATOR = "工会工作计划范本库"
APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       f"<Application>{CREATOR}</Application></Properties>")
NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
# A4; margins 37/35/28/26 mm; page numbers 22.5 mm above the page edge, 7 mm below the text block; 22 lines of 28 characters.
SECTION = ('<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="even" r:id="rId4"/>'
           '<w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1276" w:gutter="0"/>'
           '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')
