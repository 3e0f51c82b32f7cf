"""YAML that remembers where each value came from, so every error can name its line."""
from pathlib import Path

import yaml

from .errors import DataError, Problem

# The C parser is several times faster on a large library; fall back where it is not built.
BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def parse(text, file, first_line=1):
    """Parse YAML text from `file`; raise DataError naming the line on any mistake."""
    loader = _Loader(text)
    loader.first_line = first_line
    try:
        return loader.get_single_data()
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
        problem = getattr(err, "problem", None) or str(err)
        message = (f"YAML 格式错误（{problem}）。请检查这一行和上一行的缩进（只用空格，不用 Tab）、"
                   "冒号后是否有空格、引号和括号是否成对。")
        raise DataError([Problem(str(file), line, message)]) from None
    finally:
        loader.dispose()


def load_file(path, root):
    """Parse a YAML file; errors name it relative to the library root."""
    file = relative(path, root)
    return parse(read_text(path, file), file)


def read_text(path, file):
    """A data file's text, or a DataError (naming it `file`) saying why it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
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
    path, root = Path(path), Path(root)
    try:
        return f"{root.name}/{path.relative_to(root).as_posix()}"
    except ValueError:
        return str(path)
