"""`python -m unionplans new …`: a valid, commented starting file with a fresh id, in the right place.

A new plan starts from the library itself: snippets that fit its sector and measures drawn from
calendar.yml (the month table is generated from them), goals that name their measures and a profile,
so it builds at once and the contributor replaces parts with the unit's own text.
"""
import json

from .errors import DataError, Problem, unknown
from .schema import ID, MAX_ID

# Categories a starting plan borrows a fitting snippet from, by plan type.
STARTING_CATEGORIES = {
    "annual": ["political-guidance", "democratic-management", "assistance", "women-workers", "workers-home", "culture-sports"],
    "term": ["political-guidance", "democratic-management", "assistance", "workforce-quality", "culture-sports"],
    "key-points": ["political-guidance", "democratic-management", "assistance", "union-self-building", "funds-audit"],
    "special": ["women-workers", "culture-sports"],
}


def fresh_id(existing, stem):
    candidate, n = stem, 2
    while candidate in existing:
        candidate, n = f"{stem}-{n}", n + 1
    return candidate


def _valid_id(value):
    """The --id a contributor gave, checked like the loader checks ids (it becomes a file name)."""
    if value is not None and (not ID.match(value) or len(value) > MAX_ID):
        raise DataError([Problem("--id", None, f"编号“{value}”不能用：编号由小写英文字母、数字和连字符组成，"
                                               f"不超过 {MAX_ID} 个字符，如 school-annual-small。")])
    return value


# Sample text the contributor replaces; the content check names any of it left in a file.
SAMPLES = {
    "summary": "适合什么样的单位：规模、特点、工作重点。",
    "preamble": "写本单位的情况：会员和职工人数、上一年职工反映最多的问题，再写制定计划的依据和目的。",
    "focus": "写本单位工会这一年的着力点。",
    "measure": "写清谁来做、做什么、多久一次。",
    "organisation": "写由谁牵头、哪些人参加、各自做什么。",
    "awards": "写评比的对象、标准和表彰方式。",
    "snippet-title": "段落标题",
    "snippet-summary": "一句话说明这段写什么、适合谁。",
    "snippet-body": "第一段说明这部分工作的目的。",
}
# A sample measure for each part of the year a hook belongs to (plan_types.yml dated_hooks): its month, what is done.
DATED_SAMPLE = {"前三季度": ("6月", "以{{{hook}}}为主题组织1次会员学习交流。"), "第四季度": ("11月", "组织会员{{{hook}}}。")}
NEW_TERM = "秋季学期"  # a new term plan starts as an autumn term; the contributor may change it to 春季学期
SELF_BY_FAMILY = {"education": "本校", "agencies": "本机关", "enterprises": "本公司"}


def new_plan(library, sector_id, type_id, plan_id=None):
    _require(sector_id, library.sectors, "行业", "--sector")
    _require(type_id, library.plan_types, "范本类型", "--type")
    plan_id = _valid_id(plan_id) or fresh_id(library.plans, f"{sector_id}-{type_id}")
    sector, plan_type = library.sectors[sector_id], library.plan_types[type_id]
    fits = sorted((s for s in library.snippets.values() if sector_id in library.snippet_sectors(s)), key=lambda s: s["id"])

    def first(category):
        return next((s["id"] for s in fits if s["category"] == category), None)

    sections = _opening(type_id, plan_type) + "".join(
        _women_section(sid) if category == "women-workers" and type_id == "annual" else f"  - snippet: {sid}\n"
        for category in STARTING_CATEGORIES[type_id] if (sid := first(category)))
    sections += _work_section(library, sector_id, type_id)
    text = PLAN_TEMPLATE.format(
        id=plan_id, sector=sector_id, type=type_id, sector_name=sector["name"], type_name=plan_type["name"],
        minimum=plan_type["min_characters"], maximum=plan_type["max_characters"], own=plan_type.get("min_own_characters", 0), sections=sections,
        summary=SAMPLES["summary"], preamble=SAMPLES["preamble"], profile=_profile(library, sector_id, type_id),
        term=f"term: {NEW_TERM}            # 学期：春季学期 或 秋季学期\n" if plan_type.get("span") == "学期" else "",
        safeguards=f"safeguards:\n  title: 保障措施\n  text: |\n    # 组织保障\n    {SAMPLES['measure']}\n",
        title_suffix={"term": "【学年】【学期】工作计划", "key-points": "【年度】年工作要点",
                      "annual": "【年度】年工作计划"}.get(type_id, "【年度】年专项工作计划"))
    return _write(library.root / "plans" / sector_id / f"{plan_id}.yml", text)


def _opening(type_id, plan_type):
    guiding = "总体要求" if type_id == "key-points" else "指导思想"
    hooks = plan_type.get("hooks") or []
    year = "【年度】年是{规划年份}。" if "规划年份" in hooks else ""
    # A plan without a schedule states its dated commitments (dated_hooks) in its opening.
    dated = (plan_type.get("dated_hooks") or {}).items() if "schedule" not in plan_type["requires"] else ()
    later = "".join(f"{quarter}，{DATED_SAMPLE[quarter][1].format(hook=hook)}" for hook, quarter in dated)
    opening = (f"  - title: {guiding}\n    text: |\n      {year}在【同级党组织】和【上级工会】的领导下，{{政治表述}}，{{工会表述}}，"
               f"以{{年度主线}}为主线，围绕{{中心工作}}开展工会工作。{later}{SAMPLES['focus']}\n")
    if "目标" in plan_type["parts"]:
        opening += ("  - title: 工作目标\n    goals:              # 每个目标写明由哪些措施（measures 的 id）实现\n"
                    "      - text: 入会率保持在【入会率目标】以上，新入职{职工}当月介绍入会。\n        measures: [membership]\n"
                    "      - text: 工会委员会每季度检查1次计划落实情况。\n        measures: [committee]\n")
    if type_id == "special":
        opening += (f"  - title: 组织机构\n    text: |\n      {SAMPLES['organisation']}\n"
                    f"  - title: 评比表彰\n    text: |\n      {SAMPLES['awards']}\n")
    return opening


def _women_section(snippet_id):
    return f"  - title: 做好女职工工作\n    sections:\n      - snippet: {snippet_id}\n"


def _profile(library, sector_id, type_id):
    family = library.sectors[sector_id]["family"]
    level = ("集团" if family == "enterprises" else "区县") if type_id == "key-points" else "基层"
    return (f"profile:                # 单位的基本情况，可选的值见 templates_data/profiles.yml\n"
            f"  union: 已建立          # 已建立 或 筹建\n"
            f"  self: {SELF_BY_FAMILY.get(family, '本单位')}           # 单位的自称，正文里写 {{本单位}}\n"
            f"  congress: 春季         # {{职代会}}在春季、秋季召开，或 无\n"
            f"  level: {level}            # 基层、区县 或 集团\n")


def _work_section(library, sector_id, type_id):
    """A section of measures: the two the sample goals name, then calendar.yml's items for the sector (in a
    term plan, those of its term). Each item is quoted, since one may start with a brace."""
    months = next((t["months"] for t in library.calendar["terms"] if t["name"] == NEW_TERM), None) \
        if library.plan_types[type_id].get("span") == "学期" else range(1, 13)
    items = [i for i in library.calendar["items"] if sector_id in library.covered(i["sectors"]) and i["month"] in months]
    items.sort(key=lambda i: list(months).index(i["month"]))
    measures = [("membership", "3月、9月" if months == range(1, 13) else f"{months[0]}月", "组织委员", "集中办理新入职{职工}入会，介绍工会能提供的服务。"),
                ("committee", "每季度", "工会委员会", "召开工会委员会会议，检查计划落实情况。")]
    measures += [(f"calendar-{n}", f"{i['month']}月", "工会委员会", i["name"] + "。") for n, i in enumerate(items, start=1)]
    dated = (library.plan_types[type_id].get("dated_hooks") or {}).items()
    measures += [(f"dated-{n}", DATED_SAMPLE[quarter][0], "工会委员会", DATED_SAMPLE[quarter][1].format(hook=hook))
                 for n, (hook, quarter) in enumerate(dated, start=1)]
    rows = "".join(f"      - id: {mid}\n        when: {when}\n        lead: {lead}\n"
                   f"        do: {json.dumps(do, ensure_ascii=False)}\n" for mid, when, lead, do in measures)
    return (f"  - title: 全年重点工作\n    text: |\n      {SAMPLES['focus']}\n"
            "    # 措施：每一项具体承诺只写一次。when 写月份（3月）、频次（每季度）、学期里的时间（开学第1周）\n"
            "    # 或农历节日（春节前2周）；lead 写谁牵头；do 写做什么。月度安排由全篇的措施生成。\n"
            f"    measures:\n{rows}")


def new_snippet(library, category_id, snippet_id=None):
    _require(category_id, library.categories, "分类", "--category")
    snippet_id = _valid_id(snippet_id) or fresh_id(library.snippets, f"{category_id}-new")
    text = SNIPPET_TEMPLATE.format(id=snippet_id, category=category_id, category_name=library.categories[category_id]["name"],
                                   title=SAMPLES["snippet-title"], summary=SAMPLES["snippet-summary"],
                                   body=SAMPLES["snippet-body"], measure=SAMPLES["measure"])
    return _write(library.root / "snippets" / f"{snippet_id}.md", text)


def _require(value, known, kind, flag):
    if value not in known:
        raise DataError([Problem(flag, None, unknown(kind, value, known))])


def _write(path, text):
    if path.exists():
        raise DataError([Problem(str(path), None, "文件已经存在。请换一个 --id。")])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


PLAN_TEMPLATE = """\
# {sector_name} · {type_name}（新范本的起点）
# 运行 python -m unionplans check，它会指出还没改写的起点文字。请换成本单位自己的内容：全篇 {minimum} 至 {maximum} 个汉字
# （连同引用的段落和月度安排），其中自己写的（不算引用的段落）至少 {own} 个。
# 规则：原创文字；不写真实人名和单位名；需要读者填写的地方用【占位符】；序号不要手写。
# 字段说明见网站“参与贡献 → 数据格式”。
id: {id}
name: {sector_name}工会{type_name}        # 目录里显示的名称，请写明单位类型和规模
title: 【工会名称】{title_suffix}
sector: {sector}
type: {type}
summary: {summary}   # 一句话
{term}{profile}preamble: |
  {preamble}
# 正文各部分，依次编为一、二、三……
# 引用段落：- snippet: 编号（可加 title: 改写标题）；自写：- title: 标题 和 text: |（用 # 小标题 或 “- ” 写下级条目）
# text 写原因和背景，具体做什么写成 measures；月度工作安排由各部分的 measures 生成，不用手写。
sections:
{sections}{safeguards}"""

SNIPPET_TEMPLATE = """\
---
# 新段落（{category_name}）。字段说明见网站“参与贡献 → 数据格式”；写完运行 python -m unionplans check。
id: {id}
title: {title}
category: {category}
sectors: all          # 适用行业或大类的列表，如 [school, hospital] 或 [enterprises]，或 all
summary: {summary}
---
{body}因行业而不同的称谓写成{{职工}}、{{职代会}}、{{厂务公开}}，读者填写的内容写成【单位名称】。

# 第一项措施

{measure}
"""
