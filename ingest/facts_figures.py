"""Figures as statistics: what is counted, what it is about, when, and how figures relate.

A figure (a number that counts something, see :mod:`ingest.numbers`) becomes an ``lc:Statistic``
about the initiatives named right after it ("112 “Ngôi nhà trí tuệ”"), else the nearest city,
event, initiative or organisation before it in its sentence, else the one the article spoke of
last (news states "Toàn thành phố có …" of the city named a sentence before). A percentage in
parentheses after a figure ("6.900 dòng họ học tập (59%)") is a share of it: the same measure,
linked by ``lc:shareOf``; "64 thành phố thuộc 35 quốc gia" are two figures about one set, linked
by ``lc:sameSet``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ingest.fact_view import SentenceView, date_value, make_fact
from ingest.figure_about import Context, main_plan
from ingest.figure_about import about as about_of
from ingest.model import Article, Fact, Mention, Value
from ingest.rules import facts as rules
from ingest.rules import figures as figure_rules
from ingest.tokens import key_of

_AS_OF = tuple(" ".join(key_of(w)) for w in figure_rules.REF_DATE_AS_OF)
_NOT_AFTER = tuple(" ".join(key_of(w)) for w in figure_rules.REF_DATE_NOT_AFTER)

# The entities that carry over to the next sentences' figures.
SUBJECT_KINDS = ("city", "province", "country")


def _objects(v: SentenceView, fig: Mention) -> list[Mention]:
    window = v.tokens_between(fig.end, v.s.end)[: rules.FIGURE_OBJECT_WINDOW]
    limit = window[-1].end if window else fig.end
    return [m for m in v.of("initiative") if fig.end <= m.begin and m.end <= limit and m.entity]


def statistics(
    views: Sequence[SentenceView], article: Article, network: str | None = None
) -> Iterator[Fact]:
    """Every statistic of the article, sentence by sentence."""
    lang = article.meta.language or "vi"
    ctx = Context(network=network, plan=main_plan(views))
    for v in views:
        previous: tuple[str, int] | None = None
        measures = {f.begin: f.attr("measure") for f in v.figures}
        resolved: list[str] = []
        for fig in v.figures:
            objects = _objects(v, fig)
            measure = fig.attr("measure")
            if fig.attr("share_of"):
                measure = measures.get(int(fig.attr("share_of")), "") or measure
            if objects:
                measure = v.gap(fig.end, objects[-1].end).strip()
                if v.s.text[objects[-1].end - v.s.begin :][:1] in '”"’':
                    measure += v.s.text[objects[-1].end - v.s.begin]
                about = [o.entity or "" for o in objects]
            else:
                about = about_of(v, fig, measure, ctx, previous)
                resolved.extend(about)
                previous = (about[-1], fig.end) if about else previous
            if not about:
                continue
            ref = _ref_date(v, fig)
            dtype = "decimal" if "." in fig.value else "integer"
            key = f"{article.article_id}-{fig.begin}"
            yield make_fact(
                "statistic",
                key,
                "statistic-figure",
                v,
                about=[Value.ref(a) for a in sorted(set(about))],
                value=Value.lit(fig.value, dtype),
                unit=Value.lit(fig.attr("unit")) if fig.attr("unit") else None,
                qualifier=Value.lit(fig.attr("qualifier")),
                measure=Value.lit(measure, lang=lang) if measure else None,
                ref_date=date_value(ref) if ref else None,
                share_of=_node(article, fig.attr("share_of")),
                same_set=_node(article, fig.attr("set_of")),
            )
        ctx.see(v)
        # the next sentences' figures: what this one's were about, else the place it names first
        places = [a for a in resolved if _kind(a) in SUBJECT_KINDS]
        named = [m.entity for m in v.mentions if m.entity and m.kind in SUBJECT_KINDS]
        ctx.subject = places[-1] if places else named[0] if named else ctx.subject


def _ref_date(v: SentenceView, fig: Mention) -> Mention | None:
    """The date ``fig`` holds at (see :data:`ingest.rules.figures.REF_DATE_AS_OF`)."""
    for d in reversed([d for d in v.dates if d.end <= fig.begin and not d.attr("end")]):
        before = " ".join(t.key for t in v.tokens_between(v.s.begin, d.begin)[-4:])
        if any(before.endswith(k) for k in _AS_OF):
            return d
        if any(before.endswith(k) for k in _NOT_AFTER) or len(d.value) == 10:
            continue
        return d
    return None


def _kind(iri: str) -> str:
    return iri.rstrip("/").split("/")[-2] if "/" in iri else ""


def _node(article: Article, begin: str) -> Value | None:
    """Another statistic of the article, by the offset its figure begins at (its key)."""
    return Value.lit(f"{article.article_id}-{begin}", "node") if begin else None
