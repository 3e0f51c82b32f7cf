"""Plans and snippets as Markdown, numbered by the official hierarchy 一、→（一）→1.→（1）."""
import html
import re
from dataclasses import dataclass, field

from . import measures, outline, safetext, wording

CHINESE_DIGITS = "零一二三四五六七八九"
# Characters Markdown would act on; contributed text is plain text, so they are shown literally.
MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]#|~])")
# A line that starts like block syntax (!!! note, === "tab", + item, ---, : definition, 1) item) would
# become an admonition, tabs, a list, a rule or a setext heading: its first character is written as an entity.
BLOCK_START = re.compile(r"^[ ]*([!=+\-:]|\d(?=\d*[.)]\s))", re.MULTILINE)
TAG = re.compile(r"<[^>]+>")


def chinese_number(n):
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (the loader keeps every level under a hundred items)."""
    if n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return head + (CHINESE_DIGITS[ones] if ones or not tens else "")


def number(level, n):
    return {1: f"{chinese_number(n)}、", 2: f"（{chinese_number(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]


def literal(text):
    """Contributed text as Markdown that shows exactly these characters: no markup, no block syntax on any line."""
    escaped = html.escape(MARKDOWN_ACTIVE.sub(r"\\\1", safetext.strip(text)))
    return BLOCK_START.sub(lambda m: f"&#{ord(m.group(1))};", escaped)


def plain(text):
    """Contributed text made inert for Markdown and HTML: it renders exactly as written.

    Placeholders become spans the reader's fill-in panel can find; every placeholder has been
    checked against the registry by then, so only registered names reach the attribute.
    """
    return wording.PLACEHOLDER.sub(r'<span class="ph" data-ph="\1">【\1】</span>', literal(text))


def characters(markdown):
    """Chinese characters a reader sees in rendered Markdown (markup and attributes excluded)."""
    return wording.count_han(TAG.sub("", markdown))


@dataclass
class Item:
    """One numbered part of a document: a title, paragraphs, children, or a schedule table."""
    title: str | None = None
    paragraphs: list = field(default_factory=list)
    children: list = field(default_factory=list)
    table: list | None = None  # [(month label, [items])]


def from_outline(node, title=None):
    return Item(title=title or node.title, paragraphs=list(node.paragraphs),
                children=[from_outline(child) for child in node.children])


def snippet_item(library, snippet, sector_id, title=None, plan=None):
    """A snippet in the sector's words; in a plan, in the variant its profile picks, with {本单位} as the plan says."""
    values = library.plan_values(plan) if plan else library.sector_values(sector_id)
    body = outline.parse(wording.fill(library.snippet_body(snippet, sector_id, plan), values))
    item = from_outline(body, wording.fill(title or snippet["title"], values))
    item.children += measure_items(snippet, values, month_labels(library, plan))
    return item


def month_labels(library, plan):
    """The table's row labels for the plan's months (次年1月 in an autumn term), so the body says the same."""
    return measures.month_labels(library.span(plan)) if plan else None


def measure_items(source, values, labels=None):
    """A section's (or snippet's) measures as its numbered items: 由工会主席牵头，3月召开……。"""
    return [Item(paragraphs=[wording.fill(measures.sentence(m, values, labels), values)])
            for m in source.get("measures") or []]


def section_item(library, section, plan):
    values = library.plan_values(plan)
    if section.get("snippet"):
        return snippet_item(library, library.snippets[section["snippet"]], plan["sector"], section.get("title"), plan)
    item = from_outline(outline.parse(wording.fill(section.get("text") or "", values)),
                        wording.fill(section["title"], values) if section.get("title") else None)
    item.children += [Item(paragraphs=[wording.fill(goal["text"], values)]) for goal in section.get("goals") or []]
    item.children += [section_item(library, child, plan) for child in section.get("sections") or []]
    item.children += measure_items(section, values, month_labels(library, plan))  # the commitments close their part
    return item


def plan_items(library, plan):
    """The plan's level-1 parts in order: its sections, the month table generated from its measures, the safeguards.
    Built once per build (the checks, the page, the Word file and the composer read them; none changes them)."""
    if plan["id"] not in library.items:
        library.items[plan["id"]] = _plan_items(library, plan)
    return library.items[plan["id"]]


def _plan_items(library, plan):
    items = [section_item(library, section, plan) for section in plan["sections"]]
    rows = library.schedule(plan)
    if rows:
        items.append(Item(title=plan.get("schedule_title") or "月度工作安排", table=rows))
    if plan.get("safeguards"):
        items.append(section_item(library, plan["safeguards"], plan))
    return items


def plan_markdown(library, plan):
    """The plan as Markdown, rendered once per build: the checks, the pages and the Word file share it."""
    if plan["id"] not in library.rendered:
        library.rendered[plan["id"]] = _plan_markdown(library, plan)
    return library.rendered[plan["id"]]


@dataclass
class Block:
    """One piece of a laid-out document: a title, heading, paragraph, table or signature."""
    kind: str
    content: object  # text; [(month, [items])] for a table; [lines] for a signature
    level: int = 0   # heading level, 1 to 3


def plan_blocks(library, plan):
    """The whole plan in reading order, laid out once for both the page and the Word file."""
    values = library.plan_values(plan)
    yield Block("title", wording.fill(plan["title"], values))
    for text in outline.parse(wording.fill(plan["preamble"], values)).paragraphs:
        yield Block("paragraph", text)
    for n, item in enumerate(plan_items(library, plan), start=1):
        yield from layout(item, 1, n)
    if plan.get("closing"):
        for text in outline.parse(wording.fill(plan["closing"], values)).paragraphs:
            yield Block("paragraph", text)
    yield Block("signature", ["【工会名称】", "【日期】"])


def notice_blocks(library, plan):
    """The covering 通知 that issues a 工作要点: 关于印发《…》的通知, the addressees, the text, the 落款."""
    values = library.plan_values(plan)
    yield Block("title", f"关于印发《{wording.fill(plan['title'], values)}》的通知")
    paragraphs = outline.parse(wording.fill(plan["notice"], values)).paragraphs
    for n, text in enumerate(paragraphs):
        # 主送机关（各基层工会：）stands flush left on the first line, as GB/T 9704 sets it.
        yield Block("addressee" if n == 0 and text.endswith("：") else "paragraph", text)
    yield Block("signature", ["【工会名称】", "【日期】"])


def layout(item, level, n, run_in=False):
    """Blocks for one item: levels 1–2 are headings, levels 3–4 run into their text (n=0: no number). A level-3
    title with no text of its own is a heading line, unless a sibling runs in (`run_in`): one list, one form."""
    label = number(level, n) if n else ""
    texts = list(item.paragraphs)
    if item.title and (level <= 2 or (level == 3 and not texts and not run_in)):
        yield Block("heading", label + item.title, level)
    elif item.title:
        head = label + item.title
        texts = [f"{head}。{texts[0]}" if texts else head + ("。" if run_in else ""), *texts[1:]]
    elif texts:
        texts[0] = label + texts[0]
    for text in texts:
        yield Block("paragraph", text)
    if item.table is not None:
        yield Block("table", item.table)
    lone = len(item.children) == 1 and not item.children[0].title  # a list of one (one measure) takes no number
    siblings_run_in = any(child.title and child.paragraphs for child in item.children)
    for child_n, child in enumerate(item.children, start=1):
        yield from layout(child, level + 1, 0 if lone else child_n, siblings_run_in)


def _plan_markdown(library, plan):
    return "\n\n".join(markdown(block) for block in plan_blocks(library, plan)) + "\n"


def render_item(item, level, n):
    """Markdown blocks for one item (a snippet on its own page uses n=0: no number)."""
    return [markdown(block) for block in layout(item, level, n)]


def markdown(block):
    if block.kind == "heading":
        return f"{'#' * (block.level + 1)} {plain(block.content)}"
    if block.kind == "title":
        return f'<p class="plan-title">{plain(block.content)}</p>'
    if block.kind == "signature":
        return f'<p class="signature">{"<br>".join(plain(line) for line in block.content)}</p>'
    if block.kind == "table":
        return _table(block.content)
    if block.kind == "addressee":
        return f'<p class="addressee">{plain(block.content)}</p>'
    return plain(block.content)


def _table(rows):
    lines = ["| 月份 | 工作安排 |", "| --- | --- |"]  # a leading 经常性工作 row holds the measures by frequency
    for month, entries in rows:
        cell = "<br>".join(f"{n}.{plain(text)}" for n, text in enumerate(entries, start=1))
        lines.append(f"| {month} | {cell} |")
    return "\n".join(lines)
