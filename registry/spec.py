"""The NTA corporate-number download files (基本3情報): columns and codes.

Checked against the resource definition (リソース定義書) published on the NTA
corporate-number site and public parsers of the files (docs/registry.md).  A CSV file has
no header row and 30 columns, in this order.
"""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    """One column of the NTA CSV: its registry (SQLite) name and its Japanese name."""

    name: str
    name_ja: str


#: The 30 columns of the NTA CSV, in file order (項番 1–30).
COLUMNS: tuple[Column, ...] = (
    Column("sequence", "一連番号"),
    Column("corporate_number", "法人番号"),
    Column("process", "処理区分"),
    Column("correction", "訂正区分"),
    Column("update_date", "更新年月日"),
    Column("change_date", "変更年月日"),
    Column("name", "商号又は名称"),
    Column("name_image_id", "商号又は名称イメージID"),
    Column("kind", "法人種別"),
    Column("prefecture", "国内所在地（都道府県）"),
    Column("city", "国内所在地（市区町村）"),
    Column("street", "国内所在地（丁目番地等）"),
    Column("address_image_id", "国内所在地イメージID"),
    Column("prefecture_code", "都道府県コード"),
    Column("city_code", "市区町村コード"),
    Column("post_code", "郵便番号"),
    Column("address_outside", "国外所在地"),
    Column("address_outside_image_id", "国外所在地イメージID"),
    Column("close_date", "登記記録の閉鎖等年月日"),
    Column("close_cause", "登記記録の閉鎖等の事由"),
    Column("successor", "承継先法人番号"),
    Column("change_cause", "変更事由の詳細"),
    Column("assignment_date", "法人番号指定年月日"),
    Column("latest", "最新履歴"),
    Column("name_en", "商号又は名称（英語表記）"),
    Column("prefecture_en", "国内所在地（都道府県）（英語表記）"),
    Column("address_en", "国内所在地（市区町村丁目番地等）（英語表記）"),
    Column("address_outside_en", "国外所在地（英語表記）"),
    Column("furigana", "フリガナ"),
    Column("hihyoji", "検索対象除外"),
)

N_COLUMNS = len(COLUMNS)
NAMES: tuple[str, ...] = tuple(c.name for c in COLUMNS)
#: Position (0-based) of each column by its registry name.
INDEX: dict[str, int] = {c.name: i for i, c in enumerate(COLUMNS)}

#: 処理区分 (process).
PROCESS: dict[str, str] = {
    "01": "新規",
    "11": "商号又は名称の変更",
    "12": "国内所在地の変更",
    "13": "国外所在地の変更",
    "21": "登記記録の閉鎖等",
    "22": "登記記録の復活等",
    "71": "吸収合併",
    "72": "吸収合併無効",
    "81": "商号の登記の抹消",
    "99": "削除",
}
#: 処理区分 99: the publication of the number was withdrawn.
DELETED = "99"

#: 法人種別 (kind of organization).
KIND: dict[str, str] = {
    "101": "国の機関",
    "201": "地方公共団体",
    "301": "株式会社",
    "302": "有限会社",
    "303": "合名会社",
    "304": "合資会社",
    "305": "合同会社",
    "399": "その他の設立登記法人",
    "401": "外国会社等",
    "499": "その他",
}
#: 法人種別 101: a national body (省庁, 裁判所, 国会 …).
NATIONAL_BODY = "101"

#: 登記記録の閉鎖等の事由 (why the registration was closed).
CLOSE_CAUSE: dict[str, str] = {
    "01": "清算の結了等",
    "11": "合併による解散等",
    "21": "登記官による閉鎖",
    "31": "その他の清算の結了等",
}

#: 訂正区分 (0: not a correction, 1: a correction).
CORRECTION: dict[str, str] = {"0": "訂正以外", "1": "訂正"}
#: 最新履歴 (0: past information, 1: the latest).
LATEST: dict[str, str] = {"0": "過去情報", "1": "最新情報"}
#: 検索対象除外 (0: searchable, 1: excluded from search).
HIHYOJI: dict[str, str] = {"0": "検索対象", "1": "検索対象除外"}

#: Coded columns and their allowed codes (empty cells allowed where the column is optional).
CODES: dict[str, dict[str, str]] = {
    "process": PROCESS,
    "correction": CORRECTION,
    "kind": KIND,
    "close_cause": CLOSE_CAUSE,
    "latest": LATEST,
    "hihyoji": HIHYOJI,
}
#: Columns that must not be empty (the name and the kind may be, as in a withdrawn
#: number's row: 処理区分 99).
REQUIRED: tuple[str, ...] = ("sequence", "corporate_number", "process", "update_date")
#: Date columns (YYYY-MM-DD).
DATES: tuple[str, ...] = ("update_date", "change_date", "close_date", "assignment_date")
