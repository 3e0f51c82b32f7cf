"""Search with Pagefind: what each page tells the index, and the build step that writes the index.

Pagefind (extended build) segments Chinese at build time and in the browser, and loads only the
index chunks a query needs. Synonyms are added to a page's index text at build time; Traditional
characters are mapped to Simplified in the browser with a table made here from OpenCC's data.
"""
import html
import json
import subprocess
import sys
from pathlib import Path

from .wording import HAN

BUNDLE = "pagefind"
T2S_FILE = "search/t2s.json"


class SearchIndexError(RuntimeError):
    pass


def body(markdown, title, filters, search_terms):
    """Wrap a page's own text so Pagefind indexes it alone, with its title, filters and search terms.

    The extra index text sits in a div hidden by CSS (Pagefind skips elements with `hidden`):
    the title weighted up so a page named for the query ranks first, the terms weighted down.
    """
    tags = "".join(f'<span data-pagefind-filter="{html.escape(name)}">{html.escape(value)}</span>'
                   for name, values in filters.items() for value in values)
    terms = html.escape(" ".join(pieces(expansions(markdown, search_terms))))
    extra = (f'<div class="search-terms"><span data-pagefind-weight="5">{html.escape(title)}</span>'
             f'<span data-pagefind-weight="0.5">{terms}</span>{tags}</div>')
    return (f'<div data-pagefind-body data-pagefind-meta="title:{html.escape(title, quote=True)}" markdown="1">\n\n'
            f"{extra}\n\n{markdown}\n\n</div>")


def expansions(text, search_terms):
    """Search terms to index on their own for a page: each word it uses, and whole synonym groups.

    Indexed on their own, separated by spaces, they are segmented exactly as a reader's query is.
    """
    found = [word for word in search_terms["words"] if word in text]
    for group in search_terms["synonyms"]:
        if any(term in text for term in group["terms"]):
            found += [term for term in group["terms"] if term not in found]
    return found


def pieces(terms):
    """Each term with all its suffixes: 送温暖 → 送温暖 温暖 暖.

    Pagefind splits a Chinese query into words its index already knows and matches each as a
    prefix; 送温暖 may arrive as 送 + 温暖, and then the page needs a word starting with 温暖 too.
    """
    seen = {}
    for term in terms:
        for start in range(len(term)):
            seen.setdefault(term[start:], None)
    return list(seen)


def traditional_table(texts):
    """Traditional → Simplified for every character the site uses that has a Traditional form."""
    import opencc  # imported here: only the build needs it

    converters = [opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk")]
    characters = sorted({c for text in texts for c in HAN.findall(text)})
    table = {}
    for character in characters:
        for converter in converters:
            traditional = converter.convert(character)
            if traditional != character:
                table.setdefault(traditional, character)
    return table


def start_indexing(site_dir, texts):
    """Write the Traditional table and start Pagefind over the built site; `finish_indexing` waits for it.

    Pagefind runs in its own process, so the build can write the Word files meanwhile.
    """
    site_dir = Path(site_dir)
    table = site_dir / T2S_FILE
    table.parent.mkdir(parents=True, exist_ok=True)
    table.write_text(json.dumps(traditional_table(texts), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE, "--silent",
               "--exclude-selectors", ".headerlink"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_indexing(process):
    out, err = process.communicate()
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立检索索引失败：{err.strip() or out.strip()}")
