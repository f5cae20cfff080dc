"""Graph scaler: N-Quads article graphs of the same shape as real ones, at any size.

A *template* is a set of real article graphs (the pipeline's output for the bundled corpus, via
``ingest.api.extract_file``), or, while the pipeline is not there, a built-in article graph of the
same vocabulary. The scaler copies it ``k`` times with every article-local IRI renamed
(``…/id/person/x`` → ``…/id/person/x-s12``, ``…/graph/article/a`` → ``…/graph/article/a-s12``,
blank nodes likewise) and links each copy to reference places chosen from the gazetteer with a
seeded generator, so copies share cities, countries, organisations and SDGs the way real
articles do.

Output: ``graph.nq`` plus ``graph.index.json`` (per article graph: id, byte offset, length), which
:mod:`bench.building` feeds to the real ``lckg build`` one article at a time, in place of the
pipeline.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from bench import DEFAULT_SEED, PROJECT_ROOT, Missing

log = logging.getLogger(__name__)

BASE = "http://localhost:8000/"
REFERENCE_KINDS = frozenset({"city", "province", "country", "place", "organization", "sdg"})
_MARK = "\x00"  # where a copy suffix goes
_QUAD = re.compile(r"^(.*?)\s*(<[^>]*>)?\s*\.\s*$")
_IRI = re.compile(r"<([^>]*)>")
_BNODE = re.compile(r"(_:[A-Za-z0-9_]+)")


@dataclass(frozen=True)
class Template:
    """Article graphs as N-Quads lines, grouped by graph IRI."""

    graphs: dict[str, list[str]]
    source: str

    @property
    def triples(self) -> int:
        return sum(len(lines) for lines in self.graphs.values())


@dataclass(frozen=True)
class Scaled:
    nquads: Path
    index: Path
    triples: int
    copies: int
    articles: int
    template_source: str


def parse_template(nquads: str, *, source: str) -> Template:
    """Group N-Quads lines by graph, dropping duplicates and comments."""
    graphs: dict[str, OrderedDict[str, None]] = {}
    for raw in nquads.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _QUAD.match(line)
        if match is None:
            raise ValueError(f"not an N-Quads line: {line[:80]!r}")
        graph = (match.group(2) or "<>")[1:-1]
        graphs.setdefault(graph, OrderedDict())[line] = None
    return Template({g: list(lines) for g, lines in graphs.items()}, source=source)


def template_from_pipeline(articles_dir: Path, ontology_dir: Path, *, base: str = BASE) -> Template:
    """The pipeline's own output for the bundled corpus; ``Missing`` if there is no pipeline."""
    try:
        from ingest.api import extract_file
    except ImportError as exc:
        raise Missing(f"ingest.api.extract_file is not available ({exc})") from exc
    texts = []
    for path in sorted(articles_dir.glob("*.txt")):
        meta = path.with_suffix(".toml")
        result = extract_file(
            path,
            meta=meta if meta.is_file() else None,
            ontology_dir=ontology_dir,
            base=base,
            curation_dir=None,
        )
        texts.append(result.nquads)
    if not texts:
        raise Missing(f"no articles in {articles_dir}")
    return parse_template("\n".join(texts), source="pipeline")


def best_template(*, base: str = BASE) -> Template:
    """The pipeline's output if it runs, else the built-in template (logged)."""
    try:
        return template_from_pipeline(
            PROJECT_ROOT / "ingest" / "articles", PROJECT_ROOT / "ontology", base=base
        )
    except Missing as exc:
        log.warning("graph template: built-in (%s)", exc)
    from bench.template import builtin_template

    return parse_template(builtin_template(base), source="built-in")


def _local_iri(iri: str, base: str) -> bool:
    if iri.startswith(base + "graph/article/"):
        return True
    if not iri.startswith(base + "id/"):
        return False
    kind = iri[len(base) + 3 :].split("/", 1)[0]
    return kind not in REFERENCE_KINDS


def _marked(line: str, base: str) -> str:
    """Put a copy mark after every article-local IRI and blank node label."""

    def iri(match: re.Match[str]) -> str:
        value = match.group(1)
        if not _local_iri(value, base):
            return match.group(0)
        head, sep, frag = value.partition("#")
        return f"<{head}{_MARK}{sep}{frag}>"

    # Blank nodes first: IRIs never contain "_:" outside angle brackets in N-Quads.
    parts = re.split(r'("(?:[^"\\]|\\.)*")', line)  # keep literals untouched
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
        else:
            out.append(_IRI.sub(iri, _BNODE.sub(lambda m: m.group(1) + _MARK, part)))
    return "".join(out)


def reference_cities(base: str = BASE) -> list[str]:
    """City and province IRIs of the reference places, resolved against ``base``."""
    path = PROJECT_ROOT / "ontology" / "reference" / "places.ttl"
    if not path.is_file():
        return []
    found = re.findall(r"^<(id/(?:city|province)/[a-z0-9-]+)>", path.read_text("utf-8"), re.M)
    return sorted({base + rel for rel in found})


def scale(
    template: Template,
    target_triples: int,
    out_dir: Path,
    *,
    seed: int = DEFAULT_SEED,
    base: str = BASE,
    fixed_triples: int = 0,
) -> Scaled:
    """Write about ``target_triples`` (± half a template) into ``out_dir/graph.nq``.

    ``fixed_triples`` (ontology + reference) are subtracted: the built store then holds about
    ``target_triples`` in all.
    """
    if template.triples == 0:
        raise ValueError("empty template")
    copies = max(1, round((target_triples - fixed_triples) / template.triples))
    marked = {
        g: "\n".join(_marked(line, base) for line in lines) + "\n"
        for g, lines in template.graphs.items()
    }
    cities = reference_cities(base)
    used = sorted({c for text in marked.values() for c in cities if f"<{c}>" in text})
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    nq_path, index_path = out_dir / "graph.nq", out_dir / "graph.index.json"
    index: list[tuple[str, int, int]] = []
    offset = 0
    with nq_path.open("wb") as out:
        for k in range(copies):
            suffix = f"-s{k}"
            swap = {c: rng.choice(cities) for c in used}
            for graph, text in marked.items():
                chunk = text.replace(_MARK, suffix)
                for old, new in swap.items():
                    chunk = chunk.replace(f"<{old}>", f"<{new}>")
                data = chunk.encode("utf-8")
                out.write(data)
                article_id = graph.rsplit("/", 1)[-1] + suffix
                index.append((article_id, offset, len(data)))
                offset += len(data)
    index_path.write_text(json.dumps(index), encoding="utf-8")
    triples = copies * template.triples
    log.info(
        "scaled %s template (%d triples) × %d → %d triples in %s",
        template.source,
        template.triples,
        copies,
        triples,
        nq_path,
    )
    return Scaled(nq_path, index_path, triples, copies, len(index), template.source)


def count_fixed_triples(ontology_dir: Path, base: str = BASE) -> int:
    """Triples the build adds besides the articles: the ontology and the reference files."""
    import pyoxigraph as ox

    store = ox.Store()
    files = [ontology_dir / "lc.ttl", *sorted((ontology_dir / "reference").glob("*.ttl"))]
    for path in files:
        if path.is_file():
            store.bulk_load(
                path=str(path),
                format=ox.RdfFormat.TURTLE,
                base_iri=base,
                to_graph=ox.NamedNode(base + "graph/" + path.stem),
            )
    return len(store)
