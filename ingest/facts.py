"""Stage 5 — facts: relation patterns over one sentence and its linked mentions.

Each pattern (in :mod:`ingest.facts_agents`, :mod:`ingest.facts_things` and
:mod:`ingest.facts_documents`) is a function over a
:class:`~ingest.fact_view.SentenceView` (the sentence's tokens and mentions) driven by the cue
tables of :mod:`ingest.rules.facts`; patterns never look at a particular article.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from ingest.fact_view import views
from ingest.facts_agents import honorifics, participations, posts
from ingest.facts_documents import document_facts
from ingest.facts_figures import statistics
from ingest.facts_membership import memberships
from ingest.facts_orgs import sub_organizations
from ingest.facts_things import event_facts, initiative_facts
from ingest.link import Linked
from ingest.model import Article, Fact, Sentence
from kg.text import tone_key

logger = logging.getLogger(__name__)

__all__ = ["extract_facts", "find_facts", "merge"]


ATTRIBUTE_KINDS = frozenset({"event", "initiative", "organization", "person"})


def _attribute_key(f: Fact) -> Fact:
    """One attribute fact per subject, slot and value (values compared by tone key)."""
    name, value = f.slots[0]
    return replace(f, key=f"{f.subject} {name} {value.iri or tone_key(value.text or '')}")


def merge(facts: list[Fact]) -> tuple[Fact, ...]:
    """Facts with one kind and key are one node: slots and sentences united, sorted."""
    merged: dict[tuple[str, str], Fact] = {}
    for f in facts:
        old = merged.get((f.kind, f.key))
        if old is None:
            merged[(f.kind, f.key)] = f
            continue
        if f.kind in ATTRIBUTE_KINDS:  # one value per slot: the first; new slots join it
            held = {name for name, _ in old.slots}
            slots = old.slots + tuple(s for s in f.slots if s[0] not in held)
        else:
            slots = tuple(sorted({*old.slots, *f.slots}, key=lambda s: (s[0], repr(s[1]))))
        rule = old.rule if old.rule <= f.rule else f.rule
        merged[(f.kind, f.key)] = replace(
            old, slots=slots, rule=rule, sentences=tuple(sorted({*old.sentences, *f.sentences}))
        )
    return tuple(sorted(merged.values(), key=lambda f: (f.kind, f.key)))


def extract_facts(
    article: Article, sentences: tuple[Sentence, ...], linked: Linked
) -> tuple[Fact, ...]:
    """All facts of the article, merged per node and sorted."""
    out = merge(find_facts(article, sentences, linked))
    logger.debug("%s: %d facts", article.article_id, len(out))
    return out


def find_facts(article: Article, sentences: tuple[Sentence, ...], linked: Linked) -> list[Fact]:
    """Every fact as found, sentence by sentence, before merging (what
    :func:`ingest.factcheck.screen` checks)."""
    found: list[Fact] = []
    all_views = list(views(article, sentences, linked))
    found.extend(memberships(all_views, linked.network))
    found.extend(sub_organizations(all_views))
    for v in all_views:
        for pattern in (
            posts,
            honorifics,
            participations,
            event_facts,
            initiative_facts,
            document_facts,
        ):
            found.extend(pattern(v))
    found.extend(statistics(all_views, article, linked.network))
    return [_attribute_key(f) if f.kind in ATTRIBUTE_KINDS else f for f in _full_titles(found)]


def _full_titles(found: list[Fact]) -> list[Fact]:
    """A title written alone ("Thứ trưởng Trịnh Văn Khải") after the person's full post
    ("Thứ trưởng Bộ GD-ĐT Trịnh Văn Khải") says nothing new: its job title is dropped."""
    titles: dict[str, set[str]] = {}
    for f in found:
        if f.kind == "person" and f.slots[0][0] == "job_title":
            titles.setdefault(f.subject, set()).add(tone_key(f.slots[0][1].text or ""))

    def shorter(f: Fact) -> bool:
        if f.kind != "person" or f.slots[0][0] != "job_title":
            return False
        key = tone_key(f.slots[0][1].text or "")
        return any(t.startswith(key + " ") for t in titles[f.subject])

    return [f for f in found if not shorter(f)]
