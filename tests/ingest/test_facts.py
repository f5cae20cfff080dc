from __future__ import annotations

from functools import cache

from ingest.api import load_reference
from ingest.clean import clean
from ingest.facts import extract_facts
from ingest.gazetteer import Gazetteer, build_gazetteer
from ingest.model import ArticleMeta, Fact
from ingest.segment import segment
from tests.ingest._ingest_helpers import BASE, ONTOLOGY
from tests.ingest.test_link import link
from tests.ingest.test_mentions import find_mentions, gazetteer


def facts(text: str, ref: str = "2025-03", gaz: Gazetteer | None = None) -> list[Fact]:
    gaz = gaz or gazetteer()
    article = clean("x", text, ArticleMeta(date_reference=ref))
    sentences = segment(article)
    linked = link(article, find_mentions(article, sentences, gaz), gaz, BASE)
    return list(extract_facts(article, sentences, linked))


@cache
def project_gazetteer() -> Gazetteer:
    """The project's own reference graph (the fixture's has no ministry, no UIL)."""
    return build_gazetteer(load_reference(ONTOLOGY, BASE), BASE)


def slots(fact: Fact) -> dict[str, str]:
    return {k: (v.iri or v.text or "").replace(f"{BASE}id/", "") for k, v in fact.slots}


def of(found: list[Fact], kind: str) -> list[dict[str, str]]:
    return [slots(f) for f in found if f.kind == kind]


def test_city_membership_with_date_and_ordinal() -> None:
    found = facts(
        "Tháng 9/2022, thành phố Cần Thơ trở thành thành phố thứ 3 của cả nước được UNESCO công nhận "
        "là thành viên của Mạng lưới thành phố học tập toàn cầu."
    )
    assert of(found, "membership") == [
        {
            "member": "city/can-tho",
            "organization": "organization/gnlc",
            "since": "2022-09",
            "ordinal": "3",
            "ordinal_scope": "cả nước",
        }
    ]


def test_post_and_participation_with_role_and_represented_city() -> None:
    found = facts(
        "Tại hội nghị Học tập suốt đời khu vực ASEAN+3, đoàn đại biểu thành phố Vinh dẫn đầu là "
        "ông Hồ Văn Minh – Phó Chủ tịch UBND thành phố Vinh."
    )
    assert of(found, "participation") == [
        {
            "agent": "person/ho-van-minh",
            "event": "event/hoi-nghi-hoc-tap-suot-doi-khu-vuc-asean-3",
            "represents": "city/vinh",
            "role": "trưởng đoàn",
        }
    ]
    assert {
        "member": "person/ho-van-minh",
        "organization": "organization/ubnd-thanh-pho-vinh",
        "role": "Phó Chủ tịch",
    } in of(found, "membership")
    assert of(found, "person") == [
        {"honorific": "ông"},
        {"job_title": "Phó Chủ tịch UBND thành phố Vinh"},
    ]


def test_honorifics_lower_case_one_fact_each_abbreviations_as_written() -> None:
    found = facts(
        "Dự lễ có đồng chí Võ Văn Hoàng – Phó Chủ tịch UBND thành phố Cần Thơ. "
        "Ông Võ Văn Hoàng phát biểu. Theo ông Võ Văn Hoàng, TS. Nguyễn Thị Mai đã trình bày."
    )
    honorifics = sorted(
        (f.subject.replace(f"{BASE}id/", ""), f.slots[0][1].text, f.slots[0][1].lang, f.rule)
        for f in found
        if f.slots[0][0] == "honorific"
    )
    assert honorifics == [
        ("person/nguyen-thi-mai", "TS.", "vi", "person-honorific"),
        ("person/vo-van-hoang", "ông", "vi", "person-honorific"),
        ("person/vo-van-hoang", "đồng chí", "vi", "person-honorific"),
    ]
    ong = next(f for f in found if f.slots[0][1].text == "ông")
    assert ong.sentences == (1, 2)  # every sentence that says "ông", as for other person facts


def test_event_dates_location_organisers() -> None:
    found = facts(
        "Từ ngày 12 đến 13-3, Bộ Giáo dục và Đào tạo phối hợp UBND thành phố Cần Thơ tổ chức "
        "Diễn đàn Học tập Việt Nam 2025 tại Cần Thơ."
    )
    events = of(found, "event")
    assert {"start": "2025-03-12", "end": "2025-03-13"} in events
    assert {"location": "city/can-tho"} in events
    assert {"organizer": "organization/ubnd-thanh-pho-can-tho"} in events
    assert len([e for e in events if "organizer" in e]) == 2


def test_initiative_led_by_origin_and_start() -> None:
    found = facts(
        "Tháng 4/2025, thành phố Sa Đéc bắt đầu triển khai phương pháp Reggio Emilia từ Phần Lan."
    )
    assert of(found, "initiative") == [
        {"led_by": "city/sa-dec"},
        {"origin": "country/finland"},
        {"start": "2025-04"},
    ]


def test_carrying_out_a_national_programme_is_not_leading_it() -> None:
    found = facts(
        "Thành phố Vinh triển khai thực hiện đề án “Xây dựng xã hội học tập giai đoạn 2021 – 2030”."
    )
    assert of(found, "initiative") == [{"start": "2021", "end": "2030"}]


def test_clubs_a_city_founds_are_an_initiative_it_leads_and_counts() -> None:
    found = facts("Năm 2023, thành phố Cần Thơ đã thành lập 12 câu lạc bộ đọc sách tại các phường.")
    assert of(found, "initiative") == [{"led_by": "city/can-tho"}, {"start": "2023"}]
    assert {f.subject for f in found if f.kind == "initiative"} == {
        f"{BASE}id/initiative/cau-lac-bo-doc-sach"
    }
    assert of(found, "statistic") == [
        {
            "about": "initiative/cau-lac-bo-doc-sach",
            "value": "12",
            "unit": "câu lạc bộ",
            "qualifier": "exactly",
            "measure": "câu lạc bộ đọc sách",
            "ref_date": "2023",
        }
    ]


def test_statistic_about_the_subject_with_qualifier_and_ref_date() -> None:
    found = facts("Trong năm 2024, thành phố Cần Thơ đã có hơn 1.200 học viên.")
    assert of(found, "statistic") == [
        {
            "about": "city/can-tho",
            "value": "1200",
            "unit": "học viên",
            "qualifier": "over",
            "measure": "học viên",
            "ref_date": "2024",
        }
    ]


def test_no_statistic_without_something_it_is_about() -> None:
    assert of(facts("Mọi người giúp nhau xây dựng 1 cộng đồng bền vững."), "statistic") == []


def test_sdgs_addressed_by_the_event() -> None:
    found = facts("Hội nghị Học tập khu vực ASEAN+3 góp phần thực hiện SDG 4 và SDG 11.")
    assert [e for e in of(found, "event") if "addresses" in e] == [
        {"addresses": "sdg/11"},
        {"addresses": "sdg/4"},
    ]


def _event_slots(found: list[Fact]) -> dict[str, dict[str, str]]:
    """Event slots by event slug, merged over the article's facts."""
    out: dict[str, dict[str, str]] = {}
    for f in found:
        if f.kind == "event":
            out.setdefault(f.subject.replace(f"{BASE}id/", ""), {}).update(slots(f))
    return out


def test_a_range_stated_after_the_start_adds_the_end() -> None:
    found = facts(
        "Sáng 12/3, UBND thành phố Cần Thơ khai mạc Hội thảo quốc tế “Học tập suốt đời cho mọi "
        "người”. Hội thảo diễn ra trong hai ngày 12–13/3/2025."
    )
    event = _event_slots(found)["event/hoi-thao-quoc-te-hoc-tap-suot-doi-cho-moi-nguoi"]
    assert (event["start"], event["end"]) == ("2025-03-12", "2025-03-13")


def test_an_event_name_keeps_its_duration_and_the_quoted_title_it_reviews() -> None:
    found = facts(
        "Ngày 4/3/2025, thành phố Cần Thơ tổ chức hội nghị sơ kết hai năm thực hiện Đề án “Xây "
        "dựng thành phố học tập”."
    )
    slug = "event/hoi-nghi-so-ket-hai-nam-thuc-hien-de-an-xay-dung-thanh-pho-hoc-tap"
    assert _event_slots(found)[slug]["start"] == "2025-03-04"
    article = clean(
        "x", "Thành phố tổ chức hội nghị sơ kết Đề án “Xây dựng thành phố học tập”.", ArticleMeta()
    )
    found_mentions = find_mentions(article, segment(article), gazetteer())
    kinds = {(m.kind, m.text) for m in found_mentions}
    assert ("initiative", "Xây dựng thành phố học tập") in kinds  # kept inside the event's name
    assert ("event", "hội nghị sơ kết Đề án “Xây dựng thành phố học tập”") in kinds


def test_su_kien_is_the_main_event_and_its_last_day_ends_it() -> None:
    found = facts(
        "Hội nghị quốc tế về học tập suốt đời khai mạc tại Cần Thơ. Sự kiện diễn ra từ ngày 12 "
        "đến 14-3 với chủ đề “Học tập dẫn đầu hành động vì khí hậu”. Ngày cuối hội nghị (14/3), "
        "các đại biểu tham quan bến Ninh Kiều."
    )
    events = _event_slots(found)
    assert events["event/hoi-nghi-quoc-te-ve-hoc-tap-suot-doi"]["start"] == "2025-03-12"
    assert events["event/hoi-nghi-quoc-te-ve-hoc-tap-suot-doi"]["end"] == "2025-03-14"
    assert not of(found, "participation")  # "dẫn đầu" inside the quoted theme leads nothing


def test_the_headline_event_is_the_one_the_lead_names() -> None:
    found = facts(
        "Hơn 200 đại biểu dự hội thảo về thành phố học tập tại Cần Thơ\n\n"
        "Sáng 12/3, UBND thành phố Cần Thơ khai mạc Hội thảo “Thành phố học tập: Kết nối và hành "
        "động”. Hội thảo thu hút hơn 200 đại biểu."
    )
    assert set(_event_slots(found)) == {"event/hoi-thao-thanh-pho-hoc-tap-ket-noi-va-hanh-dong"}


def test_a_participation_stated_as_a_noun_names_no_participant() -> None:
    found = facts(
        "Năm 2025, thành phố Cần Thơ tổ chức Diễn đàn Học tập Việt Nam với sự tham gia của khoảng "
        "300 đại biểu."
    )
    assert not of(found, "participation")
    assert of(facts("Thành phố Cần Thơ tham gia Diễn đàn Học tập Việt Nam."), "participation"), (
        "the verb still states one"
    )


def _posts(found: list[Fact]) -> set[tuple[str, str, str]]:
    return {
        (s["member"], s["organization"], s.get("role", ""))
        for s in of(found, "membership")
        if s["member"].startswith("person/")
    }


def test_a_name_after_title_organisation_and_place_is_the_person() -> None:
    found = facts("Chủ tịch UBND TP Cần Thơ Trần Văn Bình nhấn mạnh ý nghĩa của danh hiệu.")
    assert _posts(found) == {("person/tran-van-binh", "organization/ubnd-tp-can-tho", "Chủ tịch")}


def test_an_organisation_without_its_place_is_the_article_s() -> None:
    found = facts(
        "Tỉnh Nghệ An và thành phố Vinh triển khai kế hoạch học tập suốt đời. Ông Lê Văn Hùng, Chủ "
        "tịch UBND tỉnh, phát biểu. Bà Hồ Thị Lan, Phó Bí thư Thành ủy, dự lễ."
    )
    posts = _posts(found)
    assert ("person/le-van-hung", "organization/ubnd-tinh-nghe-an", "Chủ tịch") in posts
    assert ("person/ho-thi-lan", "organization/thanh-uy-vinh", "Phó Bí thư") in posts


def test_associations_and_departments_are_organisations_with_academic_titles_kept() -> None:
    found = facts(
        "Phát biểu tại hội thảo, GS.TS. Nguyễn Đình Hải, Chủ tịch Hội Khuyến học tỉnh Nghệ An, "
        "nêu ba đề xuất."
    )
    assert _posts(found) == {
        ("person/nguyen-dinh-hai", "organization/hoi-khuyen-hoc-tinh-nghe-an", "Chủ tịch")
    }


def test_a_post_after_earlier_posts_in_a_chain_is_still_the_person_s() -> None:
    found = facts(
        "Ông Lê Quốc Hòa, Ủy viên Trung ương Đảng, Chủ tịch UBND thành phố Cần Thơ, phát biểu."
    )
    assert ("person/le-quoc-hoa", "organization/ubnd-thanh-pho-can-tho", "Chủ tịch") in _posts(
        found
    )


def _job_titles(found: list[Fact], person: str) -> set[str]:
    return {
        s["job_title"]
        for f in found
        if f.subject.endswith(person)
        for s in [slots(f)]
        if "job_title" in s
    }


def test_a_chain_of_posts_before_the_name_is_the_name_s() -> None:
    found = facts(
        "Thứ trưởng Bộ Ngoại giao, Chủ tịch Ủy ban Quốc gia UNESCO Việt Nam Đỗ Hùng Việt phát biểu."
    )
    assert _posts(found) == {
        ("person/do-hung-viet", "organization/bo-ngoai-giao", "Thứ trưởng"),
        ("person/do-hung-viet", "organization/uy-ban-quoc-gia-unesco-viet-nam", "Chủ tịch"),
    }
    assert _job_titles(found, "person/do-hung-viet") == {
        "Thứ trưởng Bộ Ngoại giao",
        "Chủ tịch Ủy ban Quốc gia UNESCO Việt Nam",
    }


def test_a_unit_between_title_and_organisation_is_part_of_the_role() -> None:
    found = facts(
        "Bà Hoàng Minh Thu, Trưởng Bộ phận Văn hóa, Văn phòng UNESCO tại Hà Nội, cho biết kế "
        "hoạch sẽ được công bố vào tháng sau.",
        gaz=project_gazetteer(),
    )
    assert _posts(found) == {
        (
            "person/hoang-minh-thu",
            "organization/van-phong-unesco-tai-ha-noi",
            "Trưởng Bộ phận Văn hóa",
        )
    }
    assert _job_titles(found, "person/hoang-minh-thu") == {
        "Trưởng Bộ phận Văn hóa, Văn phòng UNESCO tại Hà Nội"
    }


def test_abbreviated_organisations_are_expanded_and_linked() -> None:
    found = facts(
        "Thứ trưởng Bộ GD-ĐT Phạm Văn Hải dự lễ. Ông Lý Minh Đức, Giám đốc Sở GDĐT Cần Thơ, "
        "phát biểu. Thứ trưởng Phạm Văn Hải trao chứng nhận.",
        gaz=project_gazetteer(),
    )
    posts = _posts(found)
    assert ("person/pham-van-hai", "organization/moet", "Thứ trưởng") in posts, "the reference's"
    assert (
        "person/ly-minh-duc",
        "organization/so-giao-duc-va-dao-tao-can-tho",
        "Giám đốc",
    ) in posts
    assert _job_titles(found, "person/pham-van-hai") == {"Thứ trưởng Bộ GD-ĐT"}, (
        "the bare title repeated later is no second job title"
    )


def test_a_representative_in_apposition_and_a_list_of_organisations() -> None:
    found = facts(
        "Bà Lê Thị Mai, đại diện UIL, phát biểu. Dự lễ có đại diện Bộ Ngoại giao, Ủy ban Quốc gia "
        "UNESCO Việt Nam và ông Trần Văn Nam.",
        gaz=project_gazetteer(),
    )
    assert _posts(found) == {("person/le-thi-mai", "organization/unesco-uil", "đại diện")}, (
        "'đại diện' before a name is no post"
    )


def test_a_mayor_s_post_is_in_the_city() -> None:
    found = facts(
        "Ông Taro Suzuki, Phó Thị trưởng thành phố Okayama, giới thiệu mô hình kominkan.",
        gaz=project_gazetteer(),
    )
    assert _posts(found) == {("person/taro-suzuki", "city/okayama", "Phó Thị trưởng")}


def test_steering_committees_and_delegations_take_their_description() -> None:
    found = facts(
        "Thành phố Vinh tổ chức lễ khai mạc. Ông Trần Minh Tâm, Phó Chủ tịch UBND TP Vinh, Trưởng "
        "ban Chỉ đạo xây dựng xã hội học tập thành phố, phát biểu. Đại sứ Lê Thu Hà, Trưởng Phái "
        "đoàn đại diện thường trực Việt Nam bên cạnh UNESCO, gửi lời chúc mừng."
    )
    posts = _posts(found)
    assert (
        "person/tran-minh-tam",
        "organization/ban-chi-dao-xay-dung-xa-hoi-hoc-tap-thanh-pho-vinh",
        "Trưởng ban",
    ) in posts
    assert ("person/tran-minh-tam", "organization/ubnd-tp-vinh", "Phó Chủ tịch") in posts
    assert (
        "person/le-thu-ha",
        "organization/phai-doan-dai-dien-thuong-truc-viet-nam-ben-canh-unesco",
        "Trưởng Phái đoàn",
    ) in posts
    assert {"honorific": "đại sứ"} in of(found, "person")


def test_a_speaker_in_a_sentence_with_no_event_is_at_the_articles_event_with_the_longest_role() -> (
    None
):
    found = facts(
        "Sáng 2/10, UBND TP Vinh tổ chức Lễ khai mạc Tuần lễ hưởng ứng học tập suốt đời năm 2025. "
        "Phát biểu khai mạc, bà Nguyễn Thị Lan cho biết thành phố có 120 câu lạc bộ học tập.",
        gaz=project_gazetteer(),
    )
    [speaker] = [p for p in of(found, "participation") if p["agent"] == "person/nguyen-thi-lan"]
    assert speaker["event"].startswith("event/le-khai-mac-tuan-le-huong-ung-hoc-tap-suot-doi")
    assert speaker["role"] == "phát biểu khai mạc"  # not also "phát biểu"


def test_who_hands_over_a_certificate_has_the_role_not_who_receives_it() -> None:
    found = facts(
        "Tối 5/11, UBND tỉnh Quảng Trị tổ chức Lễ trao chứng nhận thành viên mạng lưới. "
        "Ông Trần Văn Nam trao chứng nhận cho bà Lê Thị Hoa.",
        gaz=project_gazetteer(),
    )
    roles = {p["agent"]: p.get("role") for p in of(found, "participation")}
    assert roles["person/tran-van-nam"] == "trao chứng nhận"
    assert roles.get("person/le-thi-hoa") is None


def test_english_attendance_in_the_passive_and_by_who_told_participants() -> None:
    found = facts_en(
        "Hue city held the Lifelong Learning Forum 2025 on 12 May. The forum was attended by Mr "
        "Tran Van Binh, Director of the Hue Department of Education and Training. Opening the "
        "meeting, Ms Le Thi Mai told participants that every ward has a learning centre."
    )
    agents = {p["agent"] for p in of(found, "participation")}
    assert {"person/tran-van-binh", "person/le-thi-mai"} <= agents


def facts_en(text: str) -> list[Fact]:
    gaz = project_gazetteer()
    article = clean("x", text, ArticleMeta(date_reference="2025-06", language="en"))
    sentences = segment(article)
    linked = link(article, find_mentions(article, sentences, gaz), gaz, BASE)
    return list(extract_facts(article, sentences, linked))


def test_organisers_of_the_clause_and_after_do_and_a_venue_in_its_city() -> None:
    found = facts(
        "Sáng 2/10, tại Trung tâm Văn hóa TP Đông Hà, UBND tỉnh Quảng Trị phối hợp với Sở Giáo "
        "dục và Đào tạo Quảng Trị tổ chức Hội thảo “Học tập suốt đời cho mọi người”.",
        gaz=project_gazetteer(),
    )
    events = of(found, "event")
    organisers = {e["organizer"] for e in events if "organizer" in e}
    assert organisers == {
        "organization/ubnd-tinh-quang-tri",
        "organization/so-giao-duc-va-dao-tao-quang-tri",
    }  # not the city of the venue, which is the location
    assert {e["location"] for e in events if "location" in e} == {"city/dong-ha"}
    passive = facts(
        "Hội nghị quốc tế về thành phố học tập lần thứ 7 (ICLC7) do Viện Học tập suốt đời của "
        "UNESCO phối hợp với thành phố Suwon đồng tổ chức đã khai mạc.",
        gaz=project_gazetteer(),
    )
    assert {e["organizer"] for e in of(passive, "event") if "organizer" in e} == {
        "organization/unesco-uil",
        "city/suwon",
    }


def test_a_month_after_an_event_and_its_place_is_when_it_began() -> None:
    found = facts(
        "Thành phố cử đoàn tham dự Hội nghị quốc tế về thành phố học tập lần thứ 7 tại Suwon, "
        "Hàn Quốc, hồi tháng 10/2026.",
        gaz=project_gazetteer(),
    )
    starts = [e["start"] for e in of(found, "event") if "start" in e]
    assert starts == ["2026-10"]
    # a month after something else named between is not the event's
    other = facts(
        "Hội nghị quốc tế về thành phố học tập lần thứ 7 đã bàn về Kế hoạch số 3/KH-UBND ban hành "
        "tháng 10/2026.",
        gaz=project_gazetteer(),
    )
    assert [e for e in of(other, "event") if "start" in e] == []
