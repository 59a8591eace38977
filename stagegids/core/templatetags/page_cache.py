"""``{% cachedcontent %}…{% endcachedcontent %}``: a page's main content, from the cache
when ``render_cached`` found it there, else rendered and stored for the next request
(see ``stagegids.core.page_cache``). Without ``page_content`` in the context the tag
only renders what it wraps."""

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.utils.safestring import mark_safe

register = template.Library()


class CachedContentNode(Node):
    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        content = context.get("page_content")
        if content is not None and content.hit:
            return mark_safe(content.html)  # noqa: S308  (our own rendered template)
        html = self.nodelist.render(context)
        if content is not None:
            content.store(html)
        return html


@register.tag
def cachedcontent(parser: Parser, token: Token) -> CachedContentNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("cachedcontent takes no arguments")
    nodelist = parser.parse(("endcachedcontent",))
    parser.delete_first_token()
    return CachedContentNode(nodelist)
