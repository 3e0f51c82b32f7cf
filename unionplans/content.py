"""Content checks: the defects of 范文 sites (content_rules.yml), repeated paragraphs, plan length and parts.

Rules run on each line after the sector's terms are filled in, so a shared snippet is checked
as every sector will read it, and each finding still names the contributor's file and line.
"""
import difflib
import re

import autocorrect_py

from . import budget, consistency, edition as editions, festivals, measures as measuring, patterns, render, wording, yamlio
from .families import FamilyWords, family_fit
from .scaffold import SAMPLES
from .yamlio import Map, Seq

# autocorrect (a maintained Chinese copywriting linter) for half-width punctuation and full-width digits;
# its spacing rules are off because Chinese official documents put no space around numbers or Latin words.
autocorrect_py.load_config("rules:\n  space-word: 0\n  space-punctuation: 0\n  space-bracket: 0\n"
                           "  space-dash: 0\n  space-backticks: 0\n  spellcheck: 0\n")
BOOK_TITLE = re.compile(r"《[^》\n]*》")
FESTIVAL_RULE = "节日日期写死"  # content_rules.yml's class for a festival tied to a month in prose
WOMEN = re.compile(r"女(?:教)?职工|女工|女性")
# What a reader of “检查自己的计划” has no use for: the library's own names, files and commands.
CONTRIBUTOR_SYNTAX = re.compile(r"\{[^{}\n]*\}|\.ya?ml|yaml|snippet|check", re.IGNORECASE)


def check_content(library, rules, problems, whole=None):
    """Every line of every snippet and plan; the checks of a plan as a whole (length, parts, hooks) only for the
    plans in `whole` (all when None): a plan read in part (salvage.py) would seem to lack the parts left out."""
    rules = [(rule, patterns.compile(rule["pattern"]), set(library.covered(rule.get("sectors", "all")))) for rule in rules]
    rules_file = yamlio.relative(library.root / "content_rules.yml", library.root)
    for rule, pattern, _ in rules:
        if rule.get("example") and not pattern.compiled.search(rule["example"]):
            problems.add(rules_file, rule.line_of("example"), f"规则“{rule['class']}”的 pattern 找不出它自己的 example"
                                                              f"“{rule['example']}”。请改 pattern，或换一句它应当找出的话。")
        _check_advice(library, rule, rules_file, problems)
    seen = set()
    # Formula and hook tokens stay as their names, so typing them out by hand is caught; festivals keep a
    # date mark, so a festival named in a schedule without its date is caught too.
    names = {name: name for name in [*library.terms, *library.formula["tokens"], *library.edition["hooks"], "本单位"]}
    names.update({name: f"{name}{festivals.DATED}" for name in editions.festival_names(library.calendar)})

    def report(file, line, message):
        if (file, line, message) not in seen:
            seen.add((file, line, message))
            problems.add(file, line, message)

    families = {sid: FamilyWords(library, sid) for sid in library.sectors}
    words = {sid: {**names, **(library.sectors[sid]["terms"] if sid else {})} for sid in [None, *library.sectors]}
    too_slow = set()  # rules stopped for running past their time limit (reported once, in content_rules.yml)
    misfits = {}  # (file, line, word) → the sectors it is wrong for, reported once per line
    for file, line, text, sector_id, schedule in _texts(library):
        budget.at(file)
        # Sector terms are filled in; formula tokens stay as their names, so typing the formula is caught.
        filled = wording.fill(text, words[sector_id])
        masked = BOOK_TITLE.sub(lambda m: "书" * len(m.group(0)), filled)  # titles are quoted as published
        # A rule runs on a line only if it applies to the sector and its text holds one of the rule's needles.
        live = [(rule, pattern) for rule, pattern, sectors in rules
                if pattern not in too_slow and (sector_id is None or sector_id in sectors)
                and (pattern.needles is None or pattern.needles.search(masked))]
        for offset, (row, quoted) in enumerate(zip(masked.split("\n"), filled.split("\n"))):
            if sector_id:
                for word in families[sector_id].misfits(quoted):
                    misfits.setdefault((file, line + offset, word), []).append(families[sector_id])
            # A measure's festival gets one message, the festival check's, which names both fixes (token and when).
            dated = list(festivals.problems(row, library)) if schedule else []
            for rule, pattern in live:
                if pattern in too_slow or (dated and rule["class"] == FESTIVAL_RULE):
                    continue
                try:
                    found = patterns.search(pattern, row)
                except patterns.TooSlow as slow:
                    if not slow.rule_at_fault:
                        report(file, line + offset, f"这一行有 {len(row)} 个字符，内容检查在它上面运行超过了时限。"
                                                    "请把它分成几段，删去误粘贴的长串数字或符号。")
                        continue
                    too_slow.add(pattern)
                    report(rules_file, rule.line_of("pattern"),
                           f"规则“{rule['class']}”的 pattern 在{slow.where}运行超过了时限"
                           "（多半是嵌套的重复，如 (a+)+）。请改写成不嵌套重复的写法。")
                    continue
                if found:
                    quote = found.group(0)[-20:]
                    report(file, line + offset, f"【{rule['class']}】“{quote}”：{rule['message']}")
            for message in dated:
                report(file, line + offset, message)
            for sample in SAMPLES.values():
                if sample in row:
                    report(file, line + offset, f"【未改写的起点文字】“{sample}”是 new 命令生成的示范文字。"
                                                "请换成本单位自己的内容。")
            source = text.split("\n")[offset]  # as written, {terms} kept: one message for every sector it serves
            fixed = _fixed_source(source)
            if fixed != source:
                report(file, line + offset, f"【标点和空格】{_changes(source, fixed)}")
    for (file, line, word), sectors in misfits.items():
        report(file, line, FamilyWords.message(word, sectors))
    family_fit(library, report)
    consistency.check(library, report)
    _check_plans(library, report, whole)


def _fixed_source(source):
    """autocorrect's fix for a line as its file has it: each {term} is read as its name, so “{职代会},” is seen
    in Chinese context, and keeps its braces in the fix; book titles are quoted as published and left alone."""
    generic = wording.TERM.sub(lambda m: m.group(1), source)
    masked = BOOK_TITLE.sub(lambda m: "书" * len(m.group(0)), generic)
    fixed = autocorrect_py.format(masked)
    if fixed == masked:
        return source
    opens, closes = set(), set()
    for number, term in enumerate(wording.TERM.finditer(source)):  # where each term's name lies in `generic`
        opens.add(term.start() - 2 * number)
        closes.add(term.end() - 2 * number - 2)
    out = []
    for tag, a, b, c, d in difflib.SequenceMatcher(None, masked, fixed, autojunk=False).get_opcodes():
        out += ([fixed[c:d]] if tag != "equal" else
                [("{" if i in opens else "") + generic[i] + ("}" if i + 1 in closes else "") for i in range(a, b)])
    return "".join(out)


def _changes(old, new):
    """Every correction autocorrect makes on a line, each character named, then the corrected line.

    A fix is only proposed when it passes the check itself; otherwise the characters are named alone.
    """
    parts = []
    for tag, a, b, c, d in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            before = "…" + old[max(0, a - 4):a] if a else ""
            parts.append(f"“{before}{_visible(old[a:b])}”的“{_visible(old[a:b])}”改为“{_visible(new[c:d]) or '（删去）'}”"
                         if before else f"“{_visible(old[a:b])}”改为“{_visible(new[c:d]) or '（删去）'}”")
    kinds = "半角标点改为全角" if re.search(r"[,.:;!?()]", old) else "全角数字或字母改为半角"
    fix = f"改好后是：{new}" if autocorrect_py.format(new) == new else "请逐处修改。"
    return f"中文里用全角标点、半角数字（这一行是{kinds}）。共 {len(parts)} 处：{'；'.join(parts)}。{fix}"


def _visible(text):
    return text.replace("\u3000", "［全角空格］").replace(" ", "［空格］")


def reader_advice(library, rule):
    """A rule's advice as a reader sees it: the formula and the edition's hooks ({政治表述}, {年度主线}) in this
    year's words, so a reader is told what to write, not a name to look up. Other names stay as written."""
    values = {**library.formula["tokens"], **editions.values(library.edition, library.calendar)}
    return wording.TERM.sub(lambda m: values.get(m.group(1), m.group(0)), rule.get("advice") or "")


def _check_advice(library, rule, rules_file, problems):
    """A rule that checks readers' drafts speaks to them in their own words (the page shows `advice`, not `message`)."""
    if rule.get("drafts", True) is False:
        return
    if not rule.get("advice"):
        problems.add(rules_file, rule.line, f"规则“{rule['class']}”也检查读者在“检查自己的计划”里贴进的草稿，缺少 advice："
                                            "写一句读者照着就能改自己文字的话；只管范本库自己写法的规则写 drafts: false。")
        return
    found = CONTRIBUTOR_SYNTAX.search(reader_advice(library, rule))
    if found:
        problems.add(rules_file, rule.line_of("advice"), f"规则“{rule['class']}”的 advice 是给读者看的，里面的“{found.group(0)}”"
                                                         "读者用不上。请写成读者照着就能改的平常中文，不提数据文件、术语和命令"
                                                         "（政治表述和年度提法可以写名称，导出时换成当年的写法）。")


def _texts(library):
    """(file, first line, text, sector) for every text a reader will see, once per sector it serves.

    A snippet's summary describes it for all sectors at once, so it is checked without a sector.
    """
    for snippet in library.snippets.values():
        yield snippet.file, snippet["summary"].line, snippet["summary"], None, False
        for sector_id in library.snippet_sectors(snippet):
            for text in (snippet["title"], library.snippet_body(snippet, sector_id)):
                yield snippet.file, text.line, text, sector_id, False
        for measure in snippet.get("measures") or []:
            for sector_id in library.snippet_sectors(snippet):
                yield snippet.file, measure["do"].line, _dated(measure), sector_id, True
    for plan in library.plans.values():
        measures = [m for s in library.all_sections(plan) for m in s.get("measures") or []]
        dos = {id(m["do"]) for m in measures}
        for text in strings(plan):
            if id(text) not in dos:
                yield plan.file, text.line, text, plan["sector"], False
        for measure in measures:
            yield plan.file, measure["do"].line, _dated(measure), plan["sector"], True


def _dated(measure):
    """A measure's words as the month table prints them: a single month joins the text, so “9月 中秋” is caught
    like prose; the festivals in it must carry the edition's dates, as in the old hand-written schedule."""
    when = measure["when"]
    return (when + "：" if re.fullmatch(r"\d{1,2}月", when) else "") + measure["do"]


def strings(value):
    """Every text a reader sees in a plan (or any part of one), ids and references left out."""
    if isinstance(value, Map):
        for key, item in value.items():
            if key not in ("id", "sector", "type", "snippet", "when", "needs", "profile", "term") and not (
                    key == "measures" and all(isinstance(i, str) for i in item)):  # a goal's measure ids
                yield from strings(item)
    elif isinstance(value, Seq):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def own_texts(plan):
    """Every text the plan writes itself (its own fields and measures), not the snippets it uses."""
    return list(strings(plan))


def own_characters(plan):
    """Chinese characters the plan writes itself: its own fields and measures, not the snippets it uses."""
    own = own_texts(plan)
    about = [plan.get("name") or "", plan.get("summary") or ""]  # they describe the plan in the catalogue, not in it
    return wording.count_han("\n".join(own)) - wording.count_han("\n".join(about))


def _all_titles(items):
    for item in items:
        yield item.title or ""
        yield from _all_titles(item.children)


def _plan_sources(library, plan):
    """The raw texts of a plan and of the snippets it uses, in its sector's version."""
    yield from strings(plan)
    for section in library.all_sections(plan):
        if section.get("snippet"):
            snippet = library.snippets[section["snippet"]]
            yield library.snippet_body(snippet, plan["sector"], plan)
            yield from (m["do"] for m in snippet.get("measures") or [])


def _check_dated_hooks(library, plan, plan_type, used, report):
    """A calendar-year plan keeps each hook that belongs to part of the year (plan_types.yml dated_hooks: the theme
    before the year's congress, its 学习宣传贯彻 after it) in a measure of those months; without a table, in its text."""
    table = "schedule" in plan_type["requires"]
    dated = [(set(library.measure_months(plan, m)), set(wording.TERM.findall(m.do))) for m in library.measures(plan)]
    for hook, quarter in (plan_type.get("dated_hooks") or {}).items():
        months = set(measuring.QUARTERS[quarter])
        placed = any(hook in hooks and months & measure_months for measure_months, hooks in dated)
        if not (placed if table else hook in used):
            where = (f"{min(months)}月至{max(months)}月的措施里（when 写其中的月份）" if table
                     else f"正文里（写明{quarter}）")
            report(plan.file, plan.line_of("sections"),
                   f"【缺少{quarter}的安排】{plan_type['name']}要在{where}写 {{{hook}}}（{library.year}年写作"
                   f"“{library.edition_values[hook]}”）：{library.edition['hooks'][hook]}。"
                   "会议召开前后的提法不同，全年计划两者都要有。")


def _check_plans(library, report, whole):
    for plan in library.plans.values():
        if whole is not None and plan["id"] not in whole:
            continue
        budget.at(plan.file)
        plan_type = library.plan_types[plan["type"]]
        count = render.characters(render.plan_markdown(library, plan))
        if count < plan_type["min_characters"]:
            report(plan.file, plan.line, f"【篇幅不足】{plan_type['name']}至少 {plan_type['min_characters']} 个汉字，"
                                         f"这篇只有 {count} 个。请补充具体措施（谁来做、做什么、多久一次）。")
        if count > plan_type["max_characters"]:
            report(plan.file, plan.line, f"【篇幅过长】{plan_type['name']}最多 {plan_type['max_characters']} 个汉字"
                                         f"（连同引用的段落和月度安排），这篇有 {count} 个，要减去 {count - plan_type['max_characters']} 个。"
                                         "先删重复的和泛泛而谈的句子，再合并同类的措施；工会主席要能照着做完，也要愿意读完。")
        used = set(wording.TERM.findall("\n".join(_plan_sources(library, plan))))
        for hook in plan_type.get("hooks") or []:
            if hook not in used:
                report(plan.file, plan.line, f"【缺少年度提法】{plan_type['name']}要用到版本年度的提法 {{{hook}}}"
                                             f"（{library.year}年写作“{library.edition_values[hook]}”），一般写在指导思想或总体要求里。"
                                             "不要手写年份和提法，换年时它会随 edition.yml 更新。")
        _check_dated_hooks(library, plan, plan_type, used, report)
        own = own_characters(plan)
        if own < plan_type.get("min_own_characters", 0):
            report(plan.file, plan.line, f"【自写文字不足】{plan_type['name']}自己写的文字（不算引用的段落）至少 "
                                         f"{plan_type['min_own_characters']} 个汉字，这篇只有 {own} 个。"
                                         "请把本单位的情况、目标和措施写进计划，段落只作补充。")
        items = render.plan_items(library, plan)  # once: the table is generated from the measures
        if plan_type.get("women_part") and not any(WOMEN.search(t) for t in _all_titles(items)):
            report(plan.file, plan.line_of("sections"), f"【缺少部分】{plan_type['name']}要有女职工工作的一节或一项（标题含“女职工”或“女工”）。"
                                                        "可引用女职工工作分类的段落，或写本单位的安排。")
        titles = [item.title or "" for item in items]
        for part in plan_type["parts"]:
            if not any(part in title for title in titles):
                report(plan.file, plan.line_of("sections"), f"【缺少部分】{plan_type['name']}要有标题含“{part}”的一级部分。"
                                                            f"现有一级标题：{'、'.join(titles)}。")
