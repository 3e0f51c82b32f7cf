"""The site's generated pages, its navigation and its catalog, all derived from one Library."""
import functools
import html
import posixpath
import re
import time
from dataclasses import dataclass

from . import edition as editions, reference, render, safetext, search, wording
from .content import own_characters


PLACEHOLDER_SPAN = re.compile(r'data-ph="([^"]+)"')


def timed(method):
    """Count the time a page macro takes, for the build's timing report."""
    @functools.wraps(method)
    def wrapper(self, *args):
        start = time.perf_counter()
        try:
            return method(self, *args)
        finally:
            self.render_seconds += time.perf_counter() - start
    return wrapper


@dataclass
class Page:
    uri: str      # path under docs/, e.g. plans/school-annual.md
    title: str
    body: tuple   # (Site method, id): the call that renders the page body, e.g. ("plan_page", "school-annual")
    tags: list
    description: str = ""  # the page's <meta name="description">
    hide: tuple = ()  # Material's hide: ("toc",) on pages whose headings repeat once per sector tab
    source: str = ""  # the data file the page is made from, named if the build runs out of time there


COMPOSE_URI = "compose.md"  # the composer: it opens a plan or adds a snippet named in its fragment (#plan=…, #snippet=…)
CHECK_URI = "check.md"  # 检查自己的计划


def composer_fragments(library):
    """The fragments the composer page answers to (docs/compose.md), as MkDocs's anchor check sees anchors."""
    return {*(f"plan={pid}" for pid in library.plans), *(f"snippet={sid}" for sid in library.snippets)}


def plan_uri(plan_id):
    return f"plans/{plan_id}.md"


def snippet_uri(snippet_id):
    return f"snippets/{snippet_id}.md"


def sector_uri(sector_id):
    return f"sectors/{sector_id}/index.md"


def category_uri(category_id):
    return f"categories/{category_id}/index.md"


def docx_url(plan_id):
    return f"downloads/{plan_id}.docx"


def notice_url(plan_id):
    """A dot, which no id has, keeps every notice apart from every plan (a plan may be called x-notice)."""
    return f"downloads/{plan_id}.notice.docx"


def url(uri):
    """The page's URL relative to the site root (use_directory_urls)."""
    path = uri[:-len("index.md")] if uri.endswith("index.md") else uri[:-3] + "/"
    return path


def link(from_uri, to_uri):
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


class Site:
    def __init__(self, library):
        self.library = library
        self.render_seconds = 0.0  # time spent in the page macros, reported by the plugin
        # Each plan is rendered once per build; pages, the catalog and the macros share it.
        self.plan_markdown = {pid: render.plan_markdown(library, plan) for pid, plan in library.plans.items()}

    # --- what exists -------------------------------------------------------------------------
    def pages(self):
        lib = self.library
        def text(value):
            return wording.generic(value, lib.edition_values)

        def meta(value):
            """Material writes a page's title and description into <title>, <h1>, the tags page and an attribute
            as they are: they are escaped here, after the terms and hooks are filled in."""
            return html.escape(safetext.strip(text(value)), quote=True)

        pages = [Page(sector_uri(sid), meta(s["name"]), ("sector_page", sid), [s["name"]], meta(s["description"]),
                      source=s.file) for sid, s in lib.sectors.items()]
        pages += [Page(category_uri(cid), meta(c["name"]), ("category_page", cid), [c["name"]], meta(c["description"]),
                       source=c.file) for cid, c in lib.categories.items()]
        pages += [Page(plan_uri(pid), meta(p["name"]), ("plan_page", pid), self.plan_tags(p), meta(p["summary"]),
                       source=p.file) for pid, p in lib.plans.items()]
        pages += [Page(snippet_uri(sid), meta(s["title"]), ("snippet_page", sid), self.snippet_tags(s), meta(s["summary"]),
                       ["toc"], s.file) for sid, s in lib.snippets.items()]
        return pages

    def body(self, page):
        """A generated page's Markdown. The plugin writes it straight into the page: contributed text never passes
        through Jinja, and the build does not compile a template for each of thousands of pages."""
        method, key = page.body
        return getattr(self, method)(key)

    def search_texts(self):
        """Every text the index holds, for the Traditional-character table."""
        return [*self.plan_markdown.values(), *(s.body for s in self.library.snippets.values())]

    def plan_tags(self, plan):
        return [self.library.sectors[plan["sector"]]["name"], self.library.plan_types[plan["type"]]["name"]]

    def snippet_tags(self, snippet):
        lib = self.library
        return [lib.categories[snippet["category"]]["name"], *(lib.sectors[s]["name"] for s in lib.snippet_sectors(snippet))]

    def plans_of(self, sector_id):
        return [p for p in self.library.plans.values() if p["sector"] == sector_id]

    def snippets_of(self, category_id):
        return [s for s in self.library.snippets.values() if s["category"] == category_id]

    def plans_using(self, snippet_id):
        return self._users.get(snippet_id, [])

    @functools.cached_property
    def _users(self):
        """Snippet id → the plans that use it, built once (a scan per snippet page grows as plans × snippets)."""
        users = {}
        for plan in self.library.plans.values():
            for section in self.library.all_sections(plan):
                if section.get("snippet") and plan not in users.setdefault(section["snippet"], []):
                    users[section["snippet"]].append(plan)
        return users

    def nav(self):
        """Generated nav sections, keyed by the folder named in mkdocs.yml's nav.

        Only the sector and category pages are listed: each lists its plans or snippets. Listing
        every plan and snippet would copy the whole library into every page's navigation, which
        makes the site grow with the square of its size.
        """
        lib = self.library
        return {"sectors/": [{s["name"]: sector_uri(sid)} for sid, s in lib.sectors.items()],
                "categories/": [{c["name"]: category_uri(cid)} for cid, c in lib.categories.items()]}

    def catalog(self):
        lib = self.library
        return {
            "edition": lib.year,
            "families": [{"id": fid, "name": f["name"]} for fid, f in lib.families.items()],
            "sectors": [{"id": sid, "name": s["name"], "family": s["family"], "plans": len(self.plans_of(sid))}
                        for sid, s in lib.sectors.items()],
            "plans": [{"id": pid, "name": p["name"], "title": p["title"], "sector": p["sector"], "type": p["type"],
                       "url": url(plan_uri(pid)), "docx": docx_url(pid),
                       **({"notice_docx": notice_url(pid)} if p.get("notice") else {}),
                       "characters": render.characters(self.plan_markdown[pid]), "own_characters": own_characters(p)}
                      for pid, p in lib.plans.items()],
            "snippets": [{"id": sid, "title": wording.generic(s["title"]), "category": s["category"],
                          "sectors": lib.snippet_sectors(s), "url": url(snippet_uri(sid))}
                         for sid, s in lib.snippets.items()],
        }

    # --- page bodies ------------------------------------------------------------------------------
    @timed
    def plan_page(self, plan_id):
        plan, lib = self.library.plans[plan_id], self.library
        sector = lib.sectors[plan["sector"]]
        here = plan_uri(plan_id)
        about = (f'{render.plain(plan["summary"])}（{lib.year} 年版 · {render.literal(lib.plan_types[plan["type"]]["name"])} · '
                 f'[{render.literal(sector["name"])}]({link(here, sector_uri(sector["id"]))})）\n{{: .plan-about }}')
        download = (f'<a class="md-button download" href="../../{docx_url(plan_id)}" download '
                    f'data-name="{html.escape(plan["name"])}">下载 Word 文件</a>'
                    # Markdown links, so MkDocs writes the pages' URLs as the build has them (compose/ or compose.html).
                    f'[以此为基础自己组合]({link(here, COMPOSE_URI)}#plan={plan_id}){{: .md-button }}'
                    f'[检查自己的计划]({link(here, CHECK_URI)}){{: .md-button }}')
        fonts = ("Word 文件按 GB/T 9704—2012 排版，使用方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312；"
                 "电脑上没有这些字体时会换用其他字体显示，可在 Word 中改为宋体、楷体、仿宋。\n{: .download-note }")
        filters = {"行业": [sector["name"]], "类型": [lib.plan_types[plan["type"]]["name"]]}
        indexed = search.body(self.plan_markdown[plan_id], plan["name"], filters, lib.search_vocabulary)
        term = lib.term(plan)
        tools = self.reader_tools(self.plan_markdown[plan_id], download, editions.defaults(lib.year, term and term["months"]))
        return "\n\n".join([about, tools, fonts, self.notice(plan), indexed])

    def notice(self, plan):
        """The covering 通知 of a 工作要点, folded away above the plan, to copy or download on its own."""
        if not plan.get("notice"):
            return ""
        body = "\n\n".join(render.markdown(block) for block in render.notice_blocks(self.library, plan))
        download = (f'<a class="md-button download-notice" href="../../{notice_url(plan["id"])}" download '
                    f'data-name="{html.escape(plan["name"])}的印发通知">'
                    "下载印发通知的 Word 文件</a>")
        return (f'<details class="notice" markdown="1"><summary>印发这份工作要点的通知（可选）</summary>\n\n'
                f'<div class="copy-block" markdown="1">\n\n{body}\n\n</div>\n\n{download}\n\n</details>')

    def reader_tools(self, markdown, extra="", defaults=None):
        """Copy-all button, an optional download link and the fill-in panel for the placeholders on a page.

        The buttons and the panel stay hidden until reader.js runs; without JavaScript the page
        simply shows the plan with its placeholders.
        """
        used = set(PLACEHOLDER_SPAN.findall(markdown))
        defaults = defaults or editions.defaults(self.library.year)
        fields = "".join(
            f'<label><span>【{html.escape(name)}】</span><input data-ph="{html.escape(name)}" title="{html.escape(p["description"])}" '
            f'placeholder="例：{html.escape(str(p["example"]))}"'
            + (f' data-default="{html.escape(defaults[name])}"' if name in defaults else "") + '></label>'
            for name, p in self.library.placeholders.items() if name in used)
        # markdown="span": `extra` may hold Markdown links to the site's pages, read inline (no paragraph).
        return (f'<div class="reader-tools" markdown="span">{extra}<button class="md-button copy-all" type="button" hidden>复制全文</button></div>\n\n'
                f'<details class="fill-in" hidden><summary>填写占位符：一次填写，全站的范本、复制的文字和 Word 文件都会用上（只保存在本机浏览器中）</summary>'
                f'<div class="fill-in-fields">{fields}</div>'
                f'<button class="md-button fill-reset" type="button">清空我的填写</button></details>')

    @timed
    def snippet_page(self, snippet_id):
        lib, snippet = self.library, self.library.snippets[snippet_id]
        here = snippet_uri(snippet_id)
        category = lib.categories[snippet["category"]]
        users = self.plans_using(snippet_id)
        used_by = "、".join(f'[{render.literal(p["name"])}]({link(here, plan_uri(p["id"]))})' for p in users) or "暂无"
        intro = "\n\n".join([render.plain(snippet["summary"]),
                              f'分类：[{render.literal(category["name"])}]({link(here, category_uri(category["id"]))})　使用本段落的范本：{used_by}'
                              f'　[把它加进自己组合的计划]({link(here, COMPOSE_URI)}#snippet={snippet_id})\n{{: .screen-only }}',
                              "选择你的行业，段落中的称谓会换成该行业的说法：\n{: .screen-only }"])
        tabs = []
        for sector_id in lib.snippet_sectors(snippet):
            item = render.snippet_item(lib, snippet, sector_id)
            body = "\n\n".join(render.render_item(item, 1, 0))
            tabs += [f'=== "{render.literal(lib.sectors[sector_id]["name"])}"', "", _indent(body), ""]
        tabs = "\n".join(tabs)
        filters = {"行业": [lib.sectors[s]["name"] for s in lib.snippet_sectors(snippet)], "类型": ["段落"],
                   "分类": [category["name"]]}
        indexed = search.body(tabs, wording.generic(snippet["title"]), filters, lib.search_vocabulary)
        return "\n\n".join([intro, self.reader_tools(tabs), indexed])

    @timed
    def sector_page(self, sector_id):
        lib, sector = self.library, self.library.sectors[sector_id]
        here = sector_uri(sector_id)
        lines = [render.plain(sector["description"]), "",
                 f'通常的上级工会：{render.plain(sector["superior"])}。工作年度：{render.plain(sector["year"])}。', "",
                 "## 范本", ""]
        plans = self.plans_of(sector_id)
        for type_id, plan_type in lib.plan_types.items():
            of_type = [p for p in plans if p["type"] == type_id]
            if of_type:
                lines += [f"### {render.literal(plan_type['name'])}", ""]
                lines += [f'- [{render.literal(p["name"])}]({link(here, plan_uri(p["id"]))})：{render.plain(p["summary"])}' for p in of_type]
                lines.append("")
        if not plans:
            lines += ["这个行业还没有范本，欢迎投稿。", ""]
        lines += ["## 本行业的称谓", "", "段落库里的通用段落在本行业的页面上会使用下列说法。", "",
                  "| 通用说法 | 本行业说法 |", "| --- | --- |"]
        lines += [f"| {render.plain(key)} | {render.plain(value)} |" for key, value in sector["terms"].items()]
        lines += ["", "## 适用的段落", ""]
        for category_id, category in lib.categories.items():
            fitting = [s for s in self.snippets_of(category_id) if sector_id in lib.snippet_sectors(s)]
            if fitting:
                links = "、".join(f'[{render.plain(wording.fill(s["title"], lib.sector_values(sector_id)))}]'
                                 f'({link(here, snippet_uri(s["id"]))})' for s in fitting)
                lines.append(f'- **{render.literal(category["name"])}**：{links}')
        return "\n".join(lines) + "\n"

    @timed
    def category_page(self, category_id):
        lib, category = self.library, self.library.categories[category_id]
        here = category_uri(category_id)
        lines = [render.plain(category["description"]), ""]
        snippets = self.snippets_of(category_id)
        for snippet in snippets:
            sectors = render.literal(lib.describe(snippet["sectors"]))
            lines += [f'## [{render.plain(wording.generic(snippet["title"]))}]({link(here, snippet_uri(snippet["id"]))})', "",
                      f'{render.plain(snippet["summary"])}（适用：{sectors}）', ""]
        if not snippets:
            lines.append("这一类还没有段落，欢迎投稿。")
        return "\n".join(lines) + "\n"

    @timed
    def home_sectors(self):
        lines = ['<div class="grid cards" markdown>', ""]
        for sector_id, sector in self.library.sectors.items():
            count = len(self.plans_of(sector_id))
            lines += [f'- [**{render.literal(sector["name"])}**]({sector_uri(sector_id)})', "",
                      f'    {count} 篇范本 · {render.plain(sector["description"])}', ""]
        return "\n".join(lines + ["</div>"]) + "\n"

    def composer_page(self):
        """The composer's controls, filled by composer.js from compose/<sector>.json; the fill-in panel for every placeholder.
        Every plan is listed (data-sector) so that choosing a sector loads nothing until the reader starts."""
        lib = self.library
        sectors = "".join(f'<option value="{sid}">{html.escape(s["name"])}</option>' for sid, s in lib.sectors.items())
        types = "".join(f'<option value="{tid}">{html.escape(t["name"])}</option>' for tid, t in lib.plan_types.items())
        plans = "".join(f'<option value="{p["id"]}" data-sector="{sid}">{html.escape(p["name"])}</option>'
                        for sid in lib.sectors for p in self.plans_of(sid))
        every = "".join(f"【{name}】" for name in lib.placeholders)
        tools = self.reader_tools(render.plain(every), '<button class="md-button composer-download" type="button" hidden>'
                                                      "下载 Word 文件</button>"
                                                      '<button class="md-button composer-print" type="button" hidden>打印</button>'
                                                      '<button class="md-button composer-share" type="button" hidden>复制分享地址</button>')
        return (f'<div class="composer" data-year="{lib.year}" markdown="0">'
                '<noscript><p>组合范本需要在浏览器里启用 JavaScript。也可以在各范本页面上复制各节，拼接成自己的计划。</p></noscript>'
                '<p class="composer-skip">跳到：<a href="#composer-document">组合的计划</a> · <a href="#add-section">加入段落</a></p>'
                '<form class="composer-start" hidden><fieldset><legend>从哪里开始</legend>'
                f'<label>行业 <select name="sector">{sectors}</select></label>'
                f'<label>类型 <select name="type">{types}</select></label>'
                '<button class="md-button" type="submit" name="empty">从空白提纲开始</button>'
                f'<label>或以范本为基础 <select name="plan">{plans}</select></label>'
                '<button class="md-button" type="button" name="from-plan">载入这篇范本</button></fieldset></form>'
                '<details class="composer-slots" hidden><summary>之前的组合</summary><ul></ul></details>'
                '<p class="composer-status" role="status" aria-live="polite"></p>'
                '<ul class="composer-warnings" aria-live="polite"></ul>'
                '</div>\n\n' + tools + '\n\n<div class="composer-document" id="composer-document"></div>\n\n'
                '<div class="composer-library" hidden><h2 id="add-section">加入段落</h2>'
                '<label>分类 <select class="composer-category"><option value="">全部分类</option></select></label> '
                '<label>查找 <input class="composer-search" type="search" placeholder="如：送温暖、职代会"></label> '
                '<label>放在 <select class="composer-place"></select></label>'
                '<ul class="composer-snippets"></ul></div>\n')

    def edition(self):
        return str(self.library.year)

    def schema_reference(self):
        return reference.schema_page(self.library)

    def placeholders_page(self):
        return reference.placeholders_page(self.library)

    def calendar_page(self):
        return reference.calendar_page(self.library)

    def home_categories(self):
        return "、".join(f'[{render.literal(c["name"])}]({category_uri(cid)})' for cid, c in self.library.categories.items())


def _indent(text):
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))
