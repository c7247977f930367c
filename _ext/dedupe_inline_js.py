"""Keep one copy of each <script> on a page.

Sphinx 7.4 adds an extension's inline script twice (filename None, then ''; fixed
upstream in sphinx-doc/sphinx#13402), so sphinx-thebe's `const THEBE_JS_URL` is declared
twice and every page logs a SyntaxError. jupyter-book 1.x pins Sphinx 7, so we dedupe.
"""


def _dedupe(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", script) or ""
        key = (str(filename), tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    context["script_files"] = kept


def setup(app):
    app.connect("html-page-context", _dedupe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
