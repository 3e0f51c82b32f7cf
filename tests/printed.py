"""Reading a converted Word file page by page: what a reader would see as a badly broken page."""
import re
import subprocess

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)[^。；]{1,40}$")
PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")


def chinese_font():
    """Whether the system has a Chinese font: without one, Chromium and LibreOffice print boxes that read back wrong."""
    return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip())


def pages(pdf):
    """The text lines of each page, page numbers left out."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.split("\n") if line.strip() and not PAGE_NUMBER.match(line.strip())]
            for page in text.split("\f") if page.strip()]


def breaks(pdf, table_lines=(), body_texts=()):
    """Page breaks a reader would call broken: a heading left at a page's foot, a page that opens inside
    the schedule table without its header row, a page that holds only the 落款.

    A measure is printed twice, as an item of its part and as a row of the table, so a page that opens
    with words found in a body paragraph too is not taken for a table row."""
    found = []
    result = pages(pdf)
    for number, lines in enumerate(result, start=1):
        if number < len(result) and lines and HEADING.match(lines[-1]):
            found.append(f"p.{number}: heading at the foot of the page: {lines[-1]}")
        if (number > 1 and lines and any(lines[0] in row for row in table_lines) and lines[0] != "月份"
                and not any(lines[0] in text for text in body_texts)):
            found.append(f"p.{number}: the table continues without its header: {lines[0]}")
        if lines and all(line.startswith("【") and line.endswith("】") for line in lines):
            found.append(f"p.{number}: only the 落款 on the page: {' '.join(lines)}")
    return found


def characters_per_line(pdf):
    """The most common number of characters on a body line that starts at the left margin.

    A paragraph's first line is indented two characters, so it holds two fewer; a plan made of many short
    paragraphs has more first lines than full ones, and counting them would report 26 on a 28-character grid.
    """
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    counts = {}
    for line in text.replace("\f", "\n").split("\n"):
        if line[:1].strip() and re.fullmatch(r"[\u4e00-\u9fff，。、；：“”（）《》【】\d]+", line):
            counts[len(line)] = counts.get(len(line), 0) + 1
    return max(counts, key=counts.get) if counts else 0
