"""Synthetic corpus: N Vietnamese learning-city news articles, deterministic from a seed.

Articles are made from sentence templates filled from the reference gazetteer
(``ontology/reference/*.ttl``: cities, provinces, countries, organisations, SDGs) and from name
tables (people with posts, events, initiatives, figures, dates), wrapped in the boilerplate that
scraped Vietnamese news carries (breadcrumbs, photo captions repeated, "Cùng chủ đề", "Cùng
chuyên mục" and "Mới nhất" related-news lists). Each article is ``<id>.txt`` plus ``<id>.toml``
(url, publisher, headline, date_published), like ``ingest/articles/``.

    python -m bench.corpus OUT_DIR -n 1000 --seed 1
"""

from __future__ import annotations

import argparse
import logging
import random
from dataclasses import dataclass, field
from pathlib import Path

from bench import DEFAULT_SEED, PROJECT_ROOT
from ingest.rules.mentions import SURNAMES as KNOWN_SURNAMES

log = logging.getLogger(__name__)

LC = "https://w3id.org/learning-cities/ontology#"
GAZETTEER_BASE = "http://localhost:8000/"

# Used only when the reference gazetteer is missing or unreadable.
_FALLBACK = {
    "city": ["Sơn La", "Thành phố Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Huế", "Hải Phòng"],
    "country": ["Việt Nam", "Thái Lan", "Hàn Quốc", "Nhật Bản", "Trung Quốc"],
    "organization": ["UNESCO", "UNESCO Bangkok", "Bộ Giáo dục và Đào tạo"],
    "sdg": ["Giáo dục có chất lượng", "Thành phố và cộng đồng bền vững"],
}
# The family names the pipeline knows, in a fixed order so a seed gives the same corpus.
SURNAMES = sorted(KNOWN_SURNAMES)
MIDDLE = [
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Quốc",
    "Ngọc",
    "Thụy",
    "Trung",
    "Xuân",
    "Hoài",
    "Kim",
    "Bảo",
    "Công",
]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Chiến",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hòa",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Mỵ Châu",
    "Nam",
    "Ngân",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuấn",
    "Uyên",
    "Vinh",
    "Yến",
]
HONORIFICS = ["ông", "bà", "đồng chí"]
POSTS = [
    "Bí thư Thành ủy",
    "Bí thư thành uỷ",
    "Chủ tịch UBND thành phố",
    "Phó Chủ tịch UBND thành phố",
    "Giám đốc Sở Giáo dục và Đào tạo",
    "phó giám đốc Sở Giáo dục và Đào tạo",
    "Trưởng ban chỉ đạo xây dựng thành phố học tập",
    "Giám đốc Sở Văn hóa, Thể thao và Du lịch",
    "Chủ tịch Hội Khuyến học",
]
EVENTS = [
    "Hội nghị Thành phố học tập khu vực ASEAN+3",
    "Hội thảo Vai trò của giáo dục mầm non trong học tập suốt đời",
    "Lễ trao biểu tượng ghi nhận thành viên mới",
    "Tuần lễ hưởng ứng học tập suốt đời",
    "Hội nghị quốc tế về thành phố học tập",
    "Diễn đàn học tập suốt đời",
    "Phiên thảo luận song song về xã hội học tập",
    "Hội thi Thành phố học tập toàn cầu tôi yêu",
]
INITIATIVES = [
    "Ngôi nhà trí tuệ",
    "Thư viện nhân ái",
    "Tủ sách cộng đồng",
    "Không gian đọc mở",
    "Lau Lau Learning",
    "Gia đình học tập",
    "Dòng họ học tập",
    "Cộng đồng học tập",
    "Đơn vị học tập",
    "Công dân học tập",
]
MONTHS_WORDS = [
    "tháng {m}/{y}",
    "ngày {d}/{m}",
    "ngày {d}/{m}/{y}",
    "từ ngày {d} đến {d2}-{m}",
    "sáng ngày {d}/{m}",
    "năm {y}",
]
PUBLISHERS = [
    ("Báo Tuổi Trẻ", "tuoitre.vn"),
    ("Báo Dân trí", "dantri.com.vn"),
    ("Báo Sơn La", "baosonla.vn"),
    ("VietnamPlus", "vietnamplus.vn"),
    ("Báo Giáo dục và Thời đại", "giaoducthoidai.vn"),
]
FILLERS = [
    "Hội nghị là cơ hội để các thành phố trong khu vực học hỏi kinh nghiệm lẫn nhau.",
    "Đây là một con số nói lên tầm nhìn và cam kết của thành phố đối với giáo dục.",
    "Tăng cường vận động, khuyến khích mọi tầng lớp nhân dân duy trì thói quen tự học.",
    "Các đại biểu tham dự ấn tượng với những kết quả bước đầu của phong trào.",
    "Thành phố tích cực thúc đẩy hội nhập và hợp tác quốc tế trong lĩnh vực giáo dục.",
    "Các mô hình này được phát triển trên cơ sở nhà văn hóa của các tổ, bản.",
    "Phong trào thi đua “Cả nước xây dựng xã hội học tập” tiếp tục được đẩy mạnh.",
]
NEWS_TEASERS = [
    (
        "Tỉ lệ tốt nghiệp THPT liên tục tăng trong nhiều năm",
        "Bộ Giáo dục và Đào tạo vừa công bố "
        "thông tin về các kỳ thi tốt nghiệp THPT giai đoạn 2020 - 2024...",
    ),
    (
        "Trường đại học bỏ xét tuyển học bạ từ 2025",
        "Từ năm 2025, nhà trường không xét tuyển học bạ. Lý do là theo chương...",
    ),
    (
        "Sửa 4 luật giúp gỡ vướng cho các dự án điện lực",
        "Nhiều đại biểu Quốc hội đánh giá cao việc ban hành một luật sửa đổi 4 luật...",
    ),
    (
        "Cận cảnh “lá chắn thép” chặn mặn ở miền Tây",
        "Cống âu đã hoàn thành, vượt tiến độ sớm một tháng...",
    ),
    (
        "Cùng con nuôi dưỡng ước mơ khởi nghiệp",
        "Không chỉ nuôi dưỡng ước mơ khởi nghiệp cho con, "
        "các bà mẹ còn chú trọng nuôi dưỡng các tố chất...",
    ),
    ("Miễn học phí từ mầm non tới lớp 12", "Phía dưới bài viết, nhiều người thắc mắc..."),
]


@dataclass(frozen=True)
class Gazetteer:
    """Vietnamese names per kind, from the reference data (or a small fallback)."""

    names: dict[str, list[str]] = field(default_factory=dict)
    source: str = "fallback"

    def pick(self, rng: random.Random, kind: str) -> str:
        return rng.choice(self.names.get(kind) or _FALLBACK[kind])


_KIND_CLASSES = {
    "City": "city",
    "Province": "city",
    "Country": "country",
    "Organization": "organization",
    "Network": "organization",
    "SustainableDevelopmentGoal": "sdg",
}


def load_gazetteer(ontology_dir: Path | None = None) -> Gazetteer:
    """Read the reference ``*.ttl`` with rdflib; fall back to built-in names if there are none."""
    from rdflib import RDF, RDFS, Graph, URIRef

    ref_dir = (ontology_dir or PROJECT_ROOT / "ontology") / "reference"
    files = sorted(ref_dir.glob("*.ttl"))
    if not files:
        log.warning("no reference data in %s: using built-in names", ref_dir)
        return Gazetteer({k: list(v) for k, v in _FALLBACK.items()})
    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle", publicID=GAZETTEER_BASE)
        except SyntaxError as exc:  # rdflib's BadSyntax is a SyntaxError
            log.warning("%s does not parse (%s): skipped", path, exc)
    names: dict[str, set[str]] = {}
    for cls, kind in _KIND_CLASSES.items():
        for subject in graph.subjects(RDF.type, URIRef(LC + cls)):
            for label in graph.objects(subject, RDFS.label):
                if getattr(label, "language", None) == "vi":
                    names.setdefault(kind, set()).add(str(label))
    merged = {k: sorted(v) for k, v in names.items() if v}
    for kind, fallback in _FALLBACK.items():
        merged.setdefault(kind, list(fallback))
    return Gazetteer(merged, source="reference")


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _city_phrase(city: str) -> str:
    return city if city.lower().startswith(("thành phố", "tp")) else f"thành phố {city}"


def _date(rng: random.Random) -> str:
    d = rng.randint(1, 27)
    return rng.choice(MONTHS_WORDS).format(
        d=d, d2=d + 1, m=rng.randint(1, 12), y=rng.randint(2015, 2025)
    )


# An article states once when its event took place, when its city joined the network and what
# share of its budget goes to education; repeating them with other values would contradict it.
_ONCE = frozenset({1, 2, 4})


def _sentence(rng: random.Random, gaz: Gazetteer, city: str, used: set[int], event: str) -> str:
    kind = rng.randrange(8)
    if kind in _ONCE:
        if kind in used:
            kind = 7
        used.add(kind)
    person, post = _person(rng), rng.choice(POSTS)
    if kind == 0:
        return (
            f"{rng.choice(HONORIFICS).capitalize()} {person} – {post} {city} cho biết "
            f"thành phố đã triển khai nhiều giải pháp xây dựng thành phố học tập."
        )
    if kind == 1:
        return (
            f"{_date(rng).capitalize()}, {city} tổ chức {event} với sự tham "
            f"gia của khoảng {rng.randint(50, 900)} đại biểu đến từ "
            f"{gaz.pick(rng, 'country')}."
        )
    if kind == 2:
        return (
            f"{_date(rng).capitalize()}, {_city_phrase(city)} trở thành thành phố thứ "
            f"{rng.randint(2, 9)} của cả nước được UNESCO công nhận là thành viên Mạng "
            f"lưới thành phố học tập toàn cầu."
        )
    if kind == 3:
        return (
            f"Hiện nay đã có {rng.randint(10, 400)} mô hình “{rng.choice(INITIATIVES)}” "
            f"tại các tổ, bản của {city}."
        )
    if kind == 4:
        return (
            f"{city} dành {rng.randint(5, 45)}% tổng ngân sách cho giáo dục, bao gồm xây "
            f"dựng xã hội học tập."
        )
    if kind == 5:
        return (
            f"Các hoạt động góp phần thực hiện {gaz.pick(rng, 'sdg')} trong chương trình "
            f"nghị sự 2030."
        )
    if kind == 6:
        return (
            f"{rng.choice(HONORIFICS).capitalize()} {person}, {post}, đại diện "
            f"{gaz.pick(rng, 'organization')}, phát biểu tại {rng.choice(EVENTS)}."
        )
    return rng.choice(FILLERS)


def _related(rng: random.Random, heading: str, count: int) -> list[str]:
    lines = [heading, ""]
    for title, teaser in rng.sample(NEWS_TEASERS, k=min(count, len(NEWS_TEASERS))):
        lines += [title, "", teaser, ""]
    return lines


def make_article(index: int, *, seed: int, gaz: Gazetteer) -> tuple[str, str, dict[str, str]]:
    """One article: ``(id, text, metadata)``; the same ``(index, seed)`` gives the same article."""
    rng = random.Random(f"{seed}:{index}")
    city = gaz.pick(rng, "city")
    event = rng.choice(EVENTS)
    title = f"{city} chia sẻ kinh nghiệm xây dựng thành phố học tập tại {event}"
    article_id = f"{index:06d}_{rng.getrandbits(64):016x}"
    lines = [f"Trang chủGiáo dụcThành phố học tập{title[:40]}...", "", title, ""]
    used: set[int] = set()
    for _ in range(rng.randint(3, 7)):
        paragraph = " ".join(
            _sentence(rng, gaz, city, used, event) for _ in range(rng.randint(1, 4))
        )
        lines += [paragraph, ""]
        if rng.random() < 0.3:  # a photo caption, repeated as scraped pages repeat it
            caption = f"{rng.choice(HONORIFICS).capitalize()} {_person(rng)} tại {event}."
            lines += [f" {caption}", caption, ""]
    for heading in ("Cùng chủ đề", "Cùng chuyên mục", "Mới nhất"):
        if rng.random() < 0.8:
            lines += _related(rng, heading, rng.randint(2, 4))
    publisher, domain = rng.choice(PUBLISHERS)
    year, month, day = rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)
    url = f"https://{domain}/thanh-pho-hoc-tap-{article_id.replace('_', '-')}.htm"
    lines.append(f"Nguồn: {url}")
    meta = {
        "url": url,
        "publisher": publisher,
        "headline": title,
        "date_published": f"{year:04d}-{month:02d}-{day:02d}",
    }
    return article_id, "\n".join(lines) + "\n", meta


def _toml(meta: dict[str, str]) -> str:
    def quote(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return "".join(f"{key} = {quote(value)}\n" for key, value in meta.items())


def generate_corpus(
    out_dir: Path, n: int, *, seed: int = DEFAULT_SEED, ontology_dir: Path | None = None
) -> list[Path]:
    """Write ``n`` articles into ``out_dir`` (created; existing ``*.txt`` there are removed)."""
    if n < 0:
        raise ValueError(f"n={n}: expected a count of articles >= 0")
    gaz = load_gazetteer(ontology_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in (*out_dir.glob("*.txt"), *out_dir.glob("*.toml")):
        old.unlink()
    paths = []
    for index in range(n):
        article_id, text, meta = make_article(index, seed=seed, gaz=gaz)
        path = out_dir / f"{article_id}.txt"
        path.write_text(text, encoding="utf-8")
        (out_dir / f"{article_id}.toml").write_text(_toml(meta), encoding="utf-8")
        paths.append(path)
    log.info("wrote %d articles to %s (names from %s)", n, out_dir, gaz.source)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    generate_corpus(args.out_dir, args.n, seed=args.seed)


if __name__ == "__main__":
    main()
