"""Load templates_data/ into a checked Library, or raise DataError listing every problem."""
from dataclasses import dataclass, field
from pathlib import Path

from . import outline, yamlio
from .content import check_content
from .errors import DataError, Problems
from .schema import Checker, Vocabulary

MAX_DEPTH = 4  # 一、 → （一） → 1. → （1）

# Registry files: kind in schema.yml, file name, and the field that identifies a record.
REGISTRIES = {
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
    sectors: dict
    terms: dict
    placeholders: dict
    categories: dict
    plan_types: dict
    formula: dict
    calendar: dict
    search_terms: dict
    snippets: dict
    plans: dict
    rendered: dict = field(default_factory=dict)  # plan id → Markdown, filled by render.plan_markdown

    def sector_values(self, sector_id):
        """Every {术语} value for one sector, the political formula included."""
        return {**self.sectors[sector_id]["terms"], **self.formula["tokens"]}

    def snippet_sectors(self, snippet):
        return list(self.sectors) if snippet["sectors"] == "all" else list(snippet["sectors"])

    def top_sections(self, plan):
        """A plan's level-1 sections that may use snippets: its own, then the safeguards."""
        return [*plan["sections"], *([plan["safeguards"]] if plan.get("safeguards") else [])]

    def snippet_body(self, snippet, sector_id):
        return (snippet.get("variants") or {}).get(sector_id, snippet.body)


def load_library(root):
    root = Path(root)
    schema = _load(root, "schema.yml")
    raw = {name: _load(root, f"{name}.yml") for name in [*REGISTRIES, "formula", "calendar", "content_rules", "search_synonyms"]}
    problems = Problems()
    vocabulary = Vocabulary(
        ids={kind: [r.get(key) for r in _records(raw[name])] for name, (kind, key) in REGISTRIES.items()},
        terms=[*(r.get("key") for r in _records(raw["terms"])), *((raw["formula"] or {}).get("tokens") or {})],
        placeholders=[r.get("name") for r in _records(raw["placeholders"])],
    )
    checker = Checker(schema, vocabulary, problems)
    registries = {name: _check_registry(raw[name], kind, key, _file(root / f"{name}.yml", root), checker, problems)
                  for name, (kind, key) in REGISTRIES.items()}
    for name in ("formula", "calendar"):
        checker.record(raw[name], name, _file(root / f"{name}.yml", root))
    checker.value(raw["content_rules"], {"type": "list of content-rule"}, _file(root / "content_rules.yml", root), 1)
    checker.record(raw["search_synonyms"], "search-terms", _file(root / "search_synonyms.yml", root))
    _check_sector_terms(registries["sectors"], registries["terms"], problems)
    problems.raise_if_any()  # everything below relies on sound registries

    snippets = _load_entries(root, "snippets", "*.md", _read_snippet, problems)
    vocabulary.ids["snippet"] = list(snippets)
    for snippet in snippets.values():
        if checker.record(snippet, "snippet", snippet.file):
            checker.value(snippet.body, {"type": "outline"}, snippet.file, snippet.body.line)
            _check_variants(snippet, problems)
    problems.raise_if_any()

    library = Library(root, schema, formula=raw["formula"], calendar=raw["calendar"], snippets=snippets,
                      search_terms=raw["search_synonyms"],
                      plans=_load_entries(root, "plans", "*.yml", _read_plan, problems), **registries)
    for plan in library.plans.values():
        if checker.record(plan, "plan", plan.file):
            _check_plan(library, plan, checker, problems)
    problems.raise_if_any()
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


def _check_sector_terms(sectors, terms, problems):
    for sector in sectors.values():
        missing = [key for key in terms if key not in (sector.get("terms") or {})]
        if missing:
            problems.add(sector.file, sector.line_of("terms"),
                         f"行业“{sector['id']}”缺少术语：{'、'.join(missing)}。每个行业都要给出 terms.yml 中的全部术语。")


def _load_entries(root, folder, pattern, read, problems):
    """Read every snippet or plan file; each id is unique and equals its file name."""
    entries = {}
    for path in sorted((root / folder).rglob(pattern)):
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
        if isinstance(entry_id, str) and entry_id != path.stem:
            problems.add(file, entry.line_of("id"), f"id“{entry_id}”应当与文件名“{path.stem}”相同。请改 id 或改文件名。")
        if entry_id in entries:
            problems.add(file, entry.line_of("id"), f"id“{entry_id}”已被 {entries[entry_id].file} 使用。请换一个 id。")
            continue
        entries[entry_id if isinstance(entry_id, str) else file] = entry
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


def _check_variants(snippet, problems):
    if snippet.get("sectors") == "all":
        return
    for sector in snippet.get("variants") or {}:
        if sector not in snippet["sectors"]:
            problems.add(snippet.file, snippet["variants"].line_of(sector),
                         f"变体“{sector}”不在本段落的适用行业 sectors 中。请把它加入 sectors，或删去这个变体。")


def _check_plan(library, plan, checker, problems):
    plan_type = library.plan_types[plan["type"]]
    for part, label in (("schedule", "月度工作安排 schedule"), ("safeguards", "保障措施 safeguards")):
        if part in plan_type["requires"] and part not in plan:
            problems.add(plan.file, plan.line, f"{plan_type['name']}必须有{label}。请补上这一部分。")
    months = [entry.get("month") for entry in plan.get("schedule") or [] if isinstance(entry, dict)]
    for month in {m for m in months if months.count(m) > 1}:
        problems.add(plan.file, plan.line_of("schedule"), f"月度安排里 {month} 月出现了不止一次。请把同一个月的安排合在一起。")
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
