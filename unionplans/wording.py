"""Sector terms ({职工}) and placeholders (【单位名称】) inside contributed text."""
import re

from .errors import INVISIBLE as INVISIBLE_CHARACTERS, closest, unknown

TERM = re.compile(r"\{([^{}\n]*)\}")
PLACEHOLDER = re.compile(r"【([^【】\n]*)】")
HAN = re.compile(r"[\u3400-\u9fff]")
HAN_ONLY = re.compile(r"[\u3400-\u9fff]+")
BRACES = "花括号只用来写行业术语，如 {职工}。模板语法（{{ }}、{% %}）不会执行；请删去这里的花括号。"
# Characters a reader cannot see or that reorder text (U+202E can make 2027 read as 7202), and
# brackets that look like the convention but are not it.
INVISIBLE = re.compile("[" + INVISIBLE_CHARACTERS + "]")
LOOK_ALIKES = [
    (re.compile(r"[｛｝]"), "全角花括号｛｝不是行业术语的写法。行业术语用半角花括号，如 {职工}。"),
    (re.compile(r"[〖〗]|\[[\u4e00-\u9fff]{2,12}\]|［[\u4e00-\u9fff]{2,12}］|〔[\u4e00-\u9fff]{2,12}〕"),
     "占位符只用【】括起来，如【单位名称】；〖〗、[ ]、［ ］、〔 〕 读者在 Word 里查找不到。"),
]


def fill(text, values):
    """Replace every {术语} with its value; unknown names were rejected when the data was checked."""
    return TERM.sub(lambda match: values[match.group(1)], text)


def generic(text, values=None):
    """The text for pages not tied to a sector: each term as its own name ({职代会} → 职代会), or its value
    where `values` has one (the edition's hooks and dates read the same in every sector)."""
    values = values or {}
    return TERM.sub(lambda match: values.get(match.group(1), match.group(1)), text)


def count_han(text):
    return len(HAN.findall(text))


def problems_in(text, known_terms, known_placeholders):
    """Yield (offset line, message) for each unknown term or placeholder, stray or look-alike bracket
    and invisible character."""
    for offset, line in enumerate(str(text).split("\n")):
        if "\t" in line:
            yield offset, tab_message(line)
        for found in INVISIBLE.finditer(line):
            yield offset, (f"这里有看不见的字符［{CHARACTER_NAMES.get(found.group(0), 'U+%04X' % ord(found.group(0)))}］"
                           f"（在“{shown_around(line, found.start())}”）。它常随复制粘贴带进来，会让文字显示、查找或排版出错："
                           "请删去它；需要空开的地方不加空格。")
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



def tab_message(line):
    """A tab in a text: the line without it, since levels come from # and “- ”, never from indentation."""
    fixed = line.replace("\t", "")
    where = "行首" if line.lstrip(" ").startswith("\t") else "句中"
    return (f"这一行{where}有 Tab（在“{shown_around(line, line.index(chr(9))).replace(chr(9), '［Tab］')}”）。正文不用 Tab："
            f"层级由 # 的个数和“- ”表示，句中需要分开的地方用全角标点。请改成“{fixed.strip()}”。")


def unknown_term(name, known_terms):
    """Names are compared without their braces (they would make 业主 look like 年度主线); with nothing
    close, the word is most likely an ordinary word that needs no braces."""
    close = closest(name, known_terms)
    if close:
        return f"未知的行业术语“{{{name}}}”。是不是“{{{close[0]}}}”？" + (
            f"（或者：{'、'.join(f'“{{{c}}}”' for c in close[1:])}）" if close[1:] else "")
    return (f"“{{{name}}}”不是登记过的行业术语。各行业都这样说的词不加花括号：请写“{name}”。"
            f"只有因行业而不同的说法才登记到 terms.yml（并在每个大类的 terms 里写出说法）。")


CHARACTER_NAMES = {"\u00a0": "不换行空格", "\u3000": "全角空格", "\u200b": "零宽空格", "\u200c": "零宽不连字",
                   "\u200d": "零宽连字", "\ufeff": "零宽不换行空格", "\u00ad": "软连字符", "\u202e": "从右到左覆盖",
                   "\u202d": "从左到右覆盖", "\u200e": "从左到右标记", "\u200f": "从右到左标记"}


def shown_around(line, index):
    """A few characters on each side of position `index`, with invisible characters made visible."""
    start, end = max(0, index - 6), min(len(line), index + 7)
    return INVISIBLE.sub(lambda m: f"［{CHARACTER_NAMES.get(m.group(0), 'U+%04X' % ord(m.group(0)))}］", line[start:end])
