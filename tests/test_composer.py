"""The composer in Chromium: a reader's own plan from the library's parts, numbered, kept, shared, copied and
downloaded as Word, reading exactly like the plan pages built from the same items."""
from docx import Document
from docx.shared import Twips

from conftest import LIBRARY
from unionplans import word

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
    page.get_by_role("group", name="调整：" + section).locator("summary").click()
    count, second = children.count(), children.nth(1).inner_text().split()[0]  # the items' buttons fold away, off the Tab order
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
    # The composer starts from the edition's years (【年度】, 【下一年度】); the built file keeps the placeholders.
    years = lambda text: text.replace(str(LIBRARY.year + 1), "【下一年度】").replace(str(LIBRARY.year), "【年度】")  # noqa: E731
    strip = lambda d: [(p.style.name, years(p.text)) for p in d.paragraphs]  # noqa: E731
    assert strip(composed) == strip(built)
    assert [[c.text for c in r.cells] for r in composed.tables[0].rows] == [[c.text for c in r.cells] for r in built.tables[0].rows]
    columns = lambda d: [c.width for c in d.tables[0].columns]  # noqa: E731  (docx-fill.js lays out the table as word.py does)
    assert columns(composed) == columns(built) == [Twips(word.MONTH_WIDTH), Twips(word.ITEMS_WIDTH)]


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


# --- the reader's work is never lost (issue 22.7) ------------------------------------------------------------

def slots(page):
    return page.evaluate("JSON.parse(localStorage.getItem('unionplans.compositions') || '[]')")


def drop_first_part(page):
    dropped = headings(page)[0].split("、", 1)[1]
    page.get_by_role("button", name="删去：" + dropped).click()
    return headings(page)


def test_a_link_keeps_the_readers_own_composition_to_restore(page, browser):
    open_plan(page)
    mine = drop_first_part(page)
    page.goto(page.base + "/compose/?2#plan=hospital-womens-day")  # the site's own link to another plan
    page.locator(".composer-document h2").first.wait_for()
    assert headings(page)[0] != mine[0]
    assert "你原来的组合仍保存在“之前的组合”里" in page.inner_text(".composer-status")
    assert [s["state"]["from"] for s in slots(page)][:2] == ["hospital-womens-day", PLAN]
    page.click(".composer-slots summary")
    from test_accessibility import violations
    assert violations(page) == []
    page.get_by_role("button", name="恢复：范本：").first.click()
    page.wait_for_function("document.querySelector('.composer-document h2').textContent.startsWith('一、工作目标')")
    assert headings(page) == mine

    # a colleague's shared composition opens beside the reader's own, and is never called the reader's own
    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(page.base + "/compose/#plan=hospital-annual")
    other.locator(".composer-document h2").first.wait_for()
    other.get_by_role("button", name="删去：" + headings(other)[-1].split("、", 1)[1]).click()
    shared = other.url
    fresh.close()
    page.goto(shared.replace("/compose/#", "/compose/?3#"))
    page.wait_for_function("document.querySelector('.composer-status').textContent.includes('分享')")
    assert "已载入分享的组合" in page.inner_text(".composer-status") and "之前的组合" in page.inner_text(".composer-status")
    page.goto(page.base + "/compose/")
    page.wait_for_function("document.querySelector('.composer-status').textContent.length > 0")
    status = page.inner_text(".composer-status")
    assert "分享组合" in status and "已恢复上次的组合" not in status
    assert any(s["label"].startswith("范本：") and s["state"]["from"] == PLAN for s in slots(page))  # the reader's own, kept


# --- hostile and damaged links (issues 22.10, 22.13, 24.3) -------------------------------------------------------

def code(value, raw=None):
    """A #c= code as composer.js writes it: JSON, deflate-raw, base64url."""
    import base64
    import json
    import zlib
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = raw if raw is not None else json.dumps(value, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(packer.compress(data) + packer.flush()).decode().rstrip("=")


def own_composition(page):
    """The reader's own work, saved: the hospital plan with its first part dropped."""
    open_plan(page)
    return drop_first_part(page)


CRAFTED = {
    "a type named __proto__": "c=" + code({"v": 1, "sector": "hospital", "type": "__proto__", "title": "x", "sections": []}),
    "a sector outside the data": "c=" + code({"v": 1, "sector": "../catalog", "type": "annual", "sections": []}),
    "a version from the future": "c=" + code({"v": 9, "s": "hospital"}),
    "not JSON": "c=" + code(None, raw=b"{\"v\":2,"),
    "not UTF-8": "c=" + code(None, raw=b"\xff\xfe\x00"),
    "malformed base64": "c=abc$def",
    "base64 of the wrong length": "c=abcde",
    "not deflate": "c=" + "QUJD" * 10,
    "broken percent-encoding": "c=%E4%B8",
    "a huge list": "c=" + code({"v": 1, "sector": "hospital", "type": "annual", "title": "x", "sections": [{"snippet": "festival-visits"}] * 5000}),
    "a wrong field type": "c=" + code({"v": 2, "s": "hospital", "y": "annual", "f": PLAN, "M": [[1, "x"]]}),
    "a plan that is not there": "plan=__proto__",
    "a snippet that is not there": "snippet=constructor",
}


def test_crafted_links_get_a_message_and_the_saved_work_stays(page):
    mine = own_composition(page)
    for what, link in CRAFTED.items():
        page.goto(page.base + "/compose/?" + str(len(link)) + "#" + link)  # the query string forces a fresh load
        page.wait_for_function("document.querySelector('.composer-status').textContent.length > 0")
        status = page.inner_text(".composer-status")
        assert "没有" in status, (what, status)
        page.locator(".composer-document h2").first.wait_for()
        assert headings(page) == mine, what
    assert "你保存的组合没有改动" in status or "没有找到" in status


def test_a_link_to_parts_that_are_not_in_the_library_opens_the_rest_and_says_so(page):
    link = code({"v": 2, "s": "hospital", "y": "annual", "f": "__proto__", "S": [0, "festival-visits", {"q": ["constructor", 0]}]})
    page.goto(page.base + "/compose/#c=" + link)
    page.locator(".composer-document h2").first.wait_for()
    warnings = page.inner_text(".composer-warnings")
    assert "范本“__proto__”的第 1 部分已不在库中" in warnings and "范本“constructor”的第 1 部分已不在库中" in warnings
    assert headings(page) == ["一、" + LIBRARY.snippets["festival-visits"]["title"].replace("{", "").replace("}", "")]


def test_a_share_link_bomb_is_refused_quickly(page):
    mine = own_composition(page)
    huge = "c=" + code(None, raw=b'{"v":1,"title":"' + b" " * 5_000_000 + b'"}')  # 5 MB behind a short link
    long = "c=" + "A" * 66_000
    for link, why in ((huge, "解开后超过"), (long, "地址太长")):
        page.goto(page.base + "/compose/?" + str(len(link)) + "#" + link)
        page.wait_for_function("document.querySelector('.composer-status').textContent.length > 0", timeout=10_000)
        assert why in page.inner_text(".composer-status")
        assert headings(page) == mine


def test_a_cut_share_address_gets_a_message_and_the_saved_work_stays(page, browser):
    open_plan(page, "construction-project-annual")
    page.get_by_role("button", name="删去：" + headings(page)[3].split("、", 1)[1]).click()
    page.locator(".composer-row textarea").first.fill("召开项目部工会委员会会议，部署全年工作。")
    page.locator(".composer-row textarea").nth(1).focus()
    shared = page.url
    mine = own_composition(page)
    for cut in (len(shared) // 2, len(shared) - 3):
        page.goto(shared[:cut].replace("/compose/#", f"/compose/?{cut}#"))
        page.wait_for_function("document.querySelector('.composer-status').textContent.length > 0")
        assert "这个分享地址没有载入" in page.inner_text(".composer-status")
        assert headings(page) == mine


# --- share addresses that travel (issue 24.3) --------------------------------------------------------------------

BUDGET = 2000


def share_address(page):
    page.get_by_role("button", name="复制分享地址").click()
    page.wait_for_function("document.querySelector('.composer-note') && document.querySelector('.composer-note').textContent")
    return page.evaluate("navigator.clipboard.readText()")


def test_every_model_plan_opens_in_its_page_order_with_a_short_share_address(page, site, capsys):
    from lxml import html as lxml_html
    lengths = {}
    for plan_id in LIBRARY.plans:
        built = lxml_html.parse(str(site / "plans" / plan_id / "index.html"))
        expected = [h.text_content().replace("¶", "").strip() for h in built.xpath("//article//h2[not(ancestor::details)]")]
        page.goto(page.base + f"/compose/?{plan_id}#plan={plan_id}")
        page.locator(".composer-document h2").first.wait_for()
        assert headings(page) == [h for h in expected if h[:1] in "一二三四五六七八九十"], plan_id
        lengths[plan_id] = len(page.url)
    with capsys.disabled():
        figures = sorted(lengths.values())
        print(f"\nshare addresses of the {len(lengths)} model plans, unchanged: shortest {figures[0]}, "
              f"median {figures[len(figures) // 2]}, longest {figures[-1]} characters (budget {BUDGET})")
    assert len(lengths) == len(LIBRARY.plans) and max(lengths.values()) <= BUDGET


def test_typical_edits_keep_the_share_address_short_and_it_opens_the_same(page, browser, capsys):
    open_plan(page, "construction-project-annual")
    page.get_by_role("button", name="删去：" + headings(page)[4].split("、", 1)[1]).click()
    page.get_by_role("button", name="上移：" + headings(page)[6].split("、", 1)[1]).click()
    page.select_option(".composer-category", "culture-sports")
    page.locator(".composer-snippets li button").first.click()
    months = page.locator(".composer-row textarea")
    months.nth(2).fill(months.nth(2).input_value() + "\n组织项目部职工开展安全知识答题。")
    months.nth(5).fill("开展“安康杯”竞赛中期检查。")
    page.locator(".composer-text").first.fill("项目部工会每季度向职工通报一次计划落实情况。")
    page.locator("input[aria-label=计划标题]").focus()
    page.once("dialog", lambda dialog: dialog.accept("做好农民工工资支付监督"))
    page.get_by_role("button", name="改标题：" + headings(page)[3].split("、", 1)[1]).click()
    address = share_address(page)
    with capsys.disabled():
        print(f"\nshare address after six typical edits of the construction plan: {len(address)} characters")
    assert len(address) <= BUDGET and "#c=" in address
    page.click(".copy-all")
    composed = page.evaluate("navigator.clipboard.readText()")
    fresh = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    other = fresh.new_page()
    other.goto(address)
    other.locator(".composer-document h2").first.wait_for()
    other.click(".copy-all")
    assert other.evaluate("navigator.clipboard.readText()") == composed
    fresh.close()


def test_an_address_of_the_first_format_still_opens(page):
    whole = {"v": 1, "sector": "hospital", "type": "special", "title": "【工会名称】【年度】年专项工作计划", "preamble": "",
             "sections": [{"title": "组织机构", "text": "院工会牵头。"}, {"snippet": "festival-visits"}],
             "scheduleTitle": "月度工作安排", "schedule": [["1月", ["走访慰问。"]]], "scheduleAt": 2}
    page.goto(page.base + "/compose/#c=" + code(whole))
    page.locator(".composer-document h2").first.wait_for()
    assert headings(page)[0] == "一、组织机构" and headings(page)[2] == "三、月度工作安排"


# --- keyboard (issue 24.4) ------------------------------------------------------------------------------------

def focused(page):
    return page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.tagName")


def note_beside(page, label):
    """The live region's text, when it stands in the same group as the control named label."""
    return page.evaluate("""label => {
        const note = document.querySelector('.composer-note'), control = document.querySelector(`[aria-label="${label}"]`);
        const group = control && control.closest('li, .composer-controls');
        return note && group && group.contains(note) && note.getAttribute('role') === 'status' ? note.textContent : null;
    }""", label)


def test_focus_stays_on_the_item_acted_on_and_each_change_is_announced_beside_it(page):
    open_plan(page)
    third = headings(page)[2].split("、", 1)[1]
    page.get_by_role("button", name="上移：" + third).focus()
    page.keyboard.press("Enter")
    assert focused(page) == "上移：" + third and headings(page)[1].endswith(third)
    page.wait_for_function("document.querySelector('.composer-note').textContent.length > 0")
    assert note_beside(page, "上移：" + third) == f"已上移：{third}，现在是第二部分。"

    after = headings(page)[2].split("、", 1)[1]
    page.get_by_role("button", name="删去：" + third).focus()
    page.keyboard.press("Enter")
    assert focused(page) == "删去：" + after  # the part that took its place
    page.wait_for_function("document.querySelector('.composer-note').textContent.startsWith('已删去')")
    assert note_beside(page, "删去：" + after) == f"已删去：{third}。"

    page.once("dialog", lambda dialog: dialog.accept("新的标题"))
    page.get_by_role("button", name="改标题：" + after).focus()
    page.keyboard.press("Enter")
    assert focused(page) == "改标题：新的标题"

    march = page.locator(".composer-row textarea").nth(2)
    label = page.locator(".composer-row").nth(2).inner_text().strip()
    march.focus()
    page.keyboard.type("组织职工春季健步走。")
    page.keyboard.press("Tab")
    page.wait_for_function("document.querySelector('.composer-document table').textContent.includes('组织职工春季健步走')")
    assert focused(page) == "删去：" + label  # the next control, redrawn, has the focus
    page.wait_for_function("document.querySelector('.composer-note').textContent.startsWith('已更新')")

    # arrow keys inside a part's toolbar; the toolbar is one Tab stop
    page.get_by_role("button", name="上移：新的标题").focus()
    page.keyboard.press("ArrowRight")
    assert focused(page) == "下移：新的标题"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"

    from test_accessibility import violations
    page.get_by_text("调整这一部分的条目").first.click()
    assert violations(page) == []


def tabs_to(page, selector, limit=400):
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    return None


def test_controls_are_a_few_tab_presses_away(page, capsys):
    open_plan(page)
    page.locator("body").focus()
    page.evaluate("document.activeElement.blur()")
    page.get_by_text("加入段落", exact=True).first.focus()  # the skip link
    page.keyboard.press("Enter")
    to_library = tabs_to(page, ".composer-snippets button, .composer-category")
    fifth = headings(page)[4].split("、", 1)[1]
    page.get_by_role("link", name="组合的计划").focus()
    page.keyboard.press("Enter")
    to_fifth = tabs_to(page, f"[aria-label='上移：{fifth}']")
    with capsys.disabled():
        print(f"\nTab presses after the skip links: to the library {to_library}, to the fifth part's buttons {to_fifth}")
    assert to_library is not None and to_library <= 3
    assert to_fifth is not None and to_fifth <= 25


def test_choosing_a_sector_by_arrow_keys_loads_nothing_until_the_reader_starts(page):
    page.goto(page.base + "/compose/")
    page.locator(".composer-start").wait_for()
    page.locator("select[name=sector]").focus()
    for _ in range(12):
        page.keyboard.press("ArrowDown")
    assert not [url for url in page.requests if "/compose/" in url and url.endswith(".json")]
    sector = page.eval_on_selector("select[name=sector]", "s => s.value")
    assert page.eval_on_selector("select[name=plan]", f"s => [...s.options].every(o => o.dataset.sector === '{sector}') && s.options.length > 0")
    page.click("button[name=from-plan]")
    page.locator(".composer-document h2").first.wait_for()
    assert [url.rsplit("/", 1)[1] for url in page.requests if "/compose/" in url and url.endswith(".json")] == [f"{sector}.json"]


# --- where 加入 puts a section (issue 24.5) -----------------------------------------------------------------

def add_first_of(page, category):
    page.select_option(".composer-category", category)
    first = page.locator(".composer-snippets li").first
    title = first.locator("strong").inner_text()
    first.locator("button").click()
    return title


def test_a_new_section_goes_where_the_plan_type_puts_it_or_where_the_reader_chooses(page):
    open_plan(page, "construction-project-annual")  # its sixth part is 保障现场作业安全, not the safeguards
    before = headings(page)
    title = add_first_of(page, "culture-sports")
    after = headings(page)
    assert after[len(before) - 2] == f"十一、{title}" and after[-2:] == ["十二、月度工作安排", "十三、保障措施"]
    page.wait_for_function("document.querySelector('.composer-note').textContent.startsWith('已加入')")
    assert "现在是第十一部分" in page.inner_text(".composer-library .composer-note")

    page.select_option(".composer-place", label="“二、工作目标”之后")
    second = add_first_of(page, "assistance")
    assert headings(page)[2] == f"三、{second}"

    page.once("dialog", lambda dialog: dialog.dismiss())  # the same snippet again: asked first, refused
    add_first_of(page, "assistance")
    assert sum(h.endswith("、" + second) for h in headings(page)) == 1
    page.wait_for_function("document.querySelector('.composer-library .composer-note').textContent.startsWith('没有重复加入')")
    page.once("dialog", lambda dialog: dialog.accept())
    add_first_of(page, "assistance")
    assert sum(h.endswith("、" + second) for h in headings(page)) == 2


# --- month boxes (issue 24.8) ---------------------------------------------------------------------------------

def test_month_boxes_grow_with_their_text(page):
    open_plan(page)
    boxes = page.locator(".composer-row textarea")
    assert boxes.count() >= 10
    cut = page.evaluate("""() => [...document.querySelectorAll('.composer-controls textarea')]
        .filter(a => a.scrollHeight > a.clientHeight + 1).length""")
    assert cut == 0
