"""Bad input stops the build with the file, the line and what to write instead, never a traceback."""
import shutil
import subprocess
import sys

import pytest

from conftest import PLAN, ROOT, SNIPPET, mkdocs_build, write_project

PLAN_OK = PLAN.format(id="school-demo", sector="school")


def build_with(tmp_path, **library):
    project = write_project(tmp_path / "project", **library)
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    return output


@pytest.mark.parametrize("old, new, advice", [
    ("sector: school", "sector: [school", "以 { 或 [ 开头的文字会被 YAML 当作结构"),
    ("summary: 用于测试的示例计划。", "summary: 适合: 小学", "请改用全角冒号“：”"),
    ("summary: 用于测试的示例计划。", "summary: '用于测试的示例计划。", "引号没有成对"),
    ("summary: 用于测试的示例计划。", "summary: 用于测试\n\t的示例计划。", "Tab"),
    ("type: annual", "  type: annual", "缩进"),
])
def test_malformed_yaml_gets_the_likely_fix(tmp_path, old, new, advice):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace(old, new)})
    assert "templates_data/plans/demo/school-demo.yml:" in output and "YAML 格式错误：" in output
    assert advice in output and "mapping values" not in output and "did not find" not in output


def test_missing_required_field(tmp_path):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace("summary: 用于测试的示例计划。\n", "")})
    assert "templates_data/plans/demo/school-demo.yml:1: 缺少必填字段“summary”" in output


def test_unknown_sector_suggests_the_close_one(tmp_path):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace("sector: school", "sector: schol")})
    assert "templates_data/plans/demo/school-demo.yml:4: 未知的行业“schol”。是不是“school”？" in output


def test_unknown_category(tmp_path):
    snippet = SNIPPET.replace("category: democratic-management", "category: democratic")
    output = build_with(tmp_path, snippets={"congress-demo": snippet}, plans={})
    assert "templates_data/snippets/congress-demo.md:4: 未知的分类“democratic”。是不是“democratic-management”？" in output


def test_unknown_snippet_suggests_the_close_one(tmp_path):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace("snippet: congress-demo", "snippet: congres-demo")})
    assert "templates_data/plans/demo/school-demo.yml:22: 未知的段落“congres-demo”。是不是“congress-demo”？" in output


def test_unknown_placeholder_names_its_line(tmp_path):
    snippet = SNIPPET.replace("【单位名称】", "【单位全称】")
    output = build_with(tmp_path, snippets={"congress-demo": snippet})
    assert "templates_data/snippets/congress-demo.md:8: 未知的占位符“【单位全称】”。是不是“【单位名称】”？" in output


def test_unknown_term(tmp_path):
    snippet = SNIPPET.replace("广泛征集{职工}提案", "广泛征集{员工}提案")
    output = build_with(tmp_path, snippets={"congress-demo": snippet})
    assert "templates_data/snippets/congress-demo.md:12: 未知的行业术语“{员工}”" in output


def test_duplicate_id(tmp_path):
    output = build_with(tmp_path, plans={"a/school-demo": PLAN_OK, "b/school-demo": PLAN_OK})
    for here, there in (("a", "b"), ("b", "a")):  # both files are named: either may be the new one
        assert (f"templates_data/plans/{here}/school-demo.yml: id“school-demo”在两个文件里都用了："
                f"templates_data/plans/{here}/school-demo.yml 和 templates_data/plans/{there}/school-demo.yml。") in output


def test_duplicate_key_is_not_silently_dropped(tmp_path):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace("type: annual", "type: annual\ntype: special")})
    assert "templates_data/plans/demo/school-demo.yml:6: 键“type”出现了两次" in output


def test_snippet_for_another_sector_is_rejected(tmp_path):
    plans = {"hospital-demo": PLAN.format(id="hospital-demo", sector="hospital")}
    output = build_with(tmp_path, plans=plans)
    assert "段落“congress-demo”不适用于行业“hospital”" in output


@pytest.mark.parametrize("text, message", [
    ("一、开好会议\n正文。", "不要手写序号（“一、”）"),
    ("## 跳级的标题\n正文。", "标题跳级了"),
    ("{{ config }}", "这里有模板语法"),
    ("{职工", "花括号只用来写行业术语"),
])
def test_outline_mistakes(tmp_path, text, message):
    snippet = SNIPPET.split("---\n")[1]
    output = build_with(tmp_path, snippets={"congress-demo": f"---\n{snippet}---\n{text}\n"})
    assert "templates_data/snippets/congress-demo.md:8: " + message in output


def test_missing_registry_file_and_wrong_encoding(tmp_path):
    project = write_project(tmp_path / "project")
    (project / "templates_data" / "categories.yml").unlink()
    (project / "templates_data" / "plans" / "demo" / "school-demo.yml").write_bytes("title: 工会委员会".encode("gbk"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "templates_data/categories.yml: 找不到这个文件" in result.stderr
    shutil.copy(ROOT / "templates_data" / "categories.yml", project / "templates_data" / "categories.yml")
    result = mkdocs_build(project, tmp_path / "site")
    assert "templates_data/plans/demo/school-demo.yml: 文件不是 UTF-8 编码" in result.stderr


@pytest.mark.parametrize("old, new", [
    ("  - title: 指导思想", "  - title: 一、指导思想"),
    ("    # 加强组织领导", "    # 二、加强组织领导"),
    ("    # 加强组织领导", "    # 2.加强组织领导"),
    ("      - text: 每年召开", "      - text: （一）每年召开"),
    ("      - text: 每年召开", "      - text: 1.每年召开"),
    ("  - snippet: congress-demo", "  - snippet: congress-demo\n    title: （一）开好大会"),
    ("        do: 召开{职代会}。", "        do: 1.召开{职代会}。"),
])
def test_typed_numbering_is_caught_everywhere(tmp_path, old, new):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace(old, new)})
    assert "templates_data/plans/demo/school-demo.yml:" in output and "不要手写序号" in output


def test_serve_shows_a_data_mistake_on_the_page_and_recovers(tmp_path):
    """Under `mkdocs serve` the contributor sees the message in the browser, and saving the fix rebuilds."""
    import socket
    import time
    import urllib.request

    project = write_project(tmp_path / "project")
    plan = project / "templates_data" / "plans" / "demo" / "school-demo.yml"
    good = plan.read_text(encoding="utf-8")
    plan.write_text(good.replace("sector: school", "sector: schol"), encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def page(path="/", wanted="", seconds=90):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                text = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read().decode("utf-8")
                if wanted in text:
                    return text
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError(f"{path} never showed {wanted!r}")

    try:
        shown = page("/", "范本库的数据有问题")
        assert "templates_data/plans/demo/school-demo.yml:4: 未知的行业“schol”。是不是“school”？" in shown
        plan.write_text(good, encoding="utf-8")
        page("/plans/school-demo/", "示例年度工作计划")
    finally:
        server.terminate()
        server.wait(timeout=30)
