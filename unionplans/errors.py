"""Data mistakes as messages a contributor can act on: file, line, what to write instead."""
import difflib
from dataclasses import dataclass

from .safetext import visible



@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def plain(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"

    def __str__(self):
        return one_line(self.plain())  # on one line a CI runner reads as text, never as a command


class DataError(Exception):
    """One or more problems in the library's data files."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self):
        count = len(self.problems)
        lines = [f"范本库数据有 {count} 处问题：", *(f"  {p}" for p in self.problems)]
        return "\n".join(lines)


class Problems:
    """Collects problems while a library is checked, so a contributor sees them all at once."""

    def __init__(self):
        self.items = []
        self.seen = set()  # a snippet's problem met through each plan that uses it is reported once

    def add(self, file, line, message):
        problem = Problem(str(file), line, message)
        if problem not in self.seen:
            self.seen.add(problem)
            self.items.append(problem)

    def raise_if_any(self):
        if self.items:
            raise DataError(self.items)


def one_line(text):
    """Text as one log line that a CI runner cannot read as a command, whatever a data file put in it.

    GitHub's runner reads `::command::` at the start of any line (a `\\r` starts one too) and the legacy
    `##[command]` anywhere in a line, on stdout and stderr alike. Line breaks are written as GitHub writes
    them in command data (\\r → %0D, \\n → %0A) and the two markers percent-encoded, so a reader still sees
    what was there. A % stays as it is: a line that is no command is shown as written (相似度 53%).
    """
    text = str(text).replace("\r", "%0D").replace("\n", "%0A").replace("##[", "%23%23[")
    stripped = text.lstrip()
    return text[:len(text) - len(stripped)] + "%3A%3A" + stripped[2:] if stripped.startswith("::") else text


def log_lines(text):
    """A multi-line text (a preview, a report) with each of its lines made safe by one_line."""
    return "\n".join(one_line(row) for row in str(text).split("\n"))


MAX_SUGGESTIONS = 5
# Where a contributor finds every registered name of a kind, for a name nothing registered is close to.
REGISTERED_IN = {"行业": "templates_data/sectors.yml", "行业大类": "templates_data/families.yml",
                 "行业或行业大类": "templates_data/sectors.yml 和 families.yml", "分类": "templates_data/categories.yml",
                 "范本类型": "templates_data/plan_types.yml", "段落": "templates_data/snippets/",
                 "行业术语": "网站“参与贡献 → 数据格式”页面的“可用的行业术语”", "占位符": "网站“编写指南 → 占位符一览”"}


def closest(name, known):
    """Up to five known names most like `name`, the closest first."""
    return difflib.get_close_matches(str(name), [str(k) for k in known], n=MAX_SUGGESTIONS, cutoff=0.5)


def suggest(name, known):
    """'是不是“x”？' for the closest known name and the next few, or '' when nothing is close."""
    close = closest(name, known)
    if not close:
        return ""
    others = f"（或者：{'、'.join(f'“{c}”' for c in close[1:])}）" if close[1:] else ""
    return f"是不是“{close[0]}”？{others}"


def unknown(kind, name, known):
    """The message for a reference to something not registered: the closest names, ranked, never all of them."""
    hint = suggest(name, known)
    if hint:
        return f"未知的{kind}{shown(name)}。{hint}"
    if len(known) <= MAX_SUGGESTIONS:
        return f"未知的{kind}{shown(name)}。可用的有：{'、'.join(str(k) for k in known)}。"
    return f"未知的{kind}{shown(name)}，也没有相近的。全部{kind}见 {REGISTERED_IN.get(kind, '网站“参与贡献 → 数据格式”页面')}。"


def shown(value):
    """A value as a contributor wrote it, never as a Python repr (None, True, ['a'])."""
    if value is None or value == "":
        return "空的"
    if isinstance(value, bool):
        return f"“{'true' if value else 'false'}”"
    if isinstance(value, dict):
        return "一组字段"
    if isinstance(value, list):
        return "一个列表"
    text = str(value)
    return f"“{visible(text[:30])}{'……' if len(text) > 30 else ''}”"
