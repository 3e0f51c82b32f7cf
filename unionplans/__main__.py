"""Command line: `check` reports every data problem with file and line; `new` writes a starting file;
`draft` checks a reader's own plan (a text file) by the rules of the page “检查自己的计划”."""
import argparse
import json
import sys
from pathlib import Path

from .errors import DataError, log_lines
from . import budget, draftcheck, draftrules, github, render, scaffold
from .content import own_characters
from .coverage import collecting
from .library import load_library


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m unionplans", description="工会工作计划范本库的数据工具")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查 templates_data/ 中的全部数据")
    check.add_argument("--counts", action="store_true", help="通过后列出每篇范本的汉字数和其中自己写的汉字数")
    new = commands.add_parser("new", help="生成一个可以直接构建的新文件")
    new.add_argument("kind", choices=["plan", "snippet"])
    new.add_argument("--sector", help="行业编号，如 hospital（新范本用）")
    new.add_argument("--type", default="annual", help="范本类型编号：annual、term、key-points、special")
    new.add_argument("--category", help="分类编号，如 assistance（新段落用）")
    new.add_argument("--id", help="文件编号；不写则自动生成")
    preview = commands.add_parser("preview", help="把范本排成读者看到的样子（Markdown），写到屏幕或 GitHub 的运行摘要")
    preview.add_argument("plans", nargs="*", help="范本编号或文件路径；改动的段落会带出引用它的范本")
    preview.add_argument("--sector", action="append", default=[], help="新行业的编号：带出它的全部范本和它能用的全部段落")
    draft = commands.add_parser("draft", help="用“检查自己的计划”的规则检查一份计划草稿（UTF-8 文本文件）")
    draft.add_argument("file", help="草稿文件")
    draft.add_argument("--sector", help="行业编号；不写则按文字猜测")
    draft.add_argument("--year", type=int, help="计划年度；不写则为版本年度")
    draft.add_argument("--json", action="store_true", help="以 JSON 输出（与网页上的 UnionCheck.check 相同的字段）")
    for command in (check, new, preview, draft):
        command.add_argument("--data", default="templates_data", help="数据目录（默认 templates_data）")
    args = parser.parse_args(argv)
    try:
        with budget.limit(budget.CHECK_SECONDS, "检查", args.data):
            library = load_library(args.data, content=args.command == "check")
        if args.command == "preview":
            github.preview(library, args.plans, args.sector)
            return 0
        if args.command == "draft":
            return _draft(library, args)
        if args.command == "new":
            path = (scaffold.new_plan(library, args.sector, args.type, args.id) if args.kind == "plan"
                    else scaffold.new_snippet(library, args.category, args.id))
            print(log_lines(f"已生成 {path}。修改后运行 python -m unionplans check 检查。"))
            return 0
    except DataError as error:
        print(error.report(), file=sys.stderr)  # each problem on one escaped line (Problem.__str__)
        if args.command == "check":
            github.report(error.problems)
        return 1
    passed = f"数据检查通过：{len(library.plans)} 篇范本，{len(library.snippets)} 个段落，{len(library.sectors)} 个行业。"
    if collecting(library):
        passed += f"还在征集范本的行业（sectors.yml 里写了 collecting: true）：{'、'.join(collecting(library))}。"
    print(passed)
    if args.counts:
        for plan in sorted(library.plans.values(), key=own_characters):
            total = render.characters(render.plan_markdown(library, plan))
            print(log_lines(f"  {plan['id']}: {total} 字，其中自己写的 {own_characters(plan)} 字（{plan.file}）"))
    github.report([], passed)
    return 0


def _draft(library, args):
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.file}：读不出这个文件（{error}）。请给出一个 UTF-8 编码的文本文件。", file=sys.stderr)
        return 1
    if args.sector and args.sector not in library.sectors:
        print(f"没有行业“{args.sector}”。可用的行业编号：{'、'.join(library.sectors)}。", file=sys.stderr)
        return 1
    result = draftcheck.check(text, draftrules.export(library), args.sector, args.year)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for f in result["findings"]:
        fix = f"　改为：{f['fix']}" if f["fix"] is not None else ""
        print(f"{args.file}:{f['line']}: 【{f['class']}】“{f['text']}”：{f['message']}{fix}")
    print(f"共 {len(result['findings'])} 处。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
