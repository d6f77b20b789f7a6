"""The seed rows, in the order of the document.  Imported by build_seed.py."""

# ruff: noqa: E501
from build_seed import L, cluster, node, part, program, tie

# ---------------------------------------------------------------------------------------
# Clusters (the projects / networks the text names) and their promotion bodies.
# ---------------------------------------------------------------------------------------
HOKKAIDO_IT = cluster(
    "hokkaido_it", "北海道 IT イノベーション戦略", "Hokkaido IT Innovation Strategy",
    "hokkaido", "it", L(73), "北海道 IT イノベーション戦略では", body="body_hokkaido_it",
    pref="北海道", aliases="北海道ITイノベーション戦略",
    body_note="promotion body (推進機関, L612); its own name is not given in the text",
)
HOKKAIDO_BIO = cluster(
    "hokkaido_bio", "北海道バイオ産業成長戦略", "Hokkaido Bio-Industry Growth Strategy",
    "hokkaido", "bio", L(157), "北海道バイオ産業成長戦略", body="body_hokkaido_bio",
    body_name="北海道バイオ産業クラスター・フォーラム", body_ref=L(617),
    body_ev="推進組織である北海道バイオ産業クラスター・フォーラム", pref="北海道",
    body_en="Hokkaido Bio-Industry Cluster Forum",
)
TOHOKU = cluster(
    "tohoku", "TOHOKU ものづくりコリドー", "TOHOKU Monozukuri Corridor", "tohoku",
    "manufacturing", L(155), "TOHOKU ものづくりコリドー", body="body_tohoku",
    aliases="TOHOKUものづくりコリドー",
)
HOKUBU = cluster(
    "shutoken_hokubu", "首都圏北部ネットワーク", "Northern Greater Tokyo Network", "kanto",
    "manufacturing", L(87), "首都圏北部ネットワークでは", body="body_shutoken_hokubu",
)
TAMA = cluster(
    "tama", "首都圏西部ネットワーク（TAMA）", "Western Greater Tokyo Network (TAMA)", "kanto",
    "manufacturing", L(625), "首都圏西部ネットワーク（TAMA）", body="body_tama",
    body_name="首都圏西部ネットワーク支援活動（TAMA）", body_ref=L(393),
    body_ev="首都圏西部ネットワーク支援活動（TAMA）", aliases="TAMA",
    body_en="TAMA (Western Greater Tokyo Network support activity)",
    body_note="promotion body of TAMA (the text calls it TAMA); hub of national support bodies (L393)",
)
KEIHIN = cluster(
    "keihin", "京浜ネットワーク", "Keihin Network", "kanto", "manufacturing", L(117),
    "京浜ネットワークでは", body="body_keihin",
)
CHUO = cluster(
    "chuo_expressway", "中央自動車道沿線ネットワーク", "Chuo Expressway Corridor Network",
    "chubu", "manufacturing", L(625), "中央自動車道沿線ネットワーク", body="body_chuo_expressway",
    note="two support activities: (長野) around 諏訪 (L97, L507, L637) and (山梨) (L144, L385)",
    body_note="promotion body; the (長野) and (山梨) support activities are separate nodes",
)
SANEN = cluster(
    "sanen_nanshin", "三遠南信ネットワーク", "San-En-Nanshin Network", "chubu", "manufacturing",
    L(155), "三遠南信ネットワーク", body="body_sanen_nanshin",
    note="two support activities: (浜松) (L155, L529) and (飯田) (L295, L554, L614)",
    body_note="promotion body; the (浜松) and (飯田) support activities are separate nodes",
)
TOKATSU = cluster(
    "tokatsu_tx", "東葛川口つくば(TX沿線)ネットワーク", "Tokatsu-Kawaguchi-Tsukuba (TX Line) Network",
    "kanto", "manufacturing", L(582), "東葛川口つくば(TX沿線)ネットワーク", body="body_tokatsu_tx",
    body_name="東葛川口つくば(TX沿線)ネットワーク(東葛エリア)",
    body_en="Tokatsu-Kawaguchi-Tsukuba (TX Line) Network (Tokatsu area)",
    body_ev="東葛川口つくば(TX沿線)ネットワーク(東葛エリア)",
    body_note="the 東葛エリア support activity; the text speaks only of this area",
)
SHUTOKEN_BIO = cluster(
    "shutoken_bio", "首都圏バイオネットワーク", "Greater Tokyo Bio Network", "kanto", "bio",
    L(111), "首都圏バイオネットワークでは", body="body_shutoken_bio",
)
CONTENTS = cluster(
    "shutoken_contents", "首都圏情報ベンチャーフォーラム(コンテンツ)",
    "Greater Tokyo IT Venture Forum (Contents)", "kanto", "content", L(242),
    "首都圏情報ベンチャーフォーラム\\(コンテンツ\\)", body="body_shutoken_contents",
    aliases="首都圏情報ベンチャーフォーラム",
)
ONLINE_GAME = cluster(
    "shutoken_online_game", "首都圏情報ベンチャーフォーラム(オンラインゲーム)",
    "Greater Tokyo IT Venture Forum (Online Games)", "kanto", "content", L(448),
    "首都圏情報ベンチャーフォーラム(オンラインゲーム)", body="body_joga",
    body_name="一般社団法人日本オンラインゲーム協会", body_ref=L(450),
    body_ev="当クラスターの推進機関である一般社団法人日本オンラインゲーム協会(JOGA)",
    aliases="日本オンラインゲーム協会|JOGA", body_en="Japan Online Game Association (JOGA)",
    body_note="推進機関 of the cluster; 40 member firms, membership fees (L623)",
)
TOKAI_MONO = cluster(
    "tokai_mono", "東海ものづくり創生プロジェクト", "Tokai Monozukuri Creation Project", "chubu",
    "manufacturing", L(77), "東海ものづくり創生プロジェクトでは", body="body_tokai_mono",
)
TOKAI_BIO = cluster(
    "tokai_bio", "東海バイオものづくり創生プロジェクト", "Tokai Bio Monozukuri Creation Project",
    "chubu", "bio", L(240), "東海バイオものづくり創生プロジェクト", body="body_tokai_bio",
)
HOKURIKU = cluster(
    "hokuriku", "北陸ものづくり創生プロジェクト", "Hokuriku Monozukuri Creation Project", "chubu",
    "manufacturing", L(197), "北陸ものづくり創生プロジェクトの北陸ライフケア研究会", body="body_hokuriku",
    aliases="北陸ものづくり創成プロジェクト",
    note="spelt 創成 at L393, 創生 at L197 and L641",
)
KANSAI_NEO = cluster(
    "kansai_neo", "関西フロントランナープロジェクト Neo Cluster",
    "Kansai Front Runner Project (Neo Cluster)", "kinki", "manufacturing", L(144),
    "関西フロントランナープロジェクト Neo Cluster", body="body_kansai_neo",
    aliases="Neo Cluster",
    note="field not stated in the text",
)
KANSAI_BIO = cluster(
    "kansai_bio", "関西バイオクラスタープロジェクト Bio Cluster", "Kansai Bio Cluster Project (Bio Cluster)",
    "kinki", "bio", L(159), "関西バイオクラスタープロジェクト Bio Cluster", body="body_kansai_bio",
    aliases="関西バイオ|Bio Cluster",
)
KANSAI_GREEN = cluster(
    "kansai_green", "環境ビジネス KANSAI プロジェクト Green Cluster",
    "Kansai Environmental Business Project (Green Cluster)", "kinki", "environment", L(230),
    "環境ビジネス KANSAI プロジェクト Green Cluster", body="body_kansai_green",
    aliases="環境ビジネスKANSAI|環境ビジネス関西|Green Cluster",
)
CHUGOKU_NEXT = cluster(
    "chugoku_next", "次世代中核産業形成プロジェクト(中国地域)",
    "Next-Generation Core Industry Formation Project (Chugoku)", "chugoku", "manufacturing",
    L(179), "次世代中核産業形成プロジェクト(中国地域)", body="body_chugoku_next",
    note="FPD, semiconductors and automotive in the text (L272, L373, L425)",
)
CHUGOKU_ENV = cluster(
    "chugoku_env", "循環・環境型社会形成プロジェクト(中国地域)",
    "Recycling-Oriented Society Formation Project (Chugoku)", "chugoku", "environment", L(95),
    "循環・環境型社会形成プロジェクト(中国地域)", body="body_chugoku_env",
    aliases="中国地域産業クラスター形成プロジェクト「循環・環境型社会形成プロジェクト」",
)
SHIKOKU = cluster(
    "shikoku", "四国テクノブリッジ計画", "Shikoku Techno-Bridge Plan", "shikoku", "multi",
    L(250), "四国テクノブリッジ計画", body="body_shikoku",
    note="water treatment (L469-471) and innate immunity (L643) among its fields",
)
KRIP = cluster(
    "krip", "九州地域環境・リサイクル産業交流プラザ(K-RIP)",
    "Kyushu Recycle and Environmental Industry Plaza (K-RIP)", "kyushu", "environment", L(113),
    "九州地域環境・リサイクル産業交流プラザ(K-RIP)", body="body_krip", aliases="K-RIP",
)
SILICON = cluster(
    "kyushu_silicon", "九州シリコン・クラスター計画", "Kyushu Silicon Cluster Project (SIIQ)",
    "kyushu", "semiconductor", L(103), "九州シリコン・クラスター計画では", body="body_kyushu_silicon",
    body_name="九州シリコン・クラスター計画(SIIQ)", body_ref=L(564),
    body_ev="九州シリコン・クラスター計画(SIIQ)", aliases="SIIQ",
    body_en="Kyushu Silicon Cluster Project (SIIQ)",
)
KYUSHU_BIO = cluster(
    "kyushu_bio", "九州地域バイオクラスター計画", "Kyushu Bio Cluster Project", "kyushu", "bio",
    L(83), "九州地域バイオクラスター計画で", body="body_kyushu_bio", aliases="九州バイオ",
)
OKINAWA = cluster(
    "okinawa", "OKINAWA 型産業振興プロジェクト", "OKINAWA-Model Industrial Promotion Project",
    "okinawa", "multi", L(155), "OKINAWA 型産業振興プロジェクト", body="body_okinawa",
    body_name="OKINAWA 型産業振興プロジェクト推進ネットワーク", body_ref=L(201),
    body_ev="OKINAWA 型産業振興プロジェクト推進ネットワーク会員企業", pref="沖縄県",
    body_en="OKINAWA-Model Industrial Promotion Project Network",
    note="design, health food, spa brand, environment in the text",
)
ALSACE = cluster(
    "alsace", "アルザスクラスタ", "Alsace cluster (France)", "overseas", "automotive", L(425),
    "フランス・アルザスクラスタ（アルザス開発公社）", body="foreign_alsace",
    body_name="アルザス開発公社", body_kind="foreign_body", pref="フランス", place="アルザス",
    aliases="アルザスクラスタ", body_en="Alsace Development Agency",
    note="overseas partner cluster of 次世代中核産業形成プロジェクト (L425-428)",
    body_note="development agency of the Alsace cluster, France",
)
