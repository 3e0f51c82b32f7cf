"""What contributed text may contain, checked on decoded values and enforced again where text leaves the build.

YAML decodes escapes ("\\r", "\\x01", "\\u061c") before anything else sees a value, so the check runs on
the decoded strings of every data file (yamlio walks each one once), not on the file's bytes. Refused:
characters a reader cannot see or that reorder, break or end lines (controls, format and bidi
characters, tags, U+2028, spaces other than the ASCII one, unassigned and private-use code points),
template syntax, and over-long lines. Outputs call `strip` as the last guard.
"""
import re
import unicodedata

import regex

# Every control, format, surrogate, private-use and unassigned code point, every separator but the space
# and the line break, and the fillers and selectors that draw nothing (Hangul fillers, braille blank,
# variation selectors, combining grapheme joiner), plus U+FFFC/FFFD, which stand for lost content.
HIDDEN = regex.compile(r"[[\p{C}\p{Z}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
                       r"\ufffc\ufffd\U000e0100-\U000e01ef]--[\n ]]", regex.V1)
# Characters YAML reads as line breaks where every other tool does not: found in the file itself, before parsing.
YAML_BREAKS = re.compile("[\x85\u2028\u2029]")
TEMPLATE_SYNTAX = re.compile(r"\{[{%#]|[}%#]\}")
MAX_LINE = 1000  # characters; the longest line in the library has about 350
NAMES = {"\u00a0": "不换行空格", "\u3000": "全角空格", "\u200b": "零宽空格", "\u200c": "零宽不连字", "\u200d": "零宽连字",
         "\ufeff": "零宽不换行空格", "\u00ad": "软连字符", "\u202e": "从右到左覆盖", "\u202d": "从左到右覆盖",
         "\u200e": "从左到右标记", "\u200f": "从右到左标记", "\u061c": "阿拉伯字母标记", "\t": "制表符", "\r": "回车符",
         "\u2028": "行分隔符", "\u2029": "段分隔符", "\x85": "下一行"}
ESCAPES = "如果它是用引号里的转义写出的（如 \"\\r\"、\"\\x01\"、\"\\u061c\"），请删去这个转义。"


def name(character):
    """A character as a contributor can find it: its Chinese name, else U+XXXX and its Unicode name."""
    if character in NAMES:
        return NAMES[character]
    unicode_name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {unicode_name}" if unicode_name else "")


def visible(text):
    """`text` with every hidden character written out as ［名称］."""
    return HIDDEN.sub(lambda m: f"［{name(m.group(0))}］", text)


def one_line(text):
    """`text` as one line with nothing hidden, for names that messages quote (a file name may hold a line break)."""
    return visible(text).replace("\n", "［U+000A］")


def strip(text):
    """The output guard: `text` without hidden characters, in case one ever gets past the check."""
    return HIDDEN.sub("", text)


def problems(text):
    """(line offset, message) for each line of a decoded value that a reader must not receive."""
    text = str(text)
    if len(text) <= MAX_LINE and not HIDDEN.search(text) and not TEMPLATE_SYNTAX.search(text):
        return  # the usual case, decided by one scan of the whole value
    for offset, line in enumerate(text.split("\n")):
        if TEMPLATE_SYNTAX.search(line):
            yield offset, ("这里有模板语法（{{ }}、{% %} 或 {# #}）。投稿的文字不经过模板，也不能含有模板语法："
                           "请删去；行业术语写作 {职工}，只用一对花括号。")
        if found := HIDDEN.search(line):
            yield offset, tab_message(line) if found.group(0) == "\t" else message(found.group(0), line, found.start())
        if len(line) > MAX_LINE:
            yield offset, (f"这一行有 {len(line)} 个字符，超过了 {MAX_LINE} 个。一段话不会这么长："
                           "请分成几段（空一行分段），或删去误粘贴的内容。")


def message(character, line="", index=0):
    kind = "控制字符" if unicodedata.category(character) == "Cc" else "字符"
    start, end = max(0, index - 6), min(len(line), index + 7)
    around = f"（在“{visible(line[start:end])}”）" if line else ""
    return (f"这里有看不见的{kind}［{name(character)}］{around}。它常随复制粘贴带进来，会让文字显示、查找、排版或 Word 文件出错："
            f"请删去它；需要空开的地方不加空格。{ESCAPES}")


def tab_message(line):
    """A tab in a text: the line without it, since levels come from # and “- ”, never from indentation."""
    index = line.index("\t")
    where = "行首" if line.lstrip(" ").startswith("\t") else "句中"
    around = line[max(0, index - 6):index + 7].replace("\t", "［Tab］")
    return (f"这一行{where}有 Tab（在“{visible(around)}”）。正文不用 Tab："
            f"层级由 # 的个数和“- ”表示，句中需要分开的地方用全角标点。请改成“{line.replace(chr(9), '').strip()}”。")
