"""The MkDocs adapter: load and check the library once per build, add its pages, write catalog.json."""
import json
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from .errors import DataError
from .library import load_library
from .pages import Site, docx_url
from .search import SearchIndexError, index_site
from .word import plan_docx


class UnionPlansConfig(Config):
    data_dir = config_options.Type(str, default="templates_data")


class UnionPlansPlugin(BasePlugin[UnionPlansConfig]):
    site = None

    def on_config(self, config):
        data_dir = Path(config.config_file_path).parent / self.config.data_dir
        try:
            self.site = Site(load_library(data_dir))
        except DataError as error:
            # A data mistake is the contributor's to fix: a clear report, no traceback.
            raise PluginError(error.report()) from None
        config.nav = self._expand_nav(config.nav)
        config.watch.append(str(data_dir))
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
        for page in self.site.pages():
            meta = {"title": page.title, "tags": page.tags, "render_macros": True}
            # JSON is valid YAML and quotes every value, so no title can break the front matter.
            content = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{{{{ {page.macro} }}}}\n"
            files.append(File.generated(config, page.uri, content=content))
        return files

    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        for plan_id, plan in self.site.library.plans.items():
            path = site_dir / docx_url(plan_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(plan_docx(self.site.library, plan))
        catalog = site_dir / "catalog.json"
        catalog.write_text(json.dumps(self.site.catalog(), ensure_ascii=False, indent=1), encoding="utf-8")
        try:
            index_site(site_dir, self.site.search_texts())
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
