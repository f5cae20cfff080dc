"""Tables for :mod:`ingest.documents`: official documents named by their number, and plans named by
what they do and the period they cover.

Vietnamese administration names every document by a number and a code of the kind and issuer:
"Kế hoạch số 1256/KH-UBND" (plan 1256 of a People's Committee), "Quyết định số 1373/QĐ-TTg" (a
decision of the Prime Minister), "Chỉ thị 05-CT/TW" (a directive of the Party's Central
Committee), "Nghị định 11/2023/NĐ-CP"; English versions write "Plan No. 1256/KH-UBND", "Decision
89/QD-TTg", "Official Dispatch No. 5201/BGDDT-GDTX".
"""

from __future__ import annotations

# The kinds of document, by language; matched case-insensitively ("theo kế hoạch số 368/…").
DOCUMENT_HEADS: dict[str, tuple[str, ...]] = {
    "vi": (
        "Kế hoạch",
        "Quyết định",
        "Chỉ thị",
        "Nghị quyết",
        "Nghị định",
        "Thông tư",
        "Thông tư liên tịch",
        "Công văn",
        "Công điện",
        "Thông báo",
        "Hướng dẫn",
        "Kết luận",
        "Chương trình",
        "Đề án",
        "Luật",
    ),
    "en": (
        "Plan",
        "Decision",
        "Directive",
        "Resolution",
        "Decree",
        "Circular",
        "Joint Circular",
        "Official Dispatch",
        "Official Letter",
        "Dispatch",
        "Instruction",
        "Conclusion",
        "Notice",
        "Guidance",
        "Programme",
        "Program",
        "Law",
    ),
}
# Between the kind and the number: "số", "No.", "Number".
NUMBER_WORDS: dict[str, tuple[str, ...]] = {"vi": ("số",), "en": ("No.", "No", "Number", "no.")}
# The number and its code: "1256/KH-UBND", "05-CT/TW", "11/2023/NĐ-CP", "5201/BGDĐT-GDTX".
NUMBER_CODE = (
    r"\d{1,5}[a-zA-Z]?(?:/\d{4})?\s?[/-]\s?"
    r"[A-ZĐ][A-Za-zĐđ&]*(?:[/-][A-ZĐ][A-Za-zĐđ&]*)*"
)
# Every document is a policy instrument; a plan or programme named by number keeps that class too.
DOCUMENT_CLASS = "Policy"

# "UBND tỉnh Quảng Ninh vừa ban hành Quyết định số 89/…", "Plan …, signed … by", "… has issued
# Plan No. …": the organisation before these words issued the document.
ISSUE_VERBS: tuple[str, ...] = (
    "ban hành",
    "phê duyệt",
    "ký ban hành",
    "ký",
    "công bố",
    "issued",
    "has issued",
    "issues",
    "adopted",
    "approved",
    "signed",
    "promulgated",
)
# Words allowed between the issuer and its verb ("UBND tỉnh vừa ban hành", "has recently issued").
ISSUER_FILLERS: frozenset[str] = frozenset(
    {"vừa", "đã", "mới", "chính thức", "has", "have", "recently", "officially", "just", "also"}
)
# "Kế hoạch số 368/KH-UBND của UBND thành phố", "Decision 89/QD-TTg of the Prime Minister".
OF_WORDS: tuple[str, ...] = ("của", "of")
# "Quyết định số 89/QĐ-UBND phê duyệt Đề án …": the approved initiative has the same issuer.
APPROVE_VERBS: tuple[str, ...] = ("phê duyệt", "approving", "approves", "approved", "on approving")
# At most this many tokens between an approval verb and the initiative it approves.
APPROVE_GAP_TOKENS = 2

# Plans named by what they do, without quotes: "Đề án xây dựng TP Hạ Long trở thành thành phố
# học tập giai đoạn 2024–2030". The head is written with a capital, the name runs without
# punctuation and ends with the period it covers.
DESCRIBED_HEADS: dict[str, tuple[tuple[str, str], ...]] = {
    "vi": (("Đề án", "Programme"), ("Chương trình", "Programme"), ("Kế hoạch", "Policy")),
    "en": (),
}
DESCRIBED_PERIOD = r"giai đoạn \d{4}\s?[-–]\s?\d{4}"
# Words between the head and the period: at least 2 ("Đề án giai đoạn …" names nothing), at most
# this many (more would be a sentence, not a title).
DESCRIBED_MAX_WORDS = 14
# The issuer's part of a document's code, and how organisations with that head are written:
# "Kế hoạch số 245/KH-UBND" was issued by the People's Committee the sentence names.
CODE_ISSUERS: dict[str, tuple[str, ...]] = {
    "UBND": ("ubnd", "uy ban nhan dan", "people's committee", "people’s committee"),
    "HĐND": ("hdnd", "hoi dong nhan dan", "people's council", "people’s council"),
    "BGDĐT": ("bo gd", "bo giao duc", "ministry of education", "moet"),
    "BGDDT": ("bo gd", "bo giao duc", "ministry of education", "moet"),
}
# Words allowed between a document and its date: "Quyết định số 1373/QĐ-TTg ngày 30/7/2021",
# "Official Dispatch No. 5201/BGDDT-GDTX dated September 9, 2024".
DATE_FILLERS: frozenset[str] = frozenset({"dated", "of", "on", "issued", "ban hành"})
# A period within this many tokens after a document is the one it covers ("…, giai đoạn 2023–2030").
PERIOD_AFTER_TOKENS = 20
