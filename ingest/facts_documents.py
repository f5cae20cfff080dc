"""Who issued an official document, the period it covers and its date (tables in
:mod:`ingest.rules.documents`).

- "UBND tỉnh Nghệ An ban hành Kế hoạch số 1256/KH-UBND": the organisation before the issuing
  verb; "Kế hoạch số 368/KH-UBND của UBND thành phố": the organisation after "của";
  "the Ministry of Education and Training's Official Dispatch No. 5201/…": the possessor; else the
  one organisation of the sentence whose kind the code names ("…/KH-UBND": a People's Committee).
- "Quyết định số 89/QĐ-UBND phê duyệt Đề án …": what a document approves has its issuer.
- "…, giai đoạn 2023–2030": the period after the document, before any other initiative, is the
  one it covers; else the date written right after its number is when it starts.
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.fact_view import SentenceView, date_value
from ingest.model import Fact, Mention, Value
from ingest.rules import documents as rules
from ingest.tokens import key_of
from kg.text import fold

_NAMED = ("initiative-document", "initiative-described")
_FILLERS = frozenset(k for w in rules.ISSUER_FILLERS for k in key_of(w))
_DATE_FILLERS = frozenset(k for w in rules.DATE_FILLERS for k in key_of(w))
_OF = frozenset(key_of(w)[0] for w in rules.OF_WORDS)
_THE = key_of("the")[0]


def _begin(m: Mention) -> int:
    return m.begin


def _fact(v: SentenceView, ini: Mention, rule: str, *slots: tuple[str, Value]) -> Fact:
    iri = ini.entity or ""
    return Fact("initiative", iri, tuple(slots), rule, (v.s.index,), iri)


def _keys(v: SentenceView, a: int, b: int) -> list[str]:
    return [t.key for t in v.tokens_between(a, b)]


def _issuer(v: SentenceView, doc: Mention, orgs: list[Mention]) -> Mention | None:
    for o in orgs:  # "… của UBND thành phố", "… of the Provincial People's Committee"
        between = _keys(v, doc.end, o.begin)
        if (
            o.begin >= doc.end
            and between
            and between[0] in _OF
            and (len(between) == 1 or (len(between) == 2 and between[1] == _THE))
        ):
            return o
    for b, e, _ in v.find(rules.ISSUE_VERBS):  # "UBND tỉnh … vừa ban hành Kế hoạch …"
        if e > doc.begin or len(v.tokens_between(e, doc.begin)) > 1:
            continue
        before = [o for o in orgs if o.end <= b]
        if before and all(k in _FILLERS for k in _keys(v, before[-1].end, b)):
            return before[-1]
    for o in orgs:  # "the Ministry of Education and Training's Official Dispatch …"
        if o.end <= doc.begin and v.gap(o.end, doc.begin).strip() in ("'s", "’s"):
            return o
    issuer = doc.text.rsplit("-", 1)[-1].rsplit("/", 1)[-1].upper()
    forms = rules.CODE_ISSUERS.get(issuer, ())
    named = [o for o in orgs if any(f in fold(o.text) for f in forms)]
    return named[0] if len(named) == 1 else None


def _covers(v: SentenceView, doc: Mention, others: list[Mention]) -> Fact | None:
    nxt = min((m.begin for m in others if m.begin >= doc.end), default=v.s.end)
    for d in v.dates:
        if not doc.end <= d.begin < nxt:
            continue
        gap = v.tokens_between(doc.end, d.begin)
        if d.attr("end") and len(gap) <= rules.PERIOD_AFTER_TOKENS:
            return _fact(
                v,
                doc,
                "initiative-document-period",
                ("start", date_value(d)),
                ("end", Value.lit(d.attr("end"), "date")),
            )
        if not d.attr("end") and all(t.key in _DATE_FILLERS for t in gap) and len(gap) <= 2:
            return _fact(v, doc, "initiative-document-date", ("start", date_value(d)))
    return None


def _initiatives(v: SentenceView) -> list[Mention]:
    # also inside an event's name: "Hội nghị triển khai Kế hoạch số 245/KH-UBND"
    nested = [m for m in v.nested if m.kind == "initiative" and m.attr("inside") == "event"]
    return sorted((m for m in (*v.of("initiative"), *nested) if m.entity), key=_begin)


def document_dates(v: SentenceView) -> frozenset[int]:
    """Where the dates begin that are written right after a document's number (its own)."""
    out = set()
    for doc in (m for m in _initiatives(v) if m.rule == "initiative-document"):
        for d in v.dates:
            gap = v.tokens_between(doc.end, d.begin)
            if d.begin >= doc.end and len(gap) <= 2 and all(t.key in _DATE_FILLERS for t in gap):
                out.add(d.begin)
    return frozenset(out)


def document_facts(v: SentenceView) -> Iterator[Fact]:
    initiatives = _initiatives(v)
    docs = [m for m in initiatives if m.rule in _NAMED]
    if not docs:
        return
    orgs = [m for m in v.of("organization") if m.entity and m.entity not in v.networks]
    issuers: dict[int, Mention] = {}
    for doc in docs:
        issuer = _issuer(v, doc, orgs)
        if issuer is not None:
            issuers[doc.begin] = issuer
        if doc.rule == "initiative-document":
            covers = _covers(v, doc, [m for m in initiatives if m is not doc])
            if covers is not None:
                yield covers
    approvals = v.find(rules.APPROVE_VERBS)
    for doc in docs:  # "Quyết định số 89/QĐ-UBND phê duyệt Đề án …": the same issuer
        if doc.begin in issuers:
            continue
        for b, e, _ in approvals:
            if e > doc.begin or len(v.tokens_between(e, doc.begin)) > rules.APPROVE_GAP_TOKENS:
                continue
            approver = [d for d in docs if d.end <= b and d.begin in issuers]
            if approver:
                issuers[doc.begin] = issuers[approver[-1].begin]
    for doc in docs:
        if doc.begin in issuers:
            org = issuers[doc.begin]
            yield _fact(v, doc, "initiative-issued-by", ("led_by", Value.ref(org.entity or "")))
