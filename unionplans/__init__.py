"""工会工作计划范本库: load, check and render the plan library in templates_data/.

The MkDocs side is a thin adapter (mkdocs_hook.py, ../macros.py); everything else is
plain functions that tests and the command line call directly.
"""
