"""Load templates_data/ into a checked Library, or raise DataError listing every problem."""
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import datafiles, edition as editions, outline, yamlio
from .content import check_content
from .errors import DataError, Problem, Problems
from .schema import Checker, Vocabulary

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
SINGLE_FILES = ["formula", "edition", "calendar", "content_rules", "search_synonyms", "frequencies"]


@dataclass(frozen=True)
class Passage:
    """One piece of a plan's text: the section it belongs to, where it is written, and whether the plan wrote it."""
    section: str
    file: str
    line: int
    text: str
    own: bool


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
    frequencies: dict
    snippets: dict
    plans: dict
    rendered: dict = field(default_factory=dict)  # plan id → Markdown, filled by render.plan_markdown

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
        """Every {术语} value for one sector: its terms, the political formula, the edition's hooks and dates."""
        return {**self.sectors[sector_id]["terms"], **self.formula["tokens"], **self.edition_values}

    def plan_values(self, plan):
        """The sector's values, with the hooks the edition words differently for the plan's span (a term)."""
        return {**self.sector_values(plan["sector"]), **editions.span_hooks(self.edition, self.span(plan))}

    def span(self, plan):
        """春季学期 or 秋季学期 for a term plan, by the month its schedule starts; None for a calendar-year plan."""
        if plan["type"] != "term":
            return None
        rows = self.schedule(plan)
        return editions.term_span(rows[0][0] if rows else None)

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

    def schedule(self, plan):
        """The plan's schedule as [(month, [items])], festival entries placed by the edition's dates."""
        return editions.schedule(plan.get("schedule") or [], editions.festival_dates(self.calendar, self.year))

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
        snippet's file and line; schedule items come last, each with its month. `own` is False for snippets.
        The consistency checks read plans only through this, whatever shape a plan's YAML takes.
        """
        yield Passage("前言", plan.file, plan["preamble"].line, plan["preamble"], True)
        yield from self._section_passages(plan, plan["sections"])
        for entry in plan.get("schedule") or []:
            for item in entry["items"]:
                yield Passage(f"{entry['month']}月" if isinstance(entry["month"], int) else entry["month"],
                              plan.file, item.line, item, True)
        yield from self._section_passages(plan, [plan["safeguards"]] if plan.get("safeguards") else [])
        for field_name in ("closing", "notice"):
            if plan.get(field_name):
                yield Passage(field_name, plan.file, plan[field_name].line, plan[field_name], True)

    def _section_passages(self, plan, sections):
        for section in self.all_sections(plan, sections):
            title = section.get("title") or ""
            if section.get("snippet") in self.snippets:
                snippet = self.snippets[section["snippet"]]
                body = self.snippet_body(snippet, plan["sector"])
                yield Passage(title or snippet["title"], snippet.file, body.line, body, False)
            elif isinstance(section.get("text"), str):
                yield Passage(title, plan.file, section["text"].line, section["text"], True)

    def snippet_body(self, snippet, sector_id):
        """The sector's variant, else its family's, else the shared body."""
        variants = snippet.get("variants") or {}
        return variants.get(sector_id, variants.get(self.sectors[sector_id]["family"], snippet.body))


def load_library(root, content=True):
    """The checked library; `content=False` skips the content rules (the scaffold needs only sound structure)."""
    root = Path(root)
    problems = Problems()
    snippet_paths, plan_paths = datafiles.inventory(root, problems)
    for name in datafiles.REGISTRIES:
        if not (root / f"{name}.yml").is_file():
            problems.add(_file(root / f"{name}.yml", root), None,
                         "找不到这个文件。数据目录里应当有它；请从仓库恢复，或检查 --data 指向的目录。")
    problems.raise_if_any()
    schema = _load(root, "schema.yml")
    if not isinstance(schema, dict) or not isinstance(schema.get("kinds"), dict):
        raise DataError([Problem(_file(root / "schema.yml", root), 1, "schema.yml 应当以 kinds: 开头，列出每种数据文件的字段。"
                                                                          "请从仓库恢复这个文件。")])
    raw = {name: _load(root, f"{name}.yml")
           for name in [*REGISTRIES, *SINGLE_FILES]}
    festivals = editions.festival_names(raw["calendar"]) if _lunar_ok(raw["calendar"]) else []
    vocabulary = Vocabulary(
        ids={kind: [r.get(key) for r in _records(raw[name])] for name, (kind, key) in REGISTRIES.items()},
        terms=[*(r.get("key") for r in _records(raw["terms"])), *((raw["formula"] or {}).get("tokens") or {}),
               *(((raw["edition"] or {}).get("hooks") or {}) if isinstance(raw["edition"], dict) else {}), *festivals],
        placeholders=[r.get("name") for r in _records(raw["placeholders"])],
        festivals=festivals,
    )
    checker = Checker(schema, vocabulary, problems)
    registries = {name: _check_registry(raw[name], kind, key, _file(root / f"{name}.yml", root), checker, problems)
                  for name, (kind, key) in REGISTRIES.items()}
    for name in ("formula", "edition", "calendar"):
        checker.record(raw[name], name, _file(root / f"{name}.yml", root))
    checker.value(raw["content_rules"], {"type": "list of content-rule"}, _file(root / "content_rules.yml", root), 1)
    checker.record(raw["search_synonyms"], "search-terms", _file(root / "search_synonyms.yml", root))
    checker.record(raw["frequencies"], "frequencies", _file(root / "frequencies.yml", root))
    problems.raise_if_any()  # everything below relies on sound registries
    _resolve_sectors(registries["families"], registries["sectors"], registries["terms"], problems)
    for message in editions.problems(raw["edition"], raw["calendar"]):
        problems.add(_file(root / "edition.yml", root), raw["edition"].line_of("year"), message)
    problems.raise_if_any()

    snippets = _load_entries(root, snippet_paths, _read_snippet, problems)
    vocabulary.ids["snippet"] = list(snippets)
    for snippet in snippets.values():
        if checker.record(snippet, "snippet", snippet.file):
            checker.value(snippet.body, {"type": "outline"}, snippet.file, snippet.body.line)
    problems.raise_if_any()

    library = Library(root, schema, formula=raw["formula"], edition=raw["edition"], calendar=raw["calendar"],
                      snippets=snippets,
                      search_terms=raw["search_synonyms"], frequencies=raw["frequencies"],
                      plans=_load_entries(root, plan_paths, _read_plan, problems), **registries)
    if not plan_paths:
        problems.add(_file(root / "plans", root), None, "这里还没有范本。范本放在 plans/<行业编号>/<编号>.yml；"
                                                         "可以用 python -m unionplans new plan 生成一个起点文件。")
    for snippet in snippets.values():
        _check_variants(library, snippet, problems)
    for plan in library.plans.values():
        if checker.record(plan, "plan", plan.file):
            _check_plan(library, plan, checker, problems)
    problems.raise_if_any()
    if content:
        check_content(library, raw["content_rules"], problems)
    problems.raise_if_any()
    return library


def _load(root, name):
    return yamlio.load_file(root / name, root)


def _file(path, root):
    return yamlio.relative(path, root)


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
            problems.add(file, entry.line_of("id"), f"id“{entry_id}”应当与文件名“{path.stem}”相同。请改 id 或改文件名。")
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
    return snippet


def _read_plan(path, file):
    return yamlio.parse(yamlio.read_text(path, file), file)


def _check_variants(library, snippet, problems):
    served = library.snippet_sectors(snippet)
    for key in snippet.get("variants") or {}:
        if not any(key in (sid, library.sectors[sid]["family"]) for sid in served):
            problems.add(snippet.file, snippet["variants"].line_of(key),
                         f"变体“{key}”不在本段落的适用行业 sectors 中。请把它加入 sectors，或删去这个变体。")


def _check_plan(library, plan, checker, problems):
    plan_type = library.plan_types[plan["type"]]
    for part, label in (("schedule", "月度工作安排 schedule"), ("safeguards", "保障措施 safeguards")):
        if part in plan_type["requires"] and part not in plan:
            problems.add(plan.file, plan.line, f"{plan_type['name']}必须有{label}。请补上这一部分。")
    for entry in plan.get("schedule") or []:
        for index, item in enumerate(entry.get("items") or [] if isinstance(entry, dict) else []):
            if isinstance(item, str) and outline.typed_number(item):
                problems.add(plan.file, entry["items"].line_of(index), outline.typed_number(item))
    months = [entry.get("month") for entry in plan.get("schedule") or [] if isinstance(entry, dict)]
    for month in {m for m in months if months.count(m) > 1}:
        problems.add(plan.file, plan.line_of("schedule"), f"月度安排里 {month} 月出现了不止一次。请把同一个月的安排合在一起。")
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
            problems.add(plan.file, section.line_of("snippet"),
                         f"段落“{snippet_id}”不适用于行业“{plan['sector']}”（见 {snippet.file} 的 sectors）。"
                         "请换用适用的段落，或在该段落的 sectors 中加入这个行业并检查措辞。")
        else:
            depth = outline.parse(library.snippet_body(snippet, plan["sector"])).depth()
    elif isinstance(section.get("text"), str):
        try:
            depth = outline.parse(section["text"]).depth()
        except outline.OutlineError:
            pass  # already reported by the field check
    if level + depth - 1 > MAX_DEPTH:
        problems.add(plan.file, line, f"层级太深：这一部分放在第 {level} 级，内容有 {depth} 级，超过了一、（一）1.（1）四级。"
                                      "请减少 # 的层数，或把它放到更高一级。")
    for child in section.get("sections") or []:
        _check_section(library, plan, child, level + 1, checker, problems)
