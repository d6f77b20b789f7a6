"""The seed rows, in the order of the document.  Imported by build_seed.py."""

# ruff: noqa: E501
from build_seed import L, cluster, node, part, program, tie

# ---------------------------------------------------------------------------------------
# Clusters (the projects / networks the text names) and their promotion bodies.
# ---------------------------------------------------------------------------------------
HOKKAIDO_IT = cluster(
    "hokkaido_it", "北海道 IT イノベーション戦略", "Hokkaido IT Innovation Strategy",
    "hokkaido", "it", L(73), "北海道 IT イノベーション戦略では", body="body_hokkaido_it",
    pref="北海道", aliases="北海道ITイノベーション戦略", note="350 member firms of various trades (L75)",
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
    note="field inferred: factory tours of large firms and SME technologies for simulators (L87); university research requests (L105)",
)
TAMA = cluster(
    "tama", "首都圏西部ネットワーク（TAMA）", "Western Greater Tokyo Network (TAMA)", "kanto",
    "manufacturing", L(625), "首都圏西部ネットワーク（TAMA）", body="body_tama",
    body_name="首都圏西部ネットワーク支援活動（TAMA）", body_ref=L(393),
    body_ev="首都圏西部ネットワーク支援活動（TAMA）", aliases="TAMA",
    body_en="TAMA (Western Greater Tokyo Network support activity)",
    note="field inferred: the text's TAMA passages concern SMEs' technologies and products (L385, L393, L436); three pillars of self-reliance: fees, subsidies, commissioned work (L625)",
    body_note="promotion body of TAMA (the text calls it TAMA); hub of national support bodies (L393)",
)
KEIHIN = cluster(
    "keihin", "京浜ネットワーク", "Keihin Network", "kanto", "manufacturing", L(117),
    "京浜ネットワークでは", body="body_keihin",
    note="field inferred: SME technology presentations to large firms (L117, L266), press-working firm (L137)",
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
    body_en="Tokatsu-Kawaguchi-Tsukuba (TX Line) Network (Tokatsu area)", pref="千葉県",
    body_ev="東葛川口つくば(TX沿線)ネットワーク(東葛エリア)",
    body_note="the 東葛エリア support activity; the text speaks only of this area (東葛 = north-west 千葉県, whence the prefecture)",
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
    "Kansai Front Runner Project (Neo Cluster)", "kinki", "", L(144),
    "関西フロントランナープロジェクト Neo Cluster", body="body_kansai_neo",
    aliases="Neo Cluster",
    note="field not stated in the text, so left empty (its passages are about SME surveys, loan evaluation and awards: L144, L175, L199)",
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
    aliases="環境ビジネスKANSAI|環境ビジネスKANSAIプロジェクト|環境ビジネス関西|Green Cluster",
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
    note="self-reliance: membership fees and business-linked projects; staff to be seconded by member firms (plan, L649)",
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
    aliases="OKINAWA 型産業振興プロジェクト|OKINAWA型産業振興プロジェクト",
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

# Sub-activities of the two clusters that the text splits by place.
CHUO_NAGANO = node(
    "org_chuo_nagano", "中央自動車道沿線ネットワーク(長野)", "other", L(97),
    "中央自動車道沿線ネットワーク(長野)におけるDTF", cluster=CHUO, pref="長野県",
    en="Chuo Expressway Corridor Network (Nagano)",
    note="support activity of the cluster in 長野県 (諏訪 area)",
)
CHUO_YAMANASHI = node(
    "org_chuo_yamanashi", "中央自動車道沿線ネットワーク支援活動(山梨)", "other", L(385),
    "中央自動車道沿線ネットワーク支援活動(山梨)", cluster=CHUO, pref="山梨県",
    en="Chuo Expressway Corridor Network support activity (Yamanashi)",
    aliases="中央自動車道沿線ネットワーク（山梨）",
    note="support activity of the cluster in 山梨県",
)
SANEN_HAMAMATSU = node(
    "org_sanen_hamamatsu", "三遠南信ネットワーク(浜松)", "other", L(155),
    "三遠南信ネットワーク(浜松)", cluster=SANEN, pref="静岡県",
    en="San-En-Nanshin Network (Hamamatsu)", note="support activity of the cluster in 浜松",
)
SANEN_IIDA = node(
    "org_sanen_iida", "三遠南信ネットワーク(飯田)", "other", L(554),
    "三遠南信ネットワーク(飯田)", cluster=SANEN, pref="長野県",
    en="San-En-Nanshin Network (Iida)", aliases="三遠南信ネットワーク支援活動（飯田）",
    note="support activity of the cluster in 飯田",
)
for sub, body, ref, ev in (
    (CHUO_NAGANO, "body_chuo_expressway", L(97), "中央自動車道沿線ネットワーク(長野)"),
    (CHUO_YAMANASHI, "body_chuo_expressway", L(385), "中央自動車道沿線ネットワーク支援活動(山梨)"),
    (SANEN_HAMAMATSU, "body_sanen_nanshin", L(155), "三遠南信ネットワーク(浜松)"),
    (SANEN_IIDA, "body_sanen_nanshin", L(554), "三遠南信ネットワーク(飯田)"),
):
    tie(sub, body, "membership", ref, ev, note="regional support activity of the network")

# ---------------------------------------------------------------------------------------
# はじめに (L22-54): the programme, its phases, national bodies.
# ---------------------------------------------------------------------------------------
JILC = node(
    "org_jilc", "(財)日本立地センター", "association", L(9), "(財)日本立地センター",
    pref="東京都", en="Japan Industrial Location Center", aliases="立地センター|日本立地センター",
    note="author of the document (March 2010); prefecture: seat (general knowledge)",
)
METI = node(
    "org_meti", "経済産業省", "agency", L(26), "平成 13 年度から経済産業省で実施されてきた「産業クラスター計画」",
    pref="東京都", en="Ministry of Economy, Trade and Industry (METI)", aliases="METI",
    note="prefecture: seat (general knowledge)",
)
CLUSTER_PLAN = program(
    "prog_industrial_cluster_plan", "産業クラスター計画", "network", L(26, 28),
    "平成 13 年度から経済産業省で実施されてきた「産業クラスター計画」", host=METI,
    en="Industrial Cluster Program", since=2001,
    note="第1期 H13-H17 (2001-2005) 立ち上げ期, 第2期 H18-H21 (2006-2009) 成長期, then 自律化; 18 projects nationwide (L28)",
)
part(CLUSTER_PLAN, METI, "host", L(26), "経済産業省で実施されてきた「産業クラスター計画」", since=2001)
JETRO = node(
    "org_jetro", "JETRO", "agency", L(48), "JETROとの連携支援", pref="東京都",
    en="Japan External Trade Organization (JETRO)", aliases="日本貿易振興機構",
    note="prefecture: seat (general knowledge); RIT 事業 (L415, L444)",
)
IIDA_AERO = node(
    "org_iida_aero_consortium", "航空機産業の共同受注体", "association", L(295),
    "航空機産業の共同受注体を構築している", cluster=SANEN, pref="長野県",
    en="Iida aircraft-parts joint-ordering consortium",
    note="precision-machining SMEs of 飯田 making aircraft parts in one region (also L30-32); not named in the text",
)
tie(IIDA_AERO, SANEN_IIDA, "membership", L(295), "三遠南信ネットワーク支援活動（飯田）](#)では、航空機産業の共同受注体を構築している")

# ---------------------------------------------------------------------------------------
# 1 産学官金の連携促進活動 (L56-209)
# ---------------------------------------------------------------------------------------
for pid, pname, pen, ev in (
    ("prog_hokkaido_it_env_sensor", "環境センサーネットワーク研究会", "Environmental sensor network study group", "環境センサーネットワーク研究会"),
    ("prog_hokkaido_it_kansei", "感性コンテンツ研究会", "Kansei contents study group", "感性コンテンツ研究会"),
    ("prog_hokkaido_it_medical", "医療関連研究会", "Medical study group", "医療関連研究会"),
):
    program(pid, pname, "seminar", L(73, 75), ev, host="body_hokkaido_it", en=pen, since=2009,
            note="study-group themes proposed by members from H21 (2009); 350 member firms; groups of 10 to 20-30 firms, 4-5 meetings a year")
    part(pid, "body_hokkaido_it", "host", L(73, 75), "研究会テーマを平成 21 年度からメンバーから", since=2009)

TOKAI_EMBEDDED = program(
    "prog_tokai_embedded", "車載組込みシステム", "seminar", L(77),
    "車載組込みシステムに関しては会費制で実施", host="body_tokai_mono",
    en="Automotive embedded systems study programme", since=2008,
    note="started H20.4 (2008); seminars, forums and 10 study themes a year; members are car and parts makers of 東海",
)
part(TOKAI_EMBEDDED, "body_tokai_mono", "host", L(77), "この事業は平成20年4月に発足", since=2008)

BIO_EVENING = program(
    "prog_kyushu_bio_evening_cafe", "バイオブニングカフェ", "forum", L(83),
    "九州地域バイオクラスター計画で取り組んでいるバイオブニングカフェ", host="body_kyushu_bio",
    en="Bio Evening Cafe", participants=30,
    note="as written (probably バイオイブニングカフェ); about 30 people (30 人前後) per evening",
)
part(BIO_EVENING, "body_kyushu_bio", "host", L(83), "九州地域バイオクラスター計画で取り組んでいるバイオブニングカフェ")

JICHI = node(
    "org_jichi_med", "自治医科大学", "university", L(87), "自治医科大学の見学会", pref="栃木県",
    en="Jichi Medical University", note="prefecture: campus (general knowledge)",
)
tie("body_shutoken_hokubu", JICHI, "exchange", L(87), "自治医科大学の見学会も実施している",
    note="site visits (見学会) to the university's simulator training")

DTF = node(
    "org_dtf", "DTF(デスクトップファクトリー)", "association", L(97),
    "DTF(デスクトップファクトリー)は諏訪地区の精密機器メーカーが集まって形成した", cluster=CHUO,
    pref="長野県", en="DTF (Desktop Factory) study group", aliases="DTF|DTF研究会",
    note="joint-development study group of 諏訪 precision-equipment makers; plans incorporation (L637)",
)
tie(DTF, CHUO_NAGANO, "membership", L(97), "中央自動車道沿線ネットワーク(長野)におけるDTF")
SUWA = node(
    "grp_suwa_firms", "諏訪地区企業", "other", L(385), "諏訪地区企業", cluster=CHUO, pref="長野県",
    en="Firms of the Suwa area", aliases="諏訪地区の精密機器メーカー|諏訪地域のものづくり企業|諏訪地域企業",
    note="group node: the precision-machinery firms of 諏訪 (L97, L373, L385, L507)",
)
tie(SUWA, DTF, "membership", L(97), "諏訪地区の精密機器メーカーが集まって形成した共同開発を目指した研究会")
NAGANO_TECHNO = node(
    "org_nagano_techno", "長野県テクノ財団", "agency", L(99), "長野県テクノ財団", pref="長野県",
    en="Nagano Techno Foundation",
)
tie(NAGANO_TECHNO, DTF, "finance", L(99), "試作費用を長野県テクノ財団が持っていた",
    note="paid the DTF prototyping costs")

SIIQ_EXPERT = node(
    "coord_siiq_expert", "専門家（大手半導体企業のOB）", "coordinator", L(103),
    "大手半導体企業のOBである専門家が事務局に入って", cluster=SILICON, region="kyushu",
    en="Kyushu Silicon secretariat experts (retired semiconductor engineers)",
    note="role node: experts in the secretariat linking firms and universities",
)
tie(SIIQ_EXPERT, "body_kyushu_silicon", "membership", L(103), "大手半導体企業のOBである専門家が事務局に入って")

ALLIANCE_PROMO = program(
    "prog_alliance_promotion", "アライアンスプロモーション", "matching", L(111),
    "アライアンスプロモーションと銘打って自社技術やビジネスプランの発表会を実施", host="body_shutoken_bio",
    en="Alliance Promotion",
    note="presentations of bio ventures to large firms; held at バイオジャパン for ventures and pharma firms nationwide from H18 (2006) — the programme itself is older, its start is not dated",
)
part(ALLIANCE_PROMO, "body_shutoken_bio", "host", L(111), "首都圏バイオネットワークでは、アライアンスプロモーションと銘打って")
BIOJAPAN = program(
    "prog_biojapan", "バイオジャパン", "exhibition", L(111), "平成18年からはバイオジャパンで",
    en="BioJapan", note="also L240, L264, L399 (Bio Japan 2009)",
)
part(BIOJAPAN, "body_shutoken_bio", "participant", L(111), "平成18年からはバイオジャパンで全国のバイオベンチャーと製薬企業を対象に実施", since=2006)

ECO_JUKU = program(
    "prog_krip_eco_juku", "エコ塾", "seminar", L(113, 115), "「エコ塾」を開催している",
    host="body_krip", en="Eco Juku (monthly member pitches)", firms=40,
    note="monthly; 2 firms present; 40~50 firms attend each time (figure: lower bound); banks and local governments attend",
)
part(ECO_JUKU, "body_krip", "host", L(113), "九州地域環境・リサイクル産業交流プラザ(K-RIP)では、毎月1回")

KEIHIN_FORUM = program(
    "prog_keihin_matching_forum", "新事業マッチングフォーラム", "matching", L(117),
    "京浜ネットワークでは、新事業マッチングフォーラムとして", host="body_keihin",
    en="New Business Matching Forum", note="large firms state needs, coordinators select SMEs to present (also L266)",
)
part(KEIHIN_FORUM, "body_keihin", "host", L(117), "京浜ネットワークでは、新事業マッチングフォーラムとして")
KEIHIN_COORD = node(
    "coord_keihin", "コーディネータ（京浜ネットワーク）", "coordinator", L(117),
    "マッチする中小企業をコーディネータが選別", cluster=KEIHIN, region="kanto",
    en="Keihin Network coordinators", note="role node; select SMEs for the forum and visit firms (L117, L137, L266)",
)
tie(KEIHIN_COORD, "body_keihin", "membership", L(266), "大手企業の選定や中小企業の選定はコーディネータが行っている")
part(KEIHIN_FORUM, KEIHIN_COORD, "organizer", L(266), "大手企業の選定や中小企業の選定はコーディネータが行っている")

ANTI_AGING = program(
    "prog_kyushu_bio_anti_aging_cafe", "アンチエイジングカフェ", "other", L(119, 123),
    "九州地域バイオクラスター計画で実施しているアンチエイジングカフェ", host="body_kyushu_bio",
    en="Anti-Aging Cafe", participants=20,
    note="20~30 homemakers (figure: lower bound) taste functional foods; feedback to the food firms",
)
part(ANTI_AGING, "body_kyushu_bio", "host", L(119), "九州地域バイオクラスター計画で実施しているアンチエイジングカフェ")

CARAVAN = program(
    "prog_keihin_caravan", "キャラバン隊", "other", L(137, 142), "キャラバン隊と称し、複数の支援機関と一緒に訪問する",
    host="body_keihin", en="Caravan (company visits with support bodies)", since=2008, until=2008,
    note="H20 (2008): 498 company visits (about 500); 課題解決支援 31, 助成金等活用支援 40, 産学連携 27, 受発注支援・企業間マッチング 216, メディア紹介 147 (table L141-142)",
)
part(CARAVAN, "body_keihin", "host", L(137), "京浜ネットワークでは、キャラバン隊と称し", since=2008)
part(CARAVAN, KEIHIN_COORD, "organizer", L(137), "専門のコーディネータが何回か訪問し", since=2008)

CHUO_YAMANASHI_COORD = node(
    "coord_chuo_yamanashi", "コーディネータ（中央自動車道沿線ネットワーク支援活動(山梨)）", "coordinator", L(385),
    "企業からの要望があればコーディネータが訪問し", cluster=CHUO, pref="山梨県",
    en="Chuo Expressway Network (Yamanashi) coordinators", note="role node (L144, L385)",
)
tie(CHUO_YAMANASHI_COORD, CHUO_YAMANASHI, "membership", L(385), "企業からの要望があればコーディネータが訪問し")
NEO_SURVEY = program(
    "prog_neo_survey", "アンケート調査（関西フロントランナープロジェクト Neo Cluster）", "other", L(144, 146),
    "関西フロントランナープロジェクト Neo Cluster のように中小企業にアンケート調査を実施", host="body_kansai_neo",
    en="SME survey and follow-up visits (Neo Cluster)",
)
part(NEO_SURVEY, "body_kansai_neo", "host", L(144), "関西フロントランナープロジェクト Neo Cluster のように中小企業にアンケート調査を実施")
SIIQ_OUENDAN = node(
    "coord_siiq_ouendan", "応援団人材（コーディネータ）", "coordinator", L(146),
    "応援団人材（コーディネータ）に会員企業名簿を渡して", cluster=SILICON, region="kyushu",
    en="Kyushu Silicon supporter coordinators",
    note="role node; visit member firms of interest, about 20 cases a year",
)
tie(SIIQ_OUENDAN, "body_kyushu_silicon", "membership", L(146), "九州シリコン・クラスター計画のように、応援団人材（コーディネータ）に会員企業名簿を渡して")

KANSAI_BIO_COORD = node(
    "coord_kansai_bio", "関西バイオのコーディネータ", "coordinator", L(159),
    "関西バイオのコーディネータは、若手ポスドクや大学院生（8名）を起用し", cluster=KANSAI_BIO, region="kinki",
    en="Kansai Bio Cluster coordinators (young postdocs and graduate students)",
    note="role node: 8 postdocs/graduate students; survey 90-100 technologies a year, 50-60 seeds go to the coordinator meeting",
)
tie(KANSAI_BIO_COORD, "body_kansai_bio", "membership", L(159), "関西バイオのコーディネータは、若手ポスドクや大学院生（8名）を起用し")

FSA = node(
    "org_fsa", "金融庁", "agency", L(171), "金融庁の要請でスタートした", pref="東京都",
    en="Financial Services Agency", note="prefecture: seat (general knowledge)",
)
SUPPORT_FIN = node(
    "org_support_finance_council", "産業クラスターサポート金融会議", "association", L(171),
    "「産業クラスターサポート金融会議」が産業クラスターと連携して機能している",
    en="Industrial Cluster Support Finance Council",
    note="council of financial institutions working with clusters; regional instances (東海: L173)",
)
tie(FSA, SUPPORT_FIN, "support", L(171), "金融庁の要請でスタートした「産業クラスターサポート金融会議」",
    note="started at the request of the FSA")
tie(SUPPORT_FIN, "body_tokai_mono", "finance", L(173), "サポート金融会議において、補助金が下りるまでの資金繰りに対してつなぎ融資が得られる",
    note="bridge loans to member firms until subsidies arrive")
TOKAI_FIN_REPORT = program(
    "prog_tokai_finance_tech_report", "技術報告会（サポート金融会議）", "seminar", L(173),
    "このサポート金融会議では年 2 回の技術報告会を実施", host=SUPPORT_FIN,
    en="Technology reports to banks (Support Finance Council, Tokai)", note="twice a year; banks assess firms as borrowers",
)
part(TOKAI_FIN_REPORT, SUPPORT_FIN, "host", L(173), "このサポート金融会議では年 2 回の技術報告会を実施")
part(TOKAI_FIN_REPORT, "body_tokai_mono", "participant", L(173), "東海ものづくり創生プロジェクトでは、サポート金融会議において")

NEO_EVAL = program(
    "prog_neo_tech_evaluation", "金融の融資のための技術評価（Neo Cluster）", "other", L(175),
    "金融の融資のための技術評価はクラスターが人材会社と契約し", host="body_kansai_neo",
    en="Technology evaluation for bank loans (Neo Cluster)", deals=19,
    note="35 applications so far, 19 received loans; evaluators dispatched by a staffing firm plus one university/institute expert; about 2 months each",
)
part(NEO_EVAL, "body_kansai_neo", "host", L(175), "関西フロントランナープロジェクト Neo Clusterでは、金融の融資のための技術評価")

GREEN_MFCA = program(
    "prog_kansai_green_mfca_lca", "MFCA・LCA の PR（金融と連携）", "other", L(177),
    "金融と組んでクラスター内企業に MFCA (Material Flow Cost Accounting) や LCA (Life Cycle Assessment) の PR をしている",
    host="body_kansai_green", en="MFCA and LCA promotion with financial institutions",
    note="the financial institutions are not named",
)
part(GREEN_MFCA, "body_kansai_green", "host", L(177), "環境ビジネス KANSAI プロジェクトでは、金融と組んで")

CHUGOKU_EVAL = program(
    "prog_chugoku_tech_evaluation", "技術事業化評価事業", "other", L(179, 191),
    "産学官金連携の一環として技術事業化評価事業を実施している", host="body_chugoku_next",
    en="Technology commercialisation evaluation for banks", since=2009, firms=13,
    note="started H21.3 (2009); ¥100,000 per evaluation paid by the requesting bank; 13 banks (13 行) have joined (figure in firms); loans have followed",
)
part(CHUGOKU_EVAL, "body_chugoku_next", "host", L(179), "次世代中核産業形成プロジェクト(中国地域)では、産学官金連携の一環として技術事業化評価事業を実施", since=2009)

LIFECARE = node(
    "org_hokuriku_lifecare", "北陸ライフケア研究会", "association", L(197),
    "北陸ものづくり創生プロジェクトの北陸ライフケア研究会", cluster=HOKURIKU, region="chubu",
    en="Hokuriku Life Care Study Group", note="already incorporated (法人化, L641); product certification and functional-food evaluation",
)
tie(LIFECARE, "body_hokuriku", "membership", L(197), "北陸ものづくり創生プロジェクトの北陸ライフケア研究会")
KANAZAWA_U = node(
    "org_kanazawa_u", "金沢大学", "university", L(197), "金沢大学の倫理委員会", pref="石川県",
    en="Kanazawa University",
)
tie(LIFECARE, KANAZAWA_U, "partnership", L(197), "金沢大学の倫理委員会で認められれば臨床試験を実施して評価する",
    note="clinical trials for functional-food evaluation, subject to the university's ethics committee")
LIFECARE_CERT = program(
    "prog_hokuriku_lifecare_certification", "商品認定制度（北陸ライフケア研究会）", "other", L(197),
    "北陸ライフケア研究会が設けている商品認定制度", host=LIFECARE,
    en="Product certification scheme (Hokuriku Life Care)",
    note="review ¥100,000 per item; certification mark ¥60,000 a year; also paid functional-food evaluation (L641)",
)
part(LIFECARE_CERT, LIFECARE, "host", L(197), "北陸ライフケア研究会が設けている商品認定制度")

for pid, host, pname, ev in (
    ("prog_neo_award", "body_kansai_neo", "表彰（関西フロントランナープロジェクト Neo Cluster）", "関西フロントランナープロジェクト Neo Cluster、九州地域環境・リサイクル産業交流プラザ (K-RIP)では、将来有望と思われる製品・サービスを年に数件表彰"),
    ("prog_krip_award", "body_krip", "表彰（K-RIP）", "九州地域環境・リサイクル産業交流プラザ (K-RIP)では、将来有望と思われる製品・サービスを年に数件表彰"),
):
    program(pid, pname, "other", L(199), ev, host=host, en="Annual award for promising products and services",
            note="a few products/services a year")
    part(pid, host, "host", L(199), ev)

DESIGN = program(
    "prog_okinawa_design_contest", "沖縄デザインコンテスト", "other", L(201), "「沖縄デザインコンテスト」を実施している",
    host="body_okinawa", en="Okinawa Design Contest",
    note="firms post design themes; designers inside and outside the prefecture propose; prizes for the best",
)
part(DESIGN, "body_okinawa", "host", L(201), "OKINAWA 型産業振興プロジェクトでは、企業商品のPRにはデザインが重要との観点で")
SPA = program(
    "prog_okinawa_model_spa", "モデルスパの認証制度", "other", L(203), "モデルスパの認証制度も制定している",
    host="body_okinawa", en="Model spa certification (Okinawa spa brand)",
    conf="uncertain", note="the text says 沖縄では; attributed to the OKINAWA project by context",
)
part(SPA, "body_okinawa", "host", L(203), "沖縄では沖縄の文化、素材を活用した独特の沖縄スパブランドを目指して活動しており", conf="uncertain")
KRIP_PROJECT = program(
    "prog_krip_project", "K-RIP プロジェクト", "other", L(209), "K-RIP プロジェクトという、資金の一部助成を行っている",
    host="body_krip", en="K-RIP Project (kick-off grants)", firms=5,
    note="grants up to ¥1,000,000 per project, about 5 a year (firms); funded by member fees of ¥50,000 a year",
)
part(KRIP_PROJECT, "body_krip", "host", L(209), "九州地域環境・リサイクル産業交流プラザ (K-RIP)では、K-RIP プロジェクトという")

# ---------------------------------------------------------------------------------------
# 2 販路開拓支援活動 (L211-308)
# ---------------------------------------------------------------------------------------
SAPPORO = node(
    "org_sapporo_city", "札幌市", "agency", L(228), "平成15年から札幌市と組んで", pref="北海道",
    en="Sapporo City",
)
OSAKA_CCI = node(
    "org_osaka_cci", "大阪商工会議所", "association", L(228), "大阪商工会議所", pref="大阪府",
    en="Osaka Chamber of Commerce and Industry",
)
KINKI_METI = node(
    "org_kinki_meti", "近畿経済産業局", "agency", L(228), "近畿経済産業局", pref="大阪府",
    en="Kinki Bureau of Economy, Trade and Industry", note="prefecture: seat (general knowledge)",
)
KOBE = node("org_kobe_city", "神戸市", "agency", L(326), "神戸市", pref="兵庫県", en="Kobe City")
BIO_MATCHING = program(
    "prog_bio_business_matching", "BIO ビジネスマッチング", "matching", L(324, 326),
    "「**BIO ビジネスマッチング**」を実施している", host="body_hokkaido_bio",
    en="BIO Business Matching (Hokkaido x Kansai)", since=2003, deals=60, amount_yen=2000000000,
    note="matching of Hokkaido bio firms in 関西 since H15 (2003), with 札幌市 (L228); about 60 deals and over ¥2bn in the 4 years from H15 (figures); H20 (2008) theme 医療・創薬",
)
part(BIO_MATCHING, "body_hokkaido_bio", "host", L(324), "北海道バイオ産業成長戦略](#)では関西バイオクラスタープロジェクト等との協力により", since=2003)
part(BIO_MATCHING, "body_kansai_bio", "partner", L(324), "関西バイオクラスタープロジェクト等との協力により", since=2003)
part(BIO_MATCHING, SAPPORO, "organizer", L(228), "平成15年から札幌市と組んで関西でのマッチング事業を実施している", since=2003)
for org, ev in ((OSAKA_CCI, "大阪商工会議所"), (KINKI_METI, "近畿経済産業局"), (KOBE, "神戸市")):
    part(BIO_MATCHING, org, "partner", L(326), "関西圏の中核機関である大阪商工会議所、近畿経済産業局、神戸市等と密接に連携・協力を得ながら実施している")
    tie(org, "body_hokkaido_bio", "support", L(326), "関西圏の中核機関である大阪商工会議所、近畿経済産業局、神戸市等と密接に連携・協力を得ながら実施している",
        program=BIO_MATCHING, note=f"{ev}: Kansai core body cooperating in BIO ビジネスマッチング")
tie("body_hokkaido_bio", "body_kansai_bio", "matching", L(324), "平成 15 年度からの 4 年間の商談成立実績は、約 60 件、約 20 億円を超えている",
    since=2003, program=BIO_MATCHING, deals=60, amount_yen=2000000000,
    note="BIO ビジネスマッチング with 関西バイオクラスタープロジェクト; figures for the 4 years from H15 (2003)")
tie(SAPPORO, "body_hokkaido_bio", "co_hosting", L(228), "平成15年から札幌市と組んで関西でのマッチング事業を実施している",
    since=2003, program=BIO_MATCHING)

PACS = program(
    "prog_pacs", "PACs (Project for the Alliance between the Clusters)", "alliance", L(230),
    "PACs (Project for the Alliance between the Clusters) 事業がある", host="body_kansai_green",
    en="PACs: Project for the Alliance between the Clusters",
    note="finished technologies with a business model; partner clusters' firms take a step of the production process; with 東北・中国・九州・沖縄 (L371)",
)
part(PACS, "body_kansai_green", "host", L(230), "環境ビジネス KANSAI プロジェクト Green Cluster での特徴ある活動として PACs")
for pid, pname, pen in (
    ("prog_pacs_case_edna", "eDNA を活用した微生物量の測定", "Measuring microbial mass with eDNA"),
    ("prog_pacs_case_waste_plastic_building", "廃プラ住宅構造材", "Housing structural material from waste plastic"),
    ("prog_pacs_case_biodegradable_tableware", "生分解性食器", "Biodegradable tableware"),
    ("prog_pacs_case_waste_nitric_acid", "廃硝酸の利用", "Use of waste nitric acid"),
):
    program(pid, pname, "other", L(230), f"「{pname}」", conf="reported", host="body_kansai_green", en=pen,
            note="PACs success case (成功事例); the partner clusters of each case are not named")
    part(pid, "body_kansai_green", "host", L(230), f"「{pname}」", conf="reported")

NAGOYA_U = node("org_nagoya_u", "名古屋大学", "university", L(240), "名古屋大学のイベント", pref="愛知県", en="Nagoya University")
for pid, pname, pen, ev in (
    ("prog_bio_expo", "国際バイオ EXPO", "International Bio EXPO", "国際バイオ EXPO"),
    ("prog_agribusiness_fair", "アグリビジネスフェア", "Agribusiness Fair", "アグリビジネスフェア"),
):
    program(pid, pname, "exhibition", L(240), ev, en=pen)
    part(pid, "body_tokai_bio", "participant", L(240), "バイオジャパン、国際バイオ EXPO、アグリビジネスフェアに出展し")
part(BIOJAPAN, "body_tokai_bio", "participant", L(240), "バイオジャパン、国際バイオ EXPO、アグリビジネスフェアに出展し")
NAGOYA_EVENT = program(
    "prog_nagoya_u_event", "名古屋大学のイベント", "exhibition", L(240), "10 月初めの名古屋大学のイベントに始まり",
    host=NAGOYA_U, en="Nagoya University event (October)",
    note="first of a series of exhibitions with the same theme (booth 「北陸・東海・8 大学農商工連携シーズ」), then Nagoya symposia, アグリビジネスフェア and a 東海 exhibition on 1 December",
)
part(NAGOYA_EVENT, NAGOYA_U, "host", L(240), "10 月初めの名古屋大学のイベントに始まり")
part(NAGOYA_EVENT, "body_tokai_bio", "participant", L(240), "10 月初めの名古屋大学のイベントに始まり")

TCM = program(
    "prog_tokyo_contents_market", "東京コンテンツマーケット", "exhibition", L(242),
    "東京コンテンツマーケット(アニメ、ゲーム、CG、映画、キャラクター等多様なオリジナルコンテンツが結集する",
    host="body_shutoken_contents", en="Tokyo Contents Market",
    note="trade fair where creators meet content-business firms; coordinators help with materials (L244)",
)
part(TCM, "body_shutoken_contents", "host", L(242), "を中心に展開している")

SHIKOKU_MATCH = program(
    "prog_shikoku_matching", "マッチング会（四国テクノブリッジ計画）", "matching", L(250, 254),
    "200 社に呼びかけてマッチング会を実施しており、47 社が集まって、80 組のミーティングが行われ",
    host="body_shikoku", en="Shikoku Techno-Bridge matching meeting", participants=47, firms=47, deals=9,
    note="200 firms invited, 47 came, 80 meetings with a coordinator present; about 20 pairs ongoing, 9 reached negotiations (deals), 2 nearly concluded",
)
part(SHIKOKU_MATCH, "body_shikoku", "host", L(250), "四国テクノブリッジ計画](#)では、200 社に呼びかけてマッチング会を実施")

CHALLENGE = program(
    "prog_siiq_challenge_market", "チャレンジマーケット企業内覧会", "matching", L(268),
    "チャレンジマーケット企業内覧会と称して", host="body_kyushu_silicon",
    en="Challenge Market in-house exhibitions at large firms",
    note="member firms exhibit inside large semiconductor, equipment and set makers after a needs briefing",
)
part(CHALLENGE, "body_kyushu_silicon", "host", L(268), "九州シリコン・クラスター計画では、チャレンジマーケット企業内覧会と称して")
TECHNO_FAIR = program(
    "prog_tokai_techno_fair", "テクノフェア", "matching", L(270), "大手企業の中央研究所シーズを公開するテクノフェアを実施している",
    host="body_tokai_mono", en="Techno Fair (licensing of large firms' seeds)",
    note="large firms' central-lab seeds licensed cheaply to SMEs; many technology transfers",
)
part(TECHNO_FAIR, "body_tokai_mono", "host", L(270), "東海ものづくり創生プロジェクトでは、大手企業の中央研究所シーズを公開するテクノフェア")

SALES_PARTNER = node(
    "coord_tohoku_sales_partner", "セールspartner", "coordinator", L(278),
    "ベンチャー企業へセールspartnerという人材（首都圏の大企業 OB が主で人材派遣会社からの派遣）を送り込み",
    cluster=TOHOKU, region="tohoku", en="TOHOKU sales partners", aliases="セールスパートナー",
    note="role node (name as written, i.e. セールスパートナー): mostly retired staff of capital-region large firms, sent by a staffing agency",
)
BUY = program(
    "prog_tohoku_buy_venture", "BUY ベンチャー企業制度", "other", L(278, 284), "（BUY ベンチャー企業制度）",
    host="body_tohoku", en="BUY Venture scheme",
    note="sales partners work with ventures on market development; e.g. a gutter bracket adopted by a major general contractor",
)
part(BUY, "body_tohoku", "host", L(278), "TOHOKU ものづくりコリドー](#)では、ベンチャー企業へセールspartner")
part(BUY, SALES_PARTNER, "participant", L(278), "共同で販路開拓活動を行っている（BUY ベンチャー企業制度）")
tie(SALES_PARTNER, "body_tohoku", "membership", L(278), "ベンチャー企業へセールspartnerという人材",
    program=BUY, note="the cluster sends its sales partners to venture firms (the firms are not named)")

IIDA_CITY = node("org_iida_city", "飯田市", "agency", L(297), "飯田市の地域活性化プログラム", pref="長野県", en="Iida City")
tie(IIDA_CITY, IIDA_AERO, "support", L(297), "このプロジェクトは飯田市の地域活性化プログラムにも組み込まれている")
PIKAMAKU = node(
    "org_pikamaku_mall", "ぴかまくモール", "association", L(299), "9社を中心にして「ぴかまくモール」を立ち上げている",
    cluster=CHUGOKU_NEXT, region="chugoku", en="Pikamaku Mall (surface-treatment joint-order group)",
    note="9 competing surface-treatment firms; joint orders; costs borne by members",
)
tie(PIKAMAKU, "body_chugoku_next", "membership", L(299), "表面処理技術に関し、9社を中心にして「ぴかまくモール」を立ち上げている",
    firms=9, note="9 competing surface-treatment firms taking orders jointly (firms)")
SHANGHAI = program(
    "prog_okinawa_shanghai_exhibit", "上海出展（紅型染め）", "exhibition", L(308),
    "県内アーティストとコラボした紅型染めでも独自のブランドを確立して上海に出展し圧倒的支持を受け",
    host="body_okinawa", en="Bingata exhibition in Shanghai", note="China market expected; host region 上海 (overseas)",
)
part(SHANGHAI, "body_okinawa", "host", L(308), "OKINAWA 型産業振興プロジェクト](#)では")

# ---------------------------------------------------------------------------------------
# 3 国内広域連携活動 (L310-405) — the cross-region ties
# ---------------------------------------------------------------------------------------
# Okinawa environmental business exchange, co-hosted by three clusters (L328-351).
OKI_ENV = program(
    "prog_okinawa_env_exchange", "環境ビジネス交流会 in 沖縄", "forum", L(328, 351),
    "『環境ビジネス交流会 in 沖縄』", host="body_okinawa", en="Environmental Business Exchange in Okinawa",
    participants=60, firms=60,
    note="10 firms from 関西 and 中国 invited (panel display, presentations) and 50 Okinawa firms; 九州 and 四国 projects expected to join later (L330)",
)
CO_HOST_EV = "環境ビジネス KANSAI プロジェクト、循環・環境型社会形成プロジェクト(中国地域)との共催でイベントを開催した"
part(OKI_ENV, "body_okinawa", "host", L(328), "OKINAWA 型産業振興プロジェクト](#)では")
part(OKI_ENV, "body_kansai_green", "organizer", L(328), CO_HOST_EV)
part(OKI_ENV, "body_chugoku_env", "organizer", L(328), CO_HOST_EV)
part(OKI_ENV, "body_shikoku", "participant", L(330), "さらに今後は九州や四国のプロジェクトが参加し", conf="reported")
tie("body_okinawa", "body_kansai_green", "co_hosting", L(328), CO_HOST_EV, program=OKI_ENV)
tie("body_okinawa", "body_chugoku_env", "co_hosting", L(328), CO_HOST_EV, program=OKI_ENV)
tie("body_kansai_green", "body_chugoku_env", "co_hosting", L(328), CO_HOST_EV, program=OKI_ENV)
tie("body_okinawa", "body_shikoku", "exchange", L(330), "さらに今後は九州や四国のプロジェクトが参加し、より拡大した形での交流会が開催される予定",
    conf="reported", program=OKI_ENV, note="planned: 四国 project to join the next exchange; the 九州 project is not identified")

# The flattened participant table (L332-349) is garbled: names kept as legible, all uncertain.
TABLE_NOTE = "from the garbled participant table of 環境ビジネス交流会 in 沖縄 (L332-349); name may be corrupted"
for nid, name, ref, ev in (
    ("org_omi_seiki", "株式会社 近江製機", L(334), "株式会社 近江製機"),
    ("org_damayaho", "株式会社 ダマヤホ株式会社", L(335), "株式会社 ダマヤホ株式会社"),
    ("org_toyo_screen", "TOYO SCREEN", L(336), "TOYO SCREEN"),
    ("org_takamatsu_seisakusho", "株式会社 高松製作所", L(337), "株式会社 高松製作所"),
):
    node(nid, name, "company", ref, ev, "uncertain", cluster=KANSAI_GREEN, region="kinki", note=TABLE_NOTE)
    tie(nid, "body_kansai_green", "membership", f"seed:L332,{ref[6:]}", ev, "uncertain",
        note="listed under ■ 環境ビジネスKANSAIプロジェクト (6社)")
    part(OKI_ENV, nid, "participant", f"seed:L332,{ref[6:]}", ev, "uncertain")
node("org_sge", "SGE", "company", L(346), "SGE", "uncertain", cluster=CHUGOKU_ENV, region="chugoku",
     note=TABLE_NOTE + "; repeated 4 times for the 4 Chugoku firms")
tie("org_sge", "body_chugoku_env", "membership", L(344, 346), "「循環・環境型社会形成プロジェクト」(4社)", "uncertain",
    note="listed under ■ 中国地域産業クラスター形成プロジェクト「循環・環境型社会形成プロジェクト」(4社)")
part(OKI_ENV, "org_sge", "participant", L(344, 346), "SGE", "uncertain")

# KSP matching with large firms: TOHOKU takes part (L359-365).
KSP = node(
    "org_ksp", "かながわサイエンスパーク(KSP)", "science_park", L(359), "かながわサイエンスパーク(KSP)",
    pref="神奈川県", en="Kanagawa Science Park (KSP)", aliases="KSP|かながわサイエンスパーク",
    note="holds many downstream (川下) firms (L361)",
)
KEIHIN_GATEWAY = program(
    "prog_keihin_gateway", "京浜ゲートウェイプロジェクト", "matching", L(359),
    "かながわサイエンスパーク(KSP)主催の京浜ゲートウェイプロジェクト", host=KSP, en="Keihin Gateway Project",
)
part(KEIHIN_GATEWAY, KSP, "host", L(359), "かながわサイエンスパーク(KSP)主催の京浜ゲートウェイプロジェクト")
KSP_FORUM = program(
    "prog_ksp_kyoso_matching_forum", "協創マッチングフォーラム", "matching", L(359, 365),
    "KSPで行われた協創マッチングフォーラム", host=KSP, en="KSP Co-creation Matching Forum (with large firms)",
    note="grew out of 京浜ゲートウェイプロジェクト; each SME presents to and meets 2-3 large firms; open to KSP member firms",
)
part(KSP_FORUM, KSP, "host", L(365), "KSPで行われた協創マッチングフォーラム")
part(KSP_FORUM, "body_tohoku", "participant", L(359), "京浜ゲートウェイプロジェクトを発展させた企画に参加している")
tie("body_tohoku", KSP, "matching", L(359), "かながわサイエンスパーク(KSP)主催の京浜ゲートウェイプロジェクトを発展させた企画に参加している",
    program=KSP_FORUM, note="TOHOKU firms meet large firms; the secretariat checks their PR material (L359-361)")

# 中国地域 FPD 懇話会 and exchanges with Kyoto and Suwa (L373).
FPD = program(
    "prog_chugoku_fpd_forum", "中国地域 FPD 懇話会", "forum", L(373), "「中国地域 FPD 懇話会」を開催し",
    host="body_chugoku_next", en="Chugoku FPD Round Table",
    note="FPD lectures by top engineers, monthly on Saturdays; matching with downstream electronics makers",
)
part(FPD, "body_chugoku_next", "host", L(373), "次世代中核産業形成プロジェクト（中国地域）](#)においては、「中国地域 FPD 懇話会」を開催し")
KYOTO_SEMI = node(
    "grp_kyoto_semiconductor", "京都の半導体企業", "other", L(373), "京都の半導体企業", pref="京都府",
    en="Semiconductor firms of Kyoto", note="group node",
)
EXCH_EV = "京都の半導体企業や諏訪地域のものづくり企業との交流会を開催することで横の連携も構築できている"
part(FPD, KYOTO_SEMI, "participant", L(373), EXCH_EV)
part(FPD, SUWA, "participant", L(373), EXCH_EV)
tie("body_chugoku_next", KYOTO_SEMI, "exchange", L(373), EXCH_EV, program=FPD)
tie("body_chugoku_next", SUWA, "exchange", L(373), EXCH_EV, program=FPD)
JOINT_EV = "京都や諏訪地域の企業と共同で行う開発がNEDOのプロジェクトに採用される"
tie("body_chugoku_next", KYOTO_SEMI, "joint_rd", L(373), JOINT_EV, "reported")
tie("body_chugoku_next", SUWA, "joint_rd", L(373), JOINT_EV, "reported")
NEDO = node(
    "org_nedo", "NEDO", "agency", L(373), "NEDOのプロジェクトに採用", pref="神奈川県",
    en="New Energy and Industrial Technology Development Organization (NEDO)",
    note="prefecture: seat (general knowledge)",
)
tie(NEDO, "body_chugoku_next", "finance", L(373), JOINT_EV, "reported",
    note="the joint development with Kyoto and Suwa firms was adopted as a NEDO project")

# TOHOKU joint coordinators (L379-381).
TOHOKU_JOINT = node(
    "coord_tohoku_joint", "ジョイントコーディネータ（TOHOKU ものづくりコリドー）", "coordinator", L(379),
    "首都圏組織との交流会においてジョイントコーディネータを配置している", cluster=TOHOKU, region="tohoku",
    en="TOHOKU joint coordinators", aliases="ジョイントコーディネータ",
    note="role node: 4 people (capital region, wide area, local upstream firms), retired R&D staff of capital-region large firms from Tohoku",
)
tie(TOHOKU_JOINT, "body_tohoku", "membership", L(379), "TOHOKU ものづくりコリドーでは、首都圏組織との交流会においてジョイントコーディネータを配置している")
TOHOKU_EXCH = program(
    "prog_tohoku_capital_exchange", "首都圏組織との交流会", "matching", L(379, 381), "首都圏組織との交流会",
    host="body_tohoku", en="TOHOKU exchange meetings with capital-region organizations",
    amount_yen=180000000,
    note="year 1 company visits, year 2 promising firms present at the exchange; sales of ¥180M in H20 (2008) (amount_yen)",
)
part(TOHOKU_EXCH, "body_tohoku", "host", L(379), "TOHOKU ものづくりコリドーでは、首都圏組織との交流会において")
part(TOHOKU_EXCH, TOHOKU_JOINT, "organizer", L(379), "ジョイントコーディネータを配置している")

# 中央自動車道沿線 (山梨) <-> TAMA <-> 諏訪 (L385).
YAMANASHI = node("org_yamanashi_pref", "山梨県", "agency", L(625), "山梨県", pref="山梨県", en="Yamanashi Prefecture")
CHUO_SURVEY = program(
    "prog_chuo_yamanashi_survey", "アンケート調査（中央自動車道沿線ネットワーク支援活動(山梨)）", "other", L(385),
    "県の予算で地域の中小企業にアンケートを実施", host=CHUO_YAMANASHI,
    en="SME survey and coordinator visits (Chuo Expressway, Yamanashi)", firms=250,
    note="250 firms in 山梨県 plus related firms of the TAMA area and 諏訪 firms; coordinators visit promising firms",
)
part(CHUO_SURVEY, CHUO_YAMANASHI, "host", L(385), "中央自動車道沿線ネットワーク支援活動(山梨)では県の予算で")
part(CHUO_SURVEY, SUWA, "participant", L(385), "TAMA地域の関連企業や諏訪地区企業にも実施")
part(CHUO_SURVEY, "body_tama", "participant", L(385), "TAMA地域の関連企業や諏訪地区企業にも実施", "uncertain")
tie(YAMANASHI, CHUO_YAMANASHI, "finance", L(385), "県の予算で地域の中小企業にアンケートを実施", program=CHUO_SURVEY)
VISIT_EV = "脈がありそうな企業にはコーディネータが諏訪地区、TAMA地区の企業にも訪問し"
tie(CHUO_YAMANASHI_COORD, SUWA, "coordinator_dispatch", L(385), VISIT_EV)
tie(CHUO_YAMANASHI_COORD, "body_tama", "coordinator_dispatch", L(385), VISIT_EV,
    note="visits firms of the TAMA area")
TAMA_COORD = node(
    "coord_tama", "TAMAコーディネータ", "coordinator", L(385), "TAMAのコーディネータ", cluster=TAMA, region="kanto",
    en="TAMA coordinators", aliases="TAMAのコーディネータ",
    note="role node: visit firms of 山梨 (L385), dispatched to 北陸 and 四国 (L393)",
)
tie(TAMA_COORD, "body_tama", "membership", L(393), "首都圏西部ネットワーク支援活動（TAMA）では")
tie(TAMA_COORD, CHUO_YAMANASHI, "coordinator_dispatch", L(385), "TAMAのコーディネータが山梨の企業を訪問することもあり、クラスター間連携が図られている",
    note="TAMA coordinators visit firms of 山梨")

# TAMA as national hub: dispatch to 北陸 and 四国, PR material for 5 + 5 firms (L393).
DISPATCH_EV = "北陸ものづくり創成プロジェクトや四国テクノブリッジ計画の地域内企業に対してコーディネータを派遣し"
tie(TAMA_COORD, "body_hokuriku", "coordinator_dispatch", L(393), DISPATCH_EV,
    note="company hearings and matching support for firms of the 北陸 project")
tie(TAMA_COORD, "body_shikoku", "coordinator_dispatch", L(393), DISPATCH_EV,
    note="company hearings and matching support for firms of the 四国 project")
tie("body_tama", "body_shikoku", "support", L(393), "四国5社、北陸5社の中小企業のPR資料を作成している", firms=5,
    note="PR material written for 5 SMEs of 四国テクノブリッジ計画")
tie("body_tama", "body_hokuriku", "support", L(393), "四国5社、北陸5社の中小企業のPR資料を作成している", firms=5,
    note="PR material written for 5 SMEs of 北陸ものづくり創成プロジェクト")
INNOVATION_NET = node(
    "org_innovation_net", "全国イノベーション推進機関ネットワーク", "association", L(393),
    "全国イノベーション推進機関ネットワーク（イノベーションネット）", en="Japan Innovation Network of support organizations",
    aliases="イノベーションネット",
    note="national network of innovation support bodies, founded H21.4 (2009) with METI and MEXT support (L679)",
)
INNOVATION_NET_PROG = program(
    "prog_innovation_net", "全国イノベーション推進機関ネットワーク", "network", L(679),
    "平成 21 年 4 月に、全国のイノベーション支援機関の相互交流と情報交換を図るために全国イノベーション推進機関ネットワークが経済産業省と文部科学省の支援を得て発足した",
    host=INNOVATION_NET, en="Japan Innovation Network", since=2009,
    note="exchange among innovation support bodies; coordinator training and a window to overseas clusters expected",
)
part(INNOVATION_NET_PROG, INNOVATION_NET, "host", L(679), "全国イノベーション推進機関ネットワークが経済産業省と文部科学省の支援を得て発足した", since=2009)
part(INNOVATION_NET_PROG, "body_tama", "partner", L(393), "全国イノベーション推進機関ネットワーク（イノベーションネット）へと協力することで", "reported")
tie("body_tama", INNOVATION_NET, "support", L(393), "全国イノベーション推進機関ネットワーク（イノベーションネット）へと協力することで", "reported",
    program=INNOVATION_NET_PROG,
    note="TAMA is organized as a hub of national support bodies (全国支援機関のハブ) and aims to take on support of regional SMEs")

# 全国バイオ団体交流会議 (L395-397) and Alliance Promotion in Bio Japan 2009 (L399).
BIO_NATIONAL = program(
    "prog_bio_national_exchange", "全国バイオ団体交流会議", "network", L(395, 397), "「全国バイオ団体交流会議」を開催し",
    host="body_shutoken_bio", en="National Conference of Bio Organizations",
    note="information network of the main industry-academia-government bio bodies nationwide; the participants are not named — the bio clusters of this document are recorded as implicit participants",
)
part(BIO_NATIONAL, "body_shutoken_bio", "host", L(395), "首都圏バイオネットワークでは、「全国バイオ団体交流会議」を開催し")
for body in ("body_hokkaido_bio", "body_tokai_bio", "body_kansai_bio", "body_kyushu_bio"):
    part(BIO_NATIONAL, body, "participant", L(395), "全国の主要な産学官連携バイオ団体を起点とした会議", "uncertain")
    tie("body_shutoken_bio", body, "exchange", L(397), "バイオ分野を推進するクラスター同士の情報共有や顔の見えるネットワークを構築することができており",
        "uncertain", program=BIO_NATIONAL, note="implicit: the text names no participant of the national bio exchange")
AP2009 = program(
    "prog_alliance_promotion_biojapan_2009", "アライアンスプロモーション in Bio Japan 2009", "matching", L(399, 405),
    "「アライアンスプロモーション in Bio Japan 2009」を開催しており", host="body_shutoken_bio",
    en="Alliance Promotion in Bio Japan 2009", since=2009, until=2009,
    note="bio ventures present at Bio Japan 2009; participation called for nationwide (L403-405)",
)
part(AP2009, "body_shutoken_bio", "host", L(399), "「アライアンスプロモーション in Bio Japan 2009」を開催しており", since=2009)

# PACs alliance of 環境ビジネスKANSAI with 東北・中国・九州・沖縄 (L371).
PACS_EV = "共同事業の提案を行うことで東北や中国、九州、沖縄等と連携を展開している"
for body, conf, note in (
    ("body_tohoku", "confirmed", "東北: TOHOKU ものづくりコリドー is the only Tohoku cluster of the text"),
    ("body_okinawa", "confirmed", "沖縄: OKINAWA 型産業振興プロジェクト, the only Okinawa cluster"),
    ("body_chugoku_env", "uncertain", "the text names the region 中国 only; its environmental cluster (also co-host with Green Cluster, L328) is assumed"),
    ("body_krip", "uncertain", "the text names the region 九州 only; its environmental cluster K-RIP is assumed"),
):
    tie("body_kansai_green", body, "alliance", L(371), PACS_EV, conf, program=PACS,
        note=f"PACs joint-business proposals; {note}; success cases: eDNA 微生物量測定, 廃プラ住宅構造材, 生分解性食器, 廃硝酸の利用 (L230)")
    part(PACS, body, "partner", L(371), PACS_EV, conf)

# ---------------------------------------------------------------------------------------
# 4 海外展開支援活動 (L407-507)
# ---------------------------------------------------------------------------------------
JAPAN_EU = program(
    "prog_japan_eu_cluster_forum", "JAPAN-EU Regional Cluster Forum（クラスタージャパン 2008）", "forum", L(411),
    "クラスタージャパン 2008 において JAPAN-EU Regional Cluster Forum を開催した", host=METI,
    en="JAPAN-EU Regional Cluster Forum (Cluster Japan 2008)", since=2008, until=2008,
    note="held by the Industrial Cluster Program (host = METI by context); overseas expansion of several projects followed",
)
part(JAPAN_EU, METI, "host", L(411), "産業クラスター計画でも国際的なクラスター間連携を推進・支援している", "uncertain", since=2008)
part(JAPAN_EU, "body_chugoku_next", "participant", L(425), "クラスタージャパン 2008 の JAPAN-EU Regional Cluster Forum において", since=2008)
part(JAPAN_EU, "foreign_alsace", "participant", L(425), "フランス・アルザスクラスタ（アルザス開発公社）と自動車分野に関する交流を図っていくことで合意", since=2008)
RIT = program(
    "prog_jetro_rit", "RIT 事業", "other", L(415), "JETRO が実施する RIT 事業", host=JETRO,
    en="JETRO RIT (Regional Industry Tie-up) programme", note="used by clusters for overseas trips and trade fairs (L415, L444)",
)
part(RIT, JETRO, "host", L(415), "JETRO が実施する RIT 事業")

# 次世代中核産業形成プロジェクト <-> Alsace (L425-428).
ALSACE_EV = "フランス・アルザスクラスタ（アルザス開発公社）と自動車分野に関する交流を図っていくことで合意され"
tie("body_chugoku_next", "foreign_alsace", "partnership", L(425), ALSACE_EV, since=2008, program=JAPAN_EU,
    note="agreed at the JAPAN-EU Regional Cluster Forum (Cluster Japan 2008) to exchange in the automotive field")
tie("body_chugoku_next", "foreign_alsace", "joint_rd", L(425), "成果として共同研究開発が進展し始めている", "reported")
MAZDA = node(
    "org_mazda", "マツダ", "company", L(425), "中国地域のマツダを中心とした自動車関連企業", cluster=CHUGOKU_NEXT,
    region="chugoku", en="Mazda", note="automotive firms of 中国地域 centred on Mazda share technology and needs with Alsace",
)
tie(MAZDA, "foreign_alsace", "exchange", L(425), "中国地域のマツダを中心とした自動車関連企業の技術やニーズを情報提供・交換することから始まり",
    note="automotive firms of 中国地域 centred on Mazda")
EU_MISSION = program(
    "prog_chugoku_europe_mission", "欧州への訪問ミッション（中国地域）", "mission", L(428),
    "中国地域の欧州への訪問ミッション", host="body_chugoku_next", en="Chugoku mission to Europe",
    note="technology exhibition, business meetings with Alsace; Alsace cluster visited 中国地域 before",
)
part(EU_MISSION, "body_chugoku_next", "host", L(428), "中国地域の欧州への訪問ミッション")
part(EU_MISSION, "foreign_alsace", "partner", L(428), "アルザスクラスタが当地域に訪問した際に")
tie("foreign_alsace", "body_chugoku_next", "exchange", L(428), "アルザスクラスタが当地域に訪問した際に",
    note="visit of the Alsace cluster to 中国地域")

# TAMA: partnerships with 5 countries/regions through partner coordinating bodies (L432-440).
TAMA_PARTNERS = node(
    "foreign_tama_partner_bodies", "パートナー・コーディネート機関（TAMA 海外側）", "foreign_body", L(434),
    "海外側にパートナー・コーディネート機関を持ち", region="overseas",
    en="TAMA's overseas partner coordinating bodies",
    note="group node: 5 countries/regions (L432); the map of partner regions (L440) is not preserved in the text, so no country",
)
tie("body_tama", TAMA_PARTNERS, "partnership", L(432, 434), "現在 5 つの国と地域との連携体制を構築し",
    note="coordinators on both sides; support for firms expanding to the 5 countries/regions")

# 東海ものづくり at the Paris Air Show 2009 (L446).
PARIS = program(
    "prog_paris_air_show_2009", "パリ・エアショー", "exhibition", L(446),
    "2009年にフランスで開催されたパリ・エアショーに域内企業6社、域外企業6社、支援機関7機関が合同で出展し",
    host="body_tokai_mono", en="Paris Air Show 2009 (joint booth)", since=2009, until=2009,
    firms=12, participants=19,
    note="6 firms of the region, 6 from outside and 7 support bodies exhibited jointly; meetings with European and US makers",
)
part(PARIS, "body_tokai_mono", "organizer", L(446), "東海ものづくり創生プロジェクトでは、2009年にフランスで開催されたパリ・エアショー", since=2009)
FR_FIRMS = node(
    "foreign_france_firms", "フランスの企業", "foreign_body", L(446), "フランスの企業やメキシコの企業群とのフォーラム",
    pref="フランス", en="French firms (aerospace)", note="group node",
)
MX_FIRMS = node(
    "foreign_mexico_firms", "メキシコの企業群", "foreign_body", L(446), "メキシコの企業群とのフォーラム、商談会を実施するに至っている",
    pref="メキシコ", en="Mexican firms (aerospace)", note="group node",
)
for f in (FR_FIRMS, MX_FIRMS):
    tie("body_tokai_mono", f, "matching", L(446), "同展示会をきっかけとしてフランスの企業やメキシコの企業群とのフォーラム、商談会を実施するに至っている",
        "reported", since=2009, program=PARIS, note="forum and business meetings following the Paris Air Show")

# Online game forum (L448-463).
KANTO_METI = node(
    "org_kanto_meti", "関東経済産業局", "agency", L(448), "関東経済産業局の支援を得て", pref="埼玉県",
    en="Kanto Bureau of Economy, Trade and Industry", note="prefecture: seat (general knowledge)",
)
OG_FORUM = program(
    "prog_online_game_forum", "オンラインゲームフォーラム", "matching", L(448, 452),
    "海外の主要機関が参加するオンラインゲームフォーラムを開催している", host="body_joga",
    en="Online Game Forum (international business matching)",
    note="matching with firms of the Netherlands, Singapore, Taiwan, Norway, Sweden, Hong Kong; partners found via embassies exhibiting at 東京ゲームショウ",
)
part(OG_FORUM, "body_joga", "host", L(450), "当クラスターの推進機関である一般社団法人日本オンラインゲーム協会(JOGA)")
part(OG_FORUM, KANTO_METI, "partner", L(448), "関東経済産業局の支援を得て実施している")
tie(KANTO_METI, "body_joga", "support", L(448), "海外企業とのビジネスマッチングイベントを関東経済産業局の支援を得て実施している", program=OG_FORUM)
COUNTRY_EV = "オランダ、シンガポール、台湾やノルウェー、スウェーデン、香港等の企業とのマッチングを行うことができ"
for cid, country, en in (
    ("foreign_netherlands_firms", "オランダ", "Dutch firms"),
    ("foreign_singapore_firms", "シンガポール", "Singaporean firms"),
    ("foreign_taiwan_firms", "台湾", "Taiwanese firms"),
    ("foreign_norway_firms", "ノルウェー", "Norwegian firms"),
    ("foreign_sweden_firms", "スウェーデン", "Swedish firms"),
    ("foreign_hongkong_firms", "香港", "Hong Kong firms"),
):
    node(cid, f"{country}の企業", "foreign_body", L(452), COUNTRY_EV, pref=country, en=f"{en} (online games)",
         note="group node: firms of this country/region matched at the Online Game Forum")
    part(OG_FORUM, cid, "participant", L(452), COUNTRY_EV)
    tie("body_joga", cid, "matching", L(452), COUNTRY_EV, "reported", program=OG_FORUM)
TGS = program(
    "prog_tokyo_game_show", "東京ゲームショウ", "exhibition", L(450, 463), "東京ゲームショウに出展ブース設置予定の各国の大使館",
    en="Tokyo Game Show", note="2010 edition adds an Asia Game Business Summit, international zones, business matching (table L454-463); organizer not named",
)
part(TGS, "body_joga", "participant", L(450), "東京ゲームショウに出展ブース設置予定の各国の大使館に出向き", "uncertain")

# 四国テクノブリッジ: water treatment in Indonesia with NEDO/JETRO (L469-471).
SHIKOKU_ENV_COUNCIL = node(
    "org_shikoku_env_council", "環境ビジネス協議会", "association", L(471), "当プロジェクトは環境ビジネス協議会を契機としており",
    cluster=SHIKOKU, region="shikoku", en="Environmental Business Council (Shikoku)",
    note="its water-treatment group has 25 members including large firms",
)
tie(SHIKOKU_ENV_COUNCIL, "body_shikoku", "membership", L(469, 471), "当プロジェクトは環境ビジネス協議会を契機としており")
FS_EV = "NEDO やJETRO の支援でFS 調査を実施した後、海外展開を図っている"
tie(NEDO, "body_shikoku", "support", L(469), FS_EV, note="feasibility study for water-treatment exports")
tie(JETRO, "body_shikoku", "support", L(469), FS_EV, note="feasibility study for water-treatment exports")
INDONESIA = program(
    "prog_shikoku_indonesia_mission", "インドネシア排水処理ミッション（四国テクノブリッジ計画）", "mission", L(469, 471),
    "インドネシアへ5日間、7社とコンタクトし", host="body_shikoku", en="Water-treatment mission to Indonesia",
    firms=7, deals=5,
    note="5 days, 7 Indonesian firms contacted, 5 inquiries with business now in progress; water-treatment group of 25 members",
)
part(INDONESIA, "body_shikoku", "host", L(469), "四国テクノブリッジ計画](#)では、排水処理産業の海外展開支援を実施")
part(INDONESIA, SHIKOKU_ENV_COUNCIL, "participant", L(471), "協議会の中でも水処理関係は企業の熱意によってまとまったプロジェクトとして活発な活動をしている")
ID_FIRMS = node(
    "foreign_indonesia_firms", "インドネシアの企業（7社）", "foreign_body", L(471), "インドネシアへ5日間、7社とコンタクトし",
    pref="インドネシア", en="Indonesian firms (water treatment)", note="group node",
)
part(INDONESIA, ID_FIRMS, "participant", L(471), "インドネシアへ5日間、7社とコンタクトし")
tie("body_shikoku", ID_FIRMS, "matching", L(471), "7社のうち5社から引き合いがあり現在取引が進行している", "reported",
    program=INDONESIA, firms=7, deals=5)

# K-RIP with Korea (2005-) and China (2007-), MOUs (L477-505).
KICOX = node(
    "foreign_kicox", "韓国産業団地公団", "foreign_body", L(492, 494), "韓国産業団地公団をヘッドとするミッション団",
    pref="韓国", en="Korea Industrial Complex Corporation (KICOX)", aliases="韓国産業団地公団ECO事務局",
    note="its ECO office signed an MOU with the Kyushu side in 2007 (昨年, relative to エコテクノ2008)",
)
CN_PUBLIC = node(
    "foreign_china_public_bodies", "現地公的機関（中国）", "foreign_body", L(477), "MOUを現地公的機関と締結しつつ",
    pref="中国", en="Chinese local public bodies (K-RIP MOU partners)",
    note="group node: the Chinese public bodies are not named",
)
tie("body_krip", KICOX, "exchange", L(477), "2005年から韓国と", "uncertain", since=2005,
    note="business exchange with Korea since 2005; the Korean partner of 2005 is not named (KICOX is the MOU partner named at L492)")
tie("body_krip", KICOX, "mou", "seed:L483,L492", "昨年MOUを締結した韓国産業団地公団ECO事務局", since=2007,
    note="MOU signed 昨年, the year before エコテクノ2008 (L483, 2008), hence 2007")
tie("body_krip", CN_PUBLIC, "exchange", L(477), "2007年からは中国とビジネス交流事業を推進している", since=2007)
tie("body_krip", CN_PUBLIC, "mou", L(477), "MOUを現地公的機関と締結しつつ", since=2007,
    note="MOUs with local public bodies (year of the Chinese MOU not stated; exchange since 2007)")
KRIP_MISSIONS = program(
    "prog_krip_business_missions", "ビジネスミッションの派遣及び受入（K-RIP 中国・韓国）", "mission", L(477, 479),
    "ビジネスミッションの派遣及び受入を計6回実施している", host="body_krip",
    en="K-RIP business missions to and from China and Korea", since=2005, deals=5,
    note="6 missions sent and received; 5 firms signed contracts or set up local offices (deals), 4 still negotiating",
)
part(KRIP_MISSIONS, "body_krip", "host", L(477), "九州地域環境・リサイクル産業交流プラザ(K-RIP)では、2005年から韓国と", since=2005)
part(KRIP_MISSIONS, KICOX, "partner", L(477), "2005年から韓国と", "uncertain", since=2005)
part(KRIP_MISSIONS, CN_PUBLIC, "partner", L(477), "2007年からは中国とビジネス交流事業を推進している", since=2007)
KYUSHU_METI = node(
    "org_kyushu_meti", "九州経済産業局", "agency", L(481), "九州経済産業局が九州経済連合会等との連携により", pref="福岡県",
    en="Kyushu Bureau of Economy, Trade and Industry", note="prefecture: seat (general knowledge)",
)
KYUKEIREN = node(
    "org_kyukeiren", "九州経済連合会", "association", L(481), "九州経済連合会", pref="福岡県",
    en="Kyushu Economic Federation", note="prefecture: seat (general knowledge)",
)
CN_KR_MEETINGS = program(
    "prog_kyushu_china_korea_meetings", "中国・韓国との定期会合", "forum", L(481),
    "九州経済産業局が九州経済連合会等との連携により実施してきた中国・韓国との定期会合", host=KYUSHU_METI,
    en="Regular meetings of Kyushu with China and Korea", note="the ground on which K-RIP's Asian exchange succeeded",
)
part(CN_KR_MEETINGS, KYUSHU_METI, "host", L(481), "九州経済産業局が九州経済連合会等との連携により実施してきた")
part(CN_KR_MEETINGS, KYUKEIREN, "organizer", L(481), "九州経済連合会等との連携により実施してきた中国・韓国との定期会合")
tie(KYUSHU_METI, KYUKEIREN, "partnership", L(481), "九州経済産業局が九州経済連合会等との連携により実施してきた中国・韓国との定期会合",
    program=CN_KR_MEETINGS)
KITAKYUSHU = node("org_kitakyushu_city", "北九州市", "agency", L(481), "北九州市と中国・大連市との友好交流", pref="福岡県", en="Kitakyushu City")
DALIAN = node(
    "foreign_dalian_city", "大連市", "foreign_body", L(481), "中国・大連市", pref="中国", place="大連",
    en="Dalian City (China)",
)
tie(KITAKYUSHU, DALIAN, "exchange", L(481), "北九州市と中国・大連市との友好交流の歴史", note="long friendship exchange")

ECOTECHNO = program(
    "prog_ecotechno_2008", "エコテクノ2008", "exhibition", L(483), "エコテクノ2008(10月23日)", en="Eco Techno 2008",
    since=2008, until=2008, note="23 October 2008; K-RIP's Korean programme (seminar, site visits, business meeting) ran alongside",
)
part(ECOTECHNO, "body_krip", "participant", L(483, 505), "K-RIPの韓国との連携活", since=2008)
KR_SEMINAR = program(
    "prog_kyushu_korea_env_seminar", "九州・韓国環境セミナー", "seminar", "seed:L483,L485-487", "「九州・韓国環境セミナー」",
    host="body_krip", en="Kyushu-Korea Environmental Seminar", since=2008, until=2008,
    note="theme 産廃の資源化・エネルギー化; speaker from K-RIP member 高野興産㈱ (person not recorded)",
)
part(KR_SEMINAR, "body_krip", "host", L(483, 505), "K-RIPの韓国との連携活", since=2008)
TAKANO = node(
    "org_takano_kosan", "高野興産㈱", "company", L(487), "K-RIP会員企業 高野興産㈱", cluster=KRIP, region="kyushu",
    en="Takano Kosan", aliases="高野興産",
)
tie(TAKANO, "body_krip", "membership", L(487), "K-RIP会員企業 高野興産㈱")
part(KR_SEMINAR, TAKANO, "participant", "seed:L483,L487", "K-RIP会員企業 高野興産㈱", since=2008)
SITE_VISITS = program(
    "prog_ecotechno_site_visits", "企業視察（エコテクノ2008）", "other", "seed:L483,L488-490", "「企業視察」",
    host="body_krip", en="Company site visits (Eco Techno 2008)", since=2008, until=2008,
    note="キャナルシティ water treatment (鎌田バイオ) and 九州産廃㈱",
)
part(SITE_VISITS, "body_krip", "host", L(483, 505), "K-RIPの韓国との連携活", since=2008)
KAMATA = node(
    "org_kamata_bio", "鎌田バイオ", "company", L(489), "キャナルシティ(鎌田バイオ)水処理", region="kyushu",
    en="Kamata Bio", note="water treatment at キャナルシティ (visited site)",
)
SANPAI = node("org_kyushu_sanpai", "九州産廃㈱", "company", L(490), "九州産廃㈱", region="kyushu", en="Kyushu Sanpai", aliases="九州産廃")
part(SITE_VISITS, KAMATA, "partner", "seed:L483,L489", "キャナルシティ(鎌田バイオ)水処理", since=2008)
part(SITE_VISITS, SANPAI, "partner", "seed:L483,L490", "九州産廃㈱", since=2008)
part(SITE_VISITS, KICOX, "participant", "seed:L483,L488-494", "韓国産業団地公団をヘッドとするミッション団", "uncertain", since=2008)
KR_MEETING = program(
    "prog_kyushu_korea_env_business_meeting", "九州・韓国環境ビジネス商談会", "matching", "seed:L483,L491-495",
    "「九州・韓国環境ビジネス商談会」", host="body_krip", en="Kyushu-Korea Environmental Business Meeting",
    since=2008, until=2008, participants=28, firms=16, deals=56,
    note="KICOX ECO office: 16 firms and others, 28 people; 56 business talks (商談件数, deals); Kyushu side: Eco Techno exhibitors, K-RIP members, experts",
)
part(KR_MEETING, "body_krip", "host", L(483, 505), "K-RIPの韓国との連携活", since=2008)
part(KR_MEETING, KICOX, "participant", "seed:L483,L492", "昨年MOUを締結した韓国産業団地公団ECO事務局16社他 計28名参加", since=2008)
tie(KICOX, "body_krip", "matching", "seed:L483,L492-495", "韓国産業団地公団をヘッドとするミッション団と九州側企業", since=2008,
    program=KR_MEETING, deals=56, participants=28, firms=16)

# 中央自動車道沿線 (長野): DTF's MOU with a Swiss university and European ties (L507).
SWISS_U = node(
    "foreign_swiss_university", "スイスの大学", "foreign_body", L(507), "スイスの大学と MOU を締結し", pref="スイス",
    en="Swiss university (DTF MOU partner)", note="not named in the text",
)
tie(DTF, SWISS_U, "mou", L(507), "スイスの大学と MOU を締結し",
    note="basis in Switzerland for joint research and sales with overseas bodies; over 100 technical exchanges/consultations")
EU_RTD = node(
    "foreign_eu_rtd", "EU 委員会研究総局", "foreign_body", L(507), "EU 委員会研究総局", pref="EU",
    en="European Commission Directorate-General for Research", note="country column: EU (Brussels coordinates)",
)
EPFL = node(
    "foreign_epfl", "ローザンヌ工科大学", "foreign_body", L(507), "ローザンヌ工科大学（スイス）", pref="スイス", place="ローザンヌ",
    en="EPFL (École polytechnique fédérale de Lausanne)",
)
TAMPERE = node(
    "foreign_tampere_ut", "タンペレ工科大学", "foreign_body", L(507), "タンペレ工科大学（フィンランド）", pref="フィンランド", place="タンペレ",
    en="Tampere University of Technology",
)
LOCAL_FIRMS = node(
    "foreign_dtf_local_firms", "フランス等各国の現地企業", "foreign_body", L(507), "フランス等各国の現地企業", region="overseas",
    en="Local firms of France and other countries (DTF partners)", note="group node; several countries",
)
for f in (EU_RTD, EPFL, TAMPERE, LOCAL_FIRMS):
    tie(DTF, f, "partnership", L(507), "EU 委員会研究総局、ローザンヌ工科大学（スイス）、タンペレ工科大学（フィンランド）のほかフランス等各国の現地企業との連携が拡大している",
        "reported")
DTF_MISSION = program(
    "prog_dtf_mission_switzerland", "スイス等へのミッション派遣（DTF）", "mission", L(507), "スイス等へのミッション派遣を実施し",
    host=DTF, en="DTF missions to Switzerland and elsewhere",
    note="over 100 technical exchanges and consultations; some became business",
)
part(DTF_MISSION, DTF, "host", L(507), "スイス等へのミッション派遣を実施し")
for f in (SWISS_U, EPFL):
    part(DTF_MISSION, f, "partner", L(507), "スイスを拠点として海外各機関との共同研究や販路拡大を図っている", "uncertain")
DTF_FORUM = program(
    "prog_dtf_international_forum", "海外関係者を招聘した国内フォーラム（DTF）", "forum", L(507), "海外関係者を招聘した国内フォーラムの開催",
    host=DTF, en="DTF forum in Japan with invited overseas guests",
)
part(DTF_FORUM, DTF, "host", L(507), "海外関係者を招聘した国内フォーラムの開催")

# ---------------------------------------------------------------------------------------
# 5 産業人材育成活動 (L509-592)
# ---------------------------------------------------------------------------------------
KIBAN = program(
    "prog_tokatsu_kiban_seminar", "基盤的技術産業活性化研究会", "seminar", L(527),
    "「基盤的技術産業活性化研究会」を開催している", host="body_tokatsu_tx",
    en="Evening seminar for young engineers (basic technologies)", participants=30,
    note="切削・研削・工作加工, university lecturers, 5 evenings, 30~50 participants (lower bound)",
)
part(KIBAN, "body_tokatsu_tx", "host", L(527), "「基盤的技術産業活性化研究会」を開催している")
SKILL = program(
    "prog_tokatsu_skill_school", "技能育成塾", "training", L(527), "技能資格を取らせることを目的とした技能育成塾を開催",
    host="body_tokatsu_tx", en="Skills school (certification)",
)
part(SKILL, "body_tokatsu_tx", "host", L(527), "技能資格を取らせることを目的とした技能育成塾を開催")

CORE_HR = program(
    "prog_hamamatsu_core_hr", "中核人材育成事業", "training", L(529), "輸送機器や新素材分野の「中核人材育成事業」を実施している",
    host=SANEN_HAMAMATSU, en="Core human-resources development (transport equipment, new materials)", since=2005,
    note="since H17 (2005); teaching material made with Suzuki and other firms; videos of veterans' skills",
)
part(CORE_HR, SANEN_HAMAMATSU, "host", L(529), "三遠南信ネットワーク\\(浜松\\)](#)では", since=2005)
for cid, name, en in (
    ("org_suzuki", "スズキ", "Suzuki"),
    ("org_yamaha", "ヤマハ", "Yamaha"),
    ("org_honda", "ホンダ", "Honda"),
):
    node(cid, name, "company", L(529), "浜松地区にはスズキ、ヤマハ、ホンダ等の競合企業が存在している", cluster=SANEN,
         pref="静岡県", en=en, note="present in the 浜松 area per the text (prefecture = that location)")
    part(CORE_HR, cid, "partner", L(529), "社内教育用にも利用できるため各社とも非常に協力的で", since=2005)
tie("org_suzuki", SANEN_HAMAMATSU, "support", L(529), "教材作成にはスズキの尽力により各企業の協力を得て作成することができている",
    program=CORE_HR, note="teaching material of the core human-resources programme")
for cid in ("org_yamaha", "org_honda"):
    tie(cid, SANEN_HAMAMATSU, "support", L(529), "社内教育用にも利用できるため各社とも非常に協力的で、社内の専門家等の応援もあった",
        program=CORE_HR)

KAWA = program(
    "prog_tohoku_upstream_downstream", "東北及び首都圏川上・川下ネットワーク構築事業", "training", L(531),
    "東北及び首都圏川上・川下ネットワーク構築事業", host="body_tohoku",
    en="Tohoku-capital region upstream/downstream network (semiconductor training)",
    note="staff of upstream firms join downstream firms' technical training",
)
part(KAWA, "body_tohoku", "host", L(531), "TOHOKUものづくりコリドー](#)では、半導体分野において")
FUJITSU_MD = node(
    "org_fujitsu_microdevices", "富士通マイクロデバイス社", "company", L(531), "富士通マイクロデバイス社の研修所を利用している",
    en="Fujitsu Microdevices", note="its training centre hosts the training; location not stated",
)
part(KAWA, FUJITSU_MD, "partner", L(531), "富士通マイクロデバイス社の研修所を利用している")
tie(FUJITSU_MD, "body_tohoku", "support", L(531), "この研修実施に際しては、富士通マイクロデバイス社の研修所を利用している", program=KAWA)

BIO_JUKU = program(
    "prog_hokkaido_bio_business_school", "バイオビジネス経営塾", "training", L(541, 548), "「バイオビジネス経営塾」を実施している",
    host="body_hokkaido_bio", en="Bio Business Management School", participants=15,
    note="young executive candidates; about 3 evening sessions; 4 invited experts, about 15 people in discussion",
)
part(BIO_JUKU, "body_hokkaido_bio", "host", L(541), "北海道バイオ産業成長戦略では「バイオビジネス経営塾」を実施している")

IIDA_COLLEGE = program(
    "prog_iida_industrial_college", "飯田産業技術大学校", "training", L(554), "「飯田産業技術大学校」を開講している",
    host=SANEN_IIDA, en="Iida Industrial Technology College",
    note="evenings and Saturdays, 10-18 sessions per course over half a year; technology by 信州大学, management by 諏訪東京理科大",
)
part(IIDA_COLLEGE, SANEN_IIDA, "host", L(554), "三遠南信ネットワーク(飯田)では")
SHINSHU = node("org_shinshu_u", "信州大学", "university", L(554), "技術系を信州大学", pref="長野県", en="Shinshu University")
SUWA_TUS = node(
    "org_suwa_tus", "諏訪東京理科大", "university", L(554), "管理系は諏訪東京理科大", pref="長野県",
    en="Tokyo University of Science, Suwa", aliases="諏訪東京理科大学",
)
for u in (SHINSHU, SUWA_TUS):
    part(IIDA_COLLEGE, u, "partner", L(554), "講師は技術系を信州大学、管理系は諏訪東京理科大に依頼して出前講座を実現した")
    tie(u, SANEN_IIDA, "support", L(554), "講師は技術系を信州大学、管理系は諏訪東京理科大に依頼して出前講座を実現した",
        program=IIDA_COLLEGE, note="lecturers for 飯田産業技術大学校")

ENV_UNIV = program(
    "prog_krip_env_cluster_university", "九州環境クラスター大学", "training", L(556, 558), "「九州環境クラスター大学」を開き",
    host="body_krip", en="Kyushu Environmental Cluster University",
    note="4-day camp of students and managers of environmental firms, 4 groups write business plans; fee-based; most participants join K-RIP",
)
part(ENV_UNIV, "body_krip", "host", L(556), "九州地域環境・リサイクル産業交流プラザ(K-RIP)では「九州環境クラスター大学」を開き")

IKKAN = program(
    "prog_siiq_ikkan", "IKKAN", "training", L(564, 580), "「IKKAN」という事前説明会・成果報告会を含めた10日間程度の研修",
    host="body_kyushu_silicon", en="IKKAN semiconductor process training for students", participants=20,
    note="about 10 days, one process per firm per day; IKKAN SUMMARY is a 3-day version; 北部九州コース for 九州大学 3rd-year and M1 students, capacity 20",
)
part(IKKAN, "body_kyushu_silicon", "host", L(564), "九州シリコン・クラスター計画(SIIQ)では「IKKAN」という")
KYUDAI = node("org_kyushu_u", "九州大学", "university", L(571), "九州大学(3年生及び修士1年生)", pref="福岡県", en="Kyushu University")
part(IKKAN, KYUDAI, "participant", L(571), "九州大学(3年生及び修士1年生)")
for cid, name, kind, ref, ev, pref, en in (
    ("org_semiconductor_tech_center", "半導体技術センター", "research_institute", L(573), "半導体技術センター", "福岡県", "Semiconductor Technology Center (Kitakyushu)"),
    ("org_sony_lsi_design", "ソニーLSIデザイン(株)", "company", L(575), "ソニーLSIデザイン(株)", "福岡県", "Sony LSI Design"),
    ("org_toshiba_semiconductor", "(株)東芝セミコンダクター", "company", L(576), "(株)東芝セミコンダクター", "大分県", "Toshiba Semiconductor"),
    ("org_tanaka_denshi", "田中電子工業(株)", "company", L(577), "田中電子工業(株)", "佐賀県", "Tanaka Denshi Kogyo"),
    ("org_mitsubishi_electric", "三菱電機(株)", "company", L(578), "三菱電機(株)", "福岡県", "Mitsubishi Electric"),
    ("org_advantest_kyushu", "(株)アドバンテスト九州システムズ", "company", L(579), "(株)アドバンテスト九州システムズ", "福岡県", "Advantest Kyushu Systems"),
    ("org_yaskawa", "(株)安川電機", "company", L(580), "(株)安川電機", "福岡県", "Yaskawa Electric"),
):
    node(cid, name, kind, ref, ev, pref=pref, en=en,
         note="training site of the IKKAN 北部九州コース (prefecture = the site named in the table)")
    part(IKKAN, cid, "partner", ref, ev)

GENKI = program(
    "prog_tokatsu_genki_job_fair", "元気企業合同説明会", "other", L(584), "元気企業合同説明会は",
    host="body_tokatsu_tx", en="Joint recruiting fair of vigorous SMEs",
    note="meets science and engineering students with local SMEs",
)
part(GENKI, "body_tokatsu_tx", "host", L(582, 584), "東葛川口つくば(TX沿線)ネットワーク(東葛エリア)では")
MEXT = node(
    "org_mext", "文部科学省", "agency", L(584), "文部科学省の事業を東京農工大が採択し", pref="東京都",
    en="Ministry of Education, Culture, Sports, Science and Technology (MEXT)", aliases="MEXT",
    note="prefecture: seat (general knowledge)",
)
TUAT = node(
    "org_tuat", "東京農工大", "university", L(584), "東京農工大", pref="東京都",
    en="Tokyo University of Agriculture and Technology", aliases="東京農工大学",
)
INTERN = program(
    "prog_tokatsu_internship_matching", "国公立大学インターンシップマッチング", "training", L(584),
    "国公立大学インターンシップマッチングは、文部科学省の事業を東京農工大が採択し", host=TUAT,
    en="National/public university internship matching", firms=2,
    note="students sent for 6-12 months to firms in 東葛; over 10 firms introduced, 2 took interns (firms)",
)
part(INTERN, TUAT, "host", L(584), "文部科学省の事業を東京農工大が採択し")
part(INTERN, "body_tokatsu_tx", "partner", L(584), "学生を東葛に立地する企業に半年から1年間派遣する事業")
tie(MEXT, TUAT, "finance", L(584), "文部科学省の事業を東京農工大が採択し", program=INTERN)
tie(TUAT, "body_tokatsu_tx", "partnership", L(584), "学生を東葛に立地する企業に半年から1年間派遣する事業", program=INTERN)

FUTURE = program(
    "prog_kansai_bio_future", "関西バイオ未来を考える会", "seminar", L(590), "「関西バイオ未来を考える会」と称して最先端技術勉強会を行っている",
    host="body_kansai_bio", en="Kansai Bio Future Study Group",
    note="young researchers present new seeds (genes, regenerative medicine, bioengineering); OJT for coordinators",
)
part(FUTURE, "body_kansai_bio", "host", L(590), "関西バイオクラスタープロジェクトでは")
tie(KINKI_METI, "body_kansai_bio", "partnership", L(590), "近畿経済産業局の担当で弁理士資格を取得した人材もあり", "uncertain",
    note="implicit: a 近畿経済産業局 officer grew through the cluster's activity (OJT)")

# ---------------------------------------------------------------------------------------
# 6 クラスターの自立化に向けた活動 (L594-651)
# ---------------------------------------------------------------------------------------
IT_ASSOC = node(
    "org_it_suishin_kyokai", "(社)IT推進協会", "association", L(612), "(社)IT推進協会", pref="北海道",
    en="IT Promotion Association (Hokkaido)", note="named in the Hokkaido IT context; region (= prefecture 北海道) from context",
)
HOKKAIDO_GOV = node("org_hokkaido_gov", "北海道庁", "agency", L(612), "北海道庁", pref="北海道", en="Hokkaido Government")
PLAN_EV = "推進機関は、(社)IT推進協会あるいは札幌市や北海道庁等の行政機関と連携することを考えている"
for org in (IT_ASSOC, SAPPORO, HOKKAIDO_GOV):
    tie("body_hokkaido_it", org, "partnership", L(612), PLAN_EV, "reported", note="plan for self-reliance (自律化)")
tie(IIDA_CITY, SANEN_IIDA, "support", L(614), "航空宇宙産業を飯田市の政策に既に取り込んでおり",
    note="aerospace already in the city's policy; the city may take over the cluster organization (plan)")
TOKYO = node("org_tokyo_metro", "東京都", "agency", L(625), "東京都", pref="東京都", en="Tokyo Metropolitan Government")
IWAKI = node("org_iwaki_city", "いわき市", "agency", L(625), "いわき市", pref="福島県", en="Iwaki City")
MITOYO = node("org_mitoyo_city", "香川三豊市", "agency", L(625), "香川三豊市", pref="香川県", en="Mitoyo City (Kagawa)", aliases="三豊市")
COMMISSION_EV = "東京都、山梨県、いわき市、香川三豊市、立地センターからの業務委託"
for org in (TOKYO, YAMANASHI, IWAKI, MITOYO, JILC):
    tie(org, "body_tama", "finance", L(625), COMMISSION_EV,
        note="業務委託 (commissioned work): market development for local firms and regional cooperation plans; funding flows to TAMA")
tie("body_chuo_expressway", "body_tama", "partnership", L(625), "中央自動車道沿線ネットワークと TAMA の連携事業",
    note="joint project, one of TAMA's commissioned businesses")
HOKKAIDO_BIO_ASSOC = node(
    "org_hokkaido_bio_industry_assoc", "北海道バイオ工業会", "association", L(635), "35社で設立した北海道バイオ工業会",
    cluster=HOKKAIDO_BIO, pref="北海道", en="Hokkaido Bio Industry Association",
    note="network founded by 35 firms; annual fees; lobbying and horizontal ties",
)
tie(HOKKAIDO_BIO_ASSOC, "body_hokkaido_bio", "membership", L(635), "北海道バイオ産業成長戦略](#)では、自立化の動きとしては、35社で設立した北海道バイオ工業会",
    firms=35)
SAISOKU = node(
    "org_sekai_saisoku_shisaku", "世界最速試作センター", "company", L(637), "世界最速試作センターは株式会社とした",
    cluster=CHUO, pref="長野県", en="World's Fastest Prototyping Center",
    note="set up on the strengths of 諏訪 industry; a joint-stock company",
)
tie(SAISOKU, CHUO_NAGANO, "membership", L(637), "諏訪地区産業の特徴を生かして立ち上げた世界最速試作センターは株式会社とした")
IMMUNITY = program(
    "prog_shikoku_innate_immunity", "自然免疫賦活（部会）", "network", L(643), "具体的には自然免疫賦活で、現在産学官の 60 機関（企業は 50 社）が参加している",
    host="body_shikoku", en="Innate immunity activation working group", participants=60, firms=50,
    note="60 industry-academia-government bodies incl. 50 firms; 8 firms to start a cooperative (組合)",
)
part(IMMUNITY, "body_shikoku", "host", L(643), "四国テクノブリッジ計画](#)でも各分野で実施している部会を組合組織として自律化する方策を考えている")
JST = node(
    "org_jst", "JST", "agency", L(651), "外部機関（JST）との包括協定を結び", pref="埼玉県",
    en="Japan Science and Technology Agency (JST)", note="prefecture: seat (general knowledge)",
)
tie("body_chugoku_next", JST, "partnership", L(651), "外部機関（JST）との包括協定を結び、大学シーズの事業化のための人材を JST に求めることも一法であるとの考えもある",
    "uncertain", note="an idea for self-reliance (comprehensive agreement with JST), not a stated agreement")

# ---------------------------------------------------------------------------------------
# まとめ (L653-683)
# ---------------------------------------------------------------------------------------
KNOWLEDGE_CLUSTER = program(
    "prog_knowledge_cluster", "知的クラスター創成事業", "network", L(673),
    "文部科学省が進める知的クラスター創成事業等の地域科学技術振興施策", host=MEXT,
    en="Knowledge Cluster Initiative (MEXT)",
    note="started about the same time as the Industrial Cluster Program; linking both was a first-phase goal, still limited",
)
part(KNOWLEDGE_CLUSTER, MEXT, "host", L(673), "文部科学省が進める知的クラスター創成事業")
tie(METI, MEXT, "partnership", L(673), "知的クラスターと産業クラスターとのネットワーク構築は、一定の実績を出しているものの",
    "reported", program=KNOWLEDGE_CLUSTER, note="linking the two ministries' cluster programmes")
for org in (METI, MEXT):
    tie(org, INNOVATION_NET, "support", L(679), "全国イノベーション推進機関ネットワークが経済産業省と文部科学省の支援を得て発足した",
        since=2009, program=INNOVATION_NET_PROG)
    part(INNOVATION_NET_PROG, org, "partner", L(679), "経済産業省と文部科学省の支援を得て発足した", since=2009)

# ---------------------------------------------------------------------------------------
# Second pass: named parties and roles added after a re-read of the whole text.
# ---------------------------------------------------------------------------------------
node(
    "foreign_oecd", "OECD 経済協力開発機構", "foreign_body", L(24), "OECD 経済協力開発機構", pref="フランス",
    en="OECD", note="named only as the source of a GDP ranking; no tie in the text",
)
IKKAN_SUMMARY = program(
    "prog_siiq_ikkan_summary", "IKKAN SUMMARY", "training", L(566), "「IKKAN SUMMARY」は短縮版で3日程の研修となっている",
    host="body_kyushu_silicon", en="IKKAN SUMMARY (3-day version)",
)
part(IKKAN_SUMMARY, "body_kyushu_silicon", "host", L(564, 566), "九州シリコン・クラスター計画(SIIQ)では「IKKAN」という")
SHIKOKU_COORD = node(
    "coord_shikoku", "コーディネータ（四国テクノブリッジ計画）", "coordinator", L(250),
    "ミーティングにはコーディネータが同席するようにした", cluster=SHIKOKU, region="shikoku",
    en="Shikoku Techno-Bridge coordinators",
    note="role node: attend the matching meetings (L250); the water-treatment coordinator is a former large-firm environmental engineer (L471)",
)
tie(SHIKOKU_COORD, "body_shikoku", "membership", L(250), "四国テクノブリッジ計画](#)では、200 社に呼びかけてマッチング会を実施しており")
part(SHIKOKU_MATCH, SHIKOKU_COORD, "organizer", L(250), "ミーティングにはコーディネータが同席するようにした")
part(INDONESIA, SHIKOKU_COORD, "organizer", L(471), "大手企業で環境ソリューションの技術開発を担当した人物がコーディネータを努めており")
CONTENTS_COORD = node(
    "coord_shutoken_contents", "コーディネータ（首都圏情報ベンチャーフォーラム(コンテンツ)）", "coordinator", L(244),
    "コーディネータが資料作りも支援している", cluster=CONTENTS, region="kanto",
    en="Greater Tokyo IT Venture Forum (Contents) coordinators",
    note="role node: prepare exhibition material and introduce creators to firms",
)
tie(CONTENTS_COORD, "body_shutoken_contents", "membership", L(244), "コーディネータが資料作りも支援している")
part(TCM, CONTENTS_COORD, "organizer", L(244), "コーディネータの紹介なら話を聞いてみようかという会社も少なくない")
BIO_COORD = node(
    "coord_shutoken_bio", "コーディネータ（首都圏バイオネットワーク）", "coordinator", L(264),
    "コーディネータが大手製薬企業のトップに人脈がある強みを生かした企画になっている", cluster=SHUTOKEN_BIO, region="kanto",
    en="Greater Tokyo Bio Network coordinators", note="role node: contacts with the top of large pharmaceutical firms",
)
tie(BIO_COORD, "body_shutoken_bio", "membership", L(264), "コーディネータが大手製薬企業のトップに人脈がある強みを生かした企画になっている")
part(ALLIANCE_PROMO, BIO_COORD, "organizer", L(264), "大手製薬企業にバイオジャパンのアライアンス企画に参加してもらい")
