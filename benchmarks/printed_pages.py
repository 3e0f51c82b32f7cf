"""Pages a reader gets by printing each plan from Chromium, against its Word files converted by LibreOffice.

    .venv/bin/python benchmarks/printed_pages.py [site-dir]    # builds the site first when no folder is given

Prints one line a plan (a 工作要点 printed with its 通知 open, against both Word files) and a summary;
it passes or fails nothing (tests/test_print.py holds the limit for a plan and a 工作要点).
"""
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from conftest import ARGS, CHROMIUM, mkdocs_build, serve  # noqa: E402
from printed import pages  # noqa: E402
from unionplans.library import load_library  # noqa: E402


def word_pages(site, plan_ids, out):
    files = [site / "downloads" / f"{plan_id}{suffix}.docx" for plan_id in plan_ids for suffix in ("", "-notice")]
    files = [str(f) for f in files if f.exists()]
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), *files], check=True,
                   capture_output=True, timeout=1800)
    return {plan_id: sum(len(pages(pdf)) for pdf in out.glob(f"{plan_id}*.pdf")
                         if pdf.stem in (plan_id, f"{plan_id}-notice")) for plan_id in plan_ids}


def browser_pages(site, plans, out):
    from playwright.sync_api import sync_playwright

    base, httpd = serve(site)
    counts = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        for plan_id, plan in plans.items():
            page.goto(f"{base}/plans/{plan_id}/")
            if plan.get("notice"):
                page.click("details.notice summary")
            page.emulate_media(media="print")
            page.pdf(path=str(out / f"web-{plan_id}.pdf"), prefer_css_page_size=True)
            page.emulate_media(media="screen")
            counts[plan_id] = len(pages(out / f"web-{plan_id}.pdf"))
        browser.close()
    httpd.shutdown()
    return counts


def main():
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        if len(sys.argv) > 1:
            site = Path(sys.argv[1])
        else:
            site = out / "site"
            result = mkdocs_build(ROOT, site)
            assert result.returncode == 0, result.stderr
        plans = load_library(ROOT / "templates_data").plans
        word = word_pages(site, list(plans), out)
        web = browser_pages(site, plans, out)
    over = {plan_id: web[plan_id] - word[plan_id] for plan_id in plans}
    for plan_id in plans:
        print(f"{plan_id:40} printed {web[plan_id]:3}  Word {word[plan_id]:3}  {over[plan_id]:+d}")
    print(f"\n{len(plans)} plans: printed − Word pages: min {min(over.values()):+d}, max {max(over.values()):+d}; "
          f"more than one page over: {sorted(p for p, n in over.items() if n > 1) or 'none'}")


if __name__ == "__main__":
    main()
