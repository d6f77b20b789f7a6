"""Problems found while reading or validating a bundle, with a code and a Japanese title.

Every problem the loaders report is a :class:`LoadProblem`: a :class:`graph.errors.Problem`
(file, spreadsheet row, column, English message, hint with the fix, severity) plus a stable
``code`` (used by tests, the CLI's ``--json`` output and :func:`is_fatal`) and a short
Japanese title (``message_ja``) from :data:`TITLES_JA`.
"""

from __future__ import annotations

from dataclasses import dataclass

from kizuna.graph.errors import Problem

#: Short Japanese title per problem code (English is in the message itself).
TITLES_JA: dict[str, str] = {
    "missing_file": "必須ファイルがありません",
    "duplicate_file": "同じ内容のファイルが二つあります",
    "unknown_file": "不明なファイルです",
    "unreadable": "ファイルを読み込めません",
    "empty_file": "ファイルが空です",
    "no_rows": "データ行がありません",
    "encoding": "文字コードを判別できません（UTF-8 または Shift_JIS で保存してください）",
    "ragged_row": "列の数が見出し行と合いません",
    "missing_column": "必須の列がありません",
    "duplicate_column": "同じ名前の列が二つあります",
    "unknown_column": "不明な列です（無視されます）",
    "empty_value": "必須の値が空です",
    "bad_year": "年の形式が正しくありません",
    "bad_number": "数値ではありません",
    "bad_bool": "true か false で入力してください",
    "bad_weight": "重みは正の数で入力してください",
    "bad_lat": "緯度が範囲外です（−90〜90）",
    "bad_lon": "経度が範囲外です（−180〜180）",
    "bad_year_range": "開始年が終了年より後です",
    "bad_corporate_number": "法人番号が正しくありません（13桁・チェックディジット）",
    "unknown_kind": "種類（kind）が不明です",
    "unknown_region": "地域（region）が不明です",
    "unknown_confidence": "確度（confidence）が不明です",
    "unknown_role": "役割（role）が不明です",
    "duplicate_id": "ID が重複しています",
    "missing_node": "存在しない組織を参照しています",
    "missing_program": "存在しないプログラムを参照しています",
    "missing_cluster": "clusters.csv にないクラスターです",
    "duplicate_tie": "同じつながりが二回書かれています（一回だけ読み込みます）",
    "self_tie": "自分自身へのつながりです",
    "reserved_id": "「prog:」で始まる id は、参加データから作るつながり用に予約されています",
    "bad_value": "値が正しくありません",
    "bad_column_name": "使えない列名です（半角英数字と _ で 64 文字まで）",
    "too_many_columns": "列が多すぎます",
    "unclosed_quote": '引用符（"）が閉じられていません',
    "bad_character": "使えない文字が含まれています",
    "too_large": "zip の中身が大きすぎます",
}

#: Codes that stop even a lenient (strict=False) open: the graph cannot be built at all.
FATAL_CODES: frozenset[str] = frozenset(
    {
        "missing_file",
        "unreadable",
        "empty_file",
        "missing_column",
        "duplicate_id",
        "missing_node",
        "too_many_columns",
        "unclosed_quote",
        "too_large",
    }
)

#: Codes meaning a file was there but could not be read at all (no table is built).
UNREAD_CODES: frozenset[str] = frozenset(
    {"empty_file", "unreadable", "too_many_columns", "unclosed_quote", "too_large"}
)


#: Control characters (a cell's line break, tab, ESC of a terminal escape sequence) and
#: lone surrogates, as they are shown in a problem's one line of text.
_ESCAPES: dict[int, str] = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in (*range(0x20), *range(0x7F, 0xA0), *range(0xD800, 0xE000))
}


@dataclass(frozen=True)
class LoadProblem(Problem):
    """A :class:`~graph.errors.Problem` with a stable code (see :data:`TITLES_JA`)."""

    code: str = ""
    #: The bundle file this is about, without extension (``nodes``, ``ties`` …; "" for
    #: the bundle as a whole).
    table: str = ""

    @property
    def message_ja(self) -> str:
        """Short Japanese title of the problem ('' for an unknown code)."""
        return TITLES_JA.get(self.code, "")

    def __str__(self) -> str:
        """``file, row r, column 'c': 日本語の見出し / English message — what to do``, on one
        line: control characters and lone surrogates of the values are escaped."""
        text = super().__str__()
        title = self.message_ja
        if not title:
            return text.translate(_ESCAPES)
        where, sep, rest = text.partition(": ")
        out = f"{where}{sep}{title} / {rest}" if sep else f"{title} / {text}"
        return out.translate(_ESCAPES)

    def as_dict(self) -> dict[str, object]:
        out = super().as_dict()
        out["code"] = self.code
        out["message_ja"] = self.message_ja
        out["table"] = self.table
        return out


def problem(
    code: str,
    file: str,
    row: int | None,
    column: str | None,
    message: str,
    hint: str = "",
    *,
    table: str = "",
    warning: bool = False,
) -> LoadProblem:
    """Build a :class:`LoadProblem` (severity "warning" when ``warning``)."""
    return LoadProblem(
        file=file,
        row=row,
        column=column,
        message=message,
        hint=hint,
        severity="warning" if warning else "error",
        code=code,
        table=table or file.split(".")[0],
    )


def is_fatal(p: Problem) -> bool:
    """True when the problem stops even a lenient open (see :data:`FATAL_CODES`).

    Nodes are deduplicated by id and ties by identity only after a strict check, so a
    duplicate node id or a tie to a missing node makes the graph ambiguous: fatal.
    """
    if p.severity != "error":
        return False
    code = getattr(p, "code", "")
    table = getattr(p, "table", "")
    if code == "duplicate_id":
        return table == "nodes"
    if code == "missing_node":
        return table == "ties"
    if code == "empty_file":
        return table in ("nodes", "ties")
    return code in FATAL_CODES
