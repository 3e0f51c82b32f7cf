"""Bad input stops the build with the file, the line and what to write instead, never a traceback."""
import re
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
    assert "templates_data/plans/school/school-demo.yml:" in output and "YAML 格式错误：" in output
    assert advice in output and "mapping values" not in output and "did not find" not in output


def test_missing_required_field(tmp_path):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace("summary: 用于测试的示例计划。\n", "")})
    assert "templates_data/plans/school/school-demo.yml:1: 缺少必填字段“summary”" in output


def test_unknown_sector_suggests_the_close_one(tmp_path):
    output = build_with(tmp_path, plans={"school/school-demo": PLAN_OK.replace("sector: school", "sector: schol")})
    assert "templates_data/plans/school/school-demo.yml:4: 未知的行业“schol”。是不是“school”？" in output


def test_unknown_category(tmp_path):
    snippet = SNIPPET.replace("category: democratic-management", "category: democratic")
    output = build_with(tmp_path, snippets={"congress-demo": snippet}, plans={})
    assert "templates_data/snippets/congress-demo.md:4: 未知的分类“democratic”。是不是“democratic-management”？" in output


def test_unknown_snippet_suggests_the_close_one(tmp_path):
    output = build_with(tmp_path, plans={"school-demo": PLAN_OK.replace("snippet: congress-demo", "snippet: congres-demo")})
    assert "templates_data/plans/school/school-demo.yml:22: 未知的段落“congres-demo”。是不是“congress-demo”？" in output


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
    assert "templates_data/plans/school/school-demo.yml:6: 键“type”出现了两次" in output


def test_snippet_for_another_sector_is_rejected(tmp_path):
    plans = {"hospital-demo": PLAN.format(id="hospital-demo", sector="hospital")}
    output = build_with(tmp_path, plans=plans)
    assert "段落“congress-demo”写给中小学校、煤矿企业，行业“医院”属于事业单位类，不在其中。" in output


@pytest.mark.parametrize("sectors, sector, adding", [
    ("[enterprises]", "community", False),  # written for a family: adding a regional sector would read wrong
    ("[school, coal-mine]", "manufacturing", True),  # a named list with a sector of the same family
    ("[school, coal-mine]", "community", False),
])
def test_a_snippet_for_other_sectors_is_never_fixed_by_a_line_that_reads_wrong(tmp_path, sectors, sector, adding):
    snippet = SNIPPET.replace("sectors: [school, coal-mine]", f"sectors: {sectors}")
    found = [p for p in _problems(tmp_path, snippets={"congress-demo": snippet},
                                  plans={f"{sector}-demo": PLAN.format(id=f"{sector}-demo", sector=sector)}) if "congress-demo”写给" in p]
    assert len(found) == 1 and "请先改 sectors.yml 里它的 family" in found[0], found
    assert ("sectors 里加入" in found[0]) == adding
    # written for other families: the message says so, and that listing the sector there would read wrong
    assert ("不要把 " + sector + " 加进它的 sectors：检查会通过" in found[0]) == (not adding), found
    assert "分类“民主管理”里还没有适用于" in found[0] and "请自己写这一部分" in found[0]


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
    (project / "templates_data" / "plans" / "school" / "school-demo.yml").write_bytes("title: 工会委员会".encode("gbk"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "templates_data/categories.yml: 找不到这个文件" in result.stderr
    shutil.copy(ROOT / "templates_data" / "categories.yml", project / "templates_data" / "categories.yml")
    result = mkdocs_build(project, tmp_path / "site")
    assert "templates_data/plans/school/school-demo.yml: 文件不是 UTF-8 编码" in result.stderr


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
    assert "templates_data/plans/school/school-demo.yml:" in output and "不要手写序号" in output


def test_serve_shows_a_data_mistake_on_the_page_and_recovers(tmp_path, browser):
    """Under `mkdocs serve` the contributor's own plan page shows its mistake in Chromium and reloads itself once
    the fix is saved; the reference pages stay readable meanwhile."""
    import socket
    import time
    import urllib.request

    project = write_project(tmp_path / "project")
    plan = project / "templates_data" / "plans" / "school" / "school-demo.yml"
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

    reader = browser.new_page()
    try:
        shown = page("/", "范本库的数据有问题")
        assert "templates_data/plans/school/school-demo.yml:4: 未知的行业“schol”。是不是“school”？" in shown
        schema = page("/contributing/schema/", "数据格式")
        assert "<code>collecting</code>" in schema and "未知的行业" not in schema  # the fields, not the error box
        assert "【单位名称】" in page("/placeholders/", "占位符一览")
        reader.goto(f"http://127.0.0.1:{port}/plans/school-demo/")
        box = reader.locator(".data-error").inner_text()
        assert "templates_data/plans/school/school-demo.yml 的问题" in box and "未知的行业“schol”。是不是“school”？" in box
        plan.write_text(good, encoding="utf-8")
        reader.wait_for_function("document.querySelector('h1') && document.querySelector('h1').innerText.includes('示例年度工作计划')",
                                 timeout=120_000)  # livereload: no navigation by the test
        assert reader.locator(".data-error").count() == 0
    finally:
        reader.close()
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert not re.findall(r"^WARNING .*", output, re.M)  # no warnings for links the library writes, broken or fixed


def _problems(tmp_path, **library):
    from unionplans.errors import DataError
    from unionplans.library import load_library
    from conftest import write_library

    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, **library))
    return [str(p) for p in error.value.problems]


def test_a_misspelled_id_gets_a_short_message_with_at_most_five_ranked_guesses(tmp_path):
    snippets = {name: SNIPPET.replace("id: congress-demo", f"id: {name}")
                for name in ["congress-demo", *(f"congress-demo-{n}" for n in range(2, 10)), *(f"topic-{n}" for n in range(60))]}
    plan = PLAN_OK.replace("snippet: congress-demo", "snippet: congres-demo")
    found = [p for p in _problems(tmp_path, snippets=snippets, plans={"school-demo": plan}) if "未知的段落" in p]
    assert len(found) == 1 and len(found[0]) < 200, found
    assert found[0].startswith("templates_data/plans/school/school-demo.yml:22: 未知的段落“congres-demo”。是不是“congress-demo”？（或者：")
    assert found[0].count("“congress-demo-") == 4 and "topic-" not in found[0]


def test_braces_around_an_ordinary_word_are_advised_away(tmp_path):
    plan = PLAN_OK.replace("三八节前后组织女职工健康讲座。", "三八节前后邀请{业主}代表参加女职工健康讲座。")
    found = [p for p in _problems(tmp_path, plans={"school-demo": plan}) if "{业主}" in p]
    assert found == ["templates_data/plans/school/school-demo.yml:33: “{业主}”不是登记过的行业术语。各行业都这样说的词不加花括号："
                     "请写“业主”。只有因行业而不同的说法才登记到 terms.yml（并在每个大类的 terms 里写出说法）。"]


def _proposed(message):
    import re

    return re.search(r"改成“(.*?)”", message).group(1)


@pytest.mark.parametrize("old, new", [
    ("      - text: 每年召开{{职代会}}，提案全部答复。", "\t  - text: 每年召开{{职代会}}，提案全部答复。"),  # a list item
    ("  - title: 工作目标", "\t- title: 工作目标"),                     # a section
    ("      三八节前后组织女职工健康讲座。", "\t  三八节前后组织女职工健康讲座。"),  # a line of a block of text
])
def test_a_tab_in_the_indentation_gets_a_fix_that_keeps_the_structure(tmp_path, old, new):
    """Writing the proposed line back gives the same plan as before the tab: nothing moves to another level."""
    from unionplans.library import load_library
    from conftest import PLAN, write_library

    good = PLAN.format(id="school-demo", sector="school")
    bad = good.replace(old.replace("{{", "{").replace("}}", "}"), new.replace("{{", "{").replace("}}", "}"))
    found = _problems(tmp_path / "bad", plans={"school-demo": bad})
    assert len(found) == 1 and "Tab" in found[0], found
    line = int(found[0].split(":")[1])
    rows = bad.split("\n")
    rows[line - 1] = _proposed(found[0])
    fixed = load_library(write_library(tmp_path / "fixed", plans={"school-demo": "\n".join(rows)})).plans["school-demo"]
    assert fixed == load_library(write_library(tmp_path / "good", plans={"school-demo": good})).plans["school-demo"]


def test_a_tab_in_a_sentence_is_named_with_a_fix_that_keeps_the_words(tmp_path):
    plan = PLAN_OK.replace("三八节前后组织女职工健康讲座。", "三八节前后组织\t女职工健康讲座。")
    found = _problems(tmp_path, plans={"school-demo": plan})
    assert found == [
        "templates_data/plans/school/school-demo.yml:33: 这一行句中有 Tab（在“八节前后组织［Tab］女职工健康讲”）。正文不用 Tab：层级由 # 的个数和“- ”表示，"
        "句中需要分开的地方用全角标点。请改成“三八节前后组织女职工健康讲座。”。"]


def test_one_check_run_reports_structural_and_content_problems_of_every_file(tmp_path):
    """An unknown snippet id does not hide a 中秋节 in October in the same plan, nor a content rule in another
    file; the section that names the unknown snippet is left out, the rest of the plan is read, nothing twice."""
    from conftest import write_library

    school = (PLAN_OK.replace("snippet: congress-demo", "snippet: congres-demo")
              .replace("        when: 1月\n        lead: 工会委员会\n        do: 召开{职代会}。",
                       "        when: 10月\n        lead: 工会委员会\n        do: 中秋节前召开{职代会}。"))
    coal = PLAN.format(id="coal-mine-demo", sector="coal-mine").replace("三八节前后组织女职工健康讲座。",
                                                                         "三八节前后组织女职工健康讲座，由工会决定名单。")
    data = write_library(tmp_path, plans={"school-demo": school, "coal-mine-demo": coal})
    result = subprocess.run([sys.executable, "-m", "unionplans", "check", "--data", str(data)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    found = [line.strip() for line in result.stderr.splitlines()[1:]]
    school_file, coal_file = "templates_data/plans/school/school-demo.yml", "templates_data/plans/coal-mine/coal-mine-demo.yml"
    assert [p for p in found if p.startswith(f"{school_file}:22: 未知的段落“congres-demo”。是不是“congress-demo”？")]
    festival = [p for p in found if p.startswith(f"{school_file}:30: ")]  # one message: the token and the when
    assert len(festival) == 1 and "【节日日期写死】措施里的“中秋节”" in festival[0] and "请写成 {中秋节}" in festival[0] and "when: 中秋节前" in festival[0], found
    assert [p for p in found if p.startswith(f"{coal_file}:33: 【越位表述】“由工会决定”")], found
    # Nothing follows from the unknown snippet: no missing part, no goal without its measure, no length.
    assert all(p.startswith((f"{school_file}:22:", f"{school_file}:30:", f"{coal_file}:33:")) for p in found), found


@pytest.mark.parametrize("kind, old, new, line", [
    # a text block that lost its |: its line is read as a field (这里应当是一段文字，现在是 一组字段)
    ("plan", "    text: |\n      三八节前后组织女职工健康讲座。", "    text:\n      三八节前后: 组织女职工健康讲座。", 33),
    ("snippet", "summary: 示例段落：召开{职代会}并推进{厂务公开}。", "summary:\n  示例段落: 召开{职代会}并推进{厂务公开}。", 7),
    # a one-line text with a second colon: YAML cannot read the line at all
    ("plan", "    text: |\n      三八节前后组织女职工健康讲座。", "    text: 时间: 三八节前后组织女职工健康讲座。", 32),
])
def test_a_colon_and_space_in_a_text_names_the_cause_and_the_fix(tmp_path, kind, old, new, line):
    """“三八节前后: 组织……” in a text is read by YAML as a field: the message says why (the half-width colon
    followed by a space) and what to write instead (the full-width colon ：, or quotes around the text)."""
    text = PLAN_OK if kind == "plan" else SNIPPET
    assert old in text
    found = _problems(tmp_path, **({"plans": {"school-demo": text.replace(old, new)}} if kind == "plan"
                                   else {"snippets": {"congress-demo": text.replace(old, new)}}))
    where = "templates_data/plans/school/school-demo.yml" if kind == "plan" else "templates_data/snippets/congress-demo.md"
    assert len(found) == 1 and found[0].startswith(f"{where}:{line}: "), found
    assert "半角冒号加空格" in found[0] and "字段: 值" in found[0], found  # the cause
    assert "全角冒号" in found[0] and "加上引号" in found[0], found  # the fix
    assert "现在是 一组字段" not in found[0]


def test_a_variant_for_a_sector_the_snippet_does_not_serve_warns_that_the_rest_stays_shared(tmp_path):
    snippet = SNIPPET.replace("---\n每年召开", "variants:\n  community: 社区联合工会每年召开会员（代表）大会。\n---\n每年召开")
    found = [p for p in _problems(tmp_path, snippets={"congress-demo": snippet}) if "变体" in p]
    assert len(found) == 1 and found[0].startswith("templates_data/snippets/congress-demo.md:8: 变体“community”不在本段落的适用行业 sectors 中"), found
    assert "标题、说明和措施仍是共用的文字" in found[0]


def test_a_snippet_with_a_wrong_field_is_still_read_for_content_and_its_plans_get_no_consequences(tmp_path):
    """A misspelled category does not hide the snippet's own content problem; the two plans that use it are not
    read as a whole meanwhile (no missing part, no measure left without its goal), so nothing else is reported."""
    snippet = SNIPPET.replace("category: democratic-management", "category: democratic").replace(
        "广泛征集{职工}提案，会前公示议题。", "本文由小编整理。")
    assert _problems(tmp_path, snippets={"congress-demo": snippet}) == [
        "templates_data/snippets/congress-demo.md:4: 未知的分类“democratic”。是不是“democratic-management”？",
        "templates_data/snippets/congress-demo.md:12: 【网站残留】“本文由”：这是范文网站的残留文字，不属于计划正文。请删去。"]
