"""One boundary: contributed text is checked after YAML has decoded it, and escaped where it leaves the build.

Each finding of the second security review (issue 22: 1, 2, 5, 6, 12, 14, 16) has a case here, and a
property test feeds YAML escapes of odd code points through every registry file, a plan and a snippet.
"""
import io
import re
import tempfile
import time
import unicodedata
import zipfile
from pathlib import Path

import docx
import markdown
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import PLAN, SNIPPET, mkdocs_build, write_library, write_project
from unionplans import patterns, render, word
from unionplans.compose import sector_data
from unionplans.errors import DataError
from unionplans.library import load_library
from unionplans.pages import Site

SCHOOL_PLAN = PLAN.format(id="school-demo", sector="school")
HOOK = "  - year: 2027\n    checked: 2026-11-20\n"


def problems(data):
    """The problems the loader reports, as (file, line, message) and as the text a contributor reads."""
    with pytest.raises(DataError) as error:
        load_library(data)
    return error.value.problems, "\n".join(str(p) for p in error.value.problems)


def with_plan(tmp_path, text):
    return problems(write_library(tmp_path, plans={"school-demo": text}))


# --- 1. a hook's markup reaches a title only as text -------------------------------------------------

def test_markup_in_a_hook_used_in_a_snippet_title_is_escaped_in_a_real_build(tmp_path):
    attack = "<img src=x onerror=alert(1)>"
    project = write_project(tmp_path / "project", snippets={"congress-demo": SNIPPET.replace(
        "title: 开好{职代会}", "title: 开好{职代会}{年度主线}")})
    edition = project / "templates_data" / "edition.yml"
    text = edition.read_text(encoding="utf-8")
    assert "年度主线: 迎接和学习宣传贯彻党的二十一大" in text
    edition.write_text(text.replace("年度主线: 迎接和学习宣传贯彻党的二十一大", f"年度主线: '{attack}'", 1), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "snippets" / "congress-demo" / "index.html").read_text(encoding="utf-8")
    tags = (tmp_path / "site" / "tags" / "index.html").read_text(encoding="utf-8")
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert re.search(f"<h1[^>]*>[^<]*{re.escape(escaped)}", page)
    assert re.search(f"<title>[^<]*{re.escape(escaped)}", page)
    assert escaped in tags
    for html in (tmp_path / "site").rglob("*.html"):
        assert "<img src=x" not in html.read_text(encoding="utf-8"), html


# --- 2 and 14. schema.yml is checked like any other file ---------------------------------------------

@pytest.mark.parametrize("old, new", [
    ("    file: sectors.yml\n", "    file: 'sectors.yml`<img src=x onerror=alert(1)>'\n"),
    ("      short: {type: label,", "      'short`<b>': {type: label,"),
    ("      short: {type: label,", "      short: {type: 'label<b>',"),
    ("      short: {type: label,", "      short: {type: labels,"),
])
def test_names_types_and_files_in_schema_yml_are_checked(tmp_path, old, new):
    data = write_library(tmp_path)
    schema = data / "schema.yml"
    text = schema.read_text(encoding="utf-8")
    assert old in text
    schema.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    found, report = problems(data)
    assert any(p.file == "templates_data/schema.yml" and p.line == line for p in found), report


@pytest.mark.parametrize("name, content, expected", [
    ("formula.yml", "- a\n", "templates_data/formula.yml"),
    ("schema.yml", "kinds: {}\n", "templates_data/schema.yml:1: schema.yml 应当以 kinds: 开头"),
    ("edition.yml", "year: 2027\nhooks: [1]\nyears: []\n", "templates_data/edition.yml:2"),
])
def test_registry_files_of_the_wrong_shape_get_a_message(tmp_path, name, content, expected):
    data = write_library(tmp_path)
    (data / name).write_text(content, encoding="utf-8")
    assert expected in problems(data)[1]


# --- 5. a carriage return never starts a Markdown block ------------------------------------------------

def test_carriage_return_from_an_escape_is_refused(tmp_path):
    plan = SCHOOL_PLAN.replace("summary: 用于测试的示例计划。", 'summary: "用于测试的示例计划。\\r!!! danger 注意"')
    found, report = with_plan(tmp_path, plan)
    line = plan.split("\n").index('summary: "用于测试的示例计划。\\r!!! danger 注意"') + 1
    assert f"templates_data/plans/school/school-demo.yml:{line}: 这里有看不见的控制字符［回车符］" in report


def test_block_syntax_on_any_line_of_a_text_stays_text():
    text = "说明\n!!! danger 注意\n- 列表\n标题\n===\n1) 编号\n: 定义"
    html = markdown.markdown(render.plain(text), extensions=["admonition", "def_list", "pymdownx.tabbed"])
    assert not re.search(r"<(div|ul|ol|h1|h2|dl|li)\b", html), html
    assert "!!! danger 注意" in html.replace("&#33;", "!")


# --- 6. a control character cannot break the Word files -------------------------------------------------

def test_control_character_in_a_snippet_title_is_refused(tmp_path):
    snippet = SNIPPET.replace("title: 开好{职代会}", 'title: "开好\\x01{职代会}\\x1b"')
    found, report = problems(write_library(tmp_path, snippets={"congress-demo": snippet}))
    assert "templates_data/snippets/congress-demo.md:3: 这里有看不见的控制字符［U+0001］" in report


def test_word_runs_drop_any_character_xml_cannot_hold():
    blocks = [render.Block("title", "标题\x01"), render.Block("heading", "一、工作\x1b目标", 1),
              render.Block("paragraph", "正文\x0b【单位名称】\ufffe。")]
    document = docx.Document(io.BytesIO(word.blocks_docx(blocks)))
    assert [p.text for p in document.paragraphs if p.text][:3] == ["标题", "一、工作目标", "正文【单位名称】。"]


# --- 12. invisible and bidi characters written as escapes ------------------------------------------------

@pytest.mark.parametrize("escape", ["\\u061c", "\\U000E0041", "\\u2028", "\\u2029", "\\x85", "\\x9b", "\\u200b", "\\u2066",
                                    "\\u00ad", "\\u180e", "\\ufeff", "\\u3164", "\\ufe0f", "\\t", "\\0", "\\e", "\\_", "\\L"])
def test_invisible_characters_written_as_escapes_are_refused(tmp_path, escape):
    plan = SCHOOL_PLAN.replace("summary: 用于测试的示例计划。", f'summary: "用于测试的示例{escape}计划。"')
    found, report = with_plan(tmp_path, plan)
    line = plan.split("\n").index(f'summary: "用于测试的示例{escape}计划。"') + 1
    said = "这一行句中有 Tab" if escape == "\\t" else "这里有看不见的"  # a tab gets the fix that keeps the line
    assert f"templates_data/plans/school/school-demo.yml:{line}: {said}" in report


def test_escaped_invisible_character_in_a_registry_key_is_refused(tmp_path):
    data = write_library(tmp_path)
    terms = data / "terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8") + '- "key": "职\\u200d工"\n  description: 测试\n  example: 测试\n',
                     encoding="utf-8")
    assert "［零宽连字］" in problems(data)[1]


# --- 16. the file at fault is the one blamed --------------------------------------------------------------

def test_a_line_of_fifteen_thousand_digits_is_blamed_on_the_plan(tmp_path):
    plan = SCHOOL_PLAN.replace("三八节前后组织女职工健康讲座。", "1" * 15_000)
    start = time.perf_counter()
    found, report = with_plan(tmp_path, plan)
    assert time.perf_counter() - start < 20
    assert "content_rules.yml" not in report
    line = plan.split("\n").index("      " + "1" * 15_000) + 1
    assert f"templates_data/plans/school/school-demo.yml:{line}: 这一行有 15000 个字符" in report


def test_a_rule_slow_only_on_a_long_line_is_not_blamed():
    long_line = patterns.compile(r"\d+(?:\.\d+)?\s*(?:元|万元)")
    with pytest.raises(patterns.TooSlow) as slow:
        patterns.search(long_line, "1" * 15_000 + "，元")  # the 元 it needs is there, so the pattern has to run
    assert not slow.value.rule_at_fault
    with pytest.raises(patterns.TooSlow) as slow:
        patterns.search(patterns.compile("(会|会会)+无"), "会" * 40 + "！")
    assert slow.value.rule_at_fault


# --- every registry file, a plan and a snippet: odd code points through YAML escapes -------------------

REGISTRIES = ["schema", "edition", "formula", "families", "sectors", "search_synonyms", "content_rules", "calendar",
              "placeholders", "terms", "categories", "plan_types"]
FILES = [f"{name}.yml" for name in REGISTRIES] + ["plans/school/school-demo.yml", "snippets/congress-demo.md"]
# A field or key followed by a plain value on the same line; the value (or the key) becomes a quoted string.
FIELD = re.compile(r"^(\s*(?:- )?)([^\s#'\"{\[\-|>&*!:][^:#]*?|[a-z_]+): ([^\s'\"{\[|>&*!#].*)$")
FLOW = re.compile(r"^(\s*(?:- )?[a-z_]+: \[)([^,\]'\"]+)(.*)$")  # the first item of a one-line list
ODD = st.one_of(
    st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Zs", "Co"], exclude_characters="\n "),
    st.sampled_from("\ufffe\uffff\U0001fffe\ufdd0\U000e0001\U000e0041\U000e007f\u115f\u3164\u2800\ufe0f\U000e0100\ufffd"),
)
LOOKS = st.sampled_from(["{c}", "a{c}", "{c}b"])


def _quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _escape(character):
    return f"\\U{ord(character):08X}"


@given(file=st.sampled_from(FILES), character=ODD, data=st.data())
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_odd_code_points_through_every_data_file_are_refused_or_never_reach_an_output(file, character, data):
    with tempfile.TemporaryDirectory() as root:
        library = write_library(root)
        path = library / file
        lines = path.read_text(encoding="utf-8").split("\n")
        start = lines.index("---", 1) + 1 if file.endswith(".md") else len(lines)  # a snippet's body follows its fields
        candidates = [i for i, line in enumerate(lines[:start]) if FIELD.match(line) or FLOW.match(line)]
        candidates += [i for i in range(start, len(lines)) if lines[i].strip()]
        index = data.draw(st.sampled_from(candidates), label="line")
        if index >= start:  # the body is Markdown, not YAML: the character goes in as itself
            assume(character != "\r")  # a raw CR is a line break, as in every editor
            at = data.draw(st.integers(0, len(lines[index])), label="at")
            lines[index] = lines[index][:at] + character + lines[index][at:]
        elif FLOW.match(lines[index]):
            head, item, rest = FLOW.match(lines[index]).groups()
            lines[index] = head + _quoted(item)[:-1] + _escape(character) + '"' + rest
        else:
            indent, key, value = FIELD.match(lines[index]).groups()
            target = data.draw(st.sampled_from(["key", "value"]), label="where")
            odd = _escape(character)
            if target == "key":
                key = _quoted(key)[:-1] + odd + '"'
            else:
                value = _quoted(value)[:-1] + odd + '"'
            lines[index] = f"{indent}{key}: {value}"
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            loaded = load_library(library)
        except DataError as error:
            where = [(p.file, p.line) for p in error.problems]
            assert (f"templates_data/{file}", index + 1) in where, (lines[index], str(error))
            return
    _assert_outputs_clean(loaded, character)


def _assert_outputs_clean(library, character):
    """Only reached if a character is accepted: then no page, Word file or JSON holds it."""
    site = Site(library)
    texts = [*site.plan_markdown.values(), *(site.body(page) for page in site.pages()), str(site.catalog())]
    texts += [str(sector_data(library, sid)) for sid in library.sectors]
    for plan in library.plans.values():
        with zipfile.ZipFile(io.BytesIO(word.plan_docx(library, plan))) as archive:
            texts.append(archive.read("word/document.xml").decode("utf-8"))
    assert not any(character in text for text in texts), unicodedata.name(character, hex(ord(character)))


@pytest.mark.parametrize("raw, expected", [("\x01", "控制字符［U+0001］"), ("\u2028", "［行分隔符］"), ("\x85", "［下一行］"),
                                           ("\ufffe", "［U+FFFE］"), ("\x1b", "［U+001B］")])
def test_raw_characters_yaml_reads_differently_are_named_on_their_own_line(tmp_path, raw, expected):
    plan = SCHOOL_PLAN.replace("summary: 用于测试的示例计划。", f"summary: 用于测试的{raw}示例计划。")
    line = plan.split("\n").index(f"summary: 用于测试的{raw}示例计划。") + 1
    assert f"templates_data/plans/school/school-demo.yml:{line}: 这里有看不见的" in with_plan(tmp_path, plan)[1]
    assert expected in with_plan(tmp_path / "again", plan)[1]


def test_a_hidden_character_in_a_file_name_is_written_out_in_the_message(tmp_path):
    data = write_library(tmp_path)
    (data / "plans" / "school" / "school-demo.yml").rename(data / "plans" / "school" / "school\n::error::demo\u202e.yml")
    found, report = problems(data)
    assert "school［U+000A］::error::demo［从右到左覆盖］.yml" in report
    assert not any("\n" in p.file or "\u202e" in p.file for p in found)
