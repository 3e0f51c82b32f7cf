"""Reference pages generated from the registries: the data format, the placeholders, the union calendar."""
from .render import literal, plain
from .wording import generic

TITLES = {"plan": "范本文件", "section": "范本的一部分（sections 的每一项）", "measure": "措施（measures 的每一项）",
          "goal": "工作目标（goals 的每一项）", "profile": "单位的基本情况（profile）", "profile-values": "基本情况的可选值",
          "school-term": "学期",
          "snippet": "段落文件", "sector": "行业", "term": "行业术语", "placeholder": "占位符", "category": "段落分类",
          "plan-type": "范本类型", "formula": "政治表述", "calendar": "工作日历", "calendar-item": "日历的一项",
          "festival-year": "一年的农历节日"}


def schema_page(library):
    lines = []
    for kind, spec in library.schema["kinds"].items():
        where = f"（文件：`templates_data/{spec['file']}`）" if spec.get("file") else ""
        lines += [f"## {TITLES.get(kind, kind)}", "", f"{plain(spec['description'])}{where}", "",
                  "| 字段 | 类型 | 必填 | 说明 |", "| --- | --- | --- | --- |"]
        for name, rules in spec["fields"].items():
            required = "是" if rules["required"] else "否"
            lines.append(f"| `{name}` | {rules['type']} | {required} | {plain(rules['description'])} |")
        lines.append("")
    lines += ["## 可用的行业术语", "", "| 术语 | 含义 | 举例 |", "| --- | --- | --- |"]
    lines += [f"| `{{{key}}}` | {plain(t['description'])} | {plain(t['example'])} |" for key, t in library.terms.items()]
    lines += [f"| `{{{key}}}` | 当前政治表述（{library.formula['checked']} 核对） | 见 formula.yml |"
              for key in library.formula["tokens"]]
    lines += ["", "## 可用的占位符", "", placeholders_page(library)]
    return "\n".join(lines)


def placeholders_page(library):
    lines = ["| 占位符 | 含义 | 示例 |", "| --- | --- | --- |"]
    lines += [f"| 【{literal(name)}】 | {plain(p['description'])} | {plain(str(p['example']))} |"
              for name, p in library.placeholders.items()]
    return "\n".join(lines) + "\n"


def calendar_page(library):
    """The union year by month, each item with the sectors it concerns, then the lunar festivals."""
    def sectors(item):
        return literal(library.describe(item["sectors"]))

    lines = ["| 月份 | 工作节点 | 涉及行业 |", "| --- | --- | --- |"]
    for month in (12, *range(1, 12)):
        for item in (i for i in library.calendar["items"] if i["month"] == month):
            note = f"（{plain(item['note'])}）" if item.get("note") else ""
            lines.append(f"| {month}月 | {plain(generic(item['name'], library.edition_values))}{note} | {sectors(item)} |")
    festivals = sorted({name for year in library.calendar["lunar_festivals"] for name in year["dates"]},
                       key=lambda name: min(y["dates"][name] for y in library.calendar["lunar_festivals"] if name in y["dates"]).timetuple().tm_yday)
    lines += ["", "## 农历节日的公历日期", "", "农历节日每年的公历日期不同，写逐月安排时请按计划年度核对，段落里不要把它们写死在某个月。"
              f"本站是 {library.year} 年版，范本逐月安排里的节日按 {library.year} 年的日期排入月份。", "",
              "| 年份 | " + " | ".join(literal(f) for f in festivals) + " |", "| --- |" + " --- |" * len(festivals)]
    for year in library.calendar["lunar_festivals"]:
        cells = [f"{d.month}月{d.day}日" if (d := year["dates"].get(name)) else "—" for name in festivals]
        lines.append(f"| {year['year']} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
