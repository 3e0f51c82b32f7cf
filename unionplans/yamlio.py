"""YAML that remembers where each value came from, so every error can name its line.

Contributed files are bounded before they are built into values: size, nesting depth and node
count are capped, anchors and aliases are refused (they let a small file expand without limit),
and only regular files are read. Every decoded string (keys included) is checked once after parsing
(safetext), so an escape such as "\\r" or "\\u061c" is refused like the character itself, with its line.
"""
import re
from pathlib import Path

import yaml

from . import safetext
from .errors import DataError, Problem

# The C parser is several times faster on a large library; fall back where it is not built.
BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_FILE_BYTES = 200_000   # the longest plan is about 15 KB
MAX_DEPTH = 24             # a plan nests sections four deep: about 12 levels of YAML
MAX_NODES = 20_000


class Text(str):
    """A string with the line its content starts on."""
    line = None


class Map(dict):
    """A mapping with its own line and the line of each key."""
    line = None

    def line_of(self, key):
        return self.key_lines.get(key, self.line)


class Seq(list):
    """A list with its own line and the line of each item."""
    line = None

    def line_of(self, index):
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _Loader(BaseLoader):
    first_line = 1  # line of the YAML text within its file (front matter starts after ---)

    def _line(self, node):
        return node.start_mark.line + self.first_line


def _construct_map(loader, node):
    loader.flatten_mapping(node)
    result = Map()
    result.line, result.key_lines = loader._line(node), {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (dict, list)):
            raise _BadKey(loader._line(key_node))
        if key in result:
            raise _Duplicate(loader._line(key_node), key)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = loader._line(key_node)
    return result


def _construct_seq(loader, node):
    result = Seq(loader.construct_object(child, deep=True) for child in node.value)
    result.line = loader._line(node)
    result.item_lines = [loader._line(child) for child in node.value]
    return result


def _construct_str(loader, node):
    result = Text(loader.construct_scalar(node))
    # A block scalar (| or >) starts on the line after its indicator.
    result.line = loader._line(node) + (1 if node.style in ("|", ">") else 0)
    return result


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)


class _BadKey(Exception):
    def __init__(self, line):
        self.line = line


class _Duplicate(Exception):
    def __init__(self, line, key):
        self.line, self.key = line, key


def _bounded(text, file, first_line):
    """Walk the YAML events once (iteratively) and refuse what could exhaust the build."""
    depth, nodes = 0, 0

    def refuse(event, message):
        raise DataError([Problem(str(file), event.start_mark.line + first_line, message)])

    try:
        for event in yaml.parse(text, Loader=BaseLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                refuse(event, "这里用了 YAML 的锚点或别名（& 或 *）。范本库的数据不用它们：请把内容直接写出来。"
                              "如果 & 或 * 是正文的一部分，请给整段文字加上引号。")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    refuse(event, f"嵌套太深（超过 {MAX_DEPTH} 层）。范本最多四级：一、（一）1.（1）。请减少缩进的层数。")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    refuse(event, f"这个文件的条目太多（超过 {MAX_NODES} 项）。请把它拆成几个文件。")
    except yaml.YAMLError:
        return  # the parse below reports it with the line and the likely fix


def parse(text, file, first_line=1):
    """Parse YAML text from `file`; raise DataError naming the line on any mistake."""
    for number, row in enumerate(text.split("\n")):
        if found := safetext.YAML_BREAKS.search(row):  # YAML would count it as a line: name it before lines shift
            raise DataError([Problem(str(file), number + first_line, safetext.message(found.group(0), row, found.start()))])
    _bounded(text, file, first_line)
    loader = _Loader(text)
    loader.first_line = first_line
    try:
        data = loader.get_single_data()
    except yaml.reader.ReaderError as err:  # a raw character YAML itself refuses: name it like any other
        character = chr(err.character) if isinstance(err.character, int) else err.character
        line = text.count("\n", 0, max(text.find(character), 0)) + first_line  # libyaml counts bytes, not characters
        raise DataError([Problem(str(file), line, safetext.message(character))]) from None
    except _Duplicate as dup:
        message = f"键“{dup.key}”出现了两次，后一个会悄悄覆盖前一个。请删去或合并其中一个。"
        raise DataError([Problem(str(file), dup.line, message)]) from None
    except _BadKey as bad:
        message = ("冒号前应当是字段名，这里却是一组花括号或方括号。YAML 把 { } 和 [ ] 当作结构；"
                   "行首的行业术语请给整段文字加上引号，或改写成“字段名: 值”。")
        raise DataError([Problem(str(file), bad.line, message)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + first_line if mark else None
        rows = text.split("\n")
        near = [rows[i] for i in (mark.line - 1, mark.line) if mark and 0 <= i < len(rows)]
        if mark and mark.line < len(rows) and "\t" in rows[mark.line]:
            raise DataError([Problem(str(file), line, "YAML 格式错误：" + _tab_advice(rows, mark.line))]) from None
        raise DataError([Problem(str(file), line, "YAML 格式错误：" + _yaml_advice(err, near))]) from None
    finally:
        loader.dispose()
    check_strings(data, file)
    return data


def check_strings(value, file):
    """Refuse any decoded string in `value` (keys included) that safetext refuses, naming each line."""
    found, stack = [], [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            stack += item
        elif isinstance(item, str):
            found += [Problem(str(file), (getattr(item, "line", None) or 1) + offset, message)
                      for offset, message in safetext.problems(item)]
    if found:
        raise DataError(sorted(set(found), key=lambda p: (p.line, p.message)))


BRACE_VALUE = re.compile(r"^\s*(?:-\s+|[^:#]+:\s+)?[{\[]")


def _yaml_advice(err, near):
    """The YAML parser's complaint as the likely fix, in the contributor's terms."""
    problem = f"{getattr(err, 'context', '') or ''} {getattr(err, 'problem', '') or ''}"
    if "\t" in "".join(near) or "'\\t'" in problem:
        return "这一行或上一行有 Tab。YAML 只认空格：请把 Tab 换成空格，与同一级的行左端对齐。"
    if any(BRACE_VALUE.match(row) for row in near):
        return ("以 { 或 [ 开头的文字会被 YAML 当作结构。请给这一项整段加上引号，如 - '{春节}前完成走访'，"
                "或把开头的词换个位置。")
    if "mapping values are not allowed" in problem and near and near[-1].count(": ") > 1:
        return ("这一行的文字里有半角冒号加空格（“: ”），YAML 把它当成了“字段: 值”。"
                "请改用全角冒号“：”，或给整段文字加上引号，或改用 | 写成多行正文。")
    if "quoted scalar" in problem or "end of stream" in problem:
        return "引号没有成对：这一行或上面某一行以引号开头，却没有结束的引号。请补上结束的引号，或去掉开头的引号。"
    return ("这一行的缩进和上下文对不上（YAML 按缩进判断层级）。请检查这一行和上一行：同一级的字段左端对齐，"
            "下一级多缩进两个空格，列表项以“- ”开头；文字里有半角冒号时请改用全角“：”。")


FIELD = re.compile(r"^(?:- )?[^\s:#\-][^:#]*:(?: |$)")  # “key:” or “- key:”, a line of structure


def _tab_advice(rows, index):
    """A tab as the line itself should read: leading tabs become the spaces of the level the line belongs to, so
    the fix keeps it where it was meant to be; a tab after a colon becomes a space."""
    row = rows[index]
    text = re.sub(r":\t+", ": ", row.lstrip(" \t")).replace("\t", "")
    above = [r for r in rows[:index] if r.strip()]
    prev = above[-1] if above else ""
    indent = _indent(prev)
    if prev.rstrip().endswith((":", "|", ">", "|-", ">-")):
        indent += 2  # the first line inside the field above
    elif FIELD.match(text):  # a field or section: level with the nearest line that starts the same way
        dash = text.startswith("- ")
        indent = next((_indent(r) for r in reversed(above) if FIELD.match(r.strip()) and r.strip().startswith("- ") == dash), 0)
    elif not FIELD.match(prev.strip()):
        pass  # one more line of the text above
    else:
        indent += 2
    return (f"这一行有 Tab。YAML 只认空格，Tab 会打乱层级：请把这一行改成“{' ' * indent}{text}”"
            f"（开头 {indent} 个空格）。")


def _indent(row):
    return len(row) - len(row.lstrip(" "))


def load_file(path, root):
    """Parse a YAML file; errors name it relative to the library root."""
    file = relative(path, root)
    return parse(read_text(path, file), file)


def read_text(path, file):
    """A data file's text, or a DataError (naming it `file`) saying why it cannot be used.

    Only regular files of a bounded size are read; a symbolic link could publish any file of the
    machine that builds the site. Python reads every line end (CRLF, a lone CR) as a line break.
    """
    path = Path(path)
    try:
        if path.is_symlink():
            problem = "这是一个符号链接。数据目录里只能放普通文件：请把链接换成文件本身。"
        elif path.stat().st_size > MAX_FILE_BYTES:
            problem = f"文件太大（超过 {MAX_FILE_BYTES // 1000} KB）。一篇范本或一个段落不会这么长：请检查是否误放了别的文件，或拆成几个文件。"
        else:
            return path.read_text(encoding="utf-8").removeprefix("\ufeff")  # a BOM is harmless: drop it
    except FileNotFoundError:
        problem = "找不到这个文件。数据目录里应当有它；请从仓库恢复，或检查 --data 指向的目录。"
    except UnicodeDecodeError:
        problem = "文件不是 UTF-8 编码。请在编辑器里用 UTF-8 编码另存。"
    raise DataError([Problem(str(file), None, problem)])


def split_front_matter(text, file):
    """Split a Markdown file into (front matter YAML, its first line, body, body's first line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise DataError([Problem(str(file), 1, "段落文件要以一行 --- 开头，接着写 id、title 等字段，再用一行 --- 结束。")])
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2
    raise DataError([Problem(str(file), 1, "找不到结束字段部分的那一行 ---。请在字段之后、正文之前加一行 ---。")])


def relative(path, root):
    """A data file as messages name it, any hidden character in its name written out (it ends up in logs)."""
    path, root = Path(path), Path(root)
    try:
        return safetext.one_line(f"{root.name}/{path.relative_to(root).as_posix()}")
    except ValueError:
        return safetext.one_line(str(path))
