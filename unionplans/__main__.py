"""Command line: `python -m unionplans check` reports every data problem with file and line."""
import argparse
import sys

from .errors import DataError
from .library import load_library


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m unionplans", description="工会工作计划范本库的数据工具")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查 templates_data/ 中的全部数据")
    check.add_argument("--data", default="templates_data", help="数据目录（默认 templates_data）")
    args = parser.parse_args(argv)
    try:
        library = load_library(args.data)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"数据检查通过：{len(library.plans)} 篇范本，{len(library.snippets)} 个段落，{len(library.sectors)} 个行业。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
