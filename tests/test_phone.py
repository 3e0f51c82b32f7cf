"""The site on a phone, in Chromium with a phone's viewport and touch: targets a finger can hit, whole cards to tap,
search results on the first screen, and an input method that does not make search flash "未找到"."""
import pytest

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CONTROLS = """(root) => [...root.querySelectorAll('button, input, select, textarea, summary, .md-button, .tabbed-labels > label')]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
    .filter(e => !e.matches('.tabbed-set > input'))  // Material's tab radios are hidden; their labels are the targets
    .map(e => { const r = e.getBoundingClientRect();
                return [e.className || e.tagName, (e.textContent || e.placeholder || '').trim().slice(0, 12), Math.round(r.width), Math.round(r.height)]; })"""


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.base = server
    yield page
    assert not page.errors, page.errors
    context.close()


def small(page, selector):
    return [c for c in page.locator(selector).first.evaluate(CONTROLS) if c[2] < 44 or c[3] < 44]


def open_search(page, query):
    page.click(".unionplans-search__open")
    page.locator(".pagefind-ui__search-input").fill(query)
    page.locator(".pagefind-ui__result").nth(2).wait_for()


@pytest.mark.parametrize("path", ["/plans/county-federation-key-points/", "/snippets/festival-visits/", "/plans/school-spring-term/"])
def test_every_control_in_the_content_is_44_px(phone, path):
    phone.goto(phone.base + path)
    phone.wait_for_load_state("networkidle")
    for summary in phone.locator("article details summary").all():
        summary.click()  # the fill-in panel and the 通知 open, with their inputs and buttons
    assert phone.locator("article").first.evaluate(CONTROLS), "no controls found"
    assert small(phone, "article") == []


def test_every_control_in_the_search_dialog_is_44_px_and_filters_fold(phone):
    phone.goto(phone.base + "/plans/school-annual/")
    open_search(phone, "送温暖")
    assert phone.locator(".pagefind-ui__filter-panel").is_hidden()  # folded behind one control
    results = phone.locator(".pagefind-ui__result")
    assert results.nth(2).bounding_box()["y"] < PHONE["viewport"]["height"] - 40  # three results on the first screen
    toggle = phone.locator(".unionplans-search__filters")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and phone.locator(".pagefind-ui__filter-panel").is_visible()
    phone.click(".pagefind-ui__filter-name:text-is('行业')")
    assert phone.locator(".pagefind-ui__filter-checkbox[name='行业']").first.is_visible()
    assert small(phone, "dialog.unionplans-search") == []
    phone.check("input.pagefind-ui__filter-checkbox[value='医院']")  # a 44 px box still checks
    assert phone.locator("input.pagefind-ui__filter-checkbox[value='医院']").is_checked()


def test_the_search_hint_is_not_cut_off(phone):
    phone.goto(phone.base + "/")
    open_search(phone, "送温暖")
    box = phone.locator(".pagefind-ui__search-input")
    box.fill("")
    room, needed = box.evaluate("""(input) => {
        const style = getComputedStyle(input), context = document.createElement('canvas').getContext('2d');
        context.font = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(' ');  // style.font is empty in Chromium
        return [input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
                context.measureText(input.placeholder).width];
    }""")
    assert needed <= room, (needed, room)


def test_a_whole_sector_card_opens_its_sector(phone):
    phone.goto(phone.base + "/")
    card = phone.locator(".grid.cards li").nth(4)
    card.scroll_into_view_if_needed()
    box = card.bounding_box()
    phone.mouse.click(box["x"] + box["width"] - 8, box["y"] + box["height"] - 8)  # the card's corner, far from the name
    phone.wait_for_url("**/sectors/hospital/")


def test_no_not_found_flash_while_an_input_method_composes(phone):
    phone.goto(phone.base + "/")
    phone.click(".unionplans-search__open")
    box = phone.locator(".pagefind-ui__search-input")
    box.wait_for()
    box.focus()
    ime = phone.context.new_cdp_session(phone)
    messages = []
    phone.expose_function("heard", lambda text: messages.append(text))
    phone.evaluate("""() => new MutationObserver(() => {
        const m = document.querySelector('.pagefind-ui__message'); if (m) window.heard(m.textContent);
    }).observe(document.querySelector('#unionplans-search'), {subtree: true, childList: true, characterData: true})""")
    for typed in ("s", "sa", "san", "sanb", "sanba"):  # each key of the pinyin, as an input method sends it
        ime.send("Input.imeSetComposition", {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)})
        phone.wait_for_timeout(150)
    assert box.input_value() == "sanba"
    assert not [m for m in messages if "未找到" in m], messages
    ime.send("Input.insertText", {"text": "三八"})  # the reader picks 三八: now it is searched
    phone.locator(".pagefind-ui__result").first.wait_for()
    assert box.input_value() == "三八" and not [m for m in messages if "未找到" in m], messages


COVERED = """(n) => {
    const button = document.querySelector('.md-top').getBoundingClientRect(), covered = [];
    const range = document.createRange();
    range.selectNodeContents(document.querySelectorAll('article h2')[n]);  // the heading's words and its 复制本节
    for (const r of range.getClientRects()) {
        if (r.right > button.left && r.left < button.right && r.bottom > button.top && r.top < button.bottom) covered.push(r.toJSON());
    }
    return covered;
}"""


@pytest.mark.parametrize("options", [PHONE, {"viewport": {"width": 1280, "height": 800}}], ids=["phone", "desktop"])
def test_back_to_top_covers_no_heading_jumped_to(browser, server, options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(server + "/plans/school-annual/")
    for n in range(1, 6):
        page.evaluate(f"location.hash = document.querySelectorAll('article h2')[{n}].id")  # a heading jumped to
        page.wait_for_timeout(100)
        page.mouse.wheel(0, -10)  # a little back up: Material shows the button
        page.locator(".md-top").wait_for(state="visible")
        page.wait_for_timeout(250)
        assert page.evaluate(COVERED, n) == [], page.locator("article h2").nth(n).inner_text()
    box = page.locator(".md-top").bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    context.close()
