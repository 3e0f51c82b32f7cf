"""mkdocs-macros entry point for the maintainers' own pages (docs/): the home page's lists, the reference pages.

Only pages that opt in with `render_macros: true` are rendered. The generated pages (plans, snippets, sectors,
categories) are written by the unionplans plugin and marked `render_macros: false`: contributed text never passes
through Jinja.
"""


def define_env(env):
    def site():
        plugin = env.conf.plugins["unionplans"]
        return plugin.site or plugin.reference  # while the data has a mistake, only the reference pages render

    for name in ("home_sectors", "home_categories", "schema_reference", "placeholders_page", "calendar_page", "composer_page", "edition"):
        env.macro(lambda *args, _name=name: getattr(site(), _name)(*args), name)
