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
