"""The real library, built by the real `mkdocs build --strict`: every page, the catalog and the search index."""
import json
import re
import pytest

from conftest import LIBRARY
from unionplans import pages, render, wording



def html(site, uri):
    return (site / pages.url(uri) / "index.html").read_text(encoding="utf-8")


def article(page):
    return page[page.index("<article"):page.index("</article>")]


@pytest.mark.parametrize("plan_id", sorted(LIBRARY.plans))
def test_plan_page(site, plan_id):
    plan = LIBRARY.plans[plan_id]
    page = article(html(site, pages.plan_uri(plan_id)))
    assert f"<h1>{plan['name']}</h1>" in page
    assert "<h2" in page and "一、" in page
    assert 'class="signature"' in page
    assert "{" not in page.replace("{: ", ""), "a sector term was left unreplaced"


def test_every_sector_category_and_snippet_has_a_page(site):
    for uri in [*map(pages.sector_uri, LIBRARY.sectors), *map(pages.category_uri, LIBRARY.categories),
                *map(pages.snippet_uri, LIBRARY.snippets)]:
        assert (site / pages.url(uri) / "index.html").exists(), uri


def test_home_page_leads_to_every_sector_in_one_click(site):
    home = article((site / "index.html").read_text(encoding="utf-8"))
    for sector_id, sector in LIBRARY.sectors.items():
        assert f'href="sectors/{sector_id}/"' in home, sector["name"]


def test_sector_page_lists_its_plans(site):
    for sector_id in LIBRARY.sectors:
        page = article(html(site, pages.sector_uri(sector_id)))
        for plan in LIBRARY.plans.values():
            listed = f'href="../../plans/{plan["id"]}/"' in page
            assert listed == (plan["sector"] == sector_id), (sector_id, plan["id"])


def test_category_pages_list_every_snippet(site):
    for snippet in LIBRARY.snippets.values():
        page = article(html(site, pages.category_uri(snippet["category"])))
        assert f'href="../../snippets/{snippet["id"]}/"' in page, snippet["id"]


def test_calendar_and_placeholder_pages_come_from_the_data(site):
    calendar = article((site / "calendar" / "index.html").read_text(encoding="utf-8"))
    for item in LIBRARY.calendar["items"]:
        assert render.plain(wording.generic(item["name"], LIBRARY.edition_values)) in calendar
    assert "国际护士节（5月12日）</td>\n<td>医院" in calendar
    placeholders = article((site / "placeholders" / "index.html").read_text(encoding="utf-8"))
    for name in LIBRARY.placeholders:
        assert f"【{name}】" in placeholders


def test_catalog_matches_the_data_and_the_pages(site):
    catalog = json.loads((site / "catalog.json").read_text(encoding="utf-8"))
    assert {p["id"] for p in catalog["plans"]} == set(LIBRARY.plans)
    assert {s["id"] for s in catalog["snippets"]} == set(LIBRARY.snippets)
    for entry in catalog["plans"]:
        plan = LIBRARY.plans[entry["id"]]
        assert (entry["sector"], entry["type"]) == (plan["sector"], plan["type"])
        page = article((site / entry["url"] / "index.html").read_text(encoding="utf-8"))
        body = page[page.rindex('class="plan-title"'):]  # a 工作要点's covering 通知 comes before it
        shown = re.sub(r"<[^>]+>", "", body)
        assert entry["characters"] == wording.count_han(shown), entry["id"]
    for entry in catalog["snippets"]:
        assert (site / entry["url"] / "index.html").exists()
        assert entry["category"] == LIBRARY.snippets[entry["id"]]["category"]


def test_search_bundle_and_traditional_table_are_built(site):
    assert (site / "pagefind" / "pagefind-ui.js").exists() and (site / "pagefind" / "pagefind-entry.json").exists()
    table = json.loads((site / "search" / "t2s.json").read_text(encoding="utf-8"))
    assert (table["職"], table["會"], table["溫"]) == ("职", "会", "温")
    assert not (site / "search" / "search_index.json").exists()  # one index, not two


def test_no_resource_is_loaded_from_outside(site):
    # A canonical link names the page's published address; it loads nothing.
    external = re.compile(r'<(?:script|link(?![^>]*rel="canonical")|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//')
    for page in site.rglob("*.html"):
        assert not external.search(page.read_text(encoding="utf-8")), page


def test_navigation_lists_every_sector_and_category_but_not_every_plan(site):
    page = (site / "plans" / "school-annual" / "index.html").read_text(encoding="utf-8")
    nav = page[page.index('<nav class="md-nav md-nav--primary"'):page.index('<div class="md-content"')]
    for sector_id in LIBRARY.sectors:
        assert f'href="../../sectors/{sector_id}/"' in nav, sector_id
    for category_id in LIBRARY.categories:
        assert f'href="../../categories/{category_id}/"' in nav, category_id
    assert "/plans/" not in nav  # the navigation does not grow with the library


def test_a_work_points_plan_offers_its_covering_notice(tmp_path):
    """关于印发《……工作要点》的通知: folded above the plan, copyable on its own, and a Word file of its own."""
    from docx import Document

    from conftest import PLAN, mkdocs_build, write_project

    plan = PLAN.format(id="school-demo", sector="school") + "notice: |\n  各学校工会：\n\n  现将工作要点印发给你们，请结合实际认真贯彻落实。\n"
    project = write_project(tmp_path / "project", plans={"school-demo": plan})
    assert mkdocs_build(project, tmp_path / "site").returncode == 0
    html = (tmp_path / "site" / "plans" / "school-demo" / "index.html").read_text(encoding="utf-8")
    notice = html[html.index('<details class="notice">'):html.index("</details>", html.index('<details class="notice">'))]
    assert "关于印发《" in notice and '<p class="addressee">各学校工会：</p>' in notice and 'class="copy-block"' in notice
    document = Document(tmp_path / "site" / "downloads" / "school-demo.notice.docx")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于印发《【工会名称】【年度】年工作计划》的通知" and texts[2] == "各学校工会："
    assert document.paragraphs[2].style.name == "Addressee" and texts[-2:] == ["【工会名称】", "【日期】"]
    catalog = json.loads((tmp_path / "site" / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["plans"][0]["notice_docx"] == "downloads/school-demo.notice.docx"


def test_the_build_prints_nothing_about_the_links_the_library_writes(site):
    """Each plan and snippet page links to the composer with its id in the fragment; MkDocs checks every link and
    prints an INFO or WARNING line for one it cannot place: the build prints none, and the link is the composer's
    URL (the --no-directory-urls preview is tested in test_github.py)."""
    output = (site.parent / "build.log").read_text(encoding="utf-8")
    complaints = re.findall(r"^(?:INFO|WARNING) +- +Doc file .*$", output, re.M)
    assert not complaints, complaints[:3]
    assert not re.findall(r"^WARNING.*$", output, re.M)
    for snippet_id in LIBRARY.snippets:
        page = html(site, pages.snippet_uri(snippet_id))
        assert f'href="../../compose/#snippet={snippet_id}"' in page, snippet_id
    for plan_id in LIBRARY.plans:
        page = html(site, pages.plan_uri(plan_id))
        assert f'<a class="md-button" href="../../compose/#plan={plan_id}">以此为基础自己组合</a>' in page, plan_id
        assert '<a class="md-button" href="../../check/">检查自己的计划</a>' in page, plan_id
    assert (site / "compose" / "index.html").is_file() and (site / "check" / "index.html").is_file()
