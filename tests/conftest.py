"""Shared helpers: a small library built from the real registries, and real MkDocs builds."""
import functools
import os
import http.server
import re
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Error as PlaywrightError, sync_playwright

from unionplans.errors import DataError
from unionplans.library import load_library

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = None  # the real library, loaded once when the session starts (see pytest_sessionstart)


def pytest_sessionstart(session):
    """Load the shipped library once; a data mistake is reported once, as the check reports it, not as
    a traceback in every test module that reads the library."""
    global LIBRARY
    try:
        LIBRARY = load_library(ROOT / "templates_data")
    except DataError as error:
        pytest.exit(error.report(), returncode=1)

SNIPPET = """\
---
id: congress-demo
title: 开好{职代会}
category: democratic-management
sectors: [school, coal-mine]
summary: 示例段落：召开{职代会}并推进{厂务公开}。
---
每年召开{职工代表大会}，审议【单位名称】的重要事项。

# 做好会前准备

广泛征集{职工}提案，会前公示议题。

# 推进{厂务公开}

- 按季度公开{职工}关心的事项。
"""

PLAN = """\
id: {id}
name: 示例年度工作计划
title: 【工会名称】【年度】年工作计划
sector: {sector}
type: annual
summary: 用于测试的示例计划。
profile:
  union: 已建立
  self: 本校
  congress: 春季
  level: 基层
preamble: |
  根据【上级工会】的部署，结合本单位实际，制定本计划。
sections:
  - title: 指导思想
    text: |
      {{政治表述}}，{{工会表述}}，以{{年度主线}}为主线。【年度】年是{{规划年份}}。
  - title: 工作目标
    goals:
      - text: 每年召开{{职代会}}，提案全部答复。
        measures: [congress]
  - snippet: congress-demo
  - title: 民主管理
    text: |
      {{职代会}}是{{职工}}参与管理的基本形式。
    measures:
      - id: congress
        when: 1月
        lead: 工会委员会
        do: 召开{{职代会}}。
  - title: 女职工工作
    text: |
      三八节前后组织女职工健康讲座。
safeguards:
  title: 保障措施
  text: |
    # 加强组织领导
    工会委员会按月检查计划落实情况。
  sections:
    - title: 学习安排
      measures:
        - id: study
          when: 12月
          lead: 工会委员会
          do: 组织会员{{学习宣传贯彻}}。
        - id: theme
          when: 6月
          lead: 工会委员会
          do: 以{{会前主题}}为主题组织会员学习交流。
"""
# The sample's measure before the year's congress (plan_types.yml dated_hooks): a term or special plan drops it.
THEME = PLAN[PLAN.index("        - id: theme"):].format()


def write_library(root, snippets=None, plans=None):
    """A library folder with the real registries, one sample snippet and two sample plans."""
    data = Path(root) / "templates_data"
    data.mkdir(parents=True)
    for path in (ROOT / "templates_data").glob("*.*"):
        shutil.copy(path, data / path.name)
    # Sample plans are short; the length rule itself is tested in test_content.py.
    types = data / "plan_types.yml"
    types.write_text(re.sub(r"min_(own_)?characters: \d+", r"min_\1characters: 100", types.read_text(encoding="utf-8")), encoding="utf-8")
    # Two sample plans cannot give every sector its three: the sectors are marked as still collecting them.
    sectors = data / "sectors.yml"
    sectors.write_text(re.sub(r"^- id: .*$", r"\g<0>\n  collecting: true", sectors.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    (data / "snippets").mkdir()
    (data / "plans").mkdir()
    snippets = {"congress-demo": SNIPPET} if snippets is None else snippets
    plans = {f"{s}-demo": PLAN.format(id=f"{s}-demo", sector=s) for s in ("school", "coal-mine")} if plans is None else plans
    # Plans live in their sector's folder (plans/<行业>/), as in the real library; a key with a slash names another.
    plans = {(name if "/" in name else f"{_sector_of(text)}/{name}"): text for name, text in plans.items()}
    for folder, suffix, entries in (("snippets", ".md", snippets), ("plans", ".yml", plans)):
        for name, text in entries.items():
            path = data / folder / f"{name}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return data


def _sector_of(plan_text):
    found = re.search(r"^\s*sector:\W*([a-z0-9-]+)", textwrap.dedent(plan_text), re.M)
    return found.group(1) if found else "demo"


def write_project(root, **library):
    """A whole site project (the real mkdocs.yml, docs/ and macros.py) around a sample library."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    write_library(root, **library)
    return root


def mkdocs_build(project, site_dir):
    """Run the real `mkdocs build --strict` as a reader or CI would."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, capture_output=True, text=True, timeout=600)


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The real library, built once per test run by the real `mkdocs build --strict`; its output is kept beside
    the site in build.log."""
    project = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("docs", "templates_data"):
        shutil.copytree(ROOT / name, project / name)
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")  # what the build printed
    return project / "site"


# --- a real browser against the built site ---------------------------------------------------

def chromium():
    """The browser to drive: $CHROMIUM if set ("playwright" for Playwright's own build), else Debian's package,
    else Playwright's own Chromium (`playwright install chromium`). GitHub's Ubuntu runners put a snap shim at
    /usr/bin/chromium that does not start in CI, so a shim counts as no browser."""
    chosen = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    if chosen == "playwright" or not Path(chosen).is_file():
        return None
    head = Path(chosen).read_bytes()[:400]
    return None if head.startswith(b"#!") and b"snap" in head else chosen


CHROMIUM = chromium()
# Chromium's own background traffic is switched off; the machine's network is closed anyway.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    """Serve a folder on a free localhost port; returns the base URL and the server."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{httpd.server_address[1]}", httpd


@pytest.fixture(scope="session")
def server(site):
    base, httpd = serve(site)
    yield base
    httpd.shutdown()


@pytest.fixture(scope="session")
def subpath_server(site, tmp_path_factory):
    """The site under /union-plans/, as on a GitHub Pages project site."""
    root = tmp_path_factory.mktemp("pages")
    (root / "union-plans").symlink_to(site, target_is_directory=True)
    base, httpd = serve(root)
    yield base + "/union-plans"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        except PlaywrightError as error:
            pytest.fail(f"No Chromium to drive ({error.message.splitlines()[0]}): apt-get install chromium, "
                        "set CHROMIUM to a Chromium binary, or run `playwright install chromium` (.ci/run installs it)")
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors and every request, so tests can assert on both."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: page.requests.append(request.url))
    page.base = server
    yield page
    assert not page.errors, page.errors
    outside = [url for url in page.requests if urlparse(url).hostname != "127.0.0.1" and not url.startswith(("data:", "blob:"))]
    assert not outside, outside
    context.close()
