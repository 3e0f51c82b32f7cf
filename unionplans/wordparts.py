"""The fixed parts of every Word file: package relations, settings, fonts, styles and the two footers.

Sizes are in twips (1/20 pt) and half-points: 三号 16 pt = w:sz 32, 四号 14 pt = 28, 二号 22 pt = 44;
one line of the 22-line grid is 579 twips (225 mm / 22), one character of 三号 is 320 twips.
"""
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
OFFICE = "application/vnd.openxmlformats-officedocument"

CONTENT_TYPES = (
    XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{OFFICE}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{OFFICE}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{OFFICE}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{OFFICE}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{OFFICE}.wordprocessingml.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{OFFICE}.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{OFFICE}.extended-properties+xml"/></Types>')

RELS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = (
    XML + f"<Relationships {RELS}>"
    f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/></Relationships>')
DOCUMENT_RELS = (
    XML + f"<Relationships {RELS}>"
    f'<Relationship Id="rId1" Type="{REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId4" Type="{REL}/footer" Target="footer2.xml"/>'
    f'<Relationship Id="rId5" Type="{REL}/fontTable" Target="fontTable.xml"/></Relationships>')

# Compatibility mode 15 (Word 2013 and later: no 兼容模式 banner); odd and even page footers; Chinese punctuation compressed.
SETTINGS = (
    XML + f"<w:settings {W}><w:evenAndOddHeaders/><w:defaultTabStop w:val=\"420\"/>"
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>')

# The GB2312 fonts and 方正小标宋简体 are missing on a default Windows: Word and WPS fall back to the alternates.
FONTS = {"方正小标宋简体": "宋体", "黑体": "SimHei", "楷体_GB2312": "楷体", "仿宋_GB2312": "仿宋", "宋体": "SimSun"}
FONT_TABLE = (XML + f"<w:fonts {W}>" + "".join(
    f'<w:font w:name="{name}"><w:altName w:val="{alternate}"/><w:charset w:val="86"/><w:family w:val="auto"/></w:font>'
    for name, alternate in FONTS.items()) + '<w:font w:name="Times New Roman"><w:charset w:val="00"/>'
    '<w:family w:val="roman"/></w:font></w:fonts>')


def _fonts(east_asia, size):
    """Run properties: the Chinese font by its eastAsia name, digits and Latin in Times New Roman.

    三号 text is set 0.25 pt tighter, so 28 characters fill the 156 mm line as GB/T 9704 asks; the grid's
    own character pitch (w:charSpace) would do the same in Word, but LibreOffice misreads a negative one.
    """
    tight = '<w:spacing w:val="-5"/>' if size == 32 else ""
    return (f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}" w:cs="Times New Roman"/>'
            f'<w:b w:val="0"/><w:i w:val="0"/><w:color w:val="000000"/>{tight}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')


def _style(style_id, name, east_asia, size, paragraph="", based="Normal", extra=""):
    return (f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/><w:basedOn w:val="{based}"/>{extra}'
            f"<w:pPr>{paragraph}</w:pPr><w:rPr>{_fonts(east_asia, size)}</w:rPr></w:style>")


EXACT_LINE = '<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>'
NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
HEADING = '<w:keepNext/><w:keepLines/>'
STYLES = (
    XML + f"<w:styles {W}>"
    '<w:docDefaults><w:rPrDefault><w:rPr>' + _fonts("仿宋_GB2312", 32)
    + '<w:kern w:val="2"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    f'<w:pPrDefault><w:pPr>{EXACT_LINE}</w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    f'<w:pPr><w:widowControl/>{EXACT_LINE}<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>'
    f'<w:rPr>{_fonts("仿宋_GB2312", 32)}</w:rPr></w:style>'
    + _style("PlanTitle", "Plan Title", "方正小标宋简体", 44, f'<w:keepNext/>{NO_INDENT}<w:jc w:val="center"/>'
             '<w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/>')
    + _style("Heading1", "heading 1", "黑体", 32, f'{HEADING}<w:outlineLvl w:val="0"/>', extra="<w:next w:val=\"Normal\"/><w:qFormat/>")
    + _style("Heading2", "heading 2", "楷体_GB2312", 32, f'{HEADING}<w:outlineLvl w:val="1"/>', extra="<w:next w:val=\"Normal\"/><w:qFormat/>")
    + _style("Heading3", "heading 3", "仿宋_GB2312", 32, f'{HEADING}<w:outlineLvl w:val="2"/>', extra="<w:next w:val=\"Normal\"/><w:qFormat/>")
    + _style("Addressee", "Addressee", "仿宋_GB2312", 32, NO_INDENT)
    + _style("Signature", "Signature", "仿宋_GB2312", 32, f'<w:keepNext/>{NO_INDENT}<w:jc w:val="right"/>')
    + _style("SignatureDate", "Signature Date", "仿宋_GB2312", 32, f'{NO_INDENT}<w:jc w:val="right"/>', based="Signature")
    + _style("TableText", "Table Text", "仿宋_GB2312", 28, f'{NO_INDENT}<w:jc w:val="left"/>'
             '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:snapToGrid w:val="0"/>')
    + _style("Footer", "footer", "宋体", 28, f'{NO_INDENT}<w:spacing w:before="0" w:after="0" w:line="280" w:lineRule="exact"/>'
             '<w:snapToGrid w:val="0"/>')
    + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
    '<w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    '<w:tblPr><w:tblBorders>' + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                                         for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/></w:tblCellMar>'
    '</w:tblPr></w:style></w:styles>')


def footer(odd):
    """“— 1 —” in 四号 宋体: odd pages on the right, even pages on the left, each 空一字 (one 四号 character) in."""
    side = ('<w:jc w:val="right"/><w:ind w:right="280" w:firstLine="0"/>' if odd
            else '<w:jc w:val="left"/><w:ind w:left="280" w:firstLine="0"/>')
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    return (XML + f'<w:ftr {W}><w:p><w:pPr><w:pStyle w:val="Footer"/>{side}</w:pPr>'
            f'<w:r><w:t xml:space="preserve">— </w:t></w:r>{field}<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')
