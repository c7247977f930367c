"""Helpers for tests/test_site.py: serve a built Jupyter Book over HTTP, open its pages in
headless Chromium (Playwright, sync API) and collect what a reader's browser would see
go wrong: console errors, uncaught exceptions, broken images, dead links, requests that
leave the site, alerts, and markup from a document that became live HTML."""

from __future__ import annotations

import functools
import html.parser
import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis.publish import toc as report_book
from analysis.publish.pdf import CHROMIUM, HEADLESS

# The browser the PDF edition prints with, and its flags less --headless (Playwright adds it).
CHROMIUM_ARGS = [flag for flag in HEADLESS if flag != "--headless"]
VIEWPORT = {"width": 1280, "height": 900}


def toc_pages(book: Path) -> list[str]:
    """Every page of the book as "book/x", in _toc.yml order (root first)."""
    return report_book.toc_pages(Path(book) / "_toc.yml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@contextmanager
def serve(directory: Path):
    """Serve `directory` on 127.0.0.1 and a free port from a background thread; yields
    the base URL (ending in "/")."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


@dataclass(repr=False)
class Visit:
    """One page as the browser saw it."""

    name: str
    url: str
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)  # filled by image_problems()

    def __repr__(self) -> str:
        return f"<Visit {self.name}>"

    def problems(self) -> list[str]:
        out = [f"console error: {m}" for m in self.console_errors]
        out += [f"uncaught exception: {m}" for m in self.page_errors]
        out += [f"HTTP error: {m}" for m in self.bad_responses]
        out += [
            f"request leaves the site (blocked; the site must be self-contained): {u}" for u in self.external_requests
        ]
        out += [f"dialog opened ({m})" for m in self.dialogs]
        return out


# Runs in the page: make lazy images load, wait for every image to settle, report each.
_IMAGES_JS = """
async () => {
  const images = [...document.images];
  for (const img of images) {
    img.loading = "eager";
    img.scrollIntoView({block: "center"});
  }
  await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done, {once: true});
    img.addEventListener("error", done, {once: true});
    setTimeout(done, 5000);
  })));
  window.scrollTo(0, 0);
  return images.map(img => {
    const box = img.getBoundingClientRect();
    return {src: img.getAttribute("src"), complete: img.complete, naturalWidth: img.naturalWidth,
            width: box.width, height: box.height,
            // Logos inside a closed menu (the launch buttons) load but are not laid out.
            hidden: img.offsetParent === null || img.closest(".dropdown-menu") !== null};
  });
}
"""

# Runs in the page: live markup in the page's content that a document could have smuggled
# in. The content is every child of <article> except the <script>s extensions put there
# themselves (sphinx-thebe's page config), and everything inside those children.
_LIVE_MARKUP_JS = """
() => {
  const article = document.querySelector("article") || document.querySelector("main") || document.body;
  const content = [...article.children].filter(el => el.tagName.toLowerCase() !== "script");
  const found = [];
  for (const el of content.flatMap(root => [root, ...root.querySelectorAll("*")])) {
    const tag = el.tagName.toLowerCase();
    if (["script", "iframe", "object", "embed", "style", "base", "meta", "form"].includes(tag)) {
      found.push(`<${tag}> element: ${el.outerHTML.slice(0, 120)}`);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.trim().toLowerCase();
      if (name.startsWith("on")) found.push(`${name}= attribute on <${tag}>: ${el.outerHTML.slice(0, 120)}`);
      if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(name)
          && (value.startsWith("javascript:") || value.startsWith("data:text/html") || value.startsWith("vbscript:"))) {
        found.push(`${name}="${attr.value.slice(0, 60)}" on <${tag}>`);
      }
    }
  }
  return found;
}
"""


def open_pages(context, pages: list[tuple[str, str]]) -> list[Visit]:
    """Open every (url, name) in its own tab of `context` at once (the browser loads them
    side by side, as it would for a reader with many tabs), then wait for each one's load
    event; what each page does goes to its own Visit from the moment it starts loading."""
    visits = [open_page(context, url, name, wait_until="commit") for url, name in pages]
    for visit in visits:
        visit.page.wait_for_load_state("load")
    return visits


def open_page(context, url: str, name: str, wait_until: str = "load") -> Visit:
    """Open `url` in a new tab of `context`, recording errors from the moment it starts
    loading; waits for the load event (or only for the response, with wait_until="commit")."""
    page = context.new_page()
    visit = Visit(name=name, url=url, page=page)
    origin = urllib.parse.urlsplit(url)[:2]

    def on_console(msg):
        if msg.type == "error":
            where = msg.location.get("url", "") if isinstance(msg.location, dict) else ""
            if where and urllib.parse.urlsplit(where)[:2] != origin:
                return  # the failure of a request blocked below, reported once as external_requests
            visit.console_errors.append(f"{msg.text} ({where})" if where else msg.text)

    def on_response(response):
        if response.status >= 400:
            visit.bad_responses.append(f"{response.status} {response.url}")

    def on_dialog(dialog):
        visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_route(route):
        request_url = route.request.url
        if urllib.parse.urlsplit(request_url)[:2] == origin or request_url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            visit.external_requests.append(request_url)
            route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
    page.on("response", on_response)
    page.on("dialog", on_dialog)
    page.route("**/*", on_route)
    response = page.goto(url, wait_until=wait_until)
    if response is None or response.status != 200:
        visit.bad_responses.append(f"{response.status if response else 'no response'} {url}")
    return visit


def image_problems(visit: Visit) -> list[str]:
    """Every <img> loaded (naturalWidth > 0) and has a rendered size; also stored on the visit."""
    problems = visit.images
    for img in visit.page.evaluate(_IMAGES_JS):
        if not img["complete"] or img["naturalWidth"] <= 0:
            problems.append(f"image did not load: {img['src']}")
        elif not img["hidden"] and (img["width"] <= 0 or img["height"] <= 0):
            problems.append(f"image has no rendered size ({img['width']}x{img['height']}): {img['src']}")
    return problems


def live_markup(visit: Visit) -> list[str]:
    return visit.page.evaluate(_LIVE_MARKUP_JS)


# Runs in the page: table cells wider than the article's text column (a long unbroken line
# that does not wrap makes its whole column that wide, so every quote needs scrolling).
_WIDE_CELLS_JS = """
() => {
  const article = document.querySelector("article") || document.body;
  const limit = article.clientWidth;
  const wide = [...article.querySelectorAll("td")]
    .map(cell => ({width: Math.round(cell.getBoundingClientRect().width), text: cell.innerText}))
    .filter(cell => cell.width > limit)
    .sort((a, b) => b.width - a.width);
  if (!wide.length) return [];
  const longest = wide.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  return [`${wide.length} table cell(s) wider than the ${limit}px text column, up to ${wide[0].width}px; ` +
          `the longest: ${JSON.stringify(longest.text.slice(0, 80))}...`];
}
"""


def wide_cells(visit: Visit) -> list[str]:
    return visit.page.evaluate(_WIDE_CELLS_JS)


def screenshot(visit: Visit, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{visit.name}.png"
    visit.page.bring_to_front()  # a tab behind others is painted only when it comes to the front
    visit.page.screenshot(path=str(path), full_page=True)
    return path


def count(visit: Visit, selector: str) -> int:
    return visit.page.locator(selector).count()


def text(visit: Visit, selector: str = "body") -> str:
    """What a reader sees (innerText) of the first element matching `selector`."""
    return visit.page.locator(selector).first.inner_text()


def site_links(visit: Visit, base: str) -> list[str]:
    """Absolute URLs of every <a href> on the page that points inside the site."""
    # An SVG <a> (a chart's mark) has an SVGAnimatedString href: resolve it like an HTML one.
    hrefs = visit.page.eval_on_selector_all(
        "a[href]",
        "links => links.map(a => typeof a.href === 'string' ? a.href : new URL(a.href.baseVal, document.baseURI).href)",
    )
    return sorted({h for h in hrefs if h.startswith(base)})


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if value and (key == "id" or (key == "name" and tag == "a")):
                self.ids.add(value)


def link_problems(links: dict[str, set[str]]) -> list[str]:
    """Fetch every linked URL once (200 expected) and check each #fragment names an id
    on its target page. `links` maps a link's absolute URL to the pages that carry it."""
    problems = []
    fetched: dict[str, tuple[int, set[str]]] = {}
    for link in sorted(links):
        target, _, fragment = link.partition("#")
        if target not in fetched:
            ids = _Ids()
            try:
                with urllib.request.urlopen(target, timeout=10) as response:
                    status, body = response.status, response.read()
                    if response.headers.get_content_type() == "text/html":
                        ids.feed(body.decode("utf-8", "replace"))
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError:
                status = 0
            fetched[target] = (status, ids.ids)
        status, ids = fetched[target]
        on = ", ".join(sorted(links[link]))
        if status != 200:
            problems.append(f"{link} (on {on}): HTTP {status}")
        elif fragment and urllib.parse.unquote(fragment) not in ids:
            problems.append(
                f"{link} (on {on}): no element with id '{urllib.parse.unquote(fragment)}' on the target page"
            )
    return problems
