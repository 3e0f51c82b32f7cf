"""Load templates_data/ into a checked Library, or raise DataError listing every problem."""
import functools
from dataclasses import dataclass, field
from pathlib import Path

from . import budget, coverage, datafiles, edition as editions, outline, safetext, wording, yamlio
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
    snippets: dict
    plans: dict
    content_rules: list = field(default_factory=list)  # content_rules.yml, also exported for readers' drafts
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

    def snippet_body(self, snippet, sector_id):
        """The sector's variant, else its family's, else the shared body."""
        variants = snippet.get("variants") or {}
        return variants.get(sector_id, variants.get(self.sectors[sector_id]["family"], snippet.body))


def load_library(root, content=True):
    """The checked library; `content=False` skips the content rules (the scaffold needs only sound structure).

    Past the run's time budget, the problems found so far and the file it had reached (budget.py).
    """
    problems = Problems()
    try:
        return _load_library(Path(root), content, problems)
    except budget.OverBudget as over:
        problems.add(over.file, None, over.message)
        raise DataError(problems.items) from None


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
           for name in [*REGISTRIES, "formula", "edition", "calendar", "content_rules", "search_synonyms"]}
    festivals = editions.festival_names(raw["calendar"]) if _lunar_ok(raw["calendar"]) else []
    vocabulary = Vocabulary(
        ids={kind: [r.get(key) for r in _records(raw[name])] for name, (kind, key) in REGISTRIES.items()},
        terms=[*(r.get("key") for r in _records(raw["terms"])), *_keys(raw["formula"], "tokens"),
               *_keys(raw["edition"], "hooks"), *festivals],
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
    problems.raise_if_any()  # everything below relies on sound registries
    _resolve_sectors(registries["families"], registries["sectors"], registries["terms"], problems)
    for message in editions.problems(raw["edition"], raw["calendar"]):
        problems.add(_file(root / "edition.yml", root), raw["edition"].line_of("year"), message)
    problems.raise_if_any()

    snippets = _load_entries(root, snippet_paths, _read_snippet, problems)
    vocabulary.ids["snippet"] = list(snippets)
    for snippet in snippets.values():
        budget.at(snippet.file)
        if checker.record(snippet, "snippet", snippet.file):
            checker.value(snippet.body, {"type": "outline"}, snippet.file, snippet.body.line)
    problems.raise_if_any()

    library = Library(root, schema, formula=raw["formula"], edition=raw["edition"], calendar=raw["calendar"],
                      snippets=snippets,
                      search_terms=raw["search_synonyms"],
                      content_rules=raw["content_rules"],
                      plans=_load_entries(root, plan_paths, _read_plan, problems), **registries)
    if not plan_paths:
        problems.add(_file(root / "plans", root), None, "这里还没有范本。范本放在 plans/<行业编号>/<编号>.yml；"
                                                         "可以用 python -m unionplans new plan 生成一个起点文件。")
    for snippet in snippets.values():
        _check_variants(library, snippet, problems)
    for plan in library.plans.values():
        budget.at(plan.file)
        if checker.record(plan, "plan", plan.file):
            _check_plan(library, plan, checker, problems)
    problems.raise_if_any()
    _check_expansion(library, problems)
    problems.raise_if_any()  # the content checks and the pages fill in every reference: keep them bounded
    if content:
        check_content(library, raw["content_rules"], problems)
        check_coverage(library, problems)
    problems.raise_if_any()
    return library


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
    for key in snippet.get("variants") or {}:
        if not any(key in (sid, library.sectors[sid]["family"]) for sid in served):
            problems.add(snippet.file, snippet["variants"].line_of(key),
                         f"变体“{key}”不在本段落的适用行业 sectors 中。请把它加入 sectors，或删去这个变体。")


def _check_plan(library, plan, checker, problems):
    plan_type = library.plan_types[plan["type"]]
    folder = Path(plan.file).parent.name
    if folder != plan["sector"]:  # the folder is what a reviewer sees; the sector is what the site uses
        problems.add(plan.file, plan.line_of("sector"), f"范本放在 plans/<行业编号>/ 下：这篇的行业是“{plan['sector']}”，"
                                                        f"却放在 plans/{folder}/ 里。请把文件移到 plans/{plan['sector']}/。")
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
            problems.add(plan.file, section.line_of("snippet"), coverage.not_for(library, snippet, plan["sector"]))
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
