"""What entity pages show, value by value and fact by fact, and its HTML.

A page shows hundreds of values; rendering each through a template macro costs a macro call
per value. Instead a :class:`Value` writes its own HTML once (:attr:`Value.html`, escaped
exactly as the template's autoescaping would) and templates print it, or a whole list of them
with the ``value_list`` filter. Lists of facts, the longest part of a city's page, are written
here too (:func:`fact_list`, the ``fact_list`` filter behind the macro of the same name).

>>> Value("Sơn La", "/page/city/son-la", iri="http://kg.test/id/city/son-la").html
Markup('<a href="/page/city/son-la" title="http://kg.test/id/city/son-la">Sơn La</a>')
>>> value_list([Value("1 < 2", datatype="xsd:string"), Value("Hà Nội", lang="vi")])
Markup('<span class="literal">1 &lt; 2</span> <small class="datatype">xsd:string</small>, \
<span class="literal">Hà Nội</span> <small class="lang-tag">@vi</small>')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Value:
    text: str
    href: str | None = None
    lang: str | None = None
    datatype: str | None = None
    iri: str | None = None
    external: bool = False

    @cached_property
    def html(self) -> Markup:
        """A link to the thing (titled with its IRI), or the literal with its language and
        datatype."""
        if self.href:
            external = ' class="external" rel="noopener"' if self.external else ""
            title = f' title="{escape(self.iri)}"' if self.iri else ""
            return Markup(f'<a href="{escape(self.href)}"{external}{title}>{escape(self.text)}</a>')
        html = f'<span class="literal">{escape(self.text)}</span>'
        if self.lang:
            html += f' <small class="lang-tag">@{escape(self.lang)}</small>'
        if self.datatype:
            html += f' <small class="datatype">{escape(self.datatype)}</small>'
        return Markup(html)


@dataclass
class PropertyGroup:
    """A property and its values (or, for incoming links, the things that have it)."""

    label: str
    iri: str
    href: str
    values: list[Value] = field(default_factory=list)
    more: bool = False  # the list goes on on the next page


@dataclass(frozen=True)
class Source:
    """A sentence a fact comes from, linked to its place in the article reader."""

    text: str
    href: str
    article: str


@dataclass
class Fact:
    node: Value
    type: str
    type_iri: str
    rows: list[tuple[str, Value]]
    sources: list[Source]
    rule: str | None
    date: str | None = None


def value_list(values: Iterable[Value]) -> Markup:
    """Values separated by commas (the ``value_list`` template filter)."""
    return Markup(", ").join(v.html for v in values)


def source_list(sources: Iterable[Source], read: str) -> Markup:
    """Sentences, each quoted and linked to the article reader with ``read`` ("Read in the
    article") and the article's title (the ``source_list`` template filter)."""
    read_html = escape(read)
    parts = []
    for s in sources:
        article = f": {escape(s.article)}" if s.article else ""
        parts.append(
            f'\n<blockquote class="source"><q>{escape(s.text)}</q>\n'
            f'  <a class="source-link" href="{escape(s.href)}">{read_html}{article}</a>'
            "</blockquote>"
        )
    return Markup("".join(parts))


def fact_list(facts: Iterable[Fact], read: str) -> Markup:
    """Facts as a list: type, node, rows, the sentences they come from (see
    :func:`source_list`) and the extraction rule (the ``fact_list`` template filter)."""
    parts = ['<ul class="facts">']
    for index, f in enumerate(facts, 1):
        parts.append(
            f'\n<li class="fact" id="fact-{index}">\n'
            f'  <span class="fact-type">{escape(f.type)}</span>\n  {f.node.html}'
        )
        if f.rows:
            rows = "".join(f"<dt>{escape(label)}</dt><dd>{v.html}</dd>" for label, v in f.rows)
            parts.append(f'\n  <dl class="fact-rows">{rows}</dl>')
        parts.append("\n  ")
        parts.append(source_list(f.sources, read))
        if f.rule:
            parts.append(f'<small class="rule">{escape(f.rule)}</small>')
        parts.append("\n</li>")
    parts.append("\n</ul>")
    return Markup("".join(parts))


__all__ = ["Fact", "PropertyGroup", "Source", "Value", "fact_list", "source_list", "value_list"]
