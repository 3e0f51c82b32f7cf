"""检查自己的计划: a reader's draft checked by the library's rules, in Python and in the browser alike.

The drafts under tests/drafts/ are written for these tests in the style of 范文 pages (20xx, 小编, half-width
punctuation, finished campaigns, another sector's words, last year's festival dates, skipped numbering).
"""
import io
import json
import zipfile
from pathlib import Path

import pytest

import conftest
from conftest import ROOT, write_library
from unionplans import content, draftcheck, draftrules
from unionplans.errors import DataError
from unionplans.library import load_library

DRAFTS = ROOT / "tests" / "drafts"
CORPUS = ["school-stale.txt", "coal-noisy.txt", "hospital-clean.txt"]
PERMANENT = ["坚持群众路线", "党的十八大以来", "中国工会十八大", "迎接党的二十一大"]


def draft(name):
    return (DRAFTS / name).read_text(encoding="utf-8")


def rules():
    return draftrules.export(conftest.LIBRARY)


def classes(result):
    return {(f["class"], f["text"]) for f in result["findings"]}


def utf16(text, offset):
    """A Python (code point) offset as a JavaScript string offset."""
    return len(text[:offset].encode("utf-16-le")) // 2


# --- the rules: one source ----------------------------------------------------------------------------------

def test_export_carries_every_content_rule_meant_for_drafts(tmp_path):
    data = write_library(tmp_path)
    path = data / "content_rules.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- class: 试验规则\n  pattern: 试验用语\n  message: 给投稿者的说明。\n"
                    "  advice: 给读者的改法。\n"
                    "- class: 只管范本库\n  pattern: 范本库用语\n  drafts: false\n  message: 试验说明。\n", encoding="utf-8")
    exported = draftrules.export(load_library(data))
    names = [r["class"] for r in exported["rules"]]
    assert "试验规则" in names and "只管范本库" not in names
    result = draftcheck.check("今年要推广试验用语，不写范本库用语。", exported)
    assert ("试验规则", "试验用语") in classes(result)
    assert [f["message"] for f in result["findings"] if f["class"] == "试验规则"] == ["给读者的改法。"]
    assert all(f["class"] != "只管范本库" for f in result["findings"])


def reader_texts(exported):
    """Every sentence of the export a reader may be shown."""
    return ([r["advice"] for r in exported["rules"]]
            + [m["message"] for s in exported["sectors"].values() for m in s["misfits"].values()])


def test_readers_are_told_the_fix_in_their_own_words_not_the_librarys():
    exported = rules()
    shipped = [r for r in conftest.LIBRARY.content_rules if r.get("drafts", True)]
    assert len(exported["rules"]) == len(shipped) + len(draftrules.DRAFT_RULES) > 20
    for text in reader_texts(exported):
        assert not content.CONTRIBUTOR_SYNTAX.search(text), text
    for rule, out in zip(shipped, exported["rules"]):
        assert "message" not in out and out["advice"] != rule["message"], rule["class"]
    # A stale phrase is answered with the wording to write this year, spelled out, not a token to look up.
    stale = next(r["advice"] for r in exported["rules"] if r["class"] == "过时表述")
    assert conftest.LIBRARY.formula["tokens"]["政治表述"] in stale and "党的二十一大" in stale


@pytest.mark.parametrize("advice, found", [
    (None, "缺少 advice"),
    ("  advice: 请改用 {职工} 的说法。\n", "里面的“{职工}”读者用不上"),
    ("  advice: 请看 formula.yml 里的写法。\n", "里面的“.yml”读者用不上"),
    ("  advice: 改好后运行 Check。\n", "里面的“Check”读者用不上"),
])
def test_a_draft_rule_without_reader_wording_is_refused(tmp_path, advice, found):
    data = write_library(tmp_path)
    path = data / "content_rules.yml"
    path.write_text(path.read_text(encoding="utf-8") + "- class: 试验规则\n  pattern: 试验用语\n  message: 给投稿者的说明。\n"
                    + (advice or ""), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_library(data)
    hits = [str(p) for p in error.value.problems if "试验规则" in p.message]
    assert len(hits) == 1 and hits[0].startswith("templates_data/content_rules.yml:") and found in hits[0], hits


def test_export_has_the_editions_festival_dates_and_the_numbering_of_render():
    exported = rules()
    calendar = {y["year"]: y["dates"] for y in conftest.LIBRARY.calendar["lunar_festivals"]}
    for year, dates in calendar.items():
        for name, date in dates.items():
            assert exported["festivals"][name][str(year)] == [date.month, date.day]
    assert exported["numbering"]["labels"]["2"][11] == "（十二）" and exported["numbering"]["labels"]["3"][0] == "1."
    school = exported["sectors"]["school"]["misfits"]
    assert school["厂务公开"]["fix"] == "校务公开"


def test_the_library_still_passes_its_own_check_with_the_new_rules():
    # conftest loads the shipped library with every content rule at the start of the session; a finding would
    # have stopped it. The new stale-phrase rules are part of that run:
    patterns = " ".join(r["pattern"] for r in conftest.LIBRARY.content_rules)
    assert "创先争优" in patterns and "群众路线教育实践活动" in patterns


# --- the Python reference ----------------------------------------------------------------------------------

def test_a_stale_school_draft():
    result = draftcheck.check(draft("school-stale.txt"), rules())
    found = classes(result)
    assert result["sector"] == "school" and result["guessed"]
    for expected in [("未填或过时的占位", "20xx"), ("网站残留", "小编"), ("过时表述", "十九大"), ("过时表述", "创先争优"),
                     ("过时表述", "全面建成小康"), ("行业用错称谓", "厂务公开"), ("年份", "2026"), ("节日日期", "2月17日"),
                     ("节日日期", "10月18日"), ("节日所在月份", "元宵节"), ("越位表述", "500元"), ("序号", "(一)"),
                     ("序号", "1、"), ("序号", "3、"), ("序号", "（三）"), ("序号", "四、"), ("标点和空格", "１００"),
                     ("网站残留", "篇一"), ("网站残留", "相关推荐")]:
        assert expected in found, expected
    assert any(c == "违法或不安全的内容" and "金秋助学" in t for c, t in found)
    fixes = {f["text"]: f["fix"] for f in result["findings"] if f["safe"]}
    assert fixes["2月17日"] == "2月6日" and fixes["2026"] == "2027" and fixes["3、"] == "2." and fixes["(一)"] == "（一）"


def test_a_noisy_coal_draft():
    text = draft("coal-noisy.txt")
    result = draftcheck.check(text, rules())
    found = classes(result)
    assert result["sector"] == "coal-mine"
    for expected in [("未填或过时的占位", "××"), ("未填或过时的占位", "【单位名称】"), ("未填或过时的占位", "____"),
                     ("过时表述", "群众路线教育实践活动"), ("过时表述", "工会十七大"), ("过时表述", "实现小康"),
                     ("过时表述", "安全质量标准化"), ("过时表述", "十三五规划"), ("节日日期", "6月19日"),
                     ("序号跳级", "1."), ("序号", "（2）"), ("日期写法", "一月八日")]:
        assert expected in found, expected
    assert any(c == "违法或不安全的内容" and "下井" in t for c, t in found)
    for f in result["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert text.split("\n")[f["line"] - 1].find(f["text"]) != -1


def test_permanent_principles_and_a_sound_draft_are_not_findings():
    text = draft("hospital-clean.txt")
    result = draftcheck.check(text, rules())
    assert result["sector"] == "hospital"
    assert [(f["class"], f["text"]) for f in result["findings"]] == [("未填或过时的占位", "【工会名称】")]
    for phrase in PERMANENT:
        assert phrase in text


def test_a_table_row_across_the_new_year_heads_its_items():
    """The library's own tables label 上年12月 and 次年1月; a row label heads its 1. items, as 3月 does."""
    text = "一、月度工作安排\n上年12月\n1.核定走访名单。\n次年1月\n1.走访困难职工。"
    assert "序号跳级" not in classes(draftcheck.check(text, rules()))


def test_a_chosen_sector_and_year_are_used():
    text = "推进校务公开，2028年春节（1月26日）前走访。"
    assert ("行业用错称谓", "校务公开") in classes(draftcheck.check(text, rules(), sector="hospital"))
    assert not [f for f in draftcheck.check(text, rules(), year=2028)["findings"] if f["class"] in ("年份", "节日日期")]
    assert {"年份", "节日日期"} <= {f["class"] for f in draftcheck.check(text, rules(), year=2026)["findings"]}  # 2028 is not 2026 or 2027


def test_the_command_line_reports_file_line_and_fix(tmp_path, capsys):
    from unionplans.__main__ import main
    path = tmp_path / "草稿.txt"
    path.write_text("一、工作目标\n春节（2月17日）前走访,慰问.\n", encoding="utf-8")
    assert main(["draft", str(path), "--sector", "school"]) == 0
    out = capsys.readouterr().out
    assert f"{path}:2: 【节日日期】“2月17日”" in out and "改为：2月6日" in out
    assert main(["draft", str(tmp_path / "没有.txt")]) == 1
    assert "读不出这个文件" in capsys.readouterr().err


# --- the browser -------------------------------------------------------------------------------------------

def open_check(page):
    page.goto(page.base + "/check/")
    page.wait_for_function("window.UnionCheck && !document.querySelector('.draftcheck-form').hidden")


def test_python_and_browser_agree_on_the_drafts_and_the_librarys_own_word_files(page, site):
    """Parity: the numbering, year, festival and punctuation steps are code on both sides."""
    open_check(page)
    exported = json.loads((site / "check" / "rules.json").read_text(encoding="utf-8"))
    texts = [draft(name) for name in CORPUS]
    for path in sorted((site / "downloads").glob("*.docx"))[::7]:
        texts.append(page.evaluate("url => fetch(url).then(r => r.arrayBuffer()).then(UnionCheck.fromDocx)",
                                   page.base + "/downloads/" + path.name))
    assert len(texts) > 10
    for text in texts:
        python = draftcheck.check(text, exported)
        browser = page.evaluate("t => UnionCheck.inspect(t)", text)
        assert browser["skipped"] == []  # every exported rule compiles as a JavaScript pattern
        assert browser["sector"] == python["sector"] and browser["guessed"] == python["guessed"]
        expect = [(utf16(text, f["start"]), utf16(text, f["end"]), f["line"], f["text"], f["class"], f["message"], f["fix"], f["safe"])
                  for f in python["findings"]]
        got = [(f["start"], f["end"], f["line"], f["text"], f["class"], f["message"], f["fix"], f["safe"]) for f in browser["findings"]]
        assert got == expect


def test_the_librarys_own_word_files_have_only_their_placeholders_to_fill(page, site):
    open_check(page)
    for path in sorted((site / "downloads").glob("*.docx"))[::5]:
        findings = page.evaluate("url => fetch(url).then(r => r.arrayBuffer()).then(UnionCheck.fromDocx).then(UnionCheck.check)",
                                 page.base + "/downloads/" + path.name)
        assert findings and {f["class"] for f in findings} == {"未填或过时的占位"}, path.name


def test_pasted_text_gives_findings_with_offsets_and_no_request_is_made(page):
    open_check(page)
    text = draft("school-stale.txt")
    page.fill("#draftcheck-text", text)
    loaded = len(page.requests)
    page.click(".draftcheck-form button[type=submit]")
    page.locator(".draftcheck-findings li").first.wait_for()
    findings = page.evaluate("t => UnionCheck.check(t)", text)
    assert page.requests[loaded:] == []  # nothing leaves the browser while checking
    assert page.locator(".draftcheck-findings li").count() == len(findings) > 20
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]  # the draft is BMP-only, so JS offsets index Python's str
    status = page.inner_text(".draftcheck-status")
    assert "按文字猜测是“中小学校（学校）”" in status
    # A stale phrase: the reader is told this year's wording, not the library's token or data file.
    stale = page.locator(".draftcheck-findings li", has_text="十九大").first.inner_text()
    assert "【过时表述】" in stale and conftest.LIBRARY.formula["tokens"]["政治表述"] in stale
    assert "{" not in stale and "formula" not in stale
    # Jump to a finding: the textarea selects it.
    item = page.locator(".draftcheck-findings li", has_text="厂务公开").first
    item.locator(".draftcheck-jump").click()
    assert page.evaluate("(() => { const a = document.querySelector('#draftcheck-text'); return a.value.slice(a.selectionStart, a.selectionEnd); })()") == "厂务公开"


def test_one_click_applies_the_safe_fixes_and_the_result_is_copied(page):
    open_check(page)
    page.fill("#draftcheck-text", draft("school-stale.txt"))
    page.click(".draftcheck-form button[type=submit]")
    page.locator(".draftcheck-findings li").first.wait_for()
    page.click(".draftcheck-apply")
    page.wait_for_function("document.querySelector('#draftcheck-text').value.includes('春节（2月6日）')")
    fixed = page.input_value("#draftcheck-text")
    assert "（一）民主管理" in fixed and "2.教代会提案" in fixed and "１００" not in fixed and "2027年完成" in fixed
    assert "希望对你有帮助！" in fixed and "重阳节（10月8日）" in fixed
    remaining = page.evaluate("t => UnionCheck.check(t)", fixed)
    assert not [f for f in remaining if f["safe"]]  # every safe fix was applied
    assert {"过时表述", "行业用错称谓", "网站残留"} <= {f["class"] for f in remaining}  # the rest is the reader's to rewrite
    page.click(".draftcheck-copy")
    assert page.evaluate("navigator.clipboard.readText()") == fixed


def test_the_checked_text_downloads_as_word_in_the_librarys_layout(page):
    from docx import Document
    open_check(page)
    page.fill("#draftcheck-text", draft("hospital-clean.txt"))
    page.click(".draftcheck-form button[type=submit]")
    page.locator(".draftcheck-status", has_text="找到").wait_for()
    with page.expect_download() as download:
        page.click(".draftcheck-word")
    document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    styles = {p.text: p.style.name for p in document.paragraphs if p.text}
    assert styles["一、指导思想"].startswith("Heading 1") or styles["一、指导思想"] == "heading 1"
    assert styles["（一）民主管理"].lower().startswith("heading 2")
    assert "1.召开职代会，审议通过绩效考核方案。" in styles


@pytest.mark.parametrize("source", ["own", "libreoffice"])
def test_an_opened_docx_gives_findings_with_offsets(page, site, source):
    open_check(page)
    if source == "own":
        path, expected = site / "downloads" / "coal-mine-annual.docx", ("未填或过时的占位", "【工会名称】")
    else:
        path, expected = DRAFTS / "coal-noisy.libreoffice.docx", ("过时表述", "群众路线教育实践活动")
        assert "LibreOffice" in zipfile.ZipFile(path).read("docProps/app.xml").decode()
    loaded = len(page.requests)
    page.set_input_files("#draftcheck-file", str(path))
    page.locator(".draftcheck-findings li").first.wait_for()
    assert page.requests[loaded:] == []
    text = page.input_value("#draftcheck-text")
    if source == "libreoffice":
        assert text.strip() == draft("coal-noisy.txt").strip()
    findings = page.evaluate("t => UnionCheck.check(t)", text)
    assert expected in {(f["class"], f["text"]) for f in findings}
    for f in findings:
        assert text[f["start"]:f["end"]] == f["text"]


def test_a_file_that_is_not_word_is_reported(page, tmp_path):
    open_check(page)
    path = tmp_path / "计划.docx"
    path.write_bytes(b"not a zip file")
    page.set_input_files("#draftcheck-file", str(path))
    page.locator(".draftcheck-status", has_text="读不出“计划.docx”").wait_for()


def test_every_plan_page_the_home_page_and_the_composer_link_to_the_check(page):
    for path in ("/", "/plans/hospital-annual/", "/compose/"):
        page.goto(page.base + path)
        link = page.locator("article a[href$='check/']").first
        link.click()
        page.wait_for_url("**/check/")
