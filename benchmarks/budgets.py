"""Time `check` and the build on the largest inputs the bounds allow: `python benchmarks/budgets.py`.

The inputs are the ones tests/test_budgets.py runs (a padded heading, slow rules over 20,000 rows,
5,940 references, a long hook used 2,400 times) and the largest expansion the budget lets through, built
in full; with --plans N, also a synthetic library of N plans (what the time budgets must leave room for).
Figures only; the budgets themselves are in unionplans/budget.py.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import test_budgets as inputs  # noqa: E402
from synthetic import make_library  # noqa: E402


def run(command, cwd=None):
    """(seconds, exit code, the first line of the report, peak memory of the process in MB)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as output:
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        output.seek(0)
        lines = [line.strip() for line in output.read().splitlines()
                 if "templates_data/" in line or line.startswith("数据检查通过")]
    return seconds, os.waitstatus_to_exitcode(status), (lines[0][:110] if lines else ""), usage.ru_maxrss // 1024


def check(data):
    return run([sys.executable, "-m", "unionplans", "check", "--data", str(data)])


def build(project, site):
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project)


def show(name, figures):
    seconds, code, line, peak = figures
    print(f"{name:<44} {seconds:7.1f} s  exit {code}  peak {peak:5} MB  {line}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=0, help="also check a synthetic library of this many plans")
    plans = parser.parse_args().plans
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if plans:
            show(f"{plans:,} synthetic plans, check", check(make_library(ROOT / "templates_data", root / "synthetic", plans)))
        for name, make in [("padded heading, check", inputs.padded_heading),
                           ("8 slow rules over 20,000 rows, check", inputs.slow_rules),
                           ("5,940 references, check", inputs.many_references),
                           ("hook of 1,000 used 2,400 times, check", inputs.long_hook)]:
            show(name, check(make(root)))
        project = inputs.largest_accepted(root)
        show("largest accepted expansion, check", check(project / "templates_data"))
        show("largest accepted expansion, build", build(project, root / "site"))
        page = root / "site" / "plans" / "school-demo" / "index.html"
        print(f"{'largest accepted expansion, plan page':<44} {page.stat().st_size / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
