"""The GitHub workflows and forms are valid YAML, use maintained actions and run the project's own command."""
import re

import yaml

from conftest import LIBRARY, ROOT

GITHUB = ROOT / ".github"
MAINTAINED = {"actions/checkout": 4, "actions/setup-python": 5, "actions/upload-pages-artifact": 3, "actions/deploy-pages": 4,
              "actions/upload-artifact": 4, "actions/configure-pages": 5, "actions/cache": 4}


def load(path):
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as the string "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflows_use_maintained_actions_pinned_by_commit():
    """Each action by the commit of a release tag, the release in a comment (a tag can be moved, a commit cannot)."""
    for path in (GITHUB / "workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for step in steps(load(path)):
            if "uses" in step:
                name, commit = step["uses"].split("@")
                assert name in MAINTAINED and re.fullmatch(r"[0-9a-f]{40}", commit), step["uses"]
                version = re.search(rf"uses: {re.escape(step['uses'])}  # v(\d+)\.\d+\.\d+$", text, re.M)
                assert version and int(version.group(1)) >= MAINTAINED[name], step["uses"]


def test_every_install_uses_the_lock_file_with_hashes():
    """The lock pins every package with its hashes (Pagefind's binary among them), and every install that
    README, CONTRIBUTING, .ci/run and the workflows describe installs from it, then this project without deps."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==(\S+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.M)
    assert len(pins) == len(re.findall(r"^[A-Za-z]", lock, re.M)) >= 40
    locked = {name.lower().replace("_", "-"): version for name, version, _ in pins}
    wanted = re.findall(r"^([A-Za-z0-9_.-]+)(?:\[\w+\])?==(\S+)$", (ROOT / "requirements.in").read_text(encoding="utf-8"), re.M)
    assert all(locked[name.lower().replace("_", "-")] == version for name, version in wanted) and len(wanted) >= 13
    assert locked["pagefind"] == locked["pagefind-bin-extended"] == dict(wanted)["pagefind"]
    install = ("pip install -q --require-hashes -r requirements.lock && .venv/bin/pip install -q --no-deps "
               "--no-build-isolation -e .")
    places = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / ".ci" / "run", *(GITHUB / "workflows").glob("*.yml")]
    for path in places:
        text = path.read_text(encoding="utf-8")
        assert install in text and text.count("pip install") == 2 * text.count(install), path


def test_pull_requests_run_with_a_read_only_token_and_check_data_first():
    workflow = load(GITHUB / "workflows" / "test.yml")
    assert "pull_request_target" not in workflow["on"] and workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["test"]
    assert job["timeout-minutes"] and "permissions" not in job
    check = next(step for step in job["steps"] if "unionplans check" in step.get("run", ""))
    assert check["timeout-minutes"] <= 5 and job["steps"].index(check) < len(job["steps"]) - 1
    assert all(step.get("with", {}).get("persist-credentials") is False for step in job["steps"] if "checkout" in step.get("uses", ""))


def test_pull_requests_run_the_readme_test_command():
    workflow = load(GITHUB / "workflows" / "test.yml")
    assert "pull_request" in workflow["on"]
    assert any(step.get("run") == "bash .ci/run" for step in steps(workflow))
    assert any("playwright install --with-deps chromium" in step.get("run", "") for step in steps(workflow))
    readme_command = re.search(r"```sh\n(python3 -m venv .*pytest)\n```", (ROOT / "README.md").read_text(encoding="utf-8")).group(1)
    assert readme_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_pages_workflow_builds_strict_and_deploys_from_main():
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert any("mkdocs build --strict" in step.get("run", "") for step in steps(workflow))
    assert workflow["permissions"] == {"contents": "read"}  # only the deploy job may write Pages
    assert workflow["jobs"]["deploy"]["permissions"]["pages"] == "write"


def test_issue_forms_are_valid():
    forms = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml")
             if path.stem != "config"}
    assert {form["name"] for form in forms.values()} == {"投稿新范本", "报告内容错误"}
    for form in forms.values():
        assert form["description"] and form["body"]
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids))
        for item in form["body"]:
            assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def test_check_annotates_the_lines_and_writes_a_summary(tmp_path):
    import os
    import subprocess
    import sys

    from conftest import PLAN, write_library

    data = write_library(tmp_path, plans={"school/school-demo": PLAN.format(id="school-demo", sector="schol")})
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-m", "unionplans", "check", "--data", str(data)],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "::error file=templates_data/plans/school/school-demo.yml,line=4,title=范本库数据检查::未知的行业“schol”。是不是“school”？" in result.stdout
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("## 数据检查：1 处需要修改") and "<tr><td><code>templates_data/plans/school/school-demo.yml</code></td><td>4</td>" in written


def test_pull_requests_get_a_preview_even_when_the_check_fails():
    """The artifact CONTRIBUTING names, built with plain .html files, and both previews run after a failed check."""
    steps_ = steps(load(GITHUB / "workflows" / "test.yml"))
    preview = next(step for step in steps_ if "unionplans preview" in step.get("run", ""))
    build = next(step for step in steps_ if "--no-directory-urls" in step.get("run", ""))
    upload = next(step for step in steps_ if step.get("uses", "").startswith("actions/upload-artifact"))
    assert all("!cancelled()" in step["if"] for step in (preview, build, upload))
    assert build["env"] == {"UNIONPLANS_CONTENT_CHECKS": "false"} and f"-d {upload['with']['path']}" in build["run"]
    assert f"“{upload['with']['name']}”压缩包" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_the_preview_opens_from_disk_while_the_content_check_has_findings(tmp_path, browser):
    import os
    import subprocess
    import sys

    from conftest import PLAN, write_project

    plan = PLAN.format(id="school-demo", sector="school").replace("三八节前后组织女职工健康讲座。", "三八节前后,组织女职工健康讲座。")
    project = write_project(tmp_path / "project", plans={"school-demo": plan})
    run = [sys.executable, "-m", "mkdocs", "build", "--no-directory-urls", "-d", str(tmp_path / "preview")]
    strict = subprocess.run([*run[:4], "--strict", *run[4:]], cwd=project, capture_output=True, text=True)
    assert strict.returncode != 0 and "【标点和空格】" in strict.stderr  # the gate still holds
    result = subprocess.run(run, cwd=project, capture_output=True, text=True, env={**os.environ, "UNIONPLANS_CONTENT_CHECKS": "false"})
    assert result.returncode == 0, result.stderr
    page = browser.new_page()
    try:
        page.goto((tmp_path / "preview" / "snippets" / "congress-demo.html").as_uri())
        page.locator("a", has_text="把它加进自己组合的计划").click()
        assert page.url == (tmp_path / "preview" / "compose.html").as_uri() + "#snippet=congress-demo"
        assert page.locator("h1").inner_text().startswith("组合自己的计划")  # and its ¶ link
        page.goto((tmp_path / "preview" / "plans" / "school-demo.html").as_uri())
        assert page.locator("h1").inner_text() == "示例年度工作计划" and "三八节前后,组织" in page.inner_text("article")
        # The plan's buttons to the composer and the check reach those pages in the .html layout too.
        page.locator("a", has_text="以此为基础自己组合").click()
        assert page.url == (tmp_path / "preview" / "compose.html").as_uri() + "#plan=school-demo"
        assert page.locator("h1").inner_text().startswith("组合自己的计划")  # and its ¶ link
        page.go_back()
        page.locator("article a", has_text="检查自己的计划").click()
        assert page.url == (tmp_path / "preview" / "check.html").as_uri() and page.locator("h1").inner_text().startswith("检查自己的计划")
        page.go_back()
        page.locator("a", has_text="中小学校").first.click()
        assert page.url.endswith("/sectors/school/index.html") and page.locator("h1").inner_text() == "中小学校"
        page.locator(".unionplans-search__open").wait_for()  # search.js has set up its keys on the new page
        page.keyboard.press("/")
        assert "从本机文件打开的网站不能检索" in page.locator("dialog.unionplans-search").inner_text()
    finally:
        page.close()


def test_preview_prints_the_plan_as_a_reader_sees_it():
    import subprocess
    import sys

    snippet = next(s["snippet"] for p in LIBRARY.plans.values() for s in LIBRARY.top_sections(p) if s.get("snippet"))
    result = subprocess.run([sys.executable, "-m", "unionplans", "preview", f"templates_data/snippets/{snippet}.md"],
                            capture_output=True, text=True, cwd=ROOT, env={k: v for k, v in __import__("os").environ.items()
                                                                          if k != "GITHUB_STEP_SUMMARY"})
    users = [p for p in LIBRARY.plans.values() if any(s.get("snippet") == snippet for s in LIBRARY.top_sections(p))]
    assert result.returncode == 0 and users
    assert all(f"# 预览：{p['name']}" in result.stdout for p in users)


def test_the_browser_is_found_where_ci_has_one(tmp_path, monkeypatch):
    from conftest import chromium

    shim = tmp_path / "chromium"
    shim.write_text("#!/bin/sh\nexec /snap/bin/chromium \"$@\"\n")
    real = tmp_path / "chrome"
    real.write_bytes(b"\x7fELF binary")
    for value, found in ((str(shim), None), (str(real), str(real)), ("playwright", None), (str(tmp_path / "none"), None)):
        monkeypatch.setenv("CHROMIUM", value)
        assert chromium() == found, value


FORGED = '"x\\n::stop-commands::pause": 1\n"##[error]forged legacy command": 2\n"\\r::error file=README.md::forged": 3\n'


def test_forged_workflow_commands_come_out_escaped(tmp_path):
    """A newline or \\r in a YAML key, `##[` anywhere and a file name with a \\r and markup reach stdout, stderr
    and the job summary only as escaped text: GitHub's runner finds no command but the check's own."""
    import os
    import subprocess
    import sys

    from conftest import PLAN, write_library

    name = "demo/x\r::error file=README.md::y ## [a](https:example.com) <b>z"
    data = write_library(tmp_path, plans={name: PLAN.format(id="school-demo", sector="school") + FORGED})
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-m", "unionplans", "check", "--data", str(data)],
                            capture_output=True, env=env, cwd=tmp_path)  # bytes: a \r arrives as it was written
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr
    # The runner splits output at \r and \n, reads `::` at the start of a line and `##[` anywhere in one.
    rows = re.split(r"\r\n|\r|\n", stdout + stderr)
    commands = [row for row in rows if row.lstrip().startswith("::")]
    # The decoded keys' \r and \n are refused when the file is read (safetext), each problem one annotation.
    assert commands and all(row.startswith("::error file=templates_data/plans/demo/x［回车符］%3A%3Aerror file=README.md%3A%3Ay")
                            for row in commands), commands
    assert all(re.match(r"::error file=[^,:]+,line=\d+,title=范本库数据检查::", row) for row in commands)
    assert not any("##[" in row for row in rows)
    written = summary.read_text(encoding="utf-8")
    assert "\r" not in written and "<b>" not in written and "&lt;b&gt;z" in written
    assert [row for row in written.split("\n") if row.startswith("#")] == [f"## 数据检查：{len(commands)} 处需要修改"]
    assert "<a " not in written and written.count("<table>") == 1


def test_the_pr_template_serves_web_editor_contributors_and_links_the_review_checklist():
    template = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "Approve and run" in template and "网页上投稿" in template and "本地运行" not in template
    anchor = re.search(r"\(\.\./blob/main/CONTRIBUTING\.md#([^)]+)\)", template).group(1)
    section = contributing.split(f"## {anchor}\n", 1)[1].split("\n## ", 1)[0]
    checklist = re.findall(r"^- \[ \] \*\*(.+?)\*\*", section, re.M)
    assert checklist == ["大类和措辞", "事实和法律", "原创", "接缝", "篇幅", "年度提法"]
