"""The MkDocs adapter: load and check the library once per build, add its pages, write catalog.json."""
import html
import json
import logging
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File

from . import budget, datafiles, reference, yamlio
from .compose import write_composer_data
from .datafiles import links_in
from .draftrules import write_rules
from .errors import DataError, Problems
from .library import load_library
from .pages import COMPOSE_URI, Site, composer_fragments, docx_url, notice_url, plan_uri, snippet_uri
from .search import SearchIndexError, finish_indexing, start_indexing, write_terms
from .word import notice_docx, plan_docx


log = logging.getLogger("mkdocs.plugins.unionplans")


class UnionPlansConfig(Config):
    data_dir = config_options.Type(str, default="templates_data")
    # Off only for a pull request's preview, so a contributor sees the pages while the content check still has findings.
    content_checks = config_options.Type(bool, default=True)
    # For the benchmark's floor: write each page's Markdown, after the macros, into this folder.
    dump_markdown = config_options.Type(str, default="")
    # The whole build's time (budget.py); past it the build stops and names the file it had reached.
    build_seconds = config_options.Type(int, default=budget.BUILD_SECONDS)


class UnionPlansPlugin(BasePlugin[UnionPlansConfig]):
    site = None
    serving = False
    error = None  # under `mkdocs serve`, a data mistake shown on the pages instead of a stuck server
    reference = None  # while the data has a mistake: the reference pages, when their registries read on their own
    error_pages = {}  # while the data has a mistake: page path → the plan or snippet file it stands for
    generated = {}  # generated page's path → its pages.Page (title, body, the data file it is made from)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        data_dir = Path(config.config_file_path).parent / self.config.data_dir
        self.timings = {}
        links = links_in(config.docs_dir)
        if links:  # a link in docs/ would copy its target, any file of the building machine, into the site
            listed = "、".join(str(path.relative_to(Path(config.docs_dir).parent)) for path in links)
            raise PluginError(f"docs/ 里有符号链接：{listed}。网站只发布普通文件：请把链接换成文件本身，或删去。")
        config.watch.append(str(data_dir))
        self.site, self.error, self.reference = None, None, None
        budget.start(self.config.build_seconds, "构建", self.config.data_dir)
        try:
            with self._timed("载入和检查数据"):
                library = load_library(data_dir, content=self.config.content_checks)
            with self._timed("生成页面"):
                self.site = Site(library)
        except DataError as error:
            # A data mistake is the contributor's to fix: a clear report, no traceback. While serving, the
            # report is the page the contributor is looking at, and saving the fix rebuilds the site.
            if not self.serving:
                raise PluginError(error.report()) from None
            self.error = error
            log.info(error.report())
            self.reference = _reference(data_dir)
            self.error_pages = _error_pages(data_dir)
            config.nav, config.strict = None, False  # the generated pages are missing until the data is fixed
            return config
        config.nav = self._expand_nav(config.nav)
        return config

    def _expand_nav(self, nav):
        """Replace nav entries that name a generated folder (sectors/, categories/) with its pages."""
        generated = self.site.nav()

        def expand(entry):
            if not isinstance(entry, dict):
                return entry
            return {title: generated.get(target, target) if isinstance(target, str) else target
                    for title, target in entry.items()}
        return [expand(entry) for entry in nav] if nav else nav

    def on_files(self, files, config):
        if self.error:  # each plan and snippet file has its page, showing the mistake, so the page reloads once fixed
            for uri, file in self.error_pages.items():
                files.append(File.generated(config, uri, content=f"---\n{json.dumps({'title': file})}\n---\n"))
        self.generated = {page.uri: page for page in (self.site.pages() if self.site else [])}
        for page in self.generated.values():
            # The body is written in on_page_markdown; mkdocs-macros is told to leave the page alone.
            meta = {"title": page.title, "description": page.description, "tags": page.tags, "render_macros": False,
                    **({"hide": page.hide} if page.hide else {})}
            # JSON is valid YAML and quotes every value, so no title can break the front matter.
            content = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"
            files.append(File.generated(config, page.uri, content=content))
        return files

    @event_priority(100)  # before the macros, which then leave the page alone
    def _body(self, markdown, page, config, files):
        """A generated page gets its body from the Site. While the data has a mistake: a plan's or snippet's page
        shows its file's problems first; the reference pages (数据格式, 占位符) stay readable; pages without macros
        are as written; the rest show every problem."""
        uri = page.file.src_uri
        generated = self.generated.get(uri)
        _within_budget(generated.source if generated else uri)
        if not self.error:
            return self.site.body(generated) if generated else markdown
        if uri in REFERENCE_PAGES and self.reference:
            return NOTICE + markdown
        if uri not in self.error_pages and not page.meta.get("render_macros"):
            return markdown
        page.meta["render_macros"] = False
        file = self.error_pages.get(uri)
        own = [p for p in self.error.problems if p.file == file]
        rest = [p for p in self.error.problems if p.file != file]
        parts = [f"<h2>{html.escape(file)} 的问题</h2><pre>{_listed(own)}</pre>" if own else "",
                 f"<h2>{'其他文件的问题' if own else '问题'}</h2><pre>{_listed(rest)}</pre>" if rest else ""]
        return ('<div class="data-error" role="alert" markdown="0"><p><strong>范本库的数据有问题，网站暂时按下面的说明停在这里。'
                "</strong>改好文件并保存，页面会自动刷新。</p>" + "".join(parts) + "</div>\n")

    @event_priority(-100)  # after the macros have filled the page
    def _dump(self, markdown, page, config, files):
        if self.config.dump_markdown:
            path = Path(self.config.dump_markdown) / page.file.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = {key: page.meta[key] for key in ("title", "tags", "hide") if key in page.meta}
            path.write_text(f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{markdown}", encoding="utf-8")
        return markdown

    on_page_markdown = CombinedEvent(_body, _dump)

    def on_page_content(self, content, page, config, files):
        """A link to the composer is written as one to compose.md, so MkDocs gives it the site's own URL form
        (compose/ or compose.html); its fragment names a plan or snippet the composer opens, not a heading, so
        the composer page is known to answer to those fragments, and MkDocs's anchor check still finds a wrong id."""
        if page.file.src_uri == COMPOSE_URI and self.site and page.present_anchor_ids is not None:
            page.present_anchor_ids |= composer_fragments(self.site.library)
        return content

    def on_post_build(self, config):
        if self.site is None:
            budget.stop()
            return
        site_dir = Path(config.site_dir)
        with self._timed("检索索引"):
            write_terms(site_dir, self.site.library.search_vocabulary)
            indexing = start_indexing(site_dir, self.site.search_texts())
        with self._timed("Word 文件"):
            for plan_id, plan in self.site.library.plans.items():
                _within_budget(plan.file)
                path = site_dir / docx_url(plan_id)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(plan_docx(self.site.library, plan))
                if plan.get("notice"):
                    (site_dir / notice_url(plan_id)).write_bytes(notice_docx(self.site.library, plan))
        with self._timed("组合器数据"):
            write_composer_data(self.site.library, site_dir)
        write_rules(self.site.library, site_dir)  # the rules of 检查自己的计划 (check/rules.json)
        catalog = site_dir / "catalog.json"
        catalog.write_text(json.dumps(self.site.catalog(), ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            with self._timed("检索索引"):  # what is left of Pagefind's run once the Word files are written
                finish_indexing(indexing)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        except budget.OverBudget as over:
            raise PluginError(str(over)) from None
        budget.stop()
        self.timings["生成页面"] += self.site.render_seconds
        log.info("unionplans 用时：" + "；".join(f"{name} {seconds:.2f} s" for name, seconds in self.timings.items()))

    def on_build_error(self, error):
        budget.stop()

    @contextmanager
    def _timed(self, name):
        start = time.perf_counter()
        yield
        self.timings[name] = self.timings.get(name, 0) + time.perf_counter() - start


def _within_budget(file):
    """Stop the build, naming `file`, once its time budget is spent."""
    try:
        budget.at(file)
    except budget.OverBudget as over:
        raise PluginError(str(over)) from None


REFERENCE_PAGES = {"contributing/schema.md": "schema_reference", "placeholders.md": "placeholders_page"}
NOTICE = ('<div class="data-error" role="status" markdown="0"><p>范本库的数据现在有问题（问题和改法见首页或出错的范本页面）；'
          "本页按现有的登记表显示。改好文件并保存，页面会自动刷新。</p></div>\n\n")


def _listed(problems):
    return html.escape("\n".join(p.plain() for p in problems))  # a page, not a log: no escapes needed


def _error_pages(data_dir):
    """Page path → data file, for every plan and snippet file, so each has its page while the data is wrong."""
    snippets, plans = datafiles.inventory(data_dir, Problems())
    pages = {snippet_uri(path.stem): path for path in snippets}
    pages.update({plan_uri(path.stem): path for path in plans})
    return {uri: yamlio.relative(path, data_dir) for uri, path in pages.items()}


def _reference(data_dir):
    """The reference pages' macros, from the registries they are made of, when those read on their own."""
    def load(name):
        return yamlio.load_file(Path(data_dir) / f"{name}.yml", data_dir)
    try:
        registries = SimpleNamespace(schema=load("schema"), formula=load("formula"),
                                     terms={t["key"]: t for t in load("terms")},
                                     placeholders={p["name"]: p for p in load("placeholders")})
        pages = {name: getattr(reference, name.replace("_reference", "_page"))(registries) for name in REFERENCE_PAGES.values()}
    except (DataError, KeyError, TypeError, AttributeError):
        return None  # a registry is itself the mistake: these pages show it like the others
    return SimpleNamespace(**{name: (lambda text=text: text) for name, text in pages.items()})
