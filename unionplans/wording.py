"""Sector terms ({职工}) and placeholders (【单位名称】) inside contributed text."""
import re

from .errors import closest, unknown

TERM = re.compile(r"\{([^{}\n]*)\}")
PLACEHOLDER = re.compile(r"【([^【】\n]*)】")
HAN = re.compile(r"[\u3400-\u9fff]")
HAN_ONLY = re.compile(r"[\u3400-\u9fff]+")
BRACES = "花括号只用来写行业术语，如 {职工}。模板语法（{{ }}、{% %}）不会执行；请删去这里的花括号。"
# Brackets that look like the convention but are not it (invisible characters are refused when a file is read).
LOOK_ALIKES = [
    (re.compile(r"[｛｝]"), "全角花括号｛｝不是行业术语的写法。行业术语用半角花括号，如 {职工}。"),
    (re.compile(r"[〖〗]|\[[\u4e00-\u9fff]{2,12}\]|［[\u4e00-\u9fff]{2,12}］|〔[\u4e00-\u9fff]{2,12}〕"),
     "占位符只用【】括起来，如【单位名称】；〖〗、[ ]、［ ］、〔 〕 读者在 Word 里查找不到。"),
]


def fill(text, values):
    """Replace every {术语} with its value; unknown names were rejected when the data was checked."""
    return TERM.sub(lambda match: values[match.group(1)], text)


def filled_length(text, values):
    """len(fill(text, values)), without building the filled text."""
    return len(text) + sum(len(values[match.group(1)]) - len(match.group(0)) for match in TERM.finditer(text))


def generic(text, values=None):
    """The text for pages not tied to a sector: each term as its own name ({职代会} → 职代会), or its value
    where `values` has one (the edition's hooks and dates read the same in every sector)."""
    values = values or {}
    return TERM.sub(lambda match: values.get(match.group(1), match.group(1)), text)


def count_han(text):
    return len(HAN.findall(text))


def problems_in(text, known_terms, known_placeholders):
    """Yield (offset line, message) for each unknown term or placeholder and each stray or look-alike bracket."""
    for offset, line in enumerate(str(text).split("\n")):
        for pattern, message in LOOK_ALIKES:
            if pattern.search(line):
                yield offset, message
        for match in TERM.finditer(line):
            name = match.group(1)
            if name in known_terms:
                continue
            if HAN_ONLY.fullmatch(name):  # meant as a term: the closest ones, or the plain word without braces
                yield offset, unknown_term(name, known_terms)
            else:
                yield offset, BRACES
        if "{" in TERM.sub("", line) or "}" in TERM.sub("", line):
            yield offset, BRACES
        for match in PLACEHOLDER.finditer(line):
            if match.group(1) not in known_placeholders:
                yield offset, unknown("占位符", "【" + match.group(1) + "】",
                                       ["【" + k + "】" for k in known_placeholders])
        rest = PLACEHOLDER.sub("", line)
        if "【" in rest or "】" in rest:
            yield offset, "【 和 】 没有成对。占位符写作【单位名称】，括号要成对出现。"



def unknown_term(name, known_terms):
    """Names are compared without their braces (they would make 业主 look like 年度主线); with nothing
    close, the word is most likely an ordinary word that needs no braces."""
    close = closest(name, known_terms)
    if close:
        return f"未知的行业术语“{{{name}}}”。是不是“{{{close[0]}}}”？" + (
            f"（或者：{'、'.join(f'“{{{c}}}”' for c in close[1:])}）" if close[1:] else "")
    return (f"“{{{name}}}”不是登记过的行业术语。各行业都这样说的词不加花括号：请写“{name}”。"
            f"只有因行业而不同的说法才登记到 terms.yml（并在每个大类的 terms 里写出说法）。")
