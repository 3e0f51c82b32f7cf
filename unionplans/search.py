"""Search with Pagefind: what each page tells the index, and the build step that writes the index.

Pagefind (extended build) segments Chinese at build time and in the browser, and loads only the
index chunks a query needs. The library's own terms (search_synonyms.yml and one group a sector) are
indexed as keys, weighted up where a page's title or headings name them; the dialog turns a query's
known terms into those keys, so 职代会 finds the pages about 职代会 and its synonyms rather than every
page with 职, 代 or 会, and draws the excerpt around the whole term. Traditional characters are mapped
to Simplified in the browser with a table made here from OpenCC's data; pinyin typed as letters (songwennuan,
zdh) is turned into the key of the term it spells with a table made here with pypinyin.
"""
import html
import json
import math
import subprocess
import sys
from pathlib import Path

from . import budget
from .wording import HAN

BUNDLE = "pagefind"
T2S_FILE = "search/t2s.json"
TERMS_FILE = "search/terms.json"
PINYIN_FILE = "search/pinyin.json"


class SearchIndexError(RuntimeError):
    pass


def term_keys(search_terms):
    """Each search term → the key that stands for it (and its synonyms) in the index: 职代会, 职工代表大会 → zt000.

    Pagefind segments Chinese by its own dictionary, so a query such as 职代会 can fall apart into 职, 代
    and 会 and match every page. A term the library knows is searched as its key instead: one ASCII
    word, indexed once per page that uses the term, never split, never matched by a lone character.
    Keys have one length, so that none is a prefix of another (Pagefind matches the last word as a prefix).
    """
    keys = {}
    for n, group in enumerate(search_terms["synonyms"]):
        for term in group["terms"]:
            keys.setdefault(term, f"zt{n:03d}")
    for n, word in enumerate(search_terms["words"]):
        keys.setdefault(word, f"zw{n:03d}")
    return keys


def body(markdown, title, filters, search_terms):
    """Wrap a page's own text so Pagefind indexes it alone, with its title, filters and term keys.

    The extra index text sits in a div hidden by CSS: the title weighted up, then the keys of the
    terms the page is about (in its title or headings) weighted up, and the keys of the terms it only
    mentions at the ordinary weight, so a page named for the query ranks first.
    """
    tags = "".join(f'<span data-pagefind-filter="{html.escape(name)}">{html.escape(value)}</span>'
                   for name, values in filters.items() for value in values)
    headings = "\n".join([title, *(line for line in markdown.split("\n") if line.lstrip().startswith("#"))])
    keys = term_keys(search_terms)
    about, mentions = _keys_in(headings, keys), _keys_in(markdown, keys)
    # The filters first: an excerpt is drawn from after the last key, so their words never open one.
    extra = (f'<div class="search-terms">{tags}<span data-pagefind-weight="5">{html.escape(title)}</span>'
             f'<span data-pagefind-weight="10">{" ".join(about)}</span>'
             f'<span data-pagefind-weight="1">{" ".join(k for k in mentions if k not in about)}</span></div>')
    return (f'<div data-pagefind-body data-pagefind-meta="title:{html.escape(title, quote=True)}" markdown="1">\n\n'
            f"{extra}\n\n{markdown}\n\n</div>")


def _keys_in(text, keys):
    """The keys of the terms that occur in `text`, once each, in a stable order."""
    return sorted({key for term, key in keys.items() if term in text})


def write_terms(site_dir, search_terms):
    """The tables the search dialog uses: a query's known terms → keys (and the terms to draw excerpts around),
    and pinyin typed as letters → the key of the term it spells."""
    keys = term_keys(search_terms)
    groups = {}
    for term, key in keys.items():
        groups.setdefault(key, []).append(term)
    for name, table in ((TERMS_FILE, groups), (PINYIN_FILE, pinyin_keys(keys))):
        path = Path(site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def pinyin_keys(keys):
    """Each term's pinyin, whole and as initials (职代会 → zhidaihui, zdh), → its key, for a reader without an input
    method. Readings come from pypinyin's phrase dictionary (会 in 职代会 is hui, in 会计 kuai). A spelling two terms
    share (yuanwugongkai: 院务公开, 园务公开) goes to the first in search_synonyms.yml, as a query searches one key."""
    from pypinyin import Style, lazy_pinyin  # imported here: only the build needs it

    table = {}
    for term, key in keys.items():
        for style in (Style.NORMAL, Style.FIRST_LETTER):
            spelled = "".join(syllable for syllable in lazy_pinyin(term, style=style) if syllable.isascii() and syllable.isalpha())
            if len(spelled) >= 2:
                table.setdefault(spelled.lower(), key)
    return table


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
    """Wait for Pagefind within what is left of the build's time budget."""
    left = budget.remaining()
    try:
        out, err = process.communicate(timeout=None if math.isinf(left) else left)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        budget.at("pagefind/")
        raise
    if process.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立检索索引失败：{err.strip() or out.strip()}")
