"""An English and a Vietnamese article about one event give one event node and the same cities;
the build accepts the two sources' different dates for it."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import RDFS, Literal, URIRef

from ingest.api import build_article
from kg.build import run_build
from kg.config import Settings
from kg.store import Store
from tests.ingest._ingest_helpers import BASE, ONTOLOGY

HERE = Path(__file__).parent / "fixtures" / "two_languages"
EVENT = URIRef(f"{BASE}id/event/iclc7")
GNLC_VINH = URIRef(f"{BASE}id/membership/city-vinh-organization-gnlc")
SINCE = URIRef("https://w3id.org/learning-cities/ontology#since")


def test_the_event_an_acronym_names_is_one_node_in_both_languages() -> None:
    vi = build_article(HERE / "vi_iclc7.txt", ontology_dir=ONTOLOGY, base=BASE).graph
    en = build_article(HERE / "en_iclc7.txt", ontology_dir=ONTOLOGY, base=BASE).graph
    assert Literal("Hội nghị quốc tế về thành phố học tập lần thứ 7", lang="vi") in set(
        vi.objects(EVENT, RDFS.label)
    )
    assert {o.language for o in en.objects(EVENT, RDFS.label)} == {"en"}  # type: ignore[attr-defined]
    places = URIRef("https://schema.org/location")
    assert (
        set(vi.objects(EVENT, places))
        == set(en.objects(EVENT, places))
        == {URIRef(f"{BASE}id/city/suwon")}
    )


def test_a_build_of_both_keeps_each_sources_date(tmp_path: Path) -> None:
    """The Vietnamese article dates Vinh's joining 2020, the English one 2020-09: one membership
    node with both (each in its article's graph), and the build's SHACL check passes."""
    articles = tmp_path / "articles"
    shutil.copytree(HERE, articles)
    settings = Settings(data_dir=tmp_path / "var", articles_dir=articles, base=BASE)  # type: ignore[call-arg]
    info = run_build(settings)
    with Store(info.store_dir, read_only=True) as store:
        since = {str(o) for _, _, o, _ in store.triples(GNLC_VINH, SINCE, None)}
        events = {
            str(s) for s, _, _, _ in store.triples(None, RDFS.label, None) if "/id/event/" in str(s)
        }
    assert since == {"2020", "2020-09"}
    assert events == {str(EVENT)}
