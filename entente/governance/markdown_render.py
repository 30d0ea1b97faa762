"""Minutes are written in Markdown and shown as sanitised HTML."""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "code", "pre", "a", "table",
    "thead", "tbody", "tr", "th", "td", "hr",
}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, url_schemes={"http", "https",
                                                                                                   "mailto"})
