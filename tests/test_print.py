"""Pages printed by Chromium (the print stylesheet, as a reader's 打印 gives it) against the Word files converted by
LibreOffice: page numbers, no UI text, pages that hold, and no more than one page beyond the Word file."""
import shutil
import subprocess

import pytest

from conftest import LIBRARY
from printed import PAGE_NUMBER, breaks, chinese_font, pages

SOFFICE = shutil.which("soffice")


@pytest.fixture(autouse=True)
def a_chinese_font():
    if not chinese_font():
        pytest.fail("No Chinese font: printed pages would hold boxes (apt-get install fonts-wqy-microhei; .ci/run installs it)")
KEY_POINTS = "county-federation-key-points"
# Words that belong to the screen only: buttons, the fill-in panel, notes, tabs, anchors.
UI_TEXT = ("复制本节", "复制全文", "下载 Word", "下载印发通知", "Word 文件按", "填写占位符", "清空我的填写", "以此为基础", "印发这份工作要点的通知",
           "把它加进自己组合的计划", "称谓会换成该行业的说法", "搜索范本", "页面顶部搜索", "¶", "返回顶部", "Permanent link")


def printed(page, path, tmp_path, name, before=None):
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    if before:
        before(page)
    page.emulate_media(media="print")
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    page.emulate_media(media="screen")
    return pdf


def numbers(pdf):
    """The page number printed on each page ("— 1 —"), read from the PDF."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in sheet.split("\n") if PAGE_NUMBER.match(line.strip())] for sheet in text.split("\f")[:-1]]


def word_pages(tmp_path, **plan_files):
    for name in plan_files:
        shutil.copy(plan_files[name], tmp_path / f"{name}.docx")
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *(str(tmp_path / f"{name}.docx") for name in plan_files)], check=True, capture_output=True, timeout=300)
    return sum(len(pages(tmp_path / f"{name}.pdf")) for name in plan_files)


def assert_printed_cleanly(pdf):
    sheets = pages(pdf)
    assert [[found.replace(" ", "") for found in sheet] for sheet in numbers(pdf)] == [[f"—{n}—"] for n in range(1, len(sheets) + 1)]
    text = "\n".join(line for sheet in sheets for line in sheet)
    assert not [word for word in UI_TEXT if word in text], text[:400]
    return sheets


@pytest.mark.parametrize("path", ["/", "/sectors/hospital/", "/snippets/festival-visits/"])
def test_every_page_kind_prints_numbered_without_ui_text(page, tmp_path, path):
    pdf = printed(page, path, tmp_path, "page")
    assert assert_printed_cleanly(pdf)


def test_a_snippet_prints_in_the_chosen_sector_only(page, tmp_path):
    pdf = printed(page, "/snippets/congress-annual-session/", tmp_path, "snippet",
                  lambda p: p.click(".tabbed-labels label:has-text('医院')"))
    text = "\n".join(line for sheet in assert_printed_cleanly(pdf) for line in sheet)
    assert "院务公开" in text and "校务公开" not in text and "厂务公开" not in text


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
def test_a_plan_prints_like_its_word_file(page, site, tmp_path):
    plan = LIBRARY.plans["school-annual"]
    page.goto(page.base + "/plans/school-annual/")  # a filled value prints without its highlight
    page.click("details.fill-in summary")
    page.fill("details.fill-in input[data-ph='工会名称']", "城东实验小学工会委员会")
    pdf = printed(page, "/plans/school-annual/", tmp_path, "web")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.ph.filled')).backgroundColor") == "rgba(0, 0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('td')).textIndent") == "0px"
    sheets = assert_printed_cleanly(pdf)
    rows = [f"{n}.{text}" for _, entries in LIBRARY.schedule(plan) for n, text in enumerate(entries, start=1)]
    assert breaks(pdf, rows) == []  # headings kept with their text, the header row on every table page, the 落款 not alone
    lines = [line for sheet in sheets for line in sheet]
    assert "1月" in lines and "12月" in lines  # the month cell on one line, not "1 / 月"
    assert sum(line == "月份" for line in lines) >= 2  # the header row repeats where the table runs on
    assert lines[-2:] == ["城东实验小学工会委员会", "【日期】"]
    assert sheets[-1][0] != lines[-2]  # the 落款 stands with the plan's last paragraph
    word = word_pages(tmp_path, **{"word": site / "downloads" / "school-annual.docx"})
    print(f"\nschool-annual: printed {len(sheets)} pages, Word {word}")
    assert len(sheets) <= word + 1


def open_notice(page):
    page.click("details.notice summary")
    page.wait_for_function("!document.querySelector('details.notice').classList.contains('shut')")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui poppler-utils)")
def test_a_work_points_notice_prints_on_its_own_pages_first_only_when_open(page, site, tmp_path):
    closed = pages(printed(page, f"/plans/{KEY_POINTS}/", tmp_path, "closed"))
    assert not any(line.startswith("关于印发") for sheet in closed for line in sheet)  # as the 要点's own Word file
    pdf = printed(page, f"/plans/{KEY_POINTS}/", tmp_path, "open", open_notice)
    sheets = assert_printed_cleanly(pdf)
    assert sheets[0][0].startswith("关于印发《")
    notice_pages = next(n for n, sheet in enumerate(sheets) if sheet[0].startswith("【工会名称】"))
    assert notice_pages >= 1 and sheets[notice_pages - 1][-1] == "【日期】"  # the 要点 starts on a page of its own
    assert len(sheets) == len(closed) + notice_pages
    word = word_pages(tmp_path, notice=site / "downloads" / f"{KEY_POINTS}.notice.docx",
                      plan=site / "downloads" / f"{KEY_POINTS}.docx")
    print(f"\n{KEY_POINTS} with its notice: printed {len(sheets)} pages, Word {word}")
    assert len(sheets) <= word + 1
