"""mkdocs-macros entry point: the page bodies come from the unionplans plugin's Site.

Only pages that opt in with `render_macros: true` are rendered; contributed text never
passes through Jinja, because it reaches pages only as the output of these macros.
"""


def define_env(env):
    def site():
        plugin = env.conf.plugins["unionplans"]
        return plugin.site or plugin.reference  # while the data has a mistake, only the reference pages render

    for name in ("plan_page", "snippet_page", "sector_page", "category_page",
                 "home_sectors", "home_categories", "schema_reference", "placeholders_page", "calendar_page", "composer_page", "edition"):
        env.macro(lambda *args, _name=name: getattr(site(), _name)(*args), name)
