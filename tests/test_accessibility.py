"""No accessibility violation (axe-core in Chromium) on any kind of page, in the light and the dark scheme,
with the search dialog open on results and the fill-in panel open; both usable by keyboard alone."""
import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = ["/", "/sectors/hospital/", "/categories/assistance/", "/plans/hospital-annual/", "/snippets/festival-visits/",
         "/guide/", "/check/", "/calendar/", "/placeholders/", "/contributing/schema/", "/tags/"]
AXE = Axe()


def violations(page):
    found = AXE.run(page).response["violations"]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in found]


@pytest.fixture(params=["light", "dark"])
def scheme_page(request, browser, server):
    context = browser.new_context(color_scheme=request.param)
    page = context.new_page()
    page.base = server
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_kinds_have_no_violations(scheme_page, path):
    scheme_page.goto(scheme_page.base + path)
    scheme_page.wait_for_load_state("networkidle")
    assert violations(scheme_page) == []


def test_search_dialog_with_results_has_no_violations_and_returns_focus(scheme_page):
    page = scheme_page
    page.goto(page.base + "/plans/hospital-annual/")
    opener = page.locator(".unionplans-search__open")
    opener.focus()
    page.keyboard.press("Enter")
    page.locator(".pagefind-ui__search-input").fill("送温暖")
    page.locator(".pagefind-ui__result").first.wait_for()
    page.wait_for_timeout(300)
    assert violations(page) == []
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('unionplans-search__open')")


def test_fill_in_panel_by_keyboard_has_no_violations(scheme_page):
    page = scheme_page
    page.goto(page.base + "/plans/hospital-annual/")
    page.locator("details.fill-in summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('details.fill-in input')")
    page.keyboard.type("城东医院工会委员会")
    assert "城东医院工会委员会" in page.inner_text("article") or page.locator(".ph.filled").count() > 0
    assert violations(page) == []


def test_composer_has_no_violations(scheme_page):
    page = scheme_page
    page.goto(page.base + "/compose/#plan=hospital-annual")
    page.locator(".composer-document h2").first.wait_for()
    assert violations(page) == []


def test_draft_check_with_findings_by_keyboard_has_no_violations(scheme_page):
    page = scheme_page
    page.goto(page.base + "/check/")
    page.wait_for_function("!document.querySelector('.draftcheck-form').hidden")
    page.locator("#draftcheck-text").focus()
    page.keyboard.insert_text("20xx年工作计划\n一、工作目标\n推进厂务公开,做好春节（2月17日）慰问.")
    page.keyboard.press("Tab")  # the sector
    page.keyboard.press("Tab")  # the year
    page.keyboard.press("Tab")  # 检查
    page.keyboard.press("Enter")
    page.locator(".draftcheck-findings li").first.wait_for()
    assert violations(page) == []
    page.locator(".draftcheck-jump").last.focus()
    page.keyboard.press("Enter")  # jumps to the finding in the text
    assert page.evaluate("document.activeElement.id") == "draftcheck-text"


def test_draft_check_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/check/")
    page.wait_for_function("!document.querySelector('.draftcheck-form').hidden")
    page.fill("#draftcheck-text", "20xx年工作计划\n推进厂务公开,做好春节（2月17日）慰问.")
    page.click(".draftcheck-form button[type=submit]")
    page.locator(".draftcheck-findings li").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    box = page.locator("#draftcheck-text").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    context.close()


@pytest.fixture
def phone_page(browser, server):
    from test_phone import PHONE

    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.base = server
    yield page
    context.close()


@pytest.mark.parametrize("path", ["/", "/plans/county-federation-key-points/", "/snippets/festival-visits/"])
def test_phone_viewport_has_no_violations(phone_page, path):
    phone_page.goto(phone_page.base + path)
    phone_page.wait_for_load_state("networkidle")
    for summary in phone_page.locator("article details summary").all():
        summary.click()
    assert violations(phone_page) == []


def test_phone_search_with_filters_open_has_no_violations(phone_page):
    page = phone_page
    page.goto(page.base + "/plans/hospital-annual/")
    page.click(".unionplans-search__open")
    page.locator(".pagefind-ui__search-input").fill("送温暖")
    page.locator(".pagefind-ui__result").first.wait_for()
    page.click(".unionplans-search__filters")
    page.click(".pagefind-ui__filter-name:text-is('行业')")
    page.wait_for_timeout(300)
    assert violations(page) == []
