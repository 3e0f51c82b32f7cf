"""Reader tools in a real browser: Debian's Chromium driven by Playwright against the built site on localhost."""
import io

import yaml
from docx import Document

from conftest import ROOT

UNION = "城东实验小学工会委员会"
YEAR = yaml.safe_load((ROOT / "templates_data" / "edition.yml").read_text(encoding="utf-8"))["year"]


def clipboard(page):
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_a_section(page):
    page.goto(page.base + "/plans/school-annual/")
    button = page.locator("h2", has_text="一、指导思想").locator(".copy-section")
    button.click()
    page.wait_for_function("document.querySelector('.copy-section.copied') !== null")
    assert button.inner_text() == "已复制"  # visible feedback
    text = clipboard(page)
    assert text.startswith("一、指导思想\n")
    assert "二、" not in text  # only this section
    for unwanted in ("¶", "复制本节", "复制全文", "\u200b", "\ufeff"):
        assert unwanted not in text


def test_copy_the_whole_plan(page):
    page.goto(page.base + "/plans/coal-mine-annual/")
    page.click(".copy-all")
    text = clipboard(page)
    assert text.startswith(f"【工会名称】{YEAR}年工作计划")  # the edition's year is filled in from the start
    assert text.endswith("【工会名称】\n【日期】")
    assert "一、" in text and "（一）" in text and "月度工作安排" in text
    assert "¶" not in text and "复制本节" not in text


def test_copy_a_snippet_for_one_sector(page):
    page.goto(page.base + "/snippets/congress-annual-session/")
    page.click(".tabbed-labels label:has-text('医院')")
    page.locator(".tabbed-block:visible .copy-section").click()
    text = clipboard(page)
    assert "职代会" in text and "教代会" not in text


def test_fill_in_once_reaches_page_copy_other_pages_and_word(page):
    page.goto(page.base + "/plans/school-annual/")
    page.click("details.fill-in summary")
    page.fill("details.fill-in input[data-ph='工会名称']", UNION)
    assert UNION in page.inner_text(".plan-title")
    assert page.locator(".ph.filled").count() > 0
    assert page.locator(".ph:not(.filled)").count() > 0  # unfilled ones stay visible and highlighted

    page.click(".copy-all")
    copied = clipboard(page)
    assert copied.startswith(f"{UNION}{YEAR}年工作计划") and "【日期】" in copied

    with page.expect_download() as download:
        page.click("a.download")
    document = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    assert document.paragraphs[0].text.startswith(UNION)
    filled = [r for p in document.paragraphs for r in p.runs if r.text == UNION]
    assert filled and all(r.font.highlight_color is None for r in filled)
    assert document.paragraphs[0].text == f"{UNION}\n{YEAR}年工作计划"  # the issuer on its own line
    unfilled = [r for p in document.paragraphs for r in p.runs if r.text == "【日期】"]
    assert unfilled and all(r.font.highlight_color is not None for r in unfilled)  # still to fill, still highlighted

    page.goto(page.base + "/plans/hospital-annual/")  # the value persists across pages
    assert UNION in page.inner_text(".plan-title")
    page.click("details.fill-in summary")
    page.click(".fill-reset")
    assert page.inner_text(".plan-title") == f"【工会名称】{YEAR}年工作计划"


def test_the_year_starts_at_the_edition_and_stays_editable(page):
    page.goto(page.base + "/plans/hospital-annual/")
    page.click("details.fill-in summary")
    assert page.input_value("input[data-ph='年度']") == str(YEAR) and f"{YEAR}年工作计划" in page.inner_text(".plan-title")
    page.goto(page.base + "/plans/school-spring-term/")
    page.click("details.fill-in summary")
    assert page.input_value("input[data-ph='学年']") == f"{YEAR - 1}—{YEAR}学年"
    assert page.input_value("input[data-ph='学期']") == "第二学期"
    page.fill("input[data-ph='学期']", "")  # cleared: the placeholder comes back, also after a reload
    page.reload()
    assert "【学期】" in page.inner_text(".plan-title")
    page.goto(page.base + "/plans/school-autumn-term/")
    assert f"{YEAR}—{YEAR + 1}学年" in page.inner_text("article")


def test_pages_load_nothing_from_outside_and_log_no_errors(page):
    for path in ("/", "/sectors/hospital/", "/categories/assistance/", "/snippets/festival-visits/", "/calendar/", "/tags/"):
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
    # the page fixture asserts: no console errors, no request outside 127.0.0.1


def test_without_javascript_the_plan_is_complete(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/plans/school-annual/")
    assert page.locator(".plan-title").inner_text() == "【工会名称】【年度】年工作计划"
    assert page.locator("details.fill-in").is_hidden()
    assert page.locator("a.download").is_visible()
    assert page.locator(".signature").is_visible()
    context.close()


def test_print_shows_the_plan_alone(page):
    page.goto(page.base + "/plans/hospital-annual/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".reader-tools", ".copy-section", ".md-footer"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".plan-title").is_visible() and page.locator(".signature").is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('article h2')).breakAfter") == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10000


SCRIPT = '<img src=x onerror="window.fired=1;alert(1)"><script>window.fired=1</script>'


def test_planted_script_stays_text_everywhere(browser, tmp_path):
    """Script in every free-text field a contributor writes reaches pages, copies and search only as text."""
    from conftest import PLAN, SNIPPET, mkdocs_build, serve, write_project

    plan = (PLAN.format(id="school-demo", sector="school")
            .replace("summary: 用于测试的示例计划。", f"summary: '摘要{SCRIPT}'")
            .replace("结合本单位实际", f"结合本单位实际{SCRIPT}")
            .replace("- text: 每年召开{职代会}，提案全部答复。", f"- text: '每年召开{{职代会}}，提案全部答复。{SCRIPT}'")
            .replace("do: 召开{职代会}。", f"do: '召开{{职代会}}。{SCRIPT}'"))
    assert plan.count(SCRIPT) == 4  # summary, preamble, a goal, a measure (its body item and its table row)
    snippet = SNIPPET.replace("广泛征集{职工}提案，会前公示议题。", f"广泛征集提案{SCRIPT}").replace(
        "summary: 示例段落：", f"summary: '示例段落{SCRIPT}'\n# ")
    project = write_project(tmp_path / "project", snippets={"congress-demo": snippet}, plans={"school-demo": plan})
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    base, httpd = serve(tmp_path / "site")
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for url in ("/plans/school-demo/", "/snippets/congress-demo/", "/sectors/school/", "/categories/democratic-management/"):
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            assert SCRIPT.split("<script>")[0] in page.inner_text("article"), url  # shown literally
            assert page.evaluate("window.fired") is None, url
        page.goto(base + "/plans/school-demo/")
        page.keyboard.press("/")
        page.locator(".pagefind-ui__search-input").fill("提案")
        page.wait_for_selector(".pagefind-ui__result", timeout=10000)
        page.wait_for_timeout(300)
        assert page.evaluate("window.fired") is None
    finally:
        context.close()
        httpd.shutdown()
    assert not dialogs


def test_word_download_survives_pasted_text(page):
    """Values pasted from Word (control characters), markup characters and a very long name still make a valid file."""
    import zipfile

    long_name = "城东" * 250
    page.goto(page.base + "/plans/school-annual/")
    page.click("details.fill-in summary")
    page.fill("details.fill-in input[data-ph='工会名称']", "城东\u000b实验\u0001小学 & <工会> \"委员会\" '一'")
    page.fill("details.fill-in input[data-ph='日期']", long_name)
    with page.expect_download() as download:
        page.click("a.download")
    path = download.value.path()
    assert download.value.suggested_filename.startswith("城东实验小学 & 工会 委员会 '一'-") and download.value.suggested_filename.endswith(".docx")
    document = Document(path)
    assert document.paragraphs[0].text.startswith("城东实验小学 & <工会> \"委员会\" '一'")
    assert any(long_name in p.text for p in document.paragraphs)
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in infos)
        assert all(info.date_time[0] >= 2026 for info in infos)
        assert sum(info.compress_size for info in infos) < 0.5 * sum(info.file_size for info in infos)
        xml = package.read("word/document.xml").decode("utf-8")
    # the 落款 is centred again for the filled name: the date's indent follows the name's width
    name = "城东实验小学 & <工会> \"委员会\" '一'"
    from unionplans.word import signature_indents
    name_indent, date_indent = signature_indents(name, long_name)  # the long 日期 stands 右空二字, the name moves in
    assert f'w:right="{name_indent}"' in xml and f'w:right="{date_indent}"' in xml


def test_a_work_points_copy_all_copies_the_plan_and_its_notice_copies_alone(page):
    page.goto(page.base + "/plans/county-federation-key-points/")
    page.click(".copy-all")
    assert clipboard(page).startswith("【工会名称】")  # the plan, not the covering 通知 above it
    page.click("details.notice summary")
    page.locator("details.notice .copy-section").click()
    assert clipboard(page).startswith("关于印发《")


def test_the_notice_word_file_takes_the_same_values_as_the_plan(page):
    page.goto(page.base + "/plans/county-federation-key-points/")
    page.click("details.fill-in summary")
    page.fill("details.fill-in input[data-ph='工会名称']", "城东县总工会")
    page.fill("details.fill-in input[data-ph='日期']", f"{YEAR}年1月8日")
    page.click("details.notice summary")
    with page.expect_download() as download:
        page.click("a.download-notice")
    assert download.value.suggested_filename == "城东县总工会-县总工会年度工作要点的印发通知.docx"
    text = "\n".join(p.text for p in Document(download.value.path()).paragraphs)
    assert "【" not in text, text
    assert text.count("城东县总工会") == 3 and text.count(f"{YEAR}年工作要点") == 2 and text.endswith(f"{YEAR}年1月8日")


def test_a_value_that_repeats_the_unit_the_text_adds_is_normalised_and_told(page):
    page.goto(page.base + "/plans/school-annual/")
    page.click("details.fill-in summary")
    page.fill("details.fill-in input[data-ph='年度']", f"{YEAR}年")
    assert page.inner_text(".plan-title") == f"【工会名称】{YEAR}年工作计划"
    note = page.locator("input[data-ph='年度'] ~ .fill-note")
    assert note.inner_text() == f"正文在这里已写“年”，按“{YEAR}”填入"
    page.fill("details.fill-in input[data-ph='困难职工户数']", "12户")  # every placeholder the text follows with a unit
    assert "12户户" not in page.inner_text("article") and "12户" in page.inner_text("article")
    page.click(".copy-all")
    assert clipboard(page).startswith(f"【工会名称】{YEAR}年工作计划\n")
    with page.expect_download() as download:
        page.click("a.download")
    assert Document(download.value.path()).paragraphs[0].text == f"【工会名称】\n{YEAR}年工作计划"
    page.fill("details.fill-in input[data-ph='年度']", str(YEAR + 1))  # a plain number: nothing dropped, nothing said
    assert page.inner_text(".plan-title") == f"【工会名称】{YEAR + 1}年工作计划" and note.inner_text() == ""
