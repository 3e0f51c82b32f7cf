"""检查自己的计划: how long a draft of 10,000 and 100,000 characters takes to check, in Chromium and in Python,
and what the page loads beyond the theme. Prints figures only; nothing in it passes or fails.

    .venv/bin/python benchmarks/draftcheck.py            # builds the site into a temporary folder first
    .venv/bin/python benchmarks/draftcheck.py --site site
"""
import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from unionplans import draftcheck  # noqa: E402

# What the check page adds to a page of the theme (the theme's own CSS and JS are shared by every page).
OWN = ["check/index.html", "check/rules.json", "javascripts/draftcheck.js", "javascripts/vendor/fflate-0.8.2.min.js"]


def corpus(size):
    """The test drafts repeated, line by line, until the text has `size` characters."""
    lines = [line for path in sorted((ROOT / "tests" / "drafts").glob("*.txt")) if path.name != "README.txt"
             for line in path.read_text(encoding="utf-8").splitlines()]
    out, n = [], 0
    while n < size:
        line = lines[len(out) % len(lines)]
        out.append(line)
        n += len(line) + 1
    return "\n".join(out)[:size]


def browser_times(site, texts, runs):
    from playwright.sync_api import sync_playwright
    from conftest import ARGS, CHROMIUM, serve
    base, httpd = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            start = time.perf_counter()
            page.goto(base + "/check/")
            page.wait_for_function("window.UnionCheck && !document.querySelector('.draftcheck-form').hidden")
            ready = time.perf_counter() - start
            times = {}
            for size, text in texts.items():
                page.evaluate("t => UnionCheck.check(t)", text)  # warm: the rules are compiled once
                times[size] = [page.evaluate("t => { const s = performance.now(); return UnionCheck.check(t)"
                                             ".then(f => [performance.now() - s, f.length]); }", text) for _ in range(runs)]
            browser.close()
    finally:
        httpd.shutdown()
    return ready, times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", help="an already built site (default: build one into a temporary folder)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp) / "site"
        if not args.site:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True)
        rules = json.loads((site / "check" / "rules.json").read_text(encoding="utf-8"))
        texts = {size: corpus(size) for size in (10_000, 100_000)}
        ready, times = browser_times(site, texts, args.runs)
        print("检查自己的计划 (check/)")
        weight = {name: len(gzip.compress((site / name).read_bytes(), 9)) for name in OWN}
        for name, size in weight.items():
            print(f"  {name:45} {size / 1024:6.1f} KB gzip")
        print(f"  beyond the theme, in all                      {sum(weight.values()) / 1024:6.1f} KB gzip")
        print(f"  page ready to check (rules loaded)            {ready * 1000:6.0f} ms")
        for size, text in texts.items():
            ms = [t for t, _ in times[size]]
            found = times[size][0][1]
            start = time.perf_counter()
            python = draftcheck.check(text, rules)
            py_ms = (time.perf_counter() - start) * 1000
            print(f"  {size:>7,} characters: browser {statistics.median(ms):6.0f} ms (median of {len(ms)}, "
                  f"{min(ms):.0f}–{max(ms):.0f}), {found} findings; Python {py_ms:6.0f} ms, {len(python['findings'])} findings")


if __name__ == "__main__":
    main()
