"""Check results where a contributor on GitHub sees them: annotations on the changed lines, and a job summary.

GitHub reads `::error file=…,line=…::message` lines from a step's output and marks those lines in the
pull request's diff; $GITHUB_STEP_SUMMARY is a Markdown file shown on the run's page.
"""
import html
import os
from pathlib import Path

from . import render
from .errors import log_lines, one_line


def annotations(problems):
    """One workflow command per problem (GITHUB_ACTIONS=true), escaped as GitHub's toolkit escapes them."""
    for problem in problems:
        where = f"file={_property(problem.file)}" + (f",line={problem.line}" if problem.line else "")
        yield f"::error {where},title=范本库数据检查::{_data(problem.message)}"


def summary(problems, passed=None):
    """The job summary in Chinese: every problem with its file and line, or what passed.

    The table is HTML on one line a row: GitHub shows an HTML block as written, so a file name or a message
    can bring no heading, link or table cell of its own, and no line break (a `\\r` counts) can end the block.
    """
    if not problems:
        return f"## 数据检查通过\n\n{_cell(passed)}\n"
    rows = "".join(f"<tr><td><code>{_cell(p.file)}</code></td><td>{p.line or ''}</td><td>{_cell(p.message)}</td></tr>"
                   for p in problems)
    return (f"## 数据检查：{len(problems)} 处需要修改\n\n每一处都在“Files changed”里对应的行上标出。改好后提交，检查会自动重跑。\n\n"
            f"<table><tr><th>文件</th><th>行</th><th>问题和改法</th></tr>{rows}</table>\n")


def report(problems, passed=None, environ=os.environ):
    """Print annotations and write the summary when running in GitHub Actions; nothing otherwise."""
    if environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(problems):
            print(line)  # already one line each: the message and properties are escaped as GitHub's rules say
    if environ.get("GITHUB_STEP_SUMMARY"):
        with open(environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as file:
            file.write(summary(problems, passed))


def _data(text):
    return one_line(text)  # GitHub's escapes for command data, and no legacy `##[` either


def _property(text):
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text):
    return html.escape(" ".join(str(text).replace("\r", "\n").split("\n")))


def preview(library, names, sectors=(), environ=os.environ):
    """The named plans (ids or file paths; a snippet's path brings the plans that use it) as a reader sees
    them, written to the job summary on GitHub and printed otherwise. A sector named in `sectors` (a new one)
    brings every plan of it and every snippet it opens to, each in that sector's words."""
    stems = {Path(name).stem for name in names}
    chosen = [plan for plan in library.plans.values()
              if plan["id"] in stems or plan["sector"] in sectors
              or any(section.get("snippet") in stems for section in library.all_sections(plan))]
    text = "".join(f"# 预览：{render.literal(plan['name'])}\n\n{render.plan_markdown(library, plan)}\n" for plan in chosen)
    for sector_id in (s for s in sectors if s in library.sectors):
        opened = [s for s in library.snippets.values() if sector_id in library.snippet_sectors(s)]
        text += (f"# 预览：{render.literal(library.sectors[sector_id]['name'])}可用的 {len(opened)} 个段落\n\n"
                 + "\n\n".join("\n\n".join(render.render_item(render.snippet_item(library, s, sector_id), 2, 0)) for s in opened) + "\n")
    text = text.replace("\r", " ")  # GitHub's Markdown breaks lines at a \r: one inside a text stays inside it
    if environ.get("GITHUB_STEP_SUMMARY"):
        with open(environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as file:
            file.write(text)
    else:
        print(log_lines(text or "没有找到要预览的范本。"))
