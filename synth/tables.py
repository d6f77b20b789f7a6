"""Static tables the synthetic network generator is calibrated on.

Prefectures (region and capital coordinates, from :mod:`graph.geo`), the 18 cluster
templates that mirror the regional spread of the Industrial Cluster Program's 18 projects
(seed document, L28-30), the overseas partner countries, and the kind mixes.  Kept apart
from the generator so the numbers are easy to review.
"""

from __future__ import annotations

from kizuna.graph.geo import prefectures

#: (prefecture, region, capital latitude, capital longitude), JIS order, from graph.geo.
PREFECTURES: tuple[tuple[str, str, float, float], ...] = tuple(
    (p.name, p.region, p.lat, p.lon) for p in prefectures()
)
PREFECTURES_EN: tuple[str, ...] = tuple(p.name_en for p in prefectures())

#: (country as written in ``prefecture``, English, latitude, longitude) of partner bodies.
OVERSEAS: tuple[tuple[str, str, float, float], ...] = (
    ("中国", "China", 31.230, 121.474),
    ("韓国", "Korea", 37.566, 126.978),
    ("台湾", "Taiwan", 25.033, 121.565),
    ("米国", "USA", 42.360, -71.059),
    ("ドイツ", "Germany", 52.520, 13.405),
    ("フランス", "France", 48.857, 2.352),
    ("フィンランド", "Finland", 60.170, 24.938),
    ("スウェーデン", "Sweden", 59.329, 18.069),
    ("デンマーク", "Denmark", 55.676, 12.568),
    ("シンガポール", "Singapore", 1.352, 103.820),
    ("タイ", "Thailand", 13.756, 100.502),
    ("英国", "UK", 51.507, -0.128),
)

#: Cluster fields: key → (Japanese, English).
FIELDS: dict[str, tuple[str, str]] = {
    "manufacturing": ("ものづくり", "Manufacturing"),
    "bio": ("バイオ", "Bio"),
    "it": ("IT・エレクトロニクス", "IT and Electronics"),
    "environment": ("環境・エネルギー", "Environment and Energy"),
    "health": ("医療・健康", "Health"),
    "semiconductor": ("半導体", "Semiconductor"),
    "food": ("食・農", "Food and Agriculture"),
    "tourism": ("観光・地域資源", "Tourism and Local Resources"),
}

#: The 18 cluster templates (home prefecture, field, since): the regional spread of the
#: program's 18 projects, Hokkaido to Okinawa.  Names are marked 合成 (synthetic).
CLUSTER_TEMPLATES: tuple[tuple[str, str, int], ...] = (
    ("北海道", "bio", 2001),
    ("宮城県", "manufacturing", 2001),
    ("山形県", "it", 2002),
    ("東京都", "manufacturing", 2001),
    ("神奈川県", "manufacturing", 2001),
    ("千葉県", "bio", 2002),
    ("愛知県", "manufacturing", 2001),
    ("愛知県", "bio", 2002),
    ("石川県", "manufacturing", 2001),
    ("大阪府", "manufacturing", 2001),
    ("大阪府", "environment", 2001),
    ("兵庫県", "bio", 2001),
    ("広島県", "manufacturing", 2001),
    ("岡山県", "environment", 2001),
    ("香川県", "manufacturing", 2001),
    ("福岡県", "semiconductor", 2001),
    ("福岡県", "environment", 2001),
    ("沖縄県", "tourism", 2002),
)

#: Share of the extra clusters (beyond the 18) per region, roughly by establishments.
REGION_WEIGHTS: dict[str, float] = {
    "hokkaido": 0.04,
    "tohoku": 0.07,
    "kanto": 0.33,
    "chubu": 0.17,
    "kinki": 0.16,
    "chugoku": 0.06,
    "shikoku": 0.03,
    "kyushu": 0.11,
    "okinawa": 0.01,
}

#: Kind mix of the ordinary member organizations (bodies and coordinators come apart).
MEMBER_KINDS: dict[str, float] = {
    "company": 0.80,
    "university": 0.05,
    "research_institute": 0.035,
    "bank": 0.03,
    "agency": 0.035,
    "association": 0.035,
    "science_park": 0.005,
    "other": 0.01,
}

#: Japanese / English name prefix per kind.
KIND_NAMES: dict[str, tuple[str, str]] = {
    "company": ("合成企業", "Synthetic company"),
    "university": ("合成大学", "Synthetic university"),
    "bank": ("合成銀行", "Synthetic bank"),
    "coordinator": ("コーディネータ", "coordinators"),
    "agency": ("合成支援機関", "Synthetic agency"),
    "association": ("合成工業会", "Synthetic association"),
    "cluster_body": ("推進機関", "promotion body"),
    "research_institute": ("合成研究所", "Synthetic research institute"),
    "foreign_body": ("海外パートナー機関", "Overseas partner body"),
    "science_park": ("合成サイエンスパーク", "Synthetic science park"),
    "other": ("合成団体", "Synthetic organization"),
}

#: Degree propensity multiplier per kind (bodies and coordinators are their cluster's hubs).
KIND_PROPENSITY: dict[str, float] = {
    "cluster_body": 8.0,
    "coordinator": 5.0,
    "university": 3.0,
    "research_institute": 2.0,
    "science_park": 3.0,
    "bank": 2.0,
    "agency": 2.0,
    "association": 2.0,
    "foreign_body": 1.0,
    "company": 1.0,
    "other": 1.0,
}

#: Extra weight of a kind as an end of a cross-region tie.
KIND_BRIDGING: dict[str, float] = {
    "cluster_body": 150.0,
    "coordinator": 150.0,
    "science_park": 8.0,
    "university": 4.0,
    "research_institute": 3.0,
    "agency": 3.0,
    "association": 2.0,
    "bank": 1.0,
    "foreign_body": 1.0,
    "company": 1.0,
    "other": 1.0,
}

#: Program kinds and their shares.
PROGRAM_MIX: dict[str, float] = {
    "matching": 0.30,
    "forum": 0.15,
    "exhibition": 0.15,
    "seminar": 0.14,
    "network": 0.08,
    "alliance": 0.07,
    "training": 0.05,
    "mission": 0.04,
    "other": 0.02,
}

PROGRAM_NAMES: dict[str, tuple[str, str]] = {
    "matching": ("ビジネスマッチング", "business matching"),
    "alliance": ("クラスター間連携事業", "inter-cluster alliance"),
    "forum": ("フォーラム", "forum"),
    "exhibition": ("合同展示会", "joint exhibition"),
    "seminar": ("セミナー", "seminar"),
    "training": ("人材育成講座", "training course"),
    "mission": ("海外ミッション", "overseas mission"),
    "network": ("広域ネットワーク", "wide-area network"),
    "other": ("交流会", "exchange meeting"),
}

#: Confidence mix of synthetic rows (confirmed, reported, uncertain).
CONFIDENCE_MIX: tuple[float, float, float] = (0.6, 0.3, 0.1)
