"""Outline text: paragraphs, '# 标题' for child items and '- ' for untitled items.

Contributors never type numbering; the structure written here is numbered on rendering.
"""
import functools
import re
from dataclasses import dataclass, field

HEADING = re.compile(r"^(#{1,4})\s*(.*)$")  # on a stripped line; a lazy (.*?)\s*$ is quadratic in inner spaces
ITEM = re.compile(r"^[-*]\s+(.*)$")
MAX_ITEMS = 99  # 一 to 九十九 at one level; a plan with more items at one level needs restructuring
FRONT_MATTER = re.compile(r"^-{3,}$")
# Hand-typed numbering at the start of a line: 一、 （一） 1. 1、 （1）
TYPED_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.．、](?!\d))")


def typed_number(text):
    """The message for numbering typed at the start of a title, heading, item or paragraph; None if there is none."""
    found = TYPED_NUMBER.match(text)
    if found:
        return (f"不要手写序号（“{found.group(0).strip()}”）：序号按层级自动生成（一、→（一）→1.→（1））。"
                "请删去序号；下级条目用 # 标题 或 “- ” 写。")
    return None


@dataclass
class Node:
    title: str | None = None
    paragraphs: list = field(default_factory=list)
    children: list = field(default_factory=list)
    line: int | None = None  # offset of the node's line within the text, 0 for the root

    def depth(self):
        """Levels below this node, counting the node itself as 1."""
        return 1 + max((child.depth() for child in self.children), default=0)


class OutlineError(ValueError):
    def __init__(self, offset, message):
        super().__init__(message)
        self.offset = offset


@functools.lru_cache(maxsize=1024)
def parse(text):
    """Parse outline text into a root Node; raise OutlineError(offset, message) on a structural mistake.

    A snippet's text is parsed by the checks, its page, every plan that uses it and the composer: the tree
    is kept and shared, so callers read it and never change it.
    """
    root = Node(line=0)
    stack = [(0, root)]  # (heading level, node); the current text goes to the last node
    current, buffer = root, []

    def flush():
        if buffer:
            current.paragraphs.append("".join(buffer))
            buffer.clear()

    for offset, raw in enumerate(text.split("\n")):
        line = raw.strip()
        heading, item = HEADING.match(line), ITEM.match(line)
        if len(stack[-1][1].children) >= MAX_ITEMS and (heading or item):
            raise OutlineError(offset, f"同一级的条目超过了 {MAX_ITEMS} 条。请把它们分组，用 # 小标题 分成几部分。")
        if FRONT_MATTER.match(line):
            raise OutlineError(offset, "正文里的 --- 会被当作又一段字段或分隔线。段落文件只在开头有一对 ---；"
                                       "请删去这一行（需要分段时空一行即可）。")
        if not line:
            flush()
        elif heading:
            flush()
            level, title = len(heading.group(1)), heading.group(2)
            if not title:
                raise OutlineError(offset, "这一行只有 #，缺少标题。请在 # 后写上标题，或删去这一行。")
            if typed_number(title):
                raise OutlineError(offset, typed_number(title))
            while stack[-1][0] >= level:
                stack.pop()
            if stack[-1][0] != level - 1:
                raise OutlineError(offset, f"标题跳级了：这里用了 {'#' * level}，但上面没有 {'#' * (level - 1)} 标题。"
                                           f"请改用 {'#' * (stack[-1][0] + 1)}。")
            current = Node(title=title, line=offset)
            stack[-1][1].children.append(current)
            stack.append((level, current))
        else:
            if typed_number(item.group(1) if item else line):
                raise OutlineError(offset, typed_number(item.group(1) if item else line))
            if item:
                flush()
                current = Node(line=offset)
                stack[-1][1].children.append(current)
                line = item.group(1)
            buffer.append(line)
    flush()
    return root
