"""Content checks: the defects of 范文 sites (content_rules.yml), repeated paragraphs, plan length and parts.

Rules run on each line after the sector's terms are filled in, so a shared snippet is checked
as every sector will read it, and each finding still names the contributor's file and line.
"""
import re

import autocorrect_py

from . import render, wording
from .yamlio import Map, Seq

# autocorrect (a maintained Chinese copywriting linter) for half-width punctuation and full-width digits;
# its spacing rules are off because Chinese official documents put no space around numbers or Latin words.
autocorrect_py.load_config("rules:\n  space-word: 0\n  space-punctuation: 0\n  space-bracket: 0\n"
                           "  space-dash: 0\n  space-backticks: 0\n  spellcheck: 0\n")
BOOK_TITLE = re.compile(r"《[^》\n]*》")
REPEAT_MIN_HAN = 40  # shorter lines (a heading, a stock phrase) may recur without being copied text


def check_content(library, rules, problems):
    rules = [(rule, re.compile(rule["pattern"])) for rule in rules]
    seen = set()
    names = {name: name for name in [*library.terms, *library.formula["tokens"]]}

    def report(file, line, message):
        if (file, line, message) not in seen:
            seen.add((file, line, message))
            problems.add(file, line, message)

    for file, line, text, sector_id in _texts(library):
        # Sector terms are filled in; formula tokens stay as their names, so typing the formula is caught.
        filled = wording.fill(text, {**names, **(library.sectors[sector_id]["terms"] if sector_id else {})})
        for offset, row in enumerate(filled.split("\n")):
            row = BOOK_TITLE.sub(lambda m: "书" * len(m.group(0)), row)  # titles are quoted as published
            for rule, pattern in rules:
                applies = rule.get("sectors", "all") == "all" or sector_id in rule["sectors"]
                found = applies and pattern.search(row)
                if found:
                    quote = found.group(0)[-20:]
                    report(file, line + offset, f"【{rule['class']}】“{quote}”：{rule['message']}")
            fixed = autocorrect_py.format(row)
            if fixed != row:
                report(file, line + offset, f"【标点和空格】中文里用全角标点、半角数字。请改为：{_changed(row, fixed)}")
    _check_repeats(library, report)
    _check_plans(library, report)


def _changed(old, new):
    """The corrected stretch of a line, with a little context, so the fix is easy to find."""
    start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    return "……" * (start > 6) + new[max(0, start - 6):start + 10] + "……" * (start + 10 < len(new))


def _texts(library):
    """(file, first line, text, sector) for every text a reader will see, once per sector it serves.

    A snippet's summary describes it for all sectors at once, so it is checked without a sector.
    """
    for snippet in library.snippets.values():
        yield snippet.file, snippet["summary"].line, snippet["summary"], None
        for sector_id in library.snippet_sectors(snippet):
            for text in (snippet["title"], library.snippet_body(snippet, sector_id)):
                yield snippet.file, text.line, text, sector_id
    for plan in library.plans.values():
        for text in strings(plan):
            yield plan.file, text.line, text, plan["sector"]
        for entry in plan.get("schedule") or []:
            for item in entry["items"]:  # the month joins the text, so “9月 中秋” is caught like prose
                yield plan.file, item.line, f"{entry['month']}月：{item}", plan["sector"]


def strings(value):
    """Every text a reader sees in a plan (or any part of one), ids and references left out."""
    if isinstance(value, Map):
        for key, item in value.items():
            if key not in ("schedule", "id", "sector", "type", "snippet"):
                yield from strings(item)
    elif isinstance(value, Seq):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def _check_repeats(library, report):
    """A paragraph may appear in one file only; shared text belongs in a snippet."""
    first = {}
    sources = [(s.file, t) for s in library.snippets.values() for t in [s.body, *(s.get("variants") or {}).values()]]
    sources += [(p.file, t) for p in library.plans.values() for t in strings(p)]
    for file, text in sources:
        for offset, row in enumerate(text.split("\n")):
            row = row.strip().lstrip("#- ").strip()
            if wording.count_han(row) < REPEAT_MIN_HAN:
                continue
            where = first.setdefault(row, (file, text.line + offset))
            if where[0] != file:
                report(file, text.line + offset, f"【重复段落】这一段与 {where[0]}:{where[1]} 相同。"
                                                 "共用的文字请写成段落（snippet）再引用，或改写成本篇自己的话。")


def _check_plans(library, report):
    for plan in library.plans.values():
        plan_type = library.plan_types[plan["type"]]
        count = render.characters(render.plan_markdown(library, plan))
        if count < plan_type["min_characters"]:
            report(plan.file, plan.line, f"【篇幅不足】{plan_type['name']}至少 {plan_type['min_characters']} 个汉字，"
                                         f"这篇只有 {count} 个。请补充具体措施（谁来做、做什么、多久一次）。")
        titles = [item.title or "" for item in render.plan_items(library, plan)]
        for part in plan_type["parts"]:
            if not any(part in title for title in titles):
                report(plan.file, plan.line_of("sections"), f"【缺少部分】{plan_type['name']}要有标题含“{part}”的一级部分。"
                                                            f"现有一级标题：{'、'.join(titles)}。")
