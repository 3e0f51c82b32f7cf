"""Time `check` and the build on the largest inputs the bounds allow: `python benchmarks/budgets.py`.

The inputs are the ones tests/test_budgets.py runs (a padded heading, slow rules over 20,000 rows,
5,940 references, a long hook used 2,400 times) and the largest expansion the budget lets through, built
in full. Figures only; the budgets themselves are in unionplans/budget.py.
"""
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_budgets as inputs  # noqa: E402


def run(command, cwd=None):
    """(seconds, exit code, the first line of the report, peak memory of the process in MB)."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    lines = [line.strip() for line in (result.stdout + result.stderr).splitlines() if "templates_data/" in line
             or line.startswith("数据检查通过")]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024  # the largest child so far
    return seconds, result.returncode, (lines[0][:110] if lines else ""), peak


def check(data):
    return run([sys.executable, "-m", "unionplans", "check", "--data", str(data)])


def build(project, site):
    return run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=project)


def show(name, figures):
    seconds, code, line, peak = figures
    print(f"{name:<44} {seconds:7.1f} s  exit {code}  peak so far {peak} MB  {line}")


def main():
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, make in [("padded heading, check", inputs.padded_heading),
                           ("8 slow rules over 20,000 rows, check", inputs.slow_rules),
                           ("5,940 references, check", inputs.many_references),
                           ("hook of 20,000 used 2,400 times, check", inputs.long_hook)]:
            show(name, check(make(root)))
        project = inputs.largest_accepted(root)
        show("largest accepted expansion, check", check(project / "templates_data"))
        show("largest accepted expansion, build", build(project, root / "site"))
        page = root / "site" / "plans" / "school-demo" / "index.html"
        print(f"{'largest accepted expansion, plan page':<44} {page.stat().st_size / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
