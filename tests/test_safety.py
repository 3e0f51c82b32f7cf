"""Contributed text is data: it never runs as a template and never reaches a page as HTML or script."""
import os
import re
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import PLAN, SNIPPET, mkdocs_build, write_library, write_project
from unionplans import render
from unionplans.errors import DataError
from unionplans.library import load_library

LINE = "广泛征集{职工}提案，会前公示议题。"


@pytest.mark.parametrize("template", ["{{ config }}", "{% include 'mkdocs.yml' %}", "{{ ''.__class__.__mro__ }}", "{# 注释 #}"])
def test_template_syntax_is_rejected_with_a_message(tmp_path, template):
    snippet = SNIPPET.replace(LINE, f"征集提案{template}。")
    with pytest.raises(DataError) as error:
        load_library(write_library(tmp_path, snippets={"congress-demo": snippet}))
    assert "templates_data/snippets/congress-demo.md:12: 这里有模板语法" in str(error.value)


def test_html_and_script_reach_the_page_only_as_text(tmp_path):
    attack = ('<script>alert(1)</script><img src=x onerror="alert(2)"><iframe src="//evil"></iframe>'
              "[link](javascript:alert(3)) <a href='javascript:alert(4)'>链接</a>")
    snippet = SNIPPET.replace(LINE, attack)
    project = write_project(tmp_path / "project", snippets={"congress-demo": snippet})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in ["plans/school-demo", "snippets/congress-demo"]:
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        body = html[html.index("<article"):html.index("</article>")]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # shown literally
        real_tags = r"<script\b|<iframe\b|<img\b[^>]*onerror|<a\b[^>]*href=[\"']?javascript:"
        assert not re.search(real_tags, body), page  # escaped text like &lt;script&gt; is harmless


# --- robustness: any data file either loads completely or fails with the project's own error ---------

NOISE = st.sampled_from([":", "-", " ", "  ", "\t", "{", "}", "【", "】", "#", "\"", "'", "|", "[", "]", "\n", "职工", "【单位名称】",
                         "{职工}", "- snippet: congress-demo", "  - title: 新增", "measures:", "when: 13月", "sections:", "null", "0"])


@st.composite
def mutated(draw, text):
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace"]))
        if action == "delete" and len(lines) > 1:
            lines.pop(index)
        elif action == "duplicate":
            lines.insert(index, lines[index])
        else:
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            cut = at + (draw(st.integers(0, 3)) if action == "replace" else 0)
            lines[index] = line[:at] + draw(NOISE) + line[cut:]
    return "\n".join(lines)


@settings(max_examples=int(os.environ.get("LOADER_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(plan=mutated(PLAN.format(id="school-demo", sector="school")), snippet=mutated(SNIPPET))
def test_mutated_files_load_whole_or_fail_clearly(plan, snippet):
    with tempfile.TemporaryDirectory() as folder:
        data = write_library(folder, snippets={"congress-demo": snippet}, plans={"school-demo": plan})
        try:
            library = load_library(data)
        except DataError as error:
            assert error.problems and all(p.file.startswith("templates_data/") for p in error.problems)
            return
    # Loaded: nothing was silently dropped.
    assert list(library.plans) == ["school-demo"] and list(library.snippets) == ["congress-demo"]
    plan = library.plans["school-demo"]
    items = render.plan_items(library, plan)
    assert len(items) == len(plan["sections"]) + bool(library.schedule(plan)) + bool(plan.get("safeguards"))
    markdown = render.plan_markdown(library, plan)
    for section in plan["sections"]:
        title = section.get("title") or library.snippets[section["snippet"]]["title"]
        assert render.plain(re.sub(r"\{([^{}]*)\}", lambda m: library.sector_values("school")[m.group(1)], title)) in markdown


# --- robustness: arbitrary structures and characters, anywhere in a plan --------------------------

import yaml  # noqa: E402

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                    st.text(max_size=40), st.sampled_from(["school", "annual", "congress-demo", "{职工}", "【年度】", "春节前", "春节前2周", "开学第1周", "每季度", "13"]))
STRUCTURES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=6), st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(
        ["title", "text", "snippet", "sections", "measures", "goals", "when", "lead", "do", "id", "name"])), children, max_size=6)), max_leaves=40)
FIELDS = ["id", "name", "title", "sector", "type", "summary", "profile", "preamble", "sections", "safeguards", "closing", "extra"]


@settings(max_examples=int(os.environ.get("LOADER_EXAMPLES", 150)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), value=STRUCTURES, text=st.text(max_size=60))
def test_arbitrary_values_load_or_fail_clearly(field, value, text):
    plan = yaml.safe_load(PLAN.format(id="school-demo", sector="school"))
    plan[field] = value
    snippet = SNIPPET.replace(LINE, text.replace("---", "-"))
    with tempfile.TemporaryDirectory() as folder:
        data = write_library(folder, snippets={"congress-demo": snippet},
                             plans={"school-demo": yaml.safe_dump(plan, allow_unicode=True)})
        try:
            library = load_library(data)
        except DataError as error:
            assert error.problems and all(p.file.startswith("templates_data/") for p in error.problems)
            assert all("Traceback" not in p.message and "<" not in p.file for p in error.problems)
            return
    for plan in library.plans.values():  # whatever loads also renders
        render.plan_markdown(library, plan)
        list(render.plan_blocks(library, plan))
