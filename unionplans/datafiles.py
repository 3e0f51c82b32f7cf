"""Which files under templates_data/ the library reads; every other file there is reported, never skipped.

A file the loader silently passed over (plan.yaml, 段落.MD, a folder named snippet/) would be content
a contributor believes is published; a symbolic link could publish a file from outside the repository.
"""
import os
from pathlib import Path

from .errors import Problems
from .safetext import one_line

REGISTRIES = ("schema", "families", "sectors", "terms", "placeholders", "categories", "plan_types", "formula",
              "edition", "calendar", "content_rules", "search_synonyms", "profiles", "frequencies")


def inventory(root, problems: Problems):
    """(snippet paths, plan paths) in a stable order; anything else under `root` becomes a problem."""
    root = Path(root)
    snippets, plans = [], []
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                problems.add(_named(here / name, root), None, "这是一个指向别处的符号链接目录。数据目录里只能放普通文件和目录：请换成目录本身。")
                dirs.remove(name)
        dirs.sort()
        for name in sorted(files):
            path = here / name
            kind = _kind(path.relative_to(root))
            if path.is_symlink():
                problems.add(_named(path, root), None, "这是一个符号链接。数据目录里只能放普通文件：请把链接换成文件本身。")
            elif kind == "snippet":
                snippets.append(path)
            elif kind == "plan":
                plans.append(path)
            elif kind != "registry":
                problems.add(_named(path, root), None, _where_instead(path.relative_to(root)))
    return snippets, plans


def _kind(relative):
    parts = relative.parts
    if len(parts) == 1 and relative.suffix == ".yml" and relative.stem in REGISTRIES:
        return "registry"
    if len(parts) == 2 and parts[0] == "snippets" and relative.suffix == ".md":
        return "snippet"
    if len(parts) == 3 and parts[0] == "plans" and relative.suffix == ".yml":
        return "plan"
    return None


def _where_instead(relative):
    """What to do with a file the library does not read."""
    name = relative.name
    if relative.suffix.lower() in (".yaml", ".yml") or name.lower().endswith(".yml.txt"):
        return ("范本库不读这个文件。范本放在 plans/<行业编号>/<编号>.yml（扩展名是小写 .yml），"
                "登记表是 templates_data/ 下的 " + "、".join(f"{r}.yml" for r in REGISTRIES) + "。请改名或移动，否则它不会出现在网站上。")
    if relative.suffix.lower() == ".md" or name.lower().endswith(".md.txt"):
        return "范本库不读这个文件。段落放在 snippets/<编号>.md（扩展名是小写 .md）。请改名或移动，否则它不会出现在网站上。"
    return "范本库不读这个文件，它不会出现在网站上。数据目录里只放登记表（*.yml）、snippets/*.md 和 plans/<行业编号>/*.yml：请删去或移走它。"


def _named(path, root):
    """A path as messages name it; a hidden character in a file name (a line break, U+202E) is written out."""
    return one_line(f"{Path(root).name}/{Path(path).relative_to(root).as_posix()}")


def links_in(folder):
    """Symbolic links anywhere under `folder` (MkDocs would publish what they point to)."""
    found = []
    for here, dirs, files in os.walk(folder):
        found += [Path(here) / name for name in [*dirs, *files] if (Path(here) / name).is_symlink()]
    return sorted(found)
