"""The data-format reference page, generated from schema.yml and the registries it describes."""
from .render import plain

TITLES = {"plan": "范本文件", "section": "范本的一部分（sections 的每一项）", "schedule-entry": "月度安排的一项",
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
    lines += ["", "## 可用的占位符", "", "| 占位符 | 含义 | 示例 |", "| --- | --- | --- |"]
    lines += [f"| 【{name}】 | {plain(p['description'])} | {plain(str(p['example']))} |"
              for name, p in library.placeholders.items()]
    return "\n".join(lines) + "\n"
