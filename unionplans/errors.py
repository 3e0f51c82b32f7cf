"""Data mistakes as messages a contributor can act on: file, line, what to write instead."""
import difflib
from dataclasses import dataclass

from .safetext import visible


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self):
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


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

    def add(self, file, line, message):
        self.items.append(Problem(str(file), line, message))

    def raise_if_any(self):
        if self.items:
            raise DataError(self.items)


def suggest(name, known):
    """' 是不是“x”？' for the closest known name, or '' when nothing is close."""
    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1, cutoff=0.5)
    return f"是不是“{close[0]}”？" if close else ""


def unknown(kind, name, known):
    """The message for a reference to something not registered: the closest name, then every name there is."""
    hint = suggest(name, known)
    listed = "、".join(str(k) for k in known)
    return f"未知的{kind}{shown(name)}。{hint}可用的有：{listed}。"


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
