"""MkDocs hook: put pages that ``nav`` in mkdocs.yml does not list into the menu.

A page under ``how-to/`` joins the "How-to" section; any other page goes to a
"More" section at the end. Pages keep the title of their first heading.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.nav import Navigation, Section


def on_nav(nav: Navigation, config: Any, files: Any) -> Navigation:
    listed = {id(page) for page in nav.pages}
    unlisted = [f.page for f in files.documentation_pages() if f.page is not None and id(f.page) not in listed]
    if not unlisted:
        return nav
    more: list[Any] = []
    for page in sorted(unlisted, key=lambda p: p.file.src_uri):
        home = _section(nav, "How-to") if page.file.src_uri.startswith("how-to/") else None
        (home.children if home is not None else more).append(page)
        page.parent = home
    if more:
        section = Section("More", more)
        for page in more:
            page.parent = section
        nav.items.append(section)
    nav.pages.extend(unlisted)
    return nav


def _section(nav: Navigation, title: str) -> Section | None:
    return next((item for item in nav.items if isinstance(item, Section) and item.title == title), None)
