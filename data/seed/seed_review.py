"""Rows added by an independent second reading of the whole document (issue 5 review).

Imported by build_seed.py after seed_rows.py, so the ties here get the next ids (t120 …)
and every earlier id stays what it was.  Same conventions as seed_rows.py: each row cites
its line(s), quotes the text verbatim, and says how sure it is.  Ids of rows defined in
seed_rows.py are used as plain strings.
"""

# ruff: noqa: E501
from build_seed import L, node, part, program, tie

# ---------------------------------------------------------------------------------------
# Title and はじめに (L1-55)
# ---------------------------------------------------------------------------------------
SURVEY = program(
    "prog_best_practice_survey_2009", "アンケート調査とヒアリング調査（平成21年末）", "other", "seed:L52,L655",
    "平成21年末に各産業クラスターのプロジェクトに対し、アンケート調査とヒアリング調査を実施してきた",
    en="Questionnaire and interview survey of all cluster projects (end of 2009)", since=2009, until=2009,
    note="the survey this collection is built on (H21 end = late 2009); the text does not say who ran it — the author (財)日本立地センター by implication",
)
part(SURVEY, "org_jilc", "organizer", "seed:L9,L52", "(財)日本立地センター", "uncertain", since=2009)

# ---------------------------------------------------------------------------------------
# 1 産学官金の連携促進活動 (L56-210)
# ---------------------------------------------------------------------------------------
# 首都圏北部: research requests to the region's four universities (L105).
HOKUBU_UNIV = node(
    "grp_hokubu_universities", "地域内の4大学（首都圏北部ネットワーク）", "university", L(105),
    "地域内の4大学がそれぞれ専門分野を受け持ち、対応している", region="kanto",
    en="The four universities of the Northern Greater Tokyo Network's area",
    note="group node: 4 universities, not named, each covering its own field",
)
tie("body_shutoken_hokubu", HOKUBU_UNIV, "partnership", L(105),
    "企業ニーズを地域内の大学へ研究依頼するというシステムは首都圏北部ネットワークでも構築しており",
    note="firms' needs passed on to the universities as research requests")

# Coordinators the text gives a task to (role nodes, no person).
NEO_COORD = node(
    "coord_kansai_neo", "コーディネータ（関西フロントランナープロジェクト Neo Cluster）", "coordinator", L(144, 146),
    "アンケート内容に応じてコーディネータが企業訪問を実施したり", cluster="kansai_neo", region="kinki",
    en="Kansai Front Runner (Neo Cluster) coordinators",
    note="role node: visit the SMEs whose survey answers call for it (L144-146)",
)
tie(NEO_COORD, "body_kansai_neo", "membership", L(144, 146), "関西フロントランナープロジェクト Neo Cluster のように中小企業にアンケート調査を実施")
part("prog_neo_survey", NEO_COORD, "organizer", L(144, 146), "アンケート内容に応じてコーディネータが企業訪問を実施したり")
OKINAWA_COORD = node(
    "coord_okinawa", "コーディネータ（OKINAWA 型産業振興プロジェクト）", "coordinator", L(155),
    "OKINAWA 型産業振興プロジェクトは他の公的機関（県内外）に派遣を依頼しているケース", cluster="okinawa",
    region="okinawa", en="OKINAWA project coordinators",
    note="role node: sent by other public bodies inside and outside the prefecture (not named)",
)
tie(OKINAWA_COORD, "body_okinawa", "membership", L(155), "OKINAWA 型産業振興プロジェクトは他の公的機関（県内外）に派遣を依頼している")
HAMAMATSU_EXPERTS = node(
    "coord_sanen_hamamatsu", "専門家（三遠南信ネットワーク(浜松)、人材派遣会社から派遣）", "coordinator", L(155),
    "三遠南信ネットワーク(浜松)は人材派遣会社に専門家派遣を依頼している", cluster="sanen_nanshin", region="chubu",
    en="San-En-Nanshin (Hamamatsu) experts sent by a staffing company",
    note="role node; the staffing company is not named",
)
tie(HAMAMATSU_EXPERTS, "org_sanen_hamamatsu", "membership", L(155), "三遠南信ネットワーク(浜松)は人材派遣会社に専門家派遣を依頼している")

# Banks: the text never names one, but three groups of them act (L175, L177, L179).
NEO_LENDERS = node(
    "grp_neo_lenders", "金融（Neo Cluster の技術評価による融資）", "bank", L(175),
    "金融の融資のための技術評価はクラスターが人材会社と契約し", en="Lenders using Neo Cluster's technology evaluations",
    note="group node: the financial institutions are not named; 35 applications, 19 loans so far",
)
tie(NEO_LENDERS, "body_kansai_neo", "partnership", L(175), "今までに 35 件の申請があり、19 件が資金融資を受けた",
    program="prog_neo_tech_evaluation", deals=19,
    note="the cluster evaluates technologies for loans; 35 applications, 19 financed (deals)")
part("prog_neo_tech_evaluation", NEO_LENDERS, "partner", L(175), "金融の融資のための技術評価はクラスターが人材会社と契約し")
GREEN_FINANCE = node(
    "grp_kansai_green_finance", "金融（環境ビジネス KANSAI プロジェクトと連携）", "bank", L(177),
    "金融としても環境に配慮している企業でないと安心して融資できない", en="Financial institutions working with the Green Cluster",
    note="group node: the financial institutions are not named",
)
tie(GREEN_FINANCE, "body_kansai_green", "partnership", L(177), "金融と組んでクラスター内企業に MFCA (Material Flow Cost Accounting) や LCA (Life Cycle Assessment) の PR をしている",
    program="prog_kansai_green_mfca_lca", note="joint promotion of MFCA and LCA to the cluster's firms")
part("prog_kansai_green_mfca_lca", GREEN_FINANCE, "partner", L(177), "金融としても環境に配慮している企業でないと安心して融資できないということもあって、PR には協力的である")
CHUGOKU_BANKS = node(
    "grp_chugoku_eval_banks", "技術事業化評価事業に加入する金融機関（13行）", "bank", L(179),
    "現在このシステムには 13 行が加入している", en="The 13 banks in Chugoku's technology evaluation scheme",
    note="group node: 13 banks, not named; they request evaluations and pay ¥100,000 each",
)
tie(CHUGOKU_BANKS, "body_chugoku_next", "partnership", L(179), "金融機関からの申請を受けて、問題点、解決手段、将来性等について客観的な技術評価を行っている",
    since=2009, program="prog_chugoku_tech_evaluation", firms=13,
    note="evaluation fee ¥100,000 paid by the requesting bank; scheme started H21.3 (2009); 13 banks (firms)")
part("prog_chugoku_tech_evaluation", CHUGOKU_BANKS, "participant", L(179), "現在このシステムには 13 行が加入している", since=2009)

# ---------------------------------------------------------------------------------------
# 2 販路開拓支援活動 (L211-309)
# ---------------------------------------------------------------------------------------
TOKAI_BIO_CM = node(
    "coord_tokai_bio_cm", "クラスターマネージャー・アドバイザー（東海バイオものづくり創生プロジェクト）", "coordinator", L(240),
    "クラスターマネージャーやアドバイザーも出かけていって PR に努めている", cluster="tokai_bio", region="chubu",
    en="Tokai Bio cluster manager and advisers", note="role node: go to the trade fairs to promote the cluster's firms",
)
tie(TOKAI_BIO_CM, "body_tokai_bio", "membership", L(240), "クラスターマネージャーやアドバイザーも出かけていって PR に努めている")
for pid in ("prog_biojapan", "prog_bio_expo", "prog_agribusiness_fair"):
    part(pid, TOKAI_BIO_CM, "participant", L(240), "バイオジャパン、国際バイオ EXPO、アグリビジネスフェアに出展し、クラスターマネージャーやアドバイザーも出かけていって PR に努めている")

# 備後: FPD firms and large IC firms take equipment makers' orders jointly (L272).
BINGO = program(
    "prog_chugoku_bingo_joint_orders", "大手装置メーカーの受注を共同で受ける体制（備後地域）", "network", L(272),
    "大手の装置メーカーの受注を共同で受ける体制を整えている", host="body_chugoku_next",
    en="Joint order-taking of Bingo FPD and IC firms for large equipment makers",
    note="FPD firms concentrated in 備後 (eastern 広島県) and the large IC firms there strengthen horizontal ties",
)
part(BINGO, "body_chugoku_next", "host", L(272), "次世代中核産業形成プロジェクト（中国地域）では、FPD（Flat Panel Display）企業は備後地域に集中している")
BINGO_FPD = node(
    "grp_bingo_fpd_firms", "備後地域のFPD企業", "other", L(272), "FPD（Flat Panel Display）企業は備後地域に集中している",
    cluster="chugoku_next", pref="広島県", en="FPD firms of the Bingo area",
    note="group node; 備後 is eastern 広島県 (geography, whence the prefecture)",
)
BINGO_IC = node(
    "grp_bingo_ic_firms", "備後地域の大手 IC 企業", "other", L(272), "そこには大手の IC 企業もあるので", pref="広島県",
    en="Large IC firms of the Bingo area", note="group node; 備後 is eastern 広島県 (geography, whence the prefecture)",
)
for g in (BINGO_FPD, BINGO_IC):
    part(BINGO, g, "participant", L(272), "横の連携を強化し、大手の装置メーカーの受注を共同で受ける体制を整えている")
tie(BINGO_FPD, BINGO_IC, "partnership", L(272), "そこには大手の IC 企業もあるので、横の連携を強化し", program=BINGO,
    note="horizontal ties for joint order-taking")

# 飯田: the aircraft joint-ordering body's customer development led by a project manager (L295-297).
IIDA_PM = node(
    "coord_sanen_iida_pm", "プロジェクトマネージャー（航空機産業の共同受注体、飯田）", "coordinator", L(297),
    "プロジェクトマネージャーを中心に効果的に行っている", cluster="sanen_nanshin", region="chubu",
    en="Project manager of the Iida aircraft joint-ordering body", note="role node: leads customer development that no single firm could do",
)
tie(IIDA_PM, "org_iida_aero_consortium", "membership", "seed:L295-297", "1社では出来ない顧客開拓も、プロジェクトマネージャーを中心に効果的に行っている")

# ---------------------------------------------------------------------------------------
# 3 国内広域連携活動 (L310-406)
# ---------------------------------------------------------------------------------------
# TOHOKU's exchange meetings with capital-region organizations (L379-381): the other side.
SHUTOKEN_ORGS = node(
    "grp_shutoken_orgs", "首都圏組織（TOHOKU ものづくりコリドーの交流先）", "other", L(379),
    "首都圏組織との交流会においてジョイントコーディネータを配置している", region="kanto",
    en="Capital-region organizations meeting TOHOKU firms",
    note="group node: the capital-region organizations are not named",
)
part("prog_tohoku_capital_exchange", SHUTOKEN_ORGS, "participant", L(379), "首都圏組織との交流会")
tie("body_tohoku", SHUTOKEN_ORGS, "matching", L(379, 381), "期待できそうな案件を首都圏との交流会で発表をしてもらう",
    program="prog_tohoku_capital_exchange", amount_yen=180000000,
    note="promising TOHOKU firms present at the exchange meetings; sales of ¥180M in H20 (2008) (amount_yen)")

# ---------------------------------------------------------------------------------------
# 4 海外展開支援活動 (L407-508)
# ---------------------------------------------------------------------------------------
# JOGA found its overseas partners through the embassies exhibiting at 東京ゲームショウ (L450).
EMBASSIES = node(
    "foreign_tgs_embassies", "各国の大使館（東京ゲームショウ出展）", "foreign_body", L(450),
    "東京ゲームショウに出展ブース設置予定の各国の大使館に出向き", region="overseas",
    en="Embassies exhibiting at the Tokyo Game Show",
    note="group node: the countries are not named here (the firms matched came from the Netherlands, Singapore, Taiwan, Norway, Sweden, Hong Kong, L452)",
)
tie("body_joga", EMBASSIES, "exchange", L(450), "東京ゲームショウに出展ブース設置予定の各国の大使館に出向き、イベント趣旨の説明や海外企業とのネットワークがある企業から海外企業の紹介を得る等をし",
    program="prog_online_game_forum", note="JOGA explained the forum to the embassies and obtained introductions to overseas firms")
part("prog_online_game_forum", EMBASSIES, "partner", L(450), "各国の大使館に出向き、イベント趣旨の説明や海外企業とのネットワークがある企業から海外企業の紹介を得る等をし")
part("prog_tokyo_game_show", EMBASSIES, "participant", L(450), "東京ゲームショウに出展ブース設置予定の各国の大使館", "reported")

# ---------------------------------------------------------------------------------------
# 5 産業人材育成活動 (L509-593)
# ---------------------------------------------------------------------------------------
HOKKAIDO_BIO_CM = node(
    "coord_hokkaido_bio_cm", "クラスター・マネージャー（北海道バイオ産業成長戦略）", "coordinator", L(541),
    "1回目はクラスター・マネージャーを塾頭として講義を実施", cluster="hokkaido_bio", region="hokkaido",
    en="Hokkaido Bio cluster manager", note="role node: head (塾頭) of the Bio Business Management School",
)
tie(HOKKAIDO_BIO_CM, "body_hokkaido_bio", "membership", L(541), "北海道バイオ産業成長戦略では「バイオビジネス経営塾」を実施している")
part("prog_hokkaido_bio_business_school", HOKKAIDO_BIO_CM, "organizer", L(541), "1回目はクラスター・マネージャーを塾頭として講義を実施")

# ---------------------------------------------------------------------------------------
# 6 クラスターの自立化に向けた活動 (L594-652)
# ---------------------------------------------------------------------------------------
TAMA_CM = node(
    "coord_tama_cm", "クラスターマネージャー（TAMA）", "coordinator", L(625),
    "クラスターマネージャーが本人の過去の経験を生かして各種システムのマニュアル化を他財団から委託を受けて実施", cluster="tama",
    region="kanto", en="TAMA cluster manager",
    note="role node: writes system manuals commissioned by other foundations (not named) — part of TAMA's self-reliance",
)
tie(TAMA_CM, "body_tama", "membership", L(625), "首都圏西部ネットワーク（TAMA）では、自律化を会費、補助金、受託事業の 3 本柱で考えている")

# ---------------------------------------------------------------------------------------
# The programme's phases (L28), as programs with their years, so that time slices can use them.
# ---------------------------------------------------------------------------------------
for pid, pname, pen, ref, ev, conf, since, until, pnote in (
    ("prog_cluster_plan_phase1", "第 1 期「産業クラスターの立ち上げ期」", "Phase 1: launch (2001-2005)", L(28),
     "平成 13 年度～平成 17 年度を第 1 期「産業クラスターの立ち上げ期」とし", "confirmed", 2001, 2005,
     "H13-H17: building face-to-face networks (顔の見えるネットワーク作り)"),
    ("prog_cluster_plan_phase2", "産業クラスターの成長期", "Phase 2: growth (2006-2009)", L(28),
     "平成 18 年度～平成 21 年度は「産業クラスターの成長期」として位置づけ", "confirmed", 2006, 2009,
     "H18-H21: realizing innovation; the text's 第 期 at L655 and L663 lost its number in the conversion"),
    ("prog_cluster_plan_self_reliance", "自律化したイノベーション活動", "Self-reliance (from 2010)", "seed:L7,L28",
     "今後は今までの活動で得たノウハウを効果的に活用し、産業クラスターを基盤として各地域で自律化したイノベーション活動が求められている", "reported", 2010, "",
     "stated as what is required from now on (今後); 2010 = the document's date (L7: 2010.3)"),
):
    program(pid, pname, "network", ref, ev, conf, host="org_meti", en=pen, since=since, until=until,
            note=f"phase of 産業クラスター計画 (prog_industrial_cluster_plan); {pnote}")
    part(pid, "org_meti", "host", L(26), "平成 13 年度から経済産業省で実施されてきた「産業クラスター計画」")
