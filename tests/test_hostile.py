"""A hostile or careless pull request that changes only templates_data/: every case fails fast and clearly.

Each case is one contributed file; the assertion is the message a contributor reads, and that the
loader never runs code, follows a link, hangs or prints a traceback.
"""
import subprocess
import sys
import time

import pytest

from conftest import PLAN, ROOT, SNIPPET, mkdocs_build, write_library, write_project
from unionplans.errors import DataError
from unionplans.library import load_library

LINE = "广泛征集{职工}提案，会前公示议题。"
SCHOOL_PLAN = PLAN.format(id="school-demo", sector="school")


def problems(data):
    """The problems the loader reports for a data folder, within seconds, as a contributor reads them."""
    start = time.perf_counter()
    with pytest.raises(DataError) as error:
        load_library(data)
    assert time.perf_counter() - start < 20, "a hostile file must fail within seconds"
    return "\n".join(str(p) for p in error.value.problems)


def with_snippet_line(tmp_path, text):
    return problems(write_library(tmp_path, snippets={"congress-demo": SNIPPET.replace(LINE, text)}))


def with_plan(tmp_path, text):
    return problems(write_library(tmp_path, plans={"school-demo": text}))


# --- code never runs ------------------------------------------------------------------------------

def test_template_code_in_a_registry_key_is_refused_and_never_runs(tmp_path):
    project = write_project(tmp_path / "project")
    formula = project / "templates_data" / "formula.yml"
    key = '% set x = cycler.__init__.__globals__.os.system("touch pwned.txt") %'
    formula.write_text(formula.read_text(encoding="utf-8").rstrip("\n") + f"\n  '{key}': 文字\n", encoding="utf-8")
    plan = project / "templates_data" / "plans" / "school" / "school-demo.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("name: 示例年度工作计划", "name: 示例{" + key + "}"), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "templates_data/formula.yml:7: 这里应当是1 到 12 个汉字组成的名称" in result.stderr
    assert not list(tmp_path.rglob("pwned.txt")) and not (ROOT / "pwned.txt").exists()


@pytest.mark.parametrize("key", ["职工%", "a b", "<b>", "职工x"])
def test_term_keys_are_chinese_names_only(tmp_path, key):
    data = write_library(tmp_path)
    terms = data / "terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + f'- key: "{key}"\n  description: 测试\n  example: 测试\n', encoding="utf-8")
    assert "1 到 12 个汉字组成的名称" in problems(data)


@pytest.mark.parametrize("field", ["name", "title"])
@pytest.mark.parametrize("markup", ['<img src=x onerror=alert(1)>', 'a"b', "a`b", "a&b"])
def test_names_that_become_titles_and_navigation_refuse_markup(tmp_path, field, markup):
    original = {"name": "name: 示例年度工作计划", "title": "title: 【工会名称】【年度】年工作计划"}[field]
    found = with_plan(tmp_path, SCHOOL_PLAN.replace(original, f"{field}: '{markup}'"))
    assert "不含 < > & \" ' ` \\ 这些符号" in found


# --- nothing can exhaust the build ----------------------------------------------------------------

def test_alias_bomb_is_refused(tmp_path):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f'{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n'
        for i in range(8))
    assert "锚点或别名" in with_plan(tmp_path, SCHOOL_PLAN + "\nbomb:\n" + "".join("  " + line + "\n" for line in bomb.splitlines()))


def test_recursive_alias_is_refused(tmp_path):
    assert "锚点或别名" in with_plan(tmp_path, SCHOOL_PLAN.replace("sections:\n", "sections: &s\n", 1) + "x: *s\n")


def test_deep_nesting_is_refused_without_a_crash(tmp_path):
    assert "嵌套太深" in with_plan(tmp_path, SCHOOL_PLAN + "deep: " + "[" * 5000 + "]" * 5000 + "\n")


def test_huge_file_is_refused(tmp_path):
    assert "文件太大" in with_plan(tmp_path, SCHOOL_PLAN + "# " + "工" * 7_000_000 + "\n")


def test_catastrophic_pattern_is_stopped_and_named(tmp_path):
    data = write_library(tmp_path, snippets={"congress-demo": SNIPPET.replace(LINE, "会" * 40 + "！")})
    rules = data / "content_rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "- class: 测试\n  pattern: '(会|会会)+无'\n  message: 测试。\n  advice: 测试。\n", encoding="utf-8")
    assert "templates_data/content_rules.yml:" in (found := problems(data)) and "超过了时限" in found


def test_long_search_word_is_refused(tmp_path):
    data = write_library(tmp_path)
    synonyms = data / "search_synonyms.yml"
    synonyms.write_text(synonyms.read_text(encoding="utf-8").replace("words: [", "words: [" + "工会" * 300 + ", ", 1),
                        encoding="utf-8")
    assert "不超过 16 个汉字" in problems(data)


def test_a_hundred_items_at_one_level_get_a_message(tmp_path):
    body = "\n".join(f"- 第{n}项工作。" for n in range(120))
    assert "同一级的条目超过了 99 条" in with_snippet_line(tmp_path, body)


# --- only regular files inside the repository -----------------------------------------------------

def test_symlinked_registry_is_refused(tmp_path):
    data = write_library(tmp_path)
    (data / "terms.yml").unlink()
    (data / "terms.yml").symlink_to("/etc/passwd")
    found = problems(data)
    assert "templates_data/terms.yml: 这是一个符号链接" in found and "root:" not in found


def test_symlinked_plan_folder_is_refused(tmp_path):
    data = write_library(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (data / "plans" / "linked").symlink_to(outside, target_is_directory=True)
    assert "templates_data/plans/linked: 这是一个指向别处的符号链接目录" in problems(data)


def test_symlink_in_docs_is_not_published(tmp_path):
    project = write_project(tmp_path / "project")
    (project / "docs" / "passwd.md").symlink_to("/etc/passwd")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "docs/passwd.md" in result.stderr and "符号链接" in result.stderr
    assert not (tmp_path / "site" / "passwd").exists()


def test_scaffold_id_cannot_leave_the_data_folder(tmp_path):
    data = write_library(tmp_path)
    result = subprocess.run([sys.executable, "-m", "unionplans", "new", "plan", "--sector", "school",
                             "--id", "../../../../outside", "--data", str(data)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "编号“../../../../outside”不能用" in result.stderr
    assert not list(tmp_path.parent.rglob("outside.yml"))


# --- no traceback, whatever the input -------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("[a, b]", "现在是 一个列表"), ("{a: b}", "现在是 一组字段"), ("x" * 251, "不超过 60 个字符"), ("null", "现在是 空的"),
])
def test_odd_ids(tmp_path, value, expected):
    assert expected in with_plan(tmp_path, SCHOOL_PLAN.replace("id: school-demo", f"id: {value}"))


def test_deeply_nested_sections(tmp_path):
    nested = "".join(f"{'  ' * (2 * i + 1)}- title: 第{i}层\n{'  ' * (2 * i + 2)}sections:\n" for i in range(12))
    plan = SCHOOL_PLAN.replace("sections:\n", "sections:\n" + nested + "  " * 26 + "- title: 最里层\n", 1)
    found = with_plan(tmp_path, plan)
    assert "层级太深" in found or "嵌套太深" in found


@pytest.mark.parametrize("content", ["", "kinds: 1\n", "[1, 2\n"])
def test_broken_schema_file(tmp_path, content):
    data = write_library(tmp_path)
    (data / "schema.yml").write_text(content, encoding="utf-8")
    assert "templates_data/schema.yml" in problems(data)


def test_python_values_are_shown_as_written(tmp_path):
    found = with_plan(tmp_path, SCHOOL_PLAN.replace("sector: school", "sector: [labour-protection]").replace(
        "summary: 用于测试的示例计划。", "summary: true"))
    assert "['labour-protection']" not in found and "True" not in found and "None" not in found
    assert "现在是 一个列表" in found and "现在是 “true”" in found


# --- nothing ignored silently ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["plans/demo/extra.yaml", "plans/demo/extra.yml.txt", "snippets/extra.MD", "snippet/extra.md",
                                  "plans/extra.yml", "notes.txt"])
def test_unread_files_are_named(tmp_path, name):
    data = write_library(tmp_path)
    (data / name).parent.mkdir(parents=True, exist_ok=True)
    (data / name).write_text("id: extra\n", encoding="utf-8")
    assert f"templates_data/{name}: 范本库不读这个文件" in problems(data)


def test_empty_plans_folder(tmp_path):
    assert "templates_data/plans: 这里还没有范本" in problems(write_library(tmp_path, plans={}))


def test_children_under_a_snippet_reference(tmp_path):
    plan = SCHOOL_PLAN.replace("  - snippet: congress-demo\n", "  - snippet: congress-demo\n    sections:\n      - title: 丢失的部分\n        text: 正文。\n")
    assert "引用段落（snippet）的部分不能再列下级 sections" in with_plan(tmp_path, plan)


def test_second_front_matter_block(tmp_path):
    snippet = SNIPPET.replace("每年召开", "---\nid: again\n---\n每年召开")
    assert "正文里的 --- 会被当作又一段字段或分隔线" in problems(write_library(tmp_path, snippets={"congress-demo": snippet}))


@pytest.mark.parametrize("text, expected", [
    ("征集\u200b提案。", "［零宽空格］"), ("征集\u202e提案。", "［从右到左覆盖］"), ("征集\u00a0提案。", "［不换行空格］"),
    ("征集｛职工｝提案。", "全角花括号"), ("征集〖单位名称〗提案。", "占位符只用【】括起来"), ("征集[单位名称]提案。", "占位符只用【】括起来"),
    ("征集\x00提案。", "控制字符［U+0000"),
])
def test_invisible_and_look_alike_characters(tmp_path, text, expected):
    assert expected in with_snippet_line(tmp_path, text)


def test_no_fix_is_suggested_that_keeps_the_invisible_character(tmp_path):
    found = with_snippet_line(tmp_path, "征集\u00a0提案,会前公示。")
    assert "请改为" not in found or "\u00a0" not in found.split("请改为")[1]


def test_byte_order_mark_is_accepted(tmp_path):
    data = write_library(tmp_path)
    snippet = data / "snippets" / "congress-demo.md"
    snippet.write_bytes(b"\xef\xbb\xbf" + snippet.read_bytes())
    load_library(data)


def test_markdown_block_syntax_stays_text(tmp_path):
    lines = ["!!! danger", "=== \"tab\"", "+ 加号开头", "1) 括号编号", ": 冒号开头"]
    snippet = SNIPPET.replace(LINE, "\n\n".join(lines))
    project = write_project(tmp_path / "project", snippets={"congress-demo": snippet})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "snippets" / "congress-demo" / "index.html").read_text(encoding="utf-8")
    body = html[html.index("<article"):html.index("</article>")]
    assert "admonition" not in body and "tabbed-set tabbed-alternate" in body  # only the sector tabs are tabs
    assert body.count('class="tabbed-set') == 1 and "<ul>\n<li>加号开头" not in body
    for line in ["!!! danger", "=== &quot;tab&quot;", "+ 加号开头", "1) 括号编号", ": 冒号开头"]:
        assert line in body.replace("&#33;", "!").replace("&#61;", "=").replace("&#43;", "+").replace("&#49;", "1").replace("&#58;", ":"), line
