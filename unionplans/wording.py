"""Sector terms ({职工}) and placeholders (【单位名称】) inside contributed text."""
import re

from .errors import unknown

TERM = re.compile(r"\{([^{}\n]*)\}")
PLACEHOLDER = re.compile(r"【([^【】\n]*)】")
HAN = re.compile(r"[\u3400-\u9fff]")
HAN_ONLY = re.compile(r"[\u3400-\u9fff]+")
BRACES = "花括号只用来写行业术语，如 {职工}。模板语法（{{ }}、{% %}）不会执行；请删去这里的花括号。"


def fill(text, values):
    """Replace every {术语} with its value; unknown names were rejected when the data was checked."""
    return TERM.sub(lambda match: values[match.group(1)], text)


def generic(text):
    """The text with each term written as its own name: {职代会} → 职代会, for pages not tied to a sector."""
    return TERM.sub(lambda match: match.group(1), text)


def count_han(text):
    return len(HAN.findall(text))


def problems_in(text, known_terms, known_placeholders):
    """Yield (offset line, message) for each unknown term or placeholder and each stray bracket."""
    for offset, line in enumerate(str(text).split("\n")):
        for match in TERM.finditer(line):
            name = match.group(1)
            if name in known_terms:
                continue
            if HAN_ONLY.fullmatch(name):  # meant as a term: suggest the closest one
                yield offset, unknown("行业术语", "{" + name + "}", ["{" + k + "}" for k in known_terms])
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

