"""What the content checks can still read of a partly wrong snippet or plan.

`check` reports a file's structural and content problems in one run: a contributor who fixes an unknown
snippet id should not meet a 中秋节 in the wrong month only on the next CI run. The content checks run on a
copy of each file that keeps only the values that pass their field check: a section that uses an unknown,
unreadable or unfitting snippet is left out, so is a measure with a bad `when`, and a plan is skipped only
when what every check reads (its sector, type, profile, preamble) is wrong. Each left-out value is already
reported by the field check, so nothing is reported twice.
"""
from .yamlio import Map, Seq

SNIPPET_NEEDS = ("id", "title", "sectors", "summary")
PLAN_NEEDS = ("id", "sector", "type", "profile", "preamble")
ITEMS = ("measures", "goals")  # lists whose sound items are kept one by one


def snippet(record, checker):
    """The snippet's sound fields and body, or None when its sectors, title, summary or body is wrong."""
    kept = _fields(record, "snippet", SNIPPET_NEEDS, checker)
    if kept is None or not checker.sound(record.body, {"type": "outline"}):
        return None
    kept.body = record.body
    return kept


def plan(record, checker, library):
    """The plan's sound fields and sections, or None when what every check reads is wrong; `library` holds
    the snippets the content checks read (salvaged too)."""
    kept = _fields(record, "plan", PLAN_NEEDS, checker)
    if kept is None or (library.plan_types[kept["type"]].get("span") == "学期" and not library.term(kept)):
        return None
    kept["sections"] = _sections(record.get("sections"), record, kept, checker, library)
    safeguards = _sections([record.get("safeguards")], record, kept, checker, library)
    if safeguards:
        kept["safeguards"] = safeguards[0]
    return kept


def _sections(sections, parent, plan, checker, library):
    kept = Seq()
    kept.line, kept.item_lines = getattr(sections, "line", None) or parent.line, []
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, dict) or not _usable(section.get("snippet"), plan["sector"], library):
            continue
        part = _fields(section, "section", (), checker)
        if section.get("sections"):
            part["sections"] = _sections(section["sections"], section, plan, checker, library)
        kept.append(part)
        kept.item_lines.append(section.line)
    return kept


def _usable(snippet_id, sector_id, library):
    if snippet_id is None:
        return True
    snippet = library.snippets.get(snippet_id) if isinstance(snippet_id, str) else None
    return snippet is not None and sector_id in library.snippet_sectors(snippet)


def _fields(record, kind, needs, checker):
    """A copy of a record with its sound fields (and the sound items of its measures and goals), its lines kept;
    None when a field in `needs` is missing or wrong. Sections are left to the caller."""
    spec = checker.kinds[kind]["fields"]
    kept = Map()
    kept.line, kept.key_lines, kept.file = record.line, getattr(record, "key_lines", {}), getattr(record, "file", None)
    for name, value in record.items():
        if name not in spec or name in ("sections", "safeguards"):
            continue
        if name in ITEMS and isinstance(value, list):
            item = {"type": spec[name]["type"].removeprefix("list of ")}
            items = Seq(v for v in value if checker.sound(v, item))  # each a record: a Map with its line
            items.line, items.item_lines = getattr(value, "line", None), [v.line for v in items]
            if items:
                kept[name] = items
        elif checker.sound(value, spec[name]):
            kept[name] = value
    return None if any(name not in kept for name in needs) else kept
