from __future__ import annotations

from ingest.clean import clean
from ingest.link import Linked, display_name, link
from ingest.mentions import find_mentions
from ingest.model import ArticleMeta
from ingest.segment import segment
from tests.ingest._ingest_helpers import BASE
from tests.ingest.test_mentions import gazetteer


def run(text: str) -> Linked:
    article = clean("x", text, ArticleMeta(date_reference="2024-10"))
    return link(article, find_mentions(article, segment(article), gazetteer()), gazetteer(), BASE)


def entity_of(linked: Linked, text: str, nth: int = 0) -> str | None:
    found = [m.entity for m in linked.mentions if m.text == text]
    return found[nth] if len(found) > nth else None


def test_city_cue_picks_the_city_not_the_province() -> None:
    linked = run("Thành phố Sơn La và tỉnh Sơn La ký kết. Sơn La là thành phố học tập.")
    assert entity_of(linked, "Thành phố Sơn La") == f"{BASE}id/city/son-la"
    assert entity_of(linked, "tỉnh Sơn La") == f"{BASE}id/province/son-la"
    assert entity_of(linked, "Sơn La") == f"{BASE}id/city/son-la"  # "là thành phố học tập"


def test_short_forms_resolve_to_the_entity_already_named() -> None:
    linked = run(
        "Hội nghị Học tập suốt đời khu vực ASEAN+3 khai mạc tại Bangkok. Thành phố Cần Thơ tham dự. "
        "Thành phố đã chia sẻ tại Hội nghị. Ông Trần Văn Bình phát biểu. Ông Bình cảm ơn. "
        "Cần Thơ gia nhập Mạng lưới thành phố học tập toàn cầu. Từ khi gia nhập Mạng lưới, thành phố phát triển."
    )
    conf = f"{BASE}id/event/hoi-nghi-hoc-tap-suot-doi-khu-vuc-asean-3"
    assert entity_of(linked, "Hội nghị") == conf
    assert entity_of(linked, "Thành phố") == f"{BASE}id/city/can-tho"
    assert entity_of(linked, "Bình") == f"{BASE}id/person/tran-van-binh"
    assert entity_of(linked, "Mạng lưới") == f"{BASE}id/organization/gnlc"


def test_one_conference_across_spellings() -> None:
    a = run("Hội nghị các thành phố học tập khu vực ASEAN+3 khai mạc.")
    b = run(
        "Hội nghị Thành phố học tập khu vực ASEAN+3 đang diễn ra. Hội nghị Hội nghị Thành phố học tập khu vực ASEAN+3 sẽ bế mạc."
    )
    iri = f"{BASE}id/event/hoi-nghi-thanh-pho-hoc-tap-khu-vuc-asean-3"
    assert a.main_event == b.main_event == iri
    assert {m.entity for m in b.mentions if m.kind == "event"} == {iri}
    assert [e.name for e in a.entities if e.iri == iri] == [
        "Hội nghị thành phố học tập khu vực ASEAN+3"
    ]


def test_prefix_name_joins_the_full_name() -> None:
    linked = run(
        "Hội nghị thành phố học tập tại khu vực Đông Nam Á được tổ chức. Đó là Hội nghị thành phố học tập khu vực ASEAN+3."
    )
    assert len({m.entity for m in linked.mentions if m.kind == "event"}) == 1


def test_initiative_spelling_variants_are_one_entity() -> None:
    linked = run(
        "Thành phố triển khai phương pháp Laulau Learning. Thành phố triển khai phương pháp Lau Lau Learning."
    )
    assert {m.entity for m in linked.mentions if m.kind == "initiative"} == {
        f"{BASE}id/initiative/laulau-learning"
    }


def test_minted_iris_are_deterministic_and_reference_iris_reused() -> None:
    one, two = (
        run("Bà Lê Thụy Mỵ Châu đến UNESCO Bangkok."),
        run("Bà Lê Thuỵ Mỵ Châu đến UNESCO Bangkok."),
    )
    assert [e.iri for e in one.entities] == [e.iri for e in two.entities]
    assert f"{BASE}id/organization/unesco-bangkok" in [e.iri for e in one.entities if not e.minted]


def test_display_name() -> None:
    assert (
        display_name("Hội nghị Hội nghị Thành phố học tập khu vực ASEAN+3")
        == "Hội nghị thành phố học tập khu vực ASEAN+3"
    )
    assert display_name("hội nghị các thành phố") == "Hội nghị thành phố"


def test_abbreviated_spellings_are_one_organisation_with_their_written_forms_as_alt_labels() -> (
    None
):
    linked = run(
        "Ông Lý Minh Đức, Giám đốc Sở GDĐT Cần Thơ, phát biểu. Sở GD&ĐT Cần Thơ và Sở Giáo dục "
        "và Đào tạo Cần Thơ là một."
    )
    orgs = [e for e in linked.entities if e.kind == "organization"]
    assert [(e.iri.rsplit("/", 1)[-1], e.name) for e in orgs] == [
        ("so-giao-duc-va-dao-tao-can-tho", "Sở Giáo dục và Đào tạo Cần Thơ")
    ]
    assert set(orgs[0].alt_names) == {"Sở GDĐT Cần Thơ", "Sở GD&ĐT Cần Thơ"}
