"""What the library promises each sector (three plans to choose from), and the lists of sectors written for
contributors outside the data (README, CONTRIBUTING, the issue form), which follow sectors.yml in its order.

These are data rules like any other: `check` reports them with file, line and the line to write, so a
contributor never meets them first as a failing test.
"""
import re
from pathlib import Path

from . import yamlio
from .errors import DataError

MIN_PLANS = 3
YEAR_PLANS = ("annual", "key-points")  # a union that steers others writes 工作要点 instead of an annual plan
SPECIAL = "special"
CONTRIBUTING_ROW = re.compile(r"^\| (.+?) \| `([a-z0-9-]+)` \| (.+?) \|$", re.M)
README_LIST = re.compile(r"覆盖[一二三四五六七八九十]+个大类的 (\d+) 个行业：(.+?)。")


def check_coverage(library, problems, count=True):
    """`count` is False when some plan could not be read: a sector's plans are counted only when all are known."""
    file = yamlio.relative(library.root / "sectors.yml", library.root)
    for sector in library.sectors.values() if count else []:
        missing = _missing(library, sector["id"])
        if missing and not sector.get("collecting"):
            problems.add(file, sector.line, f"行业“{sector['name']}”还缺{'、'.join(missing)}。每个行业至少要有 {MIN_PLANS} 篇范本，"
                                            "其中一篇年度工作计划（指导其他工会的行业写工作要点）、一篇专项计划：请补上。"
                                            "范本还在征集、先提交几篇时，在这个行业下加一行 collecting: true，检查会放行，并在通过时列出这个行业。")
        elif sector.get("collecting") and not missing:
            problems.add(file, sector.line_of("collecting"), f"行业“{sector['name']}”的范本已经齐了：请删去 collecting: true。")
    _check_snippet_families(library, problems)
    _check_lists(library, problems)


def _check_snippet_families(library, problems):
    """A snippet that names every sector of a family names the family, so a sector added to it later finds it."""
    members = {fid: [sid for sid, s in library.sectors.items() if s["family"] == fid] for fid in library.families}
    for snippet in library.snippets.values():
        named = snippet["sectors"] if isinstance(snippet["sectors"], list) else []
        for fid, sectors in members.items():
            if len(sectors) > 1 and all(sid in named for sid in sectors):
                family = library.families[fid]
                problems.add(snippet.file, snippet.line_of("sectors"),
                             f"sectors 列出了{family['name']}类的全部行业（{'、'.join(sectors)}）：请改写大类编号 {fid}，"
                             f"以后新加的{family['name']}类行业也会用到这个段落。")


def not_for(library, snippet, sector_id):
    """A snippet used by a sector it does not serve. Adding the sector to the snippet's list is proposed only where
    the snippet already serves the sector's family by name; a snippet written for other families would pass the
    check and read wrong (a 物业 company reading 辖区小微企业), so the message points to what fits instead."""
    sector = library.sectors[sector_id]
    family = library.families[sector["family"]]
    fitting = [s["id"] for s in library.snippets.values()
               if s["category"] == snippet["category"] and sector_id in library.snippet_sectors(s)]
    category = library.categories[snippet["category"]]["name"]
    instead = (f"请换用分类“{category}”里适用的段落：{'、'.join(fitting[:5])}，或自己写这一部分（title 和 text）"
               if fitting else f"分类“{category}”里还没有适用于{family['name']}类的段落：请自己写这一部分（title 和 text）")
    kin = [s for s in library.snippet_sectors(snippet) if library.sectors[s]["family"] == sector["family"]]
    named = isinstance(snippet["sectors"], list) and not any(key in library.families for key in snippet["sectors"])
    if kin and named:
        add = f"；如果它的每句话都适合{sector['name']}，也可以在 {snippet.file} 的 sectors 里加入 {sector_id}"
    elif not kin:  # written for other families: listing the sector there would pass the check and read wrong
        theirs = "、".join(dict.fromkeys(library.families[library.sectors[s]["family"]]["name"] + "类"
                                         for s in library.snippet_sectors(snippet)))
        add = (f"。这个段落是按{theirs}单位的说法写的，不要把 {sector_id} 加进它的 sectors：检查会通过，"
               f"{sector['name']}的页面却会读作别的大类的说法")
    else:
        add = ""
    return (f"段落“{snippet['id']}”写给{library.describe(snippet['sectors'])}，行业“{sector['name']}”属于{family['name']}类，"
            f"不在其中。{instead}{add}。如果“{sector['name']}”其实不属于{family['name']}类，请先改 sectors.yml 里它的 family。")


def collecting(library):
    """Sectors still collecting their plans, as 'name（n 篇）' for the check's closing line."""
    return [f"{s['name']}（{len(_plans(library, s['id']))} 篇）" for s in library.sectors.values() if s.get("collecting")]


def _plans(library, sector_id):
    return [p for p in library.plans.values() if p["sector"] == sector_id]


def _missing(library, sector_id):
    plans = _plans(library, sector_id)
    types = {p["type"] for p in plans}
    return [need for need, lacking in ((f"范本（现有 {len(plans)} 篇，至少 {MIN_PLANS} 篇）", len(plans) < MIN_PLANS),
                                       ("年度工作计划或工作要点", not types & set(YEAR_PLANS)),
                                       ("专项计划", SPECIAL not in types)) if lacking]


def _check_lists(library, problems):
    """The three sector lists next to the data, where the data is the repository's own templates_data/."""
    project = Path(library.root).parent
    sectors = list(library.sectors.values())
    contributing, readme = project / "CONTRIBUTING.md", project / "README.md"
    form = project / ".github" / "ISSUE_TEMPLATE" / "new-plan.yml"
    if contributing.is_file():
        text = contributing.read_text(encoding="utf-8")
        rows = list(CONTRIBUTING_ROW.finditer(text))
        for index, sector in enumerate(sectors):
            family = library.families[sector["family"]]
            want = f"| {sector['name']} | `{sector['id']}` | {family['name']}（`{family['id']}`） |"
            if index >= len(rows) or rows[index].group(0) != want:
                at = rows[min(index, len(rows) - 1)].start() if rows else 0
                problems.add("CONTRIBUTING.md", text.count("\n", 0, at) + 1,
                             f"“行业和大类”表要与 sectors.yml 一致、同序：第 {index + 1} 个行业这一行应当是 {want}")
                break
        else:
            if len(rows) > len(sectors):
                problems.add("CONTRIBUTING.md", text.count("\n", 0, rows[len(sectors)].start()) + 1,
                             "“行业和大类”表比 sectors.yml 多出这一行：请删去，或把这个行业登记到 sectors.yml。")
    if readme.is_file():
        text = readme.read_text(encoding="utf-8")
        want = "，".join(f"{library.families[f]['name']}（{'、'.join(s['name'] for s in sectors if s['family'] == f)}）"
                        for f in dict.fromkeys(s["family"] for s in sectors))
        found = README_LIST.search(text)
        if not found or found.group(1) != str(len(sectors)) or found.group(2) != want:
            line = text.count("\n", 0, found.start()) + 1 if found else 1
            problems.add("README.md", line, f"开头的行业列表要与 sectors.yml 一致、同序（按大类）：请写成“{len(sectors)} 个行业：{want}。”")
    if form.is_file():
        try:
            data = yamlio.load_file(form, project)
            field = next(item for item in data["body"] if item.get("id") == "sector")["attributes"]
        except (DataError, KeyError, TypeError, StopIteration):
            return problems.add(".github/ISSUE_TEMPLATE/new-plan.yml", None, "找不到“适用行业”（id: sector）的选项。请从仓库恢复这个表单。")
        want = [s["name"] for s in sectors] + ["其他"]
        if field.get("options") != want:
            problems.add(".github/ISSUE_TEMPLATE/new-plan.yml", field.line_of("options"),
                         f"“适用行业”的选项要与 sectors.yml 一致、同序，最后是“其他”：请写成 options: [{', '.join(want)}]")
