"""Build-performance benchmark: `python benchmarks/run.py` (add --sizes 100 to try one size).

For each size it generates a synthetic library, builds it with the real plugin, builds the same pages
as plain Markdown (the floor), and measures the first search in Chromium. Figures only: no pass/fail.
"""
import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import make_library  # noqa: E402

PROBE = ROOT / "benchmarks" / "probe.py"


def project(folder, plans):
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "docs", folder / "docs")
    if plans:
        make_library(ROOT / "templates_data", folder, plans)
    else:
        shutil.copytree(ROOT / "templates_data", folder / "templates_data")
    return folder


def build(folder, extra_config=None):
    """Run one build in a fresh process; returns its measurements (wall time, peak memory, phases)."""
    config = folder / "mkdocs.yml"
    if extra_config:
        config = folder / "mkdocs.bench.yml"
        config.write_text(extra_config, encoding="utf-8")
    result = subprocess.run([sys.executable, str(PROBE), str(config)], cwd=folder, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {folder}:\n{(result.stderr + result.stdout)[-3000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    site = folder / "site"
    figures["site_bytes"] = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    figures["index_bytes"] = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return figures


def floor(full, folder):
    """The same pages as ordinary Markdown files, same theme and plugins, plus the same Pagefind run."""
    folder.mkdir()
    shutil.copytree(full / "markdown", folder / "docs")
    for asset in ("stylesheets", "javascripts"):
        shutil.copytree(full / "docs" / asset, folder / "docs" / asset)
    text = (full / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python/object/apply:pymdownx.slugs.slugify", "")
    config = yaml.safe_load(re.sub(r"!ENV \[\w+, ([^\]]*)\]", r"\1", text))  # the floor uses the defaults
    config["plugins"] = ["tags"]
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if not (isinstance(e, dict) and "toc" in e)] + ["toc"]
    generated = {"sectors/": sorted(p.parent.relative_to(folder / "docs").as_posix() + "/index.md"
                                     for p in (folder / "docs" / "sectors").glob("*/index.md")),
                 "categories/": sorted(p.parent.relative_to(folder / "docs").as_posix() + "/index.md"
                                       for p in (folder / "docs" / "categories").glob("*/index.md"))}
    config["nav"] = [{title: generated.get(target, target) if isinstance(target, str) else target
                      for title, target in entry.items()} for entry in config["nav"]]
    config["strict"] = False
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    figures = build(folder, None)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(folder / "site"), "--silent"], check=True)
    figures["wall"] += time.perf_counter() - start
    return figures


def first_search(site, query="送温暖"):
    """Bytes the first query transfers and the time to its first result, in Chromium on localhost."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import ARGS, CHROMIUM, serve
    from playwright.sync_api import sync_playwright

    base, httpd = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page()
            sizes, bodies = {}, {}
            page.on("requestfinished", lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]))
            page.on("response", lambda r: bodies.__setitem__(r.url, r))
            page.goto(base + "/plans/p00000/")
            page.wait_for_load_state("networkidle")
            page_bytes = sum(sizes.values())
            # What a host that compresses text (GitHub Pages does) would send for the same files.
            page_gzip = sum(len(gzip.compress(response.body())) for response in list(bodies.values()))  # body() may let more responses in
            sizes.clear()
            page.keyboard.press("/")
            box = page.locator(".pagefind-ui__search-input")
            box.wait_for()
            page.wait_for_load_state("networkidle")
            ui_bytes = sum(sizes.values())
            sizes.clear()
            start = time.perf_counter()
            box.fill(query)
            page.locator(".pagefind-ui__result").first.wait_for(timeout=30000)
            elapsed = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            query_bytes = sum(sizes.values())
            browser.close()
    finally:
        httpd.shutdown()
    return {"page_bytes": page_bytes, "page_gzip_bytes": page_gzip, "search_ui_bytes": ui_bytes, "first_query_bytes": query_bytes, "first_result_s": elapsed}


def megabytes(n):
    return f"{n / 1e6:.1f} MB"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        try:  # the synthetic sizes are measured even while the shipped library's own data has problems
            shipped = build(project(temp / "shipped", 0))
            print(f"shipped library: build {shipped['wall']:.1f} s, peak memory {megabytes(shipped['peak_rss'])}")
        except SystemExit as failed:
            print(f"shipped library: {str(failed).splitlines()[-1].strip()[:200]}")
        for size in args.sizes:
            start = time.perf_counter()
            full_dir = project(temp / f"full-{size}", size)
            generated = time.perf_counter() - start
            # The same configuration, with the plugin saving each page's Markdown for the floor.
            config = re.sub(r"^  - unionplans:?\n", f"  - unionplans:\n      dump_markdown: {full_dir / 'markdown'}\n",
                            (full_dir / "mkdocs.yml").read_text(encoding="utf-8"), count=1, flags=re.M)
            full = build(full_dir, config)
            floor_figures = floor(full_dir, temp / f"floor-{size}")
            search = first_search(full_dir / "site")
            results[size] = full
            print(f"\n{size} plans (+{size * 3} snippets; generated in {generated:.1f} s)")
            print(f"  full build      {full['wall']:7.1f} s   peak memory {megabytes(full['peak_rss'])}   site {megabytes(full['site_bytes'])}"
                  f"   search index {megabytes(full['index_bytes'])}")
            print("  phases          " + "; ".join(f"{k} {v:.1f} s" for k, v in full["phases"].items()))
            print(f"  per plan        {full['wall'] / size * 1000:7.0f} ms")
            print(f"  floor build     {floor_figures['wall']:7.1f} s   (plain Markdown, same theme and plugins, same Pagefind run)")
            print(f"  full / floor    {full['wall'] / floor_figures['wall']:7.2f}   "
                  f"without Word files {(full['wall'] - full['phases'].get('Word 文件', 0)) / floor_figures['wall']:.2f}")
            print(f"  plan page       {search['page_bytes'] / 1000:.0f} KB transferred uncompressed, {search['page_gzip_bytes'] / 1000:.0f} KB "
                  "gzip-compressed (HTML, CSS, JS; no search index)")
            print(f"  first search    {search['first_query_bytes'] / 1000:.0f} KB for the query (+{search['search_ui_bytes'] / 1000:.0f} KB "
                  f"search UI when first opened), first result after {search['first_result_s'] * 1000:.0f} ms")
        if len(results) == 2:
            small, large = (results[s]["wall"] for s in sorted(results))
            print(f"\nlinearity: {max(results)}-plan build / {min(results)}-plan build = {large / small:.1f}")


if __name__ == "__main__":
    main()
