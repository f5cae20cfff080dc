from __future__ import annotations

import multiprocessing
import re
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from ingest.api import (
    ArticleOutput,
    IngestError,
    _extract_one,
    extract_corpus,
    extract_file,
    iter_corpus,
    load_reference,
)
from ingest.curate import (
    DATE_SLOTS,
    ENTITY_SLOTS,
    EXTRACTOR_SLOTS,
    INTEGER_SLOTS,
    KIND_SLOTS,
    NUMBER_SLOTS,
)
from ingest.rdf import LCNS, SLOTS
from ingest.segment import segment
from tests.ingest._ingest_helpers import ARTICLES, BASE, CURATION, FIXTURE_ONTOLOGY, ONTOLOGY, SEEDS

_EXTRACT_ONE = _extract_one  # the real one, for _extract_and_mark
CONFERENCE = URIRef(f"{BASE}id/event/hoi-nghi-thanh-pho-hoc-tap-khu-vuc-asean-3")


def graph_of(nquads: str) -> Graph:
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    out = Graph()
    for s, p, o, _ in ds.quads():
        out.add((s, p, o))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("articles")
    for seed in SEEDS:
        for ext in (".txt", ".toml"):
            shutil.copy(ARTICLES / f"{seed}{ext}", d / f"{seed}{ext}")
    return d


def test_corpus_end_to_end_is_deterministic_and_validated(corpus: Path) -> None:
    done: list[str] = []
    first = extract_corpus(
        corpus,
        ontology_dir=ONTOLOGY,
        base=BASE,
        curation_dir=None,
        on_done=lambda o: done.append(o.article_id),
        shacl=True,
    )
    assert done == list(SEEDS) == [o.article_id for o in first]
    second = extract_corpus(corpus, ontology_dir=ONTOLOGY, base=BASE, curation_dir=None, workers=2)
    assert [o.nquads for o in first] == [o.nquads for o in second]
    for a, b in zip(first, second, strict=True):
        assert isomorphic(graph_of(a.nquads), graph_of(b.nquads))
    assert first[0].graph_iri == f"{BASE}graph/article/{SEEDS[0]}"
    report = first[1].report
    assert report["removed_lines_by_rule"]["related-block"] > 40 and report["facts"] > 20


def test_the_conference_is_one_node_in_both_articles(corpus: Path) -> None:
    outputs = extract_corpus(corpus, ontology_dir=ONTOLOGY, base=BASE, curation_dir=None)
    for out in outputs:
        assert (CONFERENCE, RDF.type, LCNS.Conference) in graph_of(out.nquads)


def test_base_is_respected() -> None:
    out = extract_file(
        ARTICLES / f"{SEEDS[0]}.txt", ontology_dir=ONTOLOGY, base="https://kg.example.org/lc/"
    )
    assert (
        "<https://kg.example.org/lc/id/event/hoi-nghi-thanh-pho-hoc-tap-khu-vuc-asean-3>"
        in out.nquads
    )
    assert "localhost" not in out.nquads


def test_curation_adds_a_fact_marked_by_its_record() -> None:
    path = ARTICLES / f"{SEEDS[1]}.txt"
    plain = graph_of(extract_file(path, ontology_dir=ONTOLOGY, base=BASE).nquads)
    curated = graph_of(
        extract_file(path, ontology_dir=ONTOLOGY, base=BASE, curation_dir=CURATION).nquads
    )
    records = list(curated.subjects(RDF.type, LCNS.CurationRecord))
    assert records and not list(plain.subjects(RDF.type, LCNS.CurationRecord))
    assert len(curated) > len(plain)


def _article(tmp_path: Path, text: bytes | str, meta: str = 'headline = "Tin"\n') -> Path:
    path = tmp_path / "a1.txt"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    path.with_suffix(".toml").write_text(meta, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Th\xe0nh ph\xe1\n", r"a1\.txt:1: not UTF-8"),
        (b"Tin.\nabc\x00def", r"a1\.txt:2: binary file"),
        (b"  \n\n", r"a1\.txt: empty article"),
        (b"x" * 2_000_001, r"over the 2000000-byte limit"),
    ],
)
def test_bad_article_bytes(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        extract_file(_article(tmp_path, data), ontology_dir=FIXTURE_ONTOLOGY, base=BASE)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ('headline = "Tin"\nauthor = "A"\n', r"a1\.toml:2: unknown key 'author'"),
        ('headline = "Tin\n', r"a1\.toml: malformed TOML: .*line 1"),
        ('date_published = "29/10/2024"\n', r"a1\.toml:1: date_published '29/10/2024' is not YYYY"),
        ("url = 3\n", r"a1\.toml:1: url must be a string"),
    ],
)
def test_bad_metadata(tmp_path: Path, meta: str, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        extract_file(
            _article(tmp_path, "Tin chính.", meta), ontology_dir=FIXTURE_ONTOLOGY, base=BASE
        )


def test_missing_metadata(tmp_path: Path) -> None:
    path = _article(tmp_path, "Tin chính.")
    path.with_suffix(".toml").unlink()
    with pytest.raises(IngestError, match=r"a1\.toml: metadata file missing"):
        extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE)


def test_curation_quote_not_found(tmp_path: Path) -> None:
    path = _article(tmp_path, "Thành phố Vinh gia nhập Mạng lưới thành phố học tập toàn cầu.")
    cur = tmp_path / "curation"
    cur.mkdir()
    (cur / "a1.toml").write_text(
        '# x\n\n[[add]]\nkind = "event"\nquote = "không có"\nsubject = "event/x"\nstart = "2024"\n',
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match=r"curation/a1\.toml:3: \[\[add\]\] #1: quote not found"):
        extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=cur)


def test_curation_rejects_a_fact(tmp_path: Path) -> None:
    path = _article(
        tmp_path, "Tháng 9/2023, thành phố Vinh gia nhập Mạng lưới thành phố học tập toàn cầu."
    )
    cur = tmp_path / "curation"
    cur.mkdir()
    (cur / "a1.toml").write_text(
        '[[reject]]\nnote = "test"\nkind = "membership"\nquote = "thành phố Vinh gia nhập"\n',
        encoding="utf-8",
    )
    kept = extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE)
    dropped = extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=cur)
    assert "Membership" in kept.nquads and "Membership" not in dropped.nquads


VINH = "Tháng 9/2023, thành phố Vinh gia nhập Mạng lưới thành phố học tập toàn cầu."
QUOTE = 'quote = "thành phố Vinh gia nhập"\n'
MEMBERSHIP = '[[add]]\nkind = "membership"\n' + QUOTE + 'member = "city/vinh"\n'


@pytest.mark.parametrize(
    ("curation", "message"),
    [
        (
            '[[add]]\nkind = "event"\n' + QUOTE + 'subject = "event/x"\nstart = "2024-13-45"\n',
            r"a1\.toml:1: \[\[add\]\] #1: start '2024-13-45' is not a date YYYY, YYYY-MM",
        ),
        (
            '[[add]]\nkind = "event"\n' + QUOTE + 'subject = "event/x"\nend = "not-a-date"\n',
            r"a1\.toml:1: \[\[add\]\] #1: end 'not-a-date' is not a date",
        ),
        (
            MEMBERSHIP + 'organization = "organization/gnlc"\nsince = "2023-02-30"\n',
            r"a1\.toml:1: \[\[add\]\] #1: since '2023-02-30' is not a date",
        ),
        (
            '[[add]]\nkind = "event"\n' + QUOTE + 'subject = "event/x"\nstart = """2024\n"""\n',
            r"a1\.toml:1: \[\[add\]\] #1: start '2024\\n' is not a date",
        ),
        (
            MEMBERSHIP + 'organization = "organization/gnlc"\nordinal = "năm"\n',
            r"a1\.toml:1: \[\[add\]\] #1: ordinal 'năm' is not a positive integer",
        ),
        (
            '[[add]]\nkind = "statistic"\n' + QUOTE + 'about = "city/vinh"\nvalue = "1,5"\n',
            r"a1\.toml:1: \[\[add\]\] #1: value '1,5' is not a number",
        ),
        (
            MEMBERSHIP + 'organization = "Mạng lưới"\n',
            r"a1\.toml:1: \[\[add\]\] #1: organization 'Mạng lưới' is not an entity 'kind/slug'",
        ),
        (
            MEMBERSHIP + 'organization = "organization/gnlc"\nstart = "2023"\n',
            r"a1\.toml:1: \[\[add\]\] #1: start is not a slot of kind membership",
        ),
        (
            MEMBERSHIP + 'organization = "organization/gnlc"\nsubject = "city/vinh"\n',
            r"a1\.toml:1: \[\[add\]\] #1: subject is only for event, initiative, organization, person",
        ),
        (
            '[[add]]\nkind = "event"\n' + QUOTE + 'subject = "city/vinh"\nstart = "2023"\n',
            r"a1\.toml:1: \[\[add\]\] #1: subject 'city/vinh' must be an entity 'event/slug'",
        ),
        (
            MEMBERSHIP + 'organization = "organization/gnlc"\nnote = " "\n',
            r"a1\.toml:1: \[\[add\]\] #1: note is empty",
        ),
        (
            "# two records\n\n" + MEMBERSHIP + 'organization = "organization/gnlc"\n\n'
            '[[ add ]]  # the second\nkind = "membership"\n' + QUOTE + 'member = "city/vinh"\n',
            r"a1\.toml:9: \[\[add\]\] #2: membership needs organization",
        ),
        (
            '[[reject]]\nkind = "memberships"\n' + QUOTE,
            r"a1\.toml:1: \[\[reject\]\] #1: unknown kind",
        ),
        ('[add]\nkind = "event"\n', r"a1\.toml: add must be \[\[add\]\] tables"),
        ('reject = ["membership"]\n', r"a1\.toml: reject must be \[\[reject\]\] tables"),
        (b'[[add]]\nnote = "th\xe0nh"\n', r"a1\.toml:2: not UTF-8 \(byte 0xe0"),
        (b"#" * 1_000_001, r"a1\.toml: file is 1000001 bytes, over the 1000000-byte limit"),
    ],
    ids=[
        "month-13",
        "not-a-date",
        "30-february",
        "final-newline",
        "ordinal-word",
        "decimal-comma",
        "entity-as-text",
        "slot-of-another-kind",
        "subject-of-a-node",
        "subject-of-another-kind",
        "blank-note",
        "second-record-line",
        "reject-unknown-kind",
        "table-not-array",
        "array-of-strings",
        "not-utf8",
        "oversized",
    ],
)
def test_bad_curation_names_the_file_the_record_and_the_field(
    tmp_path: Path, curation: str | bytes, message: str
) -> None:
    path = _article(tmp_path, VINH)
    cur = tmp_path / "curation"
    cur.mkdir()
    (cur / "a1.toml").write_bytes(curation if isinstance(curation, bytes) else curation.encode())
    with pytest.raises(IngestError, match=rf"^{re.escape(str(cur))}/{message}"):
        extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=cur)


def test_every_slot_has_one_curation_type_and_a_kind() -> None:
    """A slot added to ``ingest.rdf.SLOTS`` must be given a type here, or it is read as text."""
    typed = [ENTITY_SLOTS, DATE_SLOTS, INTEGER_SLOTS, NUMBER_SLOTS]
    assert sum(map(len, typed)) == len(set().union(*typed))
    assert set().union(*typed) <= set(SLOTS)
    assert set(SLOTS).difference(*typed, EXTRACTOR_SLOTS) == {
        "role",
        "measure",
        "job_title",
        "first_of_kind",
        "unit",
        "qualifier",
        "honorific",
        "ordinal_scope",
    }
    assert set().union(*KIND_SLOTS.values()) == set(SLOTS) - EXTRACTOR_SLOTS


def test_curation_rejects_the_facts_with_an_entity_value(tmp_path: Path) -> None:
    """A rejection's ``value`` may name an entity as ``kind/slug``, as an added fact does."""
    path = _article(tmp_path, VINH)
    cur = tmp_path / "curation"
    cur.mkdir()
    rule = '[[reject]]\nkind = "membership"\n' + QUOTE + 'value = "{}"\n'
    (cur / "a1.toml").write_text(rule.format("city/ha-noi"), encoding="utf-8")
    kept = extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=cur)
    (cur / "a1.toml").write_text(rule.format("city/vinh"), encoding="utf-8")
    dropped = extract_file(path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=cur)
    assert "Membership" in kept.nquads and "Membership" not in dropped.nquads


def test_bad_reference_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "reference").mkdir()
    (tmp_path / "reference" / "places.ttl").write_text(
        "@prefix lc: <urn:x#> .\n\n<id/city/x> a lc:City ;\n  lc:y .\n"
    )
    with pytest.raises(IngestError, match=r"places\.ttl:4: Turtle syntax error"):
        load_reference(tmp_path, BASE)


def test_one_bad_article_stops_the_corpus_naming_it(tmp_path: Path) -> None:
    _article(tmp_path, b"\xff\xfe")
    with pytest.raises(IngestError, match=r"a1\.txt"):
        extract_corpus(tmp_path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=None)


def test_corpus_mode_checks_every_article_cheaply_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without SHACL, a sentence that is not its slice of the text still stops the corpus."""
    _article(tmp_path, "Thành phố Vinh gia nhập Mạng lưới thành phố học tập toàn cầu.")
    monkeypatch.setattr(
        "ingest.api.segment", lambda a: tuple(replace(s, begin=s.begin + 1) for s in segment(a))
    )
    with pytest.raises(
        IngestError, match=r"a1\.txt: the article graph does not validate: sentence 0"
    ):
        extract_corpus(tmp_path, ontology_dir=FIXTURE_ONTOLOGY, base=BASE, curation_dir=None)


def test_corpus_mode_validates_curated_articles_with_shacl_naming_them(tmp_path: Path) -> None:
    """A curation file is hand-written: its article is validated even when the corpus is not."""
    _article(
        tmp_path, "Tháng 9/2023, thành phố Vinh gia nhập Mạng lưới thành phố học tập toàn cầu."
    )
    cur = tmp_path / "curation"
    cur.mkdir()
    (cur / "a1.toml").write_text(
        '[[add]]\nkind = "membership"\nquote = "thành phố Vinh gia nhập"\n'
        'member = "city/vinh"\norganization = "city/vinh"\n',
        encoding="utf-8",
    )
    plain = extract_corpus(tmp_path, ontology_dir=ONTOLOGY, base=BASE, curation_dir=None)
    assert plain[0].article_id == "a1"
    with pytest.raises(
        IngestError, match=r"a1\.txt: the article graph does not validate:(?s:.*)org:Organization"
    ):
        extract_corpus(tmp_path, ontology_dir=ONTOLOGY, base=BASE, curation_dir=cur)


def _extract_and_mark(job: tuple[Path, Path, str, Path | None, bool]) -> ArticleOutput:
    """``_extract_one`` that leaves ``<id>.done`` beside each article it extracts (in a worker).
    Articles after the first chunk (8 here) take a quarter of a second more, so that however fast
    the machine, the corpus cannot be finished by the time the first output is read."""
    job[0].with_suffix(".done").touch()
    if int(job[0].stem.split("_")[0]) >= 8:
        time.sleep(0.25)
    return _EXTRACT_ONE(job)


def test_iter_corpus_left_early_stops_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing runs before the first output is asked for; closing the iterator cancels the
    articles not yet started and leaves no worker process behind."""
    from bench.corpus import generate_corpus

    generate_corpus(tmp_path, 64, seed=2)
    monkeypatch.setattr("ingest.api._extract_one", _extract_and_mark)
    outputs = iter_corpus(tmp_path, ontology_dir=ONTOLOGY, base=BASE, curation_dir=None, workers=2)
    assert list(tmp_path.glob("*.done")) == []
    first = next(outputs)
    assert first.article_id == min(p.stem for p in tmp_path.glob("*.txt"))
    outputs.close()
    assert multiprocessing.active_children() == []
    assert 0 < len(list(tmp_path.glob("*.done"))) < 64


def test_iter_corpus_with_workers_stops_them_at_a_bad_article(tmp_path: Path) -> None:
    from bench.corpus import generate_corpus

    paths = generate_corpus(tmp_path, 40, seed=2)
    paths[5].write_bytes(b"\x00")
    with pytest.raises(IngestError, match=paths[5].name):
        list(iter_corpus(tmp_path, ontology_dir=ONTOLOGY, base=BASE, curation_dir=None, workers=2))
    assert multiprocessing.active_children() == []
