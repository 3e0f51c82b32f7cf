"""Load templates_data/ into a checked Library, or raise DataError listing every problem."""
import dataclasses
import functools
import gc
from dataclasses import dataclass, field
from pathlib import Path

from . import budget, coverage, datafiles, edition as editions, measures as measuring, outline, safetext, salvage, wording, yamlio
from .errors import suggest
from .content import check_content, own_texts
from .coverage import check_coverage
from .errors import DataError, Problem, Problems
from .schema import Checker, Vocabulary, schema_problems

MAX_DEPTH = 4  # 一、 → （一） → 1. → （1）

# Registry files: kind in schema.yml, file name, and the field that identifies a record.
REGISTRIES = {
    "families": ("family", "id"),
    "sectors": ("sector", "id"),
    "terms": ("term", "key"),
    "placeholders": ("placeholder", "name"),
    "categories": ("category", "id"),
    "plan_types": ("plan-type", "id"),
}
SINGLE_FILES = ["formula", "edition", "calendar", "content_rules", "search_synonyms", "profiles", "frequencies"]


@dataclass(frozen=True)
class Passage:
    """One piece of a plan's text: the section it belongs to, where it is written, and whether the plan wrote it."""
    section: str
    file: str
    line: int
    text: str
    own: bool
    kind: str = "text"  # "goal" or "measure" for those records: a body that restates a measure is a seam


@dataclass
class Library:
    root: Path
    schema: dict
    families: dict
    sectors: dict
    terms: dict
    placeholders: dict
    categories: dict
    plan_types: dict
    formula: dict
    edition: dict
    calendar: dict
    search_terms: dict
    profiles: dict
    frequencies: dict
    snippets: dict
    plans: dict
    content_rules: list = field(default_factory=list)  # content_rules.yml, also exported for readers' drafts
    rendered: dict = field(default_factory=dict)  # plan id → Markdown, filled by render.plan_markdown
    items: dict = field(default_factory=dict)  # plan id → its numbered parts, filled by render.plan_items

    @functools.cached_property
    def search_vocabulary(self):
        """search_synonyms.yml plus one group a sector: readers search 医院工会, 煤矿企业工会."""
        sectors = [{"terms": sorted({f"{s['short']}工会", f"{s['name']}工会"} - {f"{s['short']}工会工会"})}
                   for s in self.sectors.values()]
        return {"synonyms": [*self.search_terms["synonyms"], *sectors], "words": self.search_terms["words"]}

    @property
    def year(self):
        return self.edition["year"]

    def sector_values(self, sector_id):
        """Every {术语} value for one sector: its terms, the political formula, the edition's hooks and dates.

        {本单位} reads 本单位 on a snippet's own page; in a plan it is what the unit calls itself (plan_values)."""
        return {**self.sectors[sector_id]["terms"], **self.formula["tokens"], **self.edition_values, SELF: SELF}

    def plan_values(self, plan):
        """The sector's values, with {本单位} as the plan's profile names the unit (本院, 项目部…) and each
        festival dated in the year the plan meets it."""
        dated = {name: f"{name}（{d.month}月{d.day}日）" for name, d in self.plan_festival_dates(plan).items()}
        own = plan["profile"]["self"]
        as_self = (self.sectors[plan["sector"]].get("self_terms") or {}).get(own) or {}
        term = (self.term(plan) or {}).get("name")  # a term's own wording of the year's hooks (edition.yml spans)
        return {**self.sector_values(plan["sector"]), **editions.span_hooks(self.edition, term), **as_self, **dated,
                SELF: own}

    def plan_festival_dates(self, plan):
        """The edition's festival dates; a term that runs into the next year (the autumn term, 9月 to 1月) meets
        a festival outside its first months in that next year: 春节 of the 2027 autumn term is in January 2028.
        (A special plan that starts in 12月 prepares the edition year's festivals, so its 12月 is the year before.)"""
        span, dates = self.span(plan), dict(self.festival_dates)
        following = editions.festival_dates(self.calendar, self.year + 1)
        if self.term(plan) and span != sorted(span) and following:
            this_year = span[:span.index(min(span))]
            dates = {name: d if d.month in this_year else following.get(name, d) for name, d in dates.items()}
        return dates

    @functools.cached_property
    def edition_values(self):
        return editions.values(self.edition, self.calendar)

    def covered(self, sectors):
        """Sector ids named by a `sectors` value: all, or a list of sector and family ids."""
        if sectors == "all":
            return list(self.sectors)
        return [sid for sid, s in self.sectors.items() if sid in sectors or s["family"] in sectors]

    def describe(self, sectors):
        """A `sectors` value in words: 全部行业, or family and sector names."""
        if sectors == "all":
            return "全部行业"
        return "、".join(f'{self.families[i]["name"]}类' if i in self.families else self.sectors[i]["name"] for i in sectors)

    def snippet_sectors(self, snippet):
        return self.covered(snippet["sectors"])

    @functools.cached_property
    def festival_dates(self):
        return editions.festival_dates(self.calendar, self.year)

    def term(self, plan):
        """The school term a term plan covers (calendar.yml terms), or None."""
        return next((t for t in self.calendar["terms"] if t["name"] == plan.get("term")), None)

    def measures(self, plan):
        """Every measure of a plan in reading order: its sections' own and those of the snippets it uses."""
        found = []
        for section in self.all_sections(plan):
            source = self.snippets.get(section.get("snippet")) or section
            for record in source.get("measures") or []:
                found.append(measuring.Measure(record["id"], record["do"], record["lead"], record["when"],
                                               getattr(source, "file", None) or plan.file, record.line, record))
        return found

    def measure_months(self, plan, measure):
        """The months a measure falls in for this plan ([] for a frequency): a term time in the plan's term,
        or in both terms of a school year."""
        return [month for month, _ in self.measure_days(plan, measure)]

    def measure_days(self, plan, measure):
        """(month, day) for each time the measure falls on, as the table orders them: by the words its row shows
        (a `brief` “下旬召开会员代表大会” sorts late in the month even where the whole measure opens with 上旬)."""
        terms = [self.term(plan)] if self.term(plan) else self.calendar["terms"]
        return measuring.days(measure.when, self.plan_festival_dates(plan), terms, measuring.row_words(measure.data))

    def span(self, plan):
        """The months the plan's table runs through, in reading order: its term, or twelve months from January,
        or for a type without a span (专项计划) from the month the plan `starts` (a 送温暖 plan: 12月)."""
        span = self.plan_types[plan["type"]].get("span")
        if span == "学期":
            return self.term(plan)["months"]
        start = 1 if span == "日历年度" else plan.get("starts", 1)
        return [(start - 1 + n) % 12 + 1 for n in range(12)]

    def schedule(self, plan):
        """The month-by-month table generated from the plan's measures: [(row label, [items])], words filled in;
        None for a type without one (工作要点)."""
        if "schedule" not in self.plan_types[plan["type"]]["requires"]:
            return None
        values = self.plan_values(plan)
        placed = [(self.measure_days(plan, m), m.when, wording.fill(measuring.table_text(m.data, values), values))
                  for m in self.measures(plan)]
        return measuring.table(placed, self.span(plan))

    def top_sections(self, plan):
        """A plan's level-1 sections that may use snippets: its own, then the safeguards."""
        return [*plan["sections"], *([plan["safeguards"]] if plan.get("safeguards") else [])]

    def all_sections(self, plan, sections=None):
        """Every section of a plan at any depth, in reading order."""
        for section in self.top_sections(plan) if sections is None else sections:
            yield section
            yield from self.all_sections(plan, section.get("sections") or [])

    def passages(self, plan):
        """A plan's text section by section, as its reader meets it: (section, file, line, text, own).

        `text` is as written ({术语} unresolved); a snippet's body is its sector's version and names the
        snippet's file and line; each section's measures follow its text. `own` is False for snippets.
        The consistency checks read plans only through this, whatever shape a plan's YAML takes.
        """
        yield Passage("前言", plan.file, plan["preamble"].line, plan["preamble"], True)
        yield from self._section_passages(plan, self.top_sections(plan))
        for field_name in ("closing", "notice"):
            if plan.get(field_name):
                yield Passage(field_name, plan.file, plan[field_name].line, plan[field_name], True)

    def _section_passages(self, plan, sections):
        for section in self.all_sections(plan, sections):
            title = section.get("title") or ""
            snippet = self.snippets.get(section.get("snippet"))
            if snippet:
                body = self.snippet_body(snippet, plan["sector"], plan)
                yield Passage(title or snippet["title"], snippet.file, body.line, body, False)
            elif isinstance(section.get("text"), str):
                yield Passage(title, plan.file, section["text"].line, section["text"], True)
            for goal in section.get("goals") or []:
                yield Passage(title, plan.file, goal["text"].line, goal["text"], True, "goal")
            for record in (snippet or section).get("measures") or []:
                yield Passage(record["when"], snippet.file if snippet else plan.file, record["do"].line, record["do"],
                              not snippet, "measure")

    def snippet_body(self, snippet, sector_id, plan=None):
        """The sector's variant, else one for a value of the plan's profile (筹建, 集团…), else its family's,
        else the shared body."""
        variants = snippet.get("variants") or {}
        keys = [sector_id, *profile_words(plan["profile"] if plan else {}), self.sectors[sector_id]["family"]]
        return next((variants[key] for key in keys if key in variants), snippet.body)


SELF = "本单位"  # the profile's self as a term: shared text never mixes 本所 and 院所


def profile_words(profile):
    """Every value a profile states, in the order variants are looked up."""
    for field in ("union", "level", "congress", "self"):
        if profile.get(field):
            yield profile[field]
    yield from profile.get("staff") or []


def load_library(root, content=True):
    """The checked library; `content=False` skips the content rules (the scaffold needs only sound structure).

    Past the run's time budget, the problems found so far and the file it had reached (budget.py).
    """
    problems = Problems()
    # Loading makes millions of small objects that all live as long as the library and form no cycles: the
    # cycle collector's passes over them would cost a tenth of the run, so it waits until loading is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_library(Path(root), content, problems)
    except budget.OverBudget as over:
        problems.add(over.file, None, over.message)
        raise DataError(problems.items) from None
    finally:
        if collecting:
            gc.enable()


def _load_library(root, content, problems):
    snippet_paths, plan_paths = datafiles.inventory(root, problems)
    for name in datafiles.REGISTRIES:
        if not (root / f"{name}.yml").is_file():
            problems.add(_file(root / f"{name}.yml", root), None,
                         "找不到这个文件。数据目录里应当有它；请从仓库恢复，或检查 --data 指向的目录。")
    problems.raise_if_any()
    schema = _load(root, "schema.yml")
    for line, message in schema_problems(schema):
        problems.add(_file(root / "schema.yml", root), line, message)
    problems.raise_if_any()  # every check below follows the schema
    raw = {name: _load(root, f"{name}.yml")
           for name in [*REGISTRIES, *SINGLE_FILES]}
    festivals = editions.festival_names(raw["calendar"]) if _lunar_ok(raw["calendar"]) else []
    vocabulary = Vocabulary(
        ids={kind: [r.get(key) for r in _records(raw[name])] for name, (kind, key) in REGISTRIES.items()},
        terms=[*(r.get("key") for r in _records(raw["terms"])), *_keys(raw["formula"], "tokens"),
               *_keys(raw["edition"], "hooks"), *festivals, SELF],
        placeholders=[r.get("name") for r in _records(raw["placeholders"])],
        festivals=festivals,
        profile_values=[v for values in (raw["profiles"] or {}).values() if isinstance(values, list) for v in values]
        if isinstance(raw["profiles"], dict) else [],
    )
    checker = Checker(schema, vocabulary, problems)
    registries = {name: _check_registry(raw[name], kind, key, _file(root / f"{name}.yml", root), checker, problems)
                  for name, (kind, key) in REGISTRIES.items()}
    for name in ("formula", "edition", "calendar"):
        checker.record(raw[name], name, _file(root / f"{name}.yml", root))
    checker.value(raw["content_rules"], {"type": "list of content-rule"}, _file(root / "content_rules.yml", root), 1)
    checker.record(raw["search_synonyms"], "search-terms", _file(root / "search_synonyms.yml", root))
    checker.record(raw["profiles"], "profile-values", _file(root / "profiles.yml", root))
    checker.record(raw["frequencies"], "frequencies", _file(root / "frequencies.yml", root))
    problems.raise_if_any()  # everything below relies on sound registries
    _resolve_sectors(registries["families"], registries["sectors"], registries["terms"], problems)
    for message in editions.problems(raw["edition"], raw["calendar"]):
        problems.add(_file(root / "edition.yml", root), raw["edition"].line_of("year"), message)
    problems.raise_if_any()

    snippets = _load_entries(root, snippet_paths, _read_snippet, problems)
    vocabulary.ids["snippet"] = list(snippets)  # an unreadable snippet is still known: no “unknown snippet” for it
    for snippet in snippets.values():
        budget.at(snippet.file)
        checker.record(snippet, "snippet", snippet.file)
        checker.value(snippet.body, {"type": "outline"}, snippet.file, snippet.body.line)
    sound = {i: s for i, s in snippets.items() if not _reported(problems, s.file)}

    library = Library(root, schema, formula=raw["formula"], edition=raw["edition"], calendar=raw["calendar"],
                      snippets=sound,
                      search_terms=raw["search_synonyms"], profiles=raw["profiles"], frequencies=raw["frequencies"],
                      content_rules=raw["content_rules"],
                      plans=_load_entries(root, plan_paths, _read_plan, problems), **registries)
    if not plan_paths:
        problems.add(_file(root / "plans", root), None, "这里还没有范本。范本放在 plans/<行业编号>/<编号>.yml；"
                                                         "可以用 python -m unionplans new plan 生成一个起点文件。")
    for snippet in sound.values():
        _check_variants(library, snippet, problems)
    whole = set()  # plans whose every part passed: only these are read as a whole (length, parts, measures)
    for plan_id, plan in library.plans.items():
        budget.at(plan.file)
        _retired_schedule(plan, problems)
        before = len(problems.items)
        if checker.record(plan, "plan", plan.file):
            _check_plan(library, plan, checker, problems)
            # measures rely on sound sections, snippets and profile
            if len(problems.items) == before and _snippets_sound(library, plan):
                _check_measures(library, plan, problems)
                if len(problems.items) == before:
                    whole.add(plan_id)
    _check_readable(library, snippets, whole, checker, problems, content, complete=len(library.plans) == len(plan_paths))
    problems.raise_if_any()
    return library


def _reported(problems, file):
    return any(p.file == file for p in problems.items)


def _snippets_sound(library, plan):
    """Every snippet the plan uses passed its own check (one that did not is left out of library.snippets)."""
    return all(section["snippet"] in library.snippets for section in library.all_sections(plan) if section.get("snippet"))


def _check_readable(library, snippets, whole, checker, problems, content, complete):
    """The expansion bound and the content checks on everything readable, next to the structural problems
    (salvage.py): a sound file is read as it is, a partly wrong one through the parts that passed their field check."""
    readable = dataclasses.replace(library, snippets={}, plans={}, rendered={})
    for snippet_id, snippet in snippets.items():
        kept = snippet if snippet_id in library.snippets else salvage.snippet(snippet, checker)
        if kept is not None:
            readable.snippets[snippet_id] = kept
    for plan_id, plan in library.plans.items():
        kept = plan if plan_id in whole else salvage.plan(plan, checker, readable)
        if kept is not None:
            readable.plans[plan_id] = kept
    before = len(problems.items)
    _check_expansion(readable, problems)
    if len(problems.items) > before or not content:
        return  # the content checks fill in every reference: only within bounds
    check_content(readable, readable.content_rules, problems, whole)
    # A plan that could not be read would be missing from its sector's count: count only when every plan was read.
    check_coverage(readable, problems, count=complete and len(readable.plans) == len(library.plans))


def _load(root, name):
    return yamlio.load_file(root / name, root)


def _file(path, root):
    return yamlio.relative(path, root)


def _keys(data, field):
    """The names a registry mapping lists under `field`, or none while its shape is wrong (reported by its check)."""
    value = data.get(field) if isinstance(data, dict) else None
    return [key for key in value if isinstance(key, str)] if isinstance(value, dict) else []


def _records(data):
    return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []


def _check_registry(data, kind, key, file, checker, problems):
    if not isinstance(data, list):
        problems.add(file, getattr(data, "line", 1), "这个文件应当是一个列表，每项以“- ”开头。")
        return {}
    result = {}
    for index, record in enumerate(data):
        if checker.record(record, kind, file, data.line_of(index)) and record.get(key) is not None:
            if record[key] in result:
                problems.add(file, record.line, f"“{record[key]}”重复登记了。请删去或改名其中一个。")
            record.file = file
            result[record[key]] = record
    return result


def _lunar_ok(calendar):
    years = calendar.get("lunar_festivals") if isinstance(calendar, dict) else None
    return isinstance(years, list) and all(isinstance(y, dict) and isinstance(y.get("dates"), dict) for y in years)


def _resolve_sectors(families, sectors, terms, problems):
    """Each sector's terms become its family's overlaid with its own, once; nothing later sees families."""
    for family in families.values():
        missing = [key for key in terms if key not in family["terms"]]
        if missing:
            problems.add(family.file, family.line_of("terms"),
                         f"大类“{family['id']}”缺少术语：{'、'.join(missing)}。每个大类都要给出 terms.yml 中的全部术语。")
    for sector in sectors.values():
        resolved = yamlio.Map({**families[sector["family"]]["terms"], **(sector.get("terms") or {})})
        resolved.line, resolved.key_lines = sector.line, {}
        sector["terms"] = resolved


def _load_entries(root, paths, read, problems):
    """Read every snippet or plan file; each id is unique and equals its file name."""
    entries = {}
    for path in paths:
        file = _file(path, root)
        budget.at(file)
        try:
            entry = read(path, file)
        except DataError as error:
            problems.items.extend(error.problems)
            continue
        if not isinstance(entry, dict):
            problems.add(file, 1, "文件内容应当是一组“字段: 值”。请对照数据格式页面或用 new 命令生成的模板。")
            continue
        entry.file = file
        entry_id = entry.get("id")
        if not isinstance(entry_id, str):
            entry_id = file  # the field check reports the id itself
        elif entry_id != path.stem:
            problems.add(file, entry.line_of("id"), f"id“{entry_id}”应当与文件名“{safetext.one_line(path.stem)}”相同。请改 id 或改文件名。")
        if entry_id in entries:
            other = entries[entry_id]
            for here, there in ((file, other.file), (other.file, file)):
                problems.add(here, None, f"id“{entry_id}”在两个文件里都用了：{here} 和 {there}。"
                                         "每篇范本、每个段落的 id 要各不相同：请给新加的那个文件换一个 id（同时改文件名）。")
            continue
        entries[entry_id] = entry
    return entries


def _read_snippet(path, file):
    head, head_line, body, body_line = yamlio.split_front_matter(yamlio.read_text(path, file), file)
    snippet = yamlio.parse(head, file, head_line) or yamlio.Map()
    if isinstance(snippet, dict):
        snippet.body = yamlio.Text(body.strip("\n"))
        snippet.body.line = body_line + len(body) - len(body.lstrip("\n"))
        if not snippet.body.strip():
            snippet.body.line = body_line
        yamlio.check_strings(snippet.body, file)
    return snippet


def _read_plan(path, file):
    return yamlio.parse(yamlio.read_text(path, file), file)


def _check_variants(library, snippet, problems):
    served = library.snippet_sectors(snippet)
    profile_values = {v for values in library.profiles.values() for v in values}
    for key in snippet.get("variants") or {}:
        if key not in profile_values and not any(key in (sid, library.sectors[sid]["family"]) for sid in served):
            problems.add(snippet.file, snippet["variants"].line_of(key),
                         f"变体“{key}”不在本段落的适用行业 sectors 中。请删去这个变体，或把它加入 sectors：加入后这个行业"
                         "读的是变体的正文，标题、说明和措施仍是共用的文字，请按它的说法逐句读一遍。")


def _retired_schedule(plan, problems):
    """A hand-written schedule is what drifted from the body; the table is now generated from the measures."""
    if isinstance(plan, dict) and "schedule" in plan:
        problems.add(plan.file, plan.line_of("schedule"),
                     "月度安排 schedule 不再手写：它由各部分的措施 measures 生成。请把每一项安排移到它所属的部分，"
                     "写成一项措施（id、when 写月份或“春节前”、lead 写谁牵头、do 写做什么），与正文里说同一件事的句子合并，"
                     "然后删去 schedule。写法见 CONTRIBUTING.md 的“措施和工作目标”。")
        del plan["schedule"]


def _check_plan(library, plan, checker, problems):
    plan_type = library.plan_types[plan["type"]]
    folder = Path(plan.file).parent.name
    if folder != plan["sector"]:  # the folder is what a reviewer sees; the sector is what the site uses
        problems.add(plan.file, plan.line_of("sector"), f"范本放在 plans/<行业编号>/ 下：这篇的行业是“{plan['sector']}”，"
                                                        f"却放在 plans/{folder}/ 里。请把文件移到 plans/{plan['sector']}/。")
    if "safeguards" in plan_type["requires"] and "safeguards" not in plan:
        problems.add(plan.file, plan.line, f"{plan_type['name']}必须有保障措施 safeguards。请补上这一部分。")
    _check_profile(library, plan, problems)
    if plan_type.get("span") == "学期" and not library.term(plan):
        names = "、".join(t["name"] for t in library.calendar["terms"])
        problems.add(plan.file, plan.line_of("term") if "term" in plan else plan.line,
                     f"{plan_type['name']}要写明是哪个学期：term: 后写 {names} 之一（见 calendar.yml 的 terms）。")
    if len(plan["sections"]) > outline.MAX_ITEMS - 2:  # the schedule and the safeguards follow
        problems.add(plan.file, plan.line_of("sections"), f"一级部分太多（{len(plan['sections'])} 个）。请合并成不超过 "
                                                          f"{outline.MAX_ITEMS - 2} 个。")
    for section in library.top_sections(plan):
        _check_section(library, plan, section, 1, checker, problems)


def _check_section(library, plan, section, level, checker, problems):
    """A section is a snippet reference or its own title and text; its depth stays within 一、…（1）."""
    if not isinstance(section, dict):
        return
    line = section.line
    snippet_id = section.get("snippet")
    if snippet_id and "text" in section:
        problems.add(plan.file, line, "一部分只能引用段落（snippet）或自己写正文（text），不能两者都有。请分成两部分。")
    if snippet_id and ("measures" in section or "goals" in section):
        problems.add(plan.file, section.line, "引用段落（snippet）的部分不能再写 measures 或 goals。"
                                              "请把它们写在一个带 title 的部分里（段落自己的措施写在段落文件的 measures 里）。")
    if snippet_id and section.get("sections"):
        problems.add(plan.file, section.line_of("sections"), "引用段落（snippet）的部分不能再列下级 sections，它们不会显示。"
                                                             "请把下级内容移到与这个段落并列的位置，或写一个带 title 的部分来统领它们。")
    if len(section.get("sections") or []) > outline.MAX_ITEMS:
        problems.add(plan.file, section.line_of("sections"), f"下级部分超过了 {outline.MAX_ITEMS} 个。请分组。")
    if not snippet_id and not section.get("title") and level <= 2:
        problems.add(plan.file, line, "这一部分缺少标题 title（或引用一个段落 snippet）。")
    if section.get("title"):
        checker.title(section["title"], plan.file, section.line_of("title"))
    depth = 1
    if snippet_id in library.snippets:
        snippet = library.snippets[snippet_id]
        if plan["sector"] not in library.snippet_sectors(snippet):
            problems.add(plan.file, section.line_of("snippet"), coverage.not_for(library, snippet, plan["sector"]))
        else:
            depth = outline.parse(library.snippet_body(snippet, plan["sector"], plan)).depth()
    elif isinstance(section.get("text"), str):
        try:
            depth = outline.parse(section["text"]).depth()
        except outline.OutlineError:
            pass  # already reported by the field check
    source = library.snippets.get(snippet_id) or section
    if (source.get("measures") or section.get("goals")) and (depth > 1 or section.get("sections")):
        _mixed_numbering(library.snippets.get(snippet_id), plan, section, problems)
    if source.get("measures") or section.get("goals"):
        depth = max(depth, 2)  # measures and goals are items one level below the section
    if level + depth - 1 > MAX_DEPTH:
        problems.add(plan.file, line, f"层级太深：这一部分放在第 {level} 级，内容有 {depth} 级，超过了一、（一）1.（1）四级。"
                                      "请减少 # 的层数，或把它放到更高一级。")
    for child in section.get("sections") or []:
        _check_section(library, plan, child, level + 1, checker, problems)


def _mixed_numbering(snippet, plan, section, problems):
    """Goals and measures are numbered with a part's other items, so next to text points (# headings) or sub-parts
    they read as more points of that list (a fifth working group, a fourth step of the congress)."""
    field = "measures" if (snippet or section).get("measures") else "goals"
    where = (snippet.file, snippet.line_of(field)) if snippet else (plan.file, section.line_of(field))
    problems.add(*where, f"【措施和分条正文混排】这一部分的正文分了条（# 小标题）或有下级部分，{'措施' if field == 'measures' else '目标'}"
                         "会和它们连着编号，读起来像又一条要点。请把它们移到一个自己的下级部分（sections: - title: 本年度安排 "
                         f"{field}: …），或把正文的小标题改写成段落。")


def _check_expansion(library, problems):
    """A plan, and a snippet in each of its sectors, stay within budget.MAX_EXPANDED characters once filled in.

    The per-file bounds hold before expansion; a snippet referenced thousands of times, or a long hook used
    on every line, would still multiply into gigabytes in the checks, the pages and the Word files.
    """
    sizes = {}  # (snippet id, sector) → its title and body filled in, in characters

    def snippet_size(snippet, sector_id):
        if (snippet["id"], sector_id) not in sizes:
            values = library.sector_values(sector_id)
            texts = (snippet["title"], library.snippet_body(snippet, sector_id))
            sizes[snippet["id"], sector_id] = sum(wording.filled_length(text, values) for text in texts)
        return sizes[snippet["id"], sector_id]

    for snippet in library.snippets.values():
        budget.at(snippet.file)
        largest = max(library.snippet_sectors(snippet), key=lambda sid: snippet_size(snippet, sid), default=None)
        if largest and snippet_size(snippet, largest) > budget.MAX_EXPANDED:
            problems.add(snippet.file, snippet.body.line,
                         f"这个段落展开后太长：在行业“{largest}”里，术语和提法换成文字后有 {snippet_size(snippet, largest)} 个字，"
                         f"上限是 {budget.MAX_EXPANDED} 个字。请缩短正文，或少用很长的提法。")
    for plan in library.plans.values():
        budget.at(plan.file)
        values = library.sector_values(plan["sector"])
        size = sum(wording.filled_length(text, values) for text in own_texts(plan))
        size += sum(snippet_size(library.snippets[section["snippet"]], plan["sector"])
                    for section in library.all_sections(plan) if section.get("snippet"))
        if size > budget.MAX_EXPANDED:
            problems.add(plan.file, plan.line, f"这篇范本展开后太长：引用的段落、术语和提法换成文字后有 {size} 个字，"
                                               f"上限是 {budget.MAX_EXPANDED} 个字。多半是同一个段落引用了很多次，"
                                               "或很长的提法反复使用：请删去重复的引用，或拆成几篇。")


def _check_profile(library, plan, problems):
    """Each profile value is one profiles.yml allows."""
    profile = plan["profile"]
    for key in library.profiles:
        for value in (profile.get(key) or []) if key == "staff" else [profile.get(key)]:
            if value is not None and value not in library.profiles[key]:
                problems.add(plan.file, profile.line_of(key),
                             f"profile 的 {key}“{value}”没有登记。{suggest(value, library.profiles[key])}"
                             f"可用的值：{'、'.join(library.profiles[key])}；新的值请先登记在 profiles.yml。")


def contradiction(needs, profile):
    """Why `needs` does not fit `profile` (a sentence), or None when it fits."""
    for key, wanted in (needs or {}).items():
        have = profile.get(key)
        if key == "staff" and wanted not in (have or []):
            return f"它写的是{wanted}，本篇 profile 的 staff 里没有{wanted}"
        if key != "staff" and have != wanted:
            return f"它适用于 {key}: {wanted}，本篇 profile 是 {key}: {have or '（未写）'}"
    return None


def _check_measures(library, plan, problems):
    """Measures: unique ids, a when this plan can place, needs that fit its profile; goals that name them."""
    profile, family = plan["profile"], library.sectors[plan["sector"]]["family"]
    for section in library.all_sections(plan):
        snippet = library.snippets.get(section.get("snippet"))
        for key in (snippet or {}).get("needs") or {}:
            _check_need_key(library, snippet.file, snippet["needs"].line_of(key), key, problems)
        why = snippet and contradiction(snippet.get("needs"), profile)
        if why:
            problems.add(plan.file, section.line_of("snippet"),
                         f"段落“{snippet['id']}”不适合本篇：{why}（见 {snippet.file} 的 needs）。"
                         "请换用适合的段落或自己写这一部分；如果是 profile 写错了，请改 profile。")
    plan_type = library.plan_types[plan["type"]]
    if "schedule" in plan_type["requires"] and not library.measures(plan):
        problems.add(plan.file, plan.line_of("sections"), f"{plan_type['name']}要有月度工作安排，它由措施生成，"
                                                          "本篇还没有措施。请在各部分写 measures（id、when、lead、do）。")
    seen = {}
    span = library.span(plan)
    for measure in library.measures(plan):
        where = f"{measure.file}:{measure.line}"
        if outline.typed_number(measure.do):
            problems.add(measure.file, measure.data.line_of("do"), outline.typed_number(measure.do))
        if measure.id in seen:
            problems.add(plan.file if measure.file == plan.file else measure.file, measure.line,
                         f"措施编号“{measure.id}”在本篇里用了两次（另一处在 {seen[measure.id]}）。"
                         "每项措施的 id 在一篇范本里不重复：请改名；如果两处说的是同一件事，请合并成一项。")
        seen.setdefault(measure.id, where)
        kind = measuring.kind(measure.when, library.festival_dates)
        if kind == "term" and family != "education":
            problems.add(measure.file, measure.line, f"措施“{measure.id}”的时间“{measure.when}”按学期排，只用于学校的范本。"
                                                     "请写成月份（如 3月）或频次（如 每季度）。")
        elif library.term(plan):
            outside = [m for m in library.measure_months(plan, measure) if m not in span]
            if outside:
                problems.add(measure.file, measure.line,
                             f"【学期以外的月份】措施“{measure.id}”排在 {'、'.join(f'{m}月' for m in outside)}，"
                             f"不在{plan['term']}（{'、'.join(f'{m}月' for m in span)}）里。请改到本学期的月份，或删去。")
        for key in measure.data.get("needs") or {}:
            _check_need_key(library, measure.file, measure.data["needs"].line_of(key), key, problems)
        why = contradiction(measure.data.get("needs"), profile)
        if why:
            problems.add(measure.file, measure.line, f"措施“{measure.id}”不适合范本“{plan['id']}”：{why}。"
                                                     "请删去这项措施或换用适合的段落；如果是 profile 写错了，请改 profile。")
    by_id = {m.id: m for m in library.measures(plan)}
    for section in library.all_sections(plan):
        for index, goal in enumerate(section.get("goals") or []):
            _check_goal(library, plan, goal, by_id, problems)


def _check_need_key(library, file, line, key, problems):
    if key not in library.profiles:
        problems.add(file, line, f"needs 里的“{key}”不是 profile 的一项。{suggest(key, library.profiles)}"
                                 f"可用：{'、'.join(library.profiles)}。")


def _check_goal(library, plan, goal, by_id, problems):
    """A goal names measures that exist, and a frequency it states is one of theirs."""
    if outline.typed_number(goal["text"]):
        problems.add(plan.file, goal.line_of("text"), outline.typed_number(goal["text"]))
    if not goal.get("measures"):
        problems.add(plan.file, goal.line, f"目标“{_short(goal['text'])}”没有写由哪些措施实现。"
                                           "请加上 measures: [措施编号]（各部分 measures 里的 id）；"
                                           "本篇没有实现它的措施，就补一项措施，或删去这个目标。")
        return
    line = goal.line_of("measures")
    unknown_ids = [i for i in goal["measures"] if i not in by_id]
    for measure_id in unknown_ids:
        problems.add(plan.file, line, f"目标“{_short(goal['text'])}”引用的措施“{measure_id}”在本篇里没有。"
                                      f"{suggest(measure_id, by_id)}措施编号见各部分 measures 的 id。")
    named = [by_id[i] for i in goal["measures"] if i in by_id]
    if unknown_ids or not named:
        return
    # Each measure's own frequency counts, and so do their months together (3月 and 9月 as two measures: 每半年).
    placed = [library.measure_months(plan, m) for m in named]
    have = {measuring.frequency(months, m.when) for m, months in zip(named, placed)}
    have.add(measuring.frequency({month for months in placed for month in months}, None))
    for word in set(measuring.FREQUENCY_WORD.findall(goal["text"])) - have:
        whens = "、".join(f"{m.id}（{m.when}）" for m in named)
        problems.add(plan.file, goal.line_of("text"),
                     f"【频次不一致】目标写“{word}”，实现它的措施是 {whens}，没有一项是{word}。"
                     f"请把目标和措施改成同一个频次：措施的 when 写“{word}”，或改目标的说法。")


def _short(text):
    return text if len(text) <= 20 else text[:20] + "……"
