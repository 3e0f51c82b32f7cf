"""The composer in Chromium: a reader's own plan from the library's parts, numbered, kept, shared, copied and
downloaded as Word, reading exactly like the plan pages built from the same items."""
from docx import Document

from conftest import LIBRARY

PLAN = "hospital-annual"


def headings(page, level=2):
    return [h.inner_text().split("\n")[0].replace("复制本节", "") for h in page.locator(f".composer-document h{level}").all()]


def open_plan(page, plan_id=PLAN):
    page.goto(page.base + f"/compose/#plan={plan_id}")
    page.locator(".composer-document h2").first.wait_for()


def test_a_model_plan_composes_like_its_page(page):
    open_plan(page)
    assert headings(page)[0] == "一、指导思想" and headings(page)[-1].endswith("、保障措施")
    page.click(".copy-all")
    composed = page.evaluate("navigator.clipboard.readText()")
    page.goto(page.base + f"/plans/{PLAN}/")
    page.click(".copy-all")
    assert page.evaluate("navigator.clipboard.readText()") == composed  # the same blocks, the same numbering


def test_add_move_drop_and_the_numbering_follows(page):
    open_plan(page)
    before = headings(page)
    category = next(c for c in LIBRARY.categories if c == "culture-sports")
    page.select_option(".composer-category", category)
    first = page.locator(".composer-snippets li").first
    title = first.locator("strong").inner_text()
    first.locator("button").click()  # a new part goes before the schedule and the safeguards
    after = headings(page)
    assert len(after) == len(before) + 1 and any(h.endswith("、" + title) for h in after)
    position = next(i for i, h in enumerate(after) if h.endswith("、" + title))
    page.get_by_role("button", name="上移：" + title).click()
    moved = headings(page)
    assert moved[position - 1].endswith("、" + title) and moved[position - 1].startswith(after[position - 1].split("、")[0])
    dropped = moved[0].split("、", 1)[1]
    page.get_by_role("button", name="删去：" + dropped).click()
    final = headings(page)
    assert len(final) == len(before) and final[0].startswith("一、") and not any(h.endswith("、" + dropped) for h in final)
    assert [h.split("、")[0] for h in final] == [h.split("、")[0] for h in before]  # 一、二、三… without gaps
    assert "要有标题含“指导思想”" in page.inner_text(".composer-warnings")  # a required part was dropped

    page.reload()  # kept across a reload
    page.locator(".composer-document h2").first.wait_for()
    assert headings(page) == final
    shared = page.url
    assert "#c=" in shared
    fresh = page.context.browser.new_context()
    other = fresh.new_page()
    other.goto(shared)
    other.locator(".composer-document h2").first.wait_for()
    assert [h.inner_text().split("\n")[0].replace("复制本节", "") for h in other.locator(".composer-document h2").all()] == final
    fresh.close()


def test_items_inside_a_section_move_and_drop(page):
    open_plan(page)
    section = headings(page)[2].split("、", 1)[1]
    children = page.locator(f"[aria-label='{section}的条目'] li")
    count, second = children.count(), children.nth(1).inner_text().split(" ")[0]
    page.get_by_role("button", name="上移条目：" + second).click()
    assert page.locator(f"[aria-label='{section}的条目'] li").first.inner_text().startswith(second)
    page.get_by_role("button", name="删去条目：" + second).click()
    assert page.locator(f"[aria-label='{section}的条目'] li").count() == count - 1


def test_the_composed_word_file(page):
    open_plan(page)
    page.click("details.fill-in summary")
    page.fill("details.fill-in input[data-ph='工会名称']", "城东医院工会委员会")
    with page.expect_download() as download:
        page.click(".composer-download")
    document = Document(download.value.path())
    texts = [(p.style.name, p.text) for p in document.paragraphs]
    assert texts[0] == ("Plan Title", f"城东医院工会委员会\n{LIBRARY.year}年工作计划")
    assert [t for s, t in texts if s == "Heading 1"][:2] == ["一、指导思想", "二、工作目标"]
    assert any(s == "Heading 2" and t.startswith("（一）") for s, t in texts)
    assert [c.text for c in document.tables[0].rows[0].cells] == ["月份", "工作安排"]
    assert texts[-2:] == [("Signature", "城东医院工会委员会"), ("Signature Date", "【日期】")]
    assert document.core_properties.title.startswith("城东医院工会委员会")
    assert download.value.suggested_filename == "城东医院工会委员会-医院年度工作计划.docx"


def test_the_composed_word_file_matches_the_plans_own(page, site):
    open_plan(page)
    with page.expect_download() as download:
        page.click(".composer-download")
    composed, built = Document(download.value.path()), Document(site / "downloads" / f"{PLAN}.docx")
    strip = lambda d: [(p.style.name, p.text.replace(str(LIBRARY.year), "【年度】")) for p in d.paragraphs]  # noqa: E731
    assert strip(composed) == strip(built)
    assert [[c.text for c in r.cells] for r in composed.tables[0].rows] == [[c.text for c in r.cells] for r in built.tables[0].rows]


def test_an_empty_outline_and_the_calendar_schedule(page):
    page.goto(page.base + "/compose/")
    page.locator(".composer-start").wait_for()
    page.select_option("select[name=sector]", "kindergarten")
    page.wait_for_function("document.querySelector('select[name=plan]').options.length > 0")
    page.select_option("select[name=type]", "annual")
    page.click("button[name=empty]")
    page.locator(".composer-document h2").first.wait_for()
    assert headings(page) == ["一、指导思想", "二、工作目标", "三、月度工作安排", "四、保障措施"]
    rows = page.locator(".composer-document table tbody tr")
    assert rows.count() >= 10 and "教师节" in page.inner_text(".composer-document table")


def test_a_snippet_page_adds_itself(page):
    page.goto(page.base + "/snippets/festival-visits/")
    page.click("text=把它加进自己组合的计划")
    page.locator(".composer-document h2").first.wait_for()
    title = LIBRARY.snippets["festival-visits"]["title"].replace("{", "").replace("}", "")
    assert any(title in h for h in headings(page))


def test_a_composition_with_a_snippet_since_removed_keeps_the_rest(page):
    page.goto(page.base + "/compose/")
    page.evaluate("""() => localStorage.setItem('unionplans.composition', JSON.stringify({v: 1, sector: 'hospital',
        type: 'special', title: '【工会名称】【年度】年专项工作计划', preamble: '', scheduleTitle: '月度工作安排', schedule: null,
        sections: [{title: '组织机构', text: '院工会牵头。'}, {snippet: 'no-longer-here'}, {snippet: 'festival-visits'}]}))""")
    page.reload()
    page.locator(".composer-document h2").first.wait_for()
    assert len(headings(page)) == 2 and headings(page)[1].startswith("二、")
    assert "段落“no-longer-here”已不在库中" in page.inner_text(".composer-warnings")



def test_the_composer_works_under_a_sub_path(browser, subpath_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(subpath_server + "/compose/#plan=" + PLAN)
    page.locator(".composer-document h2").first.wait_for()
    assert page.locator(".composer-document h2").first.inner_text().startswith("一、")
    context.close()
