"""The field schema of every data file (templates_data/schema.yml), and the check it drives."""
import datetime
import re
from dataclasses import dataclass, field

from . import measures, outline, patterns, wording
from .errors import Problems, shown, suggest, unknown

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 60
RESERVED_IDS = {"index"}  # plans/index.md would be the folder's own page, served one level up
KEY = re.compile(r"^[\u4e00-\u9fff]{1,12}$")
WORD = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）“”]{1,16}$")
LABEL_MARKUP = re.compile(r"[<>&\"'`\\]")
MAX_LABEL = 60
MAX_TEXT = 20_000
MAX_LIST = 500
REFERENCES = {"sector": "行业", "family": "行业大类", "sector-or-family": "行业或行业大类", "category": "分类",
              "variant": "行业、行业大类或单位情况（profiles.yml 的一个值）",
              "plan-type": "范本类型", "snippet": "段落", "term": "行业术语"}
END_PUNCTUATION = tuple("。；：，！？、.;:,!?")
SCALARS = {"text", "outline", "label", "key", "word", "id", "month", "number", "flag", "date", "pattern", "sectors",
           "when", "quarter", *REFERENCES}
# The kinds the loader reads by name; the others are reached through field types (list of section…).
NEEDED_KINDS = ("family", "sector", "term", "placeholder", "category", "plan-type", "formula", "edition", "calendar",
                "content-rule", "search-terms", "snippet", "plan")
FIELD_NAME = re.compile(r"^[a-z][a-z_]*$")
FILE_PATTERN = re.compile(r"^[a-z_]+(?:/\*{1,2})*(?:/\*)?\.(?:yml|md)$")


@dataclass
class Vocabulary:
    """What a value may refer to: ids of each registry, term names and placeholder names."""
    ids: dict = field(default_factory=dict)  # reference type → known ids
    terms: tuple = ()
    placeholders: tuple = ()
    festivals: tuple = ()
    profile_values: tuple = ()  # every value profiles.yml allows, for variant keys


class Checker:
    def __init__(self, schema, vocabulary, problems):
        self.kinds = schema["kinds"]
        self.vocabulary = vocabulary
        self.problems = problems

    def record(self, value, kind, file, line=None):
        """Check one record (a mapping) against its kind; report each problem with its line.

        Returns True when the record is sound, so checks that rely on its fields may run.
        """
        spec = self.kinds[kind]["fields"]
        before = len(self.problems.items)
        if not isinstance(value, dict):
            self.problems.add(file, getattr(value, "line", line),
                              f"这里应当是一组“字段: 值”（{self.kinds[kind]['description']}），而不是 {shown(value)}。")
            return False
        for key in value:
            if key not in spec:
                self.problems.add(file, value.line_of(key),
                                  f"未知字段“{key}”。" + (suggest(key, spec) or f"可用字段：{'、'.join(spec)}。"))
        for name, rules in spec.items():
            if name in value:
                self.value(value[name], rules, file, value.line_of(name))
            elif rules["required"]:
                self.problems.add(file, value.line, f"缺少必填字段“{name}”：{rules['description']}。")
        return len(self.problems.items) == before

    def sound(self, value, rules):
        """Whether a value passes its check, reporting nothing: the content checks read only what is sound."""
        reported, self.problems = self.problems, Problems()
        try:
            self.value(value, rules, "", None)
            return not self.problems.items
        finally:
            self.problems = reported

    def value(self, value, rules, file, line):
        kind = rules["type"]
        if kind.startswith("list of "):
            if not isinstance(value, list) or not value:
                return self._expected(file, line, value, f"一个列表（每项一行，以“- ”开头），每项是{_type_name(kind[8:])}")
            if len(value) > MAX_LIST:
                return self._expected(file, line, value, f"不超过 {MAX_LIST} 项的列表")
            for index, item in enumerate(value):
                self.value(item, {"type": kind[8:]}, file, value.line_of(index))
        elif kind.startswith("map of "):
            if not isinstance(value, dict) or not value:
                return self._expected(file, line, value, f"一组“名称: {_type_name(kind[7:])}”")
            for key, item in value.items():
                if rules.get("keys"):
                    self.scalar(key, rules["keys"], file, value.line_of(key))
                self.value(item, {"type": kind[7:]}, file, value.line_of(key))
        elif kind in self.kinds and kind not in REFERENCES:  # a nested record such as a section
            self.record(value, kind, file, line)
        else:
            self.scalar(value, kind, file, line)

    def scalar(self, value, kind, file, line):
        if kind in ("text", "outline", "label"):
            if isinstance(value, dict) and len(value) == 1:  # “召开职代会: 审议报告” read as a field
                return self.problems.add(file, getattr(value, "line", None) or line, _colon_advice(value))
            if not isinstance(value, str) or not value.strip():
                return self._expected(file, line, value, "一段文字")
            if len(value) > (MAX_LABEL if kind == "label" else MAX_TEXT):
                return self._expected(file, line, value, f"不超过 {MAX_LABEL if kind == 'label' else MAX_TEXT} 个字的"
                                                         + ("名称" if kind == "label" else "文字；太长的部分请拆成几部分"))
            if kind == "label" and ("\n" in value.strip() or LABEL_MARKUP.search(value)):
                return self._expected(file, line, value, "一行名称，不含 < > & \" ' ` \\ 这些符号（名称会成为页面标题和导航）："
                                                         "请删去它们，或改用全角符号“”（）")
            if kind == "label" and outline.typed_number(value):
                return self.problems.add(file, getattr(value, "line", None) or line, outline.typed_number(value))
            self.wording(value, kind, file, line)
        elif kind == "key":
            if not isinstance(value, str) or not KEY.match(value):
                self._expected(file, line, value, "1 到 12 个汉字组成的名称（术语、占位符、提法和节日都只用汉字命名）")
        elif kind == "word":
            if not isinstance(value, str) or not WORD.match(value):
                self._expected(file, line, value, "一个词：不超过 16 个汉字、字母或数字（可含全角括号和引号），不含空格和其他符号")
        elif kind == "id":
            if not isinstance(value, str) or not ID.match(value) or len(value) > MAX_ID:
                self._expected(file, line, value, f"不超过 {MAX_ID} 个字符、由小写英文字母、数字和连字符组成的编号，如 school-annual")
            elif value in RESERVED_IDS:
                self.problems.add(file, getattr(value, "line", None) or line,
                                  f"“{value}”不能用作编号：{value}.md 是网站上一个目录的首页，用它作编号的页面会占掉目录页，"
                                  "页面上的下载和组合链接也会指错地方。请换一个编号（同时改文件名）。")
        elif kind in ("month", "number"):
            low, high = (1, 12) if kind == "month" else (0, 10**9)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                self._expected(file, line, value, "1 到 12 的整数" if kind == "month" else "一个整数")
        elif kind == "flag":
            if not isinstance(value, bool):
                self._expected(file, line, value, "true 或 false")
        elif kind == "date":
            if not isinstance(value, datetime.date):
                self._expected(file, line, value, "一个日期，如 2026-11-20")
        elif kind == "pattern":
            message = patterns.problem(value)
            if message:
                self._expected(file, line, value, message)
        elif kind == "sectors":
            if value != "all":
                self.value(value, {"type": "list of sector-or-family"}, file, line)
        elif kind == "when":
            if not measures.kind(value, self.vocabulary.festivals):
                self._expected(file, line, value, measures.expected(self.vocabulary.festivals))
        elif kind == "quarter":
            if value not in measures.QUARTERS:
                self._expected(file, line, value, "、".join(measures.QUARTERS))
        elif kind in REFERENCES:
            self.reference(value, kind, file, line)
        else:
            raise ValueError(f"schema.yml: unknown field type {kind!r}")

    def reference(self, value, kind, file, line):
        if not isinstance(value, str):
            return self._expected(file, line, value, f"一个{REFERENCES[kind]}编号（一个词，不是列表或字段）")
        if kind == "term":
            known = self.vocabulary.terms
        elif kind in ("sector-or-family", "variant"):
            known = [*self.vocabulary.ids.get("sector", ()), *self.vocabulary.ids.get("family", ()),
                     *(self.vocabulary.profile_values if kind == "variant" else ())]
        else:
            known = self.vocabulary.ids.get(kind, ())
        if value not in known:
            self.problems.add(file, line, unknown(REFERENCES[kind], value, known))

    def wording(self, value, kind, file, line):
        start = getattr(value, "line", None) or line
        for offset, message in wording.problems_in(value, self.vocabulary.terms, self.vocabulary.placeholders):
            self.problems.add(file, start + offset, message)
        if kind == "outline":
            try:
                tree = outline.parse(value)
            except outline.OutlineError as error:
                self.problems.add(file, start + error.offset, str(error))
                return
            for node in walk(tree):
                if node.title:
                    self.title(node.title, file, start + node.line)

    def title(self, title, file, line):
        if title.rstrip().endswith(END_PUNCTUATION):
            self.problems.add(file, line, f"标题“{title}”不加句末标点：一、（一）级标题单独成行，"
                                          "1. 级标题后的句号会自动加上。请删去末尾的标点。")

    def _expected(self, file, line, value, expected):
        self.problems.add(file, getattr(value, "line", None) or line, f"这里应当是{expected}，现在是 {shown(value)}。")


def schema_problems(schema):
    """(line, message) for each mistake in schema.yml itself: it drives the loader and becomes the 数据格式 page,
    so every name, type and file in it must be one the loader knows and the page can show as it is."""
    kinds = schema.get("kinds") if isinstance(schema, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        yield getattr(schema, "line", 1), "schema.yml 应当以 kinds: 开头，列出每种数据文件的字段。请从仓库恢复这个文件。"
        return
    for kind in NEEDED_KINDS:
        if kind not in kinds:
            yield kinds.line, f"schema.yml 缺少“{kind}”的定义，加载器要用它。请从仓库恢复这一项。"
    for kind, spec in kinds.items():
        line = kinds.line_of(kind)
        if not isinstance(kind, str) or not ID.match(kind):
            yield line, f"类型名 {shown(kind)} 只能用小写英文字母、数字和连字符。"
        if not isinstance(spec, dict) or not isinstance(spec.get("fields"), dict) or not spec["fields"]:
            yield line, f"“{kind}”应当有 description 和 fields（每个字段一项）。"
            continue
        if not isinstance(spec.get("description"), str):
            yield line, f"“{kind}”缺少说明 description。"
        if "file" in spec and not (isinstance(spec["file"], str) and FILE_PATTERN.match(spec["file"])):
            yield spec.line_of("file"), f"file 应当是数据目录里的文件名，如 terms.yml、snippets/*.md，现在是 {shown(spec['file'])}。"
        for name, rules in spec["fields"].items():
            yield from _field_problems(name, rules, kinds, spec["fields"].line_of(name))


def _field_problems(name, rules, kinds, line):
    if not isinstance(name, str) or not FIELD_NAME.match(name):
        yield line, f"字段名 {shown(name)} 只能用小写英文字母和下划线。"
    if not isinstance(rules, dict):
        yield line, f"字段“{name}”应当写成 {{type: …, required: …, description: …}}。"
        return
    known = [*SCALARS, *kinds]
    for key in ("type", "keys"):
        if key in rules and not _known_type(rules[key], kinds):
            hint = suggest(rules[key], known)
            yield rules.line_of(key), (f"字段“{name}”的 {key} 是未知的类型 {shown(rules[key])}。{hint}"
                                       "可用的类型见 schema.yml 开头的说明，也可以写 list of X、map of X。")
    if "type" not in rules or not isinstance(rules.get("required"), bool) or not isinstance(rules.get("description"), str):
        yield line, f"字段“{name}”要写明 type、required（true 或 false）和 description。"


def _known_type(kind, kinds):
    if not isinstance(kind, str):
        return False
    for prefix in ("list of ", "map of "):
        if kind.startswith(prefix):
            return _known_type(kind[len(prefix):], kinds)
    return kind in SCALARS or kind in kinds


def _colon_advice(value):
    """The cause (a half-width colon and space) and the line as it was meant, with a full-width colon."""
    (key, item), = value.items()
    meant = f"{key}：{'' if item is None else item}"
    if not isinstance(item, (str, int, type(None))):
        return f"这里应当是一段文字，现在是 {shown(value)}：“{key}:”后面的半角冒号让 YAML 把它读成了“字段: 值”。请改用全角冒号“：”，或给整段加上引号。"
    return (f"这里应当是一段文字，可是“{key}: ”里的半角冒号加空格让 YAML 把它读成了“字段: 值”。"
            f"请改用全角冒号，写成“{meant}”；确实要半角冒号时，给整段文字加上引号。")


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def _type_name(kind):
    return {"text": "文字", "outline": "正文", "date": "日期", "sector": "行业编号"}.get(kind, kind)


