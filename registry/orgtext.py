"""What an organization's name and address say: its kind, its prefecture.

Used by the member-list import (:mod:`registry.members`).
"""

from __future__ import annotations

import re
import unicodedata

from kizuna.graph.geo import find_prefecture, prefectures

KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("university", ("大学", "高等専門学校", "高専", "university", "college")),
    ("bank", ("銀行", "信用金庫", "信金", "信用組合", "信組", "金庫", "公庫", "金融", "bank")),
    ("research_institute", (
        "研究所", "研究機構", "研究センター", "独立行政法人", "国立研究開発法人", "(独)",
        "試験場", "技術センター", "研究機関", "institute", "laboratory",
    )),
    ("association", (
        "財団", "社団", "協会", "商工会議所", "商工会", "協議会", "組合", "連合会", "工業会",
        "振興会", "(公財)", "(一社)", "(一財)", "(公社)", "特定非営利活動法人", "npo",
        "association", "foundation", "団体",
    )),
    ("company", (
        "株式会社", "(株)", "有限会社", "(有)", "合同会社", "合資会社", "合名会社",
        "co.,ltd", "co., ltd", "inc.", "corporation", "k.k.", "企業", "会社",
    )),
    ("agency", (
        "省", "庁", "経済産業局", "県庁", "市役所", "役場", "都庁", "道庁", "府庁",
        "自治体", "行政", "government", "ministry",
    )),
)  # fmt: skip
_GOVERNMENT_RE = re.compile(r"^(.{1,4}(都|道|府|県)|.{1,6}(市|区|町|村))$")


def infer_kind(name: str, kind_cell: str | None = None) -> tuple[str, bool]:
    """(kind, sure) for an organization name and its optional 種別 cell.

    >>> infer_kind("国立大学法人 東北大学"), infer_kind("多摩中央信用金庫")
    (('university', True), ('bank', True))
    >>> infer_kind("ＴＡＭＡ精機㈱"), infer_kind("たま工房")
    (('company', True), ('other', False))
    """
    for text in (kind_cell, name):
        if not text:
            continue
        folded = unicodedata.normalize("NFKC", text).lower()
        for kind, words in KIND_RULES:
            if any(w in folded for w in words):
                return kind, True
        if text is kind_cell and folded.strip() in COLUMNS_KINDS:
            return folded.strip(), True
    if _GOVERNMENT_RE.match(unicodedata.normalize("NFKC", name).strip()):
        return "agency", True
    return "other", False


COLUMNS_KINDS = frozenset(
    {"company", "university", "bank", "agency", "association", "research_institute", "other"}
)


def prefecture_in(text: str | None) -> str | None:
    """The prefecture a cell names: itself (東京, Tokyo), else the first one in an address.

    >>> prefecture_in("〒100-0001 東京都府中市…"), prefecture_in("京都府京都市")
    ('東京都', '京都府')
    >>> prefecture_in("大阪")
    '大阪府'
    """
    if not text:
        return None
    pref = find_prefecture(text)
    if pref is not None:
        return pref.name
    folded = unicodedata.normalize("NFKC", text)
    lower = folded.lower()
    best: tuple[int, str] | None = None
    for p in prefectures():
        pos = folded.find(p.name)
        if pos < 0:  # an English address: "Osaka-fu, Osaka", "Tokyo"
            m = re.search(rf"\b{re.escape(p.name_en.lower())}\b", lower)
            pos = m.start() if m else -1
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, p.name)
    return best[1] if best else None
