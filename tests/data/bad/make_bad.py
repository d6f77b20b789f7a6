"""Regenerate the malformed bundles under tests/data/bad/ and expected.csv.

Each bundle is the small valid bundle BASE with one thing broken; expected.csv lists
every problem kizuna must report for it (severity, code, file, row, column).  Run from
the repository root:  python tests/data/bad/make_bad.py
"""

from __future__ import annotations

import csv
import datetime
import json
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

BASE: dict[str, str] = {
    "nodes": (
        "id,name,kind,cluster,region,prefecture,lat,lon,corporate_number\n"
        "a,TAMA協会,cluster_body,tama,kanto,東京都,35.66,139.34,\n"
        "b,多摩精密工業株式会社,company,tama,kanto,東京都,35.69,139.41,7000012050002\n"
        "c,東北大学,university,tohoku,tohoku,宮城県,38.25,140.87,\n"
        "d,関西エコテック,company,kansai,kinki,大阪府,34.70,135.49,\n"
    ),
    "ties": (
        "source,target,kind,directed,since,until,weight,confidence,program\n"
        "a,b,membership,false,2001,,1,confirmed,\n"
        "b,c,joint_rd,false,2004,2007,2,reported,\n"
        "a,d,mou,false,2009,,,confirmed,\n"
        "b,d,sales_channel,false,2008,,,uncertain,p1\n"
    ),
    "clusters": (
        "id,name,region,body\n"
        "tama,首都圏西部ネットワーク,kanto,a\n"
        "tohoku,TOHOKUものづくりコリドー,tohoku,\n"
        "kansai,環境ビジネスKANSAI,kinki,\n"
    ),
    "programs": "id,name,kind,host,since\np1,広域商談会,matching,a,2008\n",
    "participation": "program,organization,role\np1,b,participant\np1,d,participant\n",
}


def sub(table: str, old: str, new: str) -> dict[str, str]:
    text = BASE[table]
    assert old in text, (table, old)
    return {table: text.replace(old, new, 1)}


# name → (files changed: {file name or table: text/bytes/None}, expected problems)
# expected problem: (severity, code, file, row, column); row/column "" for none.
E = "error"
W = "warning"
CASES: dict[str, tuple[dict[str, str | bytes | None], list[tuple[object, ...]]]] = {
    "missing_nodes_file": ({"nodes": None}, [(E, "missing_file", "nodes.csv", "", "")]),
    "missing_ties_file": ({"ties": None}, [(E, "missing_file", "ties.csv", "", "")]),
    "empty_nodes_file": ({"nodes": ""}, [(E, "empty_file", "nodes.csv", "", "")]),
    "empty_ties_bom_only": ({"ties": b"\xef\xbb\xbf\r\n"}, [(E, "empty_file", "ties.csv", "", "")]),
    "nodes_header_only": (
        {
            "nodes": "id,name,kind\n",
            "ties": "source,target,kind\n",
            "clusters": None,
            "programs": None,
            "participation": None,
        },
        [(W, "no_rows", "nodes.csv", "", "")],
    ),
    "missing_column_kind": (
        {"nodes": BASE["nodes"].replace(",kind,", ",type,", 1)},
        [
            (E, "missing_column", "nodes.csv", 1, "kind"),
            (W, "unknown_column", "nodes.csv", 1, "type"),
        ],
    ),
    "missing_column_target": (
        {"ties": "source,kind\na,membership\n"},
        [(E, "missing_column", "ties.csv", 1, "target")],
    ),
    "unknown_org_kind": (
        sub("nodes", "c,東北大学,university", "c,東北大学,daigaku"),
        [(E, "unknown_kind", "nodes.csv", 4, "kind")],
    ),
    "unknown_tie_kind": (
        sub("ties", "a,b,membership", "a,b,friendship"),
        [(E, "unknown_kind", "ties.csv", 2, "kind")],
    ),
    "tie_to_missing_source": (
        sub("ties", "b,c,joint_rd", "x,c,joint_rd"),
        [(E, "missing_node", "ties.csv", 3, "source")],
    ),
    "tie_to_missing_target_case": (
        sub("ties", "a,d,mou", "a,D,mou"),
        [(E, "missing_node", "ties.csv", 4, "target")],
    ),
    "duplicate_node_id": (
        sub("nodes", "d,関西エコテック", "b,関西エコテック"),
        [
            (E, "duplicate_id", "nodes.csv", 5, "id"),
            (E, "missing_node", "ties.csv", 4, "target"),
            (E, "missing_node", "ties.csv", 5, "target"),
            (E, "missing_node", "participation.csv", 3, "organization"),
        ],
    ),
    "duplicate_node_id_fullwidth": (
        {"nodes": BASE["nodes"] + "ａ,重複,company,,,,,,\n"},
        [(E, "duplicate_id", "nodes.csv", 6, "id")],
    ),
    "bad_year_text": (
        sub("ties", "joint_rd,false,2004", "joint_rd,false,20O4"),
        [(E, "bad_year", "ties.csv", 3, "since")],
    ),
    "bad_year_range": (
        sub("ties", "2004,2007", "2007,2004"),
        [(E, "bad_year_range", "ties.csv", 3, "until")],
    ),
    "implausible_year": (
        sub("ties", "mou,false,2009", "mou,false,209"),
        [(E, "bad_year", "ties.csv", 4, "since")],
    ),
    "lat_out_of_range": (
        sub("nodes", "38.25,140.87", "138.25,140.87"),
        [(E, "bad_lat", "nodes.csv", 4, "lat")],
    ),
    "lon_out_of_range": (
        sub("nodes", "34.70,135.49", "34.70,-235.49"),
        [(E, "bad_lon", "nodes.csv", 5, "lon")],
    ),
    "lat_not_a_number": (
        sub("nodes", "35.66,139.34", "北緯35度,139.34"),
        [(E, "bad_number", "nodes.csv", 2, "lat")],
    ),
    "corporate_number_check_digit": (
        sub("nodes", "7000012050002", "8000012050002"),
        [(E, "bad_corporate_number", "nodes.csv", 3, "corporate_number")],
    ),
    "corporate_number_12_digits": (
        sub("nodes", "7000012050002", "000012050002"),
        [(E, "bad_corporate_number", "nodes.csv", 3, "corporate_number")],
    ),
    "wrong_encoding": (
        {"nodes": BASE["nodes"].encode("utf-8") + b"e,\x80\xff\xfe,company,,,,,,\n"},
        [(E, "encoding", "nodes.csv", 6, "")],
    ),
    "wrong_encoding_cp932": (
        {"nodes": BASE["nodes"].encode("cp932").replace("関西".encode("cp932"), b"\x82\xff")},
        [(E, "encoding", "nodes.csv", 5, "")],
    ),
    "unknown_confidence": (
        sub("ties", "2,reported", "2,probably"),
        [(E, "unknown_confidence", "ties.csv", 3, "confidence")],
    ),
    "bad_directed": (
        sub("ties", "a,d,mou,false", "a,d,mou,yes"),
        [(E, "bad_bool", "ties.csv", 4, "directed")],
    ),
    "bad_weight_zero": (
        sub("ties", "2004,2007,2", "2004,2007,0"),
        [(E, "bad_weight", "ties.csv", 3, "weight")],
    ),
    "bad_weight_text": (
        sub("ties", "2004,2007,2", "2004,2007,heavy"),
        [(E, "bad_number", "ties.csv", 3, "weight")],
    ),
    "unknown_region": (
        sub("nodes", "kansai,kinki", "kansai,kansai"),
        [(E, "unknown_region", "nodes.csv", 5, "region")],
    ),
    "participation_missing_program": (
        sub("participation", "p1,d", "p2,d"),
        [(E, "missing_program", "participation.csv", 3, "program")],
    ),
    "participation_missing_org": (
        sub("participation", "p1,b", "p1,zz"),
        [(E, "missing_node", "participation.csv", 2, "organization")],
    ),
    "cluster_not_in_clusters": (
        sub("nodes", "c,東北大学,university,tohoku", "c,東北大学,university,touhoku"),
        [(E, "missing_cluster", "nodes.csv", 4, "cluster")],
    ),
    "empty_name": (
        sub("nodes", "c,東北大学,", "c,,"),
        [(E, "empty_value", "nodes.csv", 4, "name")],
    ),
    "ragged_row": (
        sub(
            "ties",
            "b,c,joint_rd,false,2004,2007,2,reported,",
            "b,c,joint_rd,false,2004,2007,2,reported,,extra",
        ),
        [(E, "ragged_row", "ties.csv", 3, "")],
    ),
    "duplicate_column": (
        {
            "nodes": "id,name,kind,name\na,A,company,B\n",
            "ties": "source,target,kind\n",
            "clusters": None,
            "programs": None,
            "participation": None,
        },
        [(E, "duplicate_column", "nodes.csv", 1, "name")],
    ),
    "duplicate_tie": (
        {"ties": BASE["ties"] + "b,c,joint_rd,true,2004,,,reported,\n"},
        [(W, "duplicate_tie", "ties.csv", 6, "")],
    ),
    "duplicate_tie_id": (
        {"ties": "id,source,target,kind\nt1,a,b,mou\nt2,b,c,mou\nt1,c,d,mou\n"},
        [(W, "duplicate_tie", "ties.csv", 4, "id")],
    ),
    "reserved_tie_id": (
        {"ties": "id,source,target,kind\nt1,a,b,mou\nprog:p1:b:c,b,c,mou\n"},
        [(E, "reserved_id", "ties.csv", 3, "id")],
    ),
    "self_tie": (
        sub("ties", "a,d,mou", "d,d,mou"),
        [(W, "self_tie", "ties.csv", 4, "target")],
    ),
    "unknown_column": (
        {"nodes": BASE["nodes"].replace("corporate_number", "corporate_no", 1)},
        [(W, "unknown_column", "nodes.csv", 1, "corporate_no")],
    ),
    "unknown_program_kind": (
        sub("programs", "matching", "party"),
        [(E, "unknown_kind", "programs.csv", 2, "kind")],
    ),
    "unknown_role": (
        sub("participation", "p1,d,participant", "p1,d,guest"),
        [(E, "unknown_role", "participation.csv", 3, "role")],
    ),
    "negative_deals": (
        {"ties": "source,target,kind,deals\na,b,matching,-3\n"},
        [(E, "bad_number", "ties.csv", 2, "deals")],
    ),
    "program_host_missing": (
        sub("programs", "matching,a,", "matching,host_x,"),
        [(E, "missing_node", "programs.csv", 2, "host")],
    ),
    "cluster_body_missing": (
        sub("clusters", "kanto,a", "kanto,body_tama"),
        [(E, "missing_node", "clusters.csv", 2, "body")],
    ),
    "tie_program_missing": (
        sub("ties", ",uncertain,p1", ",uncertain,p9"),
        [(E, "missing_program", "ties.csv", 5, "program")],
    ),
    "two_nodes_files": (
        {"nodes.json": json.dumps([{"id": "a", "name": "A", "kind": "company"}])},
        [(E, "duplicate_file", "nodes.json", "", "")],
    ),
    "blank_lines_shift_rows": (
        {
            "ties": BASE["ties"]
            .replace("a,d,mou", "\n,,,,,,,,\na,d,mou")
            .replace("mou,false,2009", "mou,false,2O09")
        },
        [(E, "bad_year", "ties.csv", 6, "since")],
    ),
    "quoted_newline_rows": (
        {
            "ties": "source,target,kind,evidence,since\n"
            'a,b,mou,"line 1\nline 2",2001\nb,c,mou,x,19x9\n'
        },
        [(E, "bad_year", "ties.csv", 3, "since")],
    ),
    "typo_file_name": (
        {"nodes": None, "node.csv": BASE["nodes"]},
        [(W, "unknown_file", "node.csv", "", ""), (E, "missing_file", "nodes.csv", "", "")],
    ),
    "duplicate_participation": (
        {"participation": BASE["participation"] + "p1,b,host\n"},
        [(W, "duplicate_tie", "participation.csv", 4, "organization")],
    ),
    "json_bad_lat": (
        {
            "nodes": None,
            "nodes.json": json.dumps(
                [
                    {"id": k, "name": k.upper(), "kind": "company", "lat": lat}
                    for k, lat in (("a", 35.0), ("b", 91.5), ("c", None), ("d", 34.0))
                ]
            ),
        },
        [(E, "bad_lat", "nodes.json", 2, "lat")],
    ),
    "jsonl_broken_line": (
        {
            "nodes": None,
            "nodes.jsonl": '{"id":"a","name":"A","kind":"company"}\n{"id":"b",\n'
            '{"id":"c","name":"C","kind":"company"}\n{"id":"d","name":"D","kind":"bank"}\n',
        },
        [
            (E, "unreadable", "nodes.jsonl", 2, ""),
            (E, "missing_node", "ties.csv", 2, "target"),
            (E, "missing_node", "ties.csv", 3, "source"),
            (E, "missing_node", "ties.csv", 5, "source"),
            (E, "missing_node", "participation.csv", 2, "organization"),
        ],
    ),
}


def nodes_json(records: str, name: str = "nodes.json") -> dict[str, str | bytes | None]:
    return {"nodes": None, name: records}


FOUR = '"id":"a","name":"A","kind":"company"'
WIDE = ",".join(f"extra_{i}" for i in range(495))
SURROGATE_JSON = (
    '[{"id":"a","name":"A","kind":"company"},{"id":"b","name":"B","kind":"company"},'
    '{"id":"c","name":"C\\ud800","kind":"company"},{"id":"d","name":"D","kind":"company"}]'
)
DEEP = '[{"id":"a","name":' + "[" * 3000 + "]" * 3000 + ',"kind":"company"}]'
ODD_LINES = "".join(
    '{"id":"%s","name":"%s","kind":"%s"}\n' % (k, name, kind)
    for k, name, kind in (
        ("a", "TAMA\u2028協会", "cluster_body"),
        ("b", "多摩\u2029精密\x85工業", "company"),
        ("c", "東北\\f大学", "daigaku"),
        ("d", "関西\\u001cエコテック", "company"),
    )
)
#: The hostile inputs of issue 12 (items 1, 4, 8) and issue 14 (item 7).
#: An expected problem may end with the part of the English message it must show.
HOSTILE: dict[str, tuple[dict[str, str | bytes | None], list[tuple[object, ...]]]] = {
    "column_at_rid": (
        sub("ties", "program\n", "program,@rid\n"),
        [(E, "bad_column_name", "ties.csv", 1, "@rid", "starting with @")],
    ),
    "column_at_type_fullwidth": (
        sub("nodes", "corporate_number\n", "corporate_number,＠ｔｙｐｅ\n"),
        [(E, "bad_column_name", "nodes.csv", 1, "@type", "starting with @")],
    ),
    "column_reserved_key": (
        sub("ties", "program\n", "program,key\n"),
        [(E, "bad_column_name", "ties.csv", 1, "key", "kizuna keeps 'key'")],
    ),
    "column_japanese_name": (
        sub("nodes", "corporate_number\n", "corporate_number,備考\n"),
        [(E, "bad_column_name", "nodes.csv", 1, "備考", "Japanese ones cannot")],
    ),
    "too_many_columns": (
        sub("nodes", "corporate_number\n", f"corporate_number,{WIDE}\n"),
        [(E, "too_many_columns", "nodes.csv", 1, "", "504 columns")],
    ),
    "cr_only_line_endings": (
        {
            "nodes": BASE["nodes"].replace("\n", "\r"),
            "ties": BASE["ties"].replace("\n", "\r").replace("2004,2007", "2004,20O7"),
        },
        [(E, "bad_year", "ties.csv", 3, "until", "'20O7' is not a year")],
    ),
    "utf16be_no_bom": (
        {"nodes": BASE["nodes"].encode("utf-16-be")},
        [(E, "unreadable", "nodes.csv", "", "", "UTF-16 (big-endian)")],
    ),
    "utf16le_no_bom": (
        {"ties": BASE["ties"].encode("utf-16-le")},
        [(E, "unreadable", "ties.csv", "", "", "UTF-16 (little-endian)")],
    ),
    "utf32_no_bom": (
        {"nodes": BASE["nodes"].encode("utf-32-le")},
        [(E, "unreadable", "nodes.csv", "", "", "UTF-32 (little-endian)")],
    ),
    "utf32_with_bom_read": (
        {
            "nodes": BASE["nodes"]
            .replace("c,東北大学,university", "c,東北大学,daigaku")
            .encode("utf-32")
        },
        [(E, "unknown_kind", "nodes.csv", 4, "kind", "'daigaku' is not a known kind")],
    ),
    "nul_bytes_file": (
        {"nodes": b"\0" * 4000},
        [(E, "unreadable", "nodes.csv", "", "", "only NUL bytes")],
    ),
    "nul_in_name": (
        sub("nodes", "東北大学", "東北\0大学"),
        [(E, "bad_character", "nodes.csv", 4, "name", "NUL byte")],
    ),
    "json_deeply_nested": (
        nodes_json(DEEP),
        [(E, "unreadable", "nodes.json", "", "", "nested too deeply")],
    ),
    "json_5001_digit_number": (
        nodes_json(SURROGATE_JSON.replace('"C\\ud800"', f'"C","lat":{"9" * 5001}')),
        [(E, "bad_lat", "nodes.json", 3, "lat", "a number with too many digits is out of range")],
    ),
    "json_lone_surrogate": (
        nodes_json(SURROGATE_JSON),
        [(E, "bad_character", "nodes.json", 3, "name", "half of a surrogate pair")],
    ),
    "json_nested_object": (
        nodes_json(SURROGATE_JSON.replace('"C\\ud800"', '{"ja":"C"}')),
        [(E, "bad_value", "nodes.json", 3, "name", "a JSON object cannot be a cell")],
    ),
    "json_nan_infinity": (
        nodes_json(
            SURROGATE_JSON.replace('"C\\ud800"', '"C","lat":NaN').replace(
                '"B"', '"B","lon":-Infinity'
            )
        ),
        [
            (E, "bad_number", "nodes.json", 3, "lat", "NaN is not a number"),
            (E, "bad_number", "nodes.json", 2, "lon", "-Infinity is not a number"),
        ],
    ),
    "jsonl_line_separators_in_strings": (
        nodes_json(ODD_LINES, "nodes.jsonl"),
        [(E, "unknown_kind", "nodes.jsonl", 3, "kind", "'daigaku'")],
    ),
    "cp932_undefined_bytes": (
        {
            "nodes": BASE["nodes"]
            .encode("cp932")
            .replace("関西".encode("cp932"), "関".encode("cp932") + b"\xfd")
            .replace("東北大学".encode("cp932"), b"\xa0" + "東北大学".encode("cp932"))
            .replace("TAMA".encode(), b"TAM\xf0\x40")
            .replace("東京都".encode("cp932"), b"\x80" + "東京都".encode("cp932"), 1)
            .replace("多摩".encode("cp932"), "多摩".encode("cp932") + b"\xfe")
            .replace("宮城県".encode("cp932"), "宮城県".encode("cp932") + b"\xff")
        },
        [
            (E, "bad_character", "nodes.csv", 2, "name", "外字"),
            (E, "bad_character", "nodes.csv", 2, "prefecture", "the byte 0x80"),
            (E, "bad_character", "nodes.csv", 3, "name", "the byte 0xFE"),
            (E, "bad_character", "nodes.csv", 4, "name", "the byte 0xA0"),
            (E, "bad_character", "nodes.csv", 4, "prefecture", "the byte 0xFF"),
            (E, "bad_character", "nodes.csv", 5, "name", "the byte 0xFD"),
        ],
    ),
    "era_year_zero": (
        {
            "ties": "source,target,kind,since\n"
            "a,b,membership,平成0年\nb,c,joint_rd,令和0\na,d,mou,S65\nb,d,mou,令和元年\n"
        },
        [
            (E, "bad_year", "ties.csv", 2, "since", "平成 years run from 1 (元年, 1989)"),
            (E, "bad_year", "ties.csv", 3, "since", "令和 years start at 1 (元年, 2019)"),
            (E, "bad_year", "ties.csv", 4, "since", "昭和 years run from 1"),
        ],
    ),
    "unclosed_quote": (
        sub("ties", "a,d,mou,false", 'a,d,"mou,false'),
        [(E, "unclosed_quote", "ties.csv", 4, "", "never closed")],
    ),
    "double_bom": (
        {"nodes": b"\xef\xbb\xbf\xef\xbb\xbf" + BASE["nodes"].encode("utf-8")},
        [(E, "encoding", "nodes.csv", 1, "", "2 byte-order marks")],
    ),
}
CASES.update(HOSTILE)

#: Bundles that are single files (zip / xlsx), made from the folder cases above.
FILE_CASES: dict[str, tuple[str, list[tuple[object, ...]]]] = {
    "zip_nested_missing_node.zip": (
        "tie_to_missing_source",
        [(E, "missing_node", "ties.csv", 3, "source")],
    ),
    "zip_top_level_bad_year.zip": ("bad_year_text", [(E, "bad_year", "ties.csv", 3, "since")]),
    "xlsx_unknown_kind.xlsx": (
        "unknown_org_kind",
        [(E, "unknown_kind", "xlsx_unknown_kind.xlsx [nodes]", 4, "kind")],
    ),
    "xlsx_missing_column.xlsx": (
        "missing_column_target",
        [(E, "missing_column", "xlsx_missing_column.xlsx [ties]", 1, "target")],
    ),
    "xlsx_5001_digit_number.xlsx": (
        "",
        [
            (
                E,
                "unreadable",
                "xlsx_5001_digit_number.xlsx [nodes]",
                2,
                "",
                "a number with more than 4,300 digits",
            )
        ],
    ),
    "zip_crc_error.zip": ("", [(E, "unreadable", "nodes.csv", "", "", "checksum (CRC)")]),
    "zip_encrypted_member.zip": (
        "",
        [(E, "unreadable", "ties.csv", "", "", "is encrypted (protected by a password)")],
    ),
    "zip_unknown_method.zip": (
        "",
        [(E, "unreadable", "clusters.csv", "", "", "compressed with Deflate64")],
    ),
}

#: How each damaged zip is broken: (member, what) — a flipped byte of its stored data
#: (CRC error), the encryption flag, or compression method 9 (Deflate64).
ZIP_DAMAGE: dict[str, tuple[str, str]] = {
    "zip_crc_error.zip": ("nodes.csv", "crc"),
    "zip_encrypted_member.zip": ("ties.csv", "encrypted"),
    "zip_unknown_method.zip": ("clusters.csv", "deflate64"),
}


#: Workbooks whose sheet XML is changed after saving: (member, old bytes, new bytes).
XLSX_PATCH: dict[str, tuple[str, bytes, bytes]] = {
    "xlsx_5001_digit_number.xlsx": (
        "xl/worksheets/sheet1.xml",
        b"<v>35.66</v>",
        b"<v>" + b"9" * 5001 + b"</v>",
    ),
}


def patch_xlsx(path: Path, member: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as zf:
        entries = [(i, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            if info.filename == member:
                assert old in data, (member, old)
                data = data.replace(old, new, 1)
            zf.writestr(info, data)


def damage_zip(data: bytes, member: str, what: str) -> bytes:
    """``data`` (a zip of stored members) with ``member`` broken as ``what`` says."""
    out = bytearray(data)
    name = member.encode()
    # (signature, offset of the flag bits, offset of the method, offset of the name)
    for sig, flag_at, method_at, name_at in ((b"PK\x03\x04", 6, 8, 30), (b"PK\x01\x02", 8, 10, 46)):
        pos = out.find(sig)
        while pos >= 0:
            if out[pos + name_at : pos + name_at + len(name)] == name:
                if what == "encrypted":
                    out[pos + flag_at] |= 1
                elif what == "deflate64":
                    out[pos + method_at : pos + method_at + 2] = (9).to_bytes(2, "little")
                elif sig == b"PK\x03\x04":  # crc: flip the first byte of the stored data
                    extra = int.from_bytes(out[pos + 28 : pos + 30], "little")
                    out[pos + name_at + len(name) + extra] ^= 0x20
            pos = out.find(sig, pos + 4)
    return bytes(out)


def files_of(changes: dict[str, str | bytes | None]) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {f"{t}.csv": text for t, text in BASE.items()}
    for name, text in changes.items():
        fname = name if "." in name else f"{name}.csv"
        if text is None:
            out.pop(fname, None)
        else:
            out[fname] = text
    return out


def write_case(folder: Path, changes: dict[str, str | bytes | None]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for fname, text in files_of(changes).items():
        (folder / fname).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def write_xlsx(path: Path, changes: dict[str, str | bytes | None]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for fname, text in files_of(changes).items():
        ws = wb.create_sheet(fname.removesuffix(".csv"))
        data = text.decode("utf-8") if isinstance(text, bytes) else text
        for i, row in enumerate(csv.reader(data.splitlines())):
            for j, cell in enumerate(row):
                value: object = cell
                if i > 0 and cell.replace(".", "", 1).isdigit():
                    value = float(cell)  # Excel stores numbers as floats
                if cell != "":
                    ws.cell(row=i + 1, column=j + 1, value=value)
        if i == 0:  # header cells with full-width spaces, as Japanese users type them
            ws.cell(row=1, column=1, value=f"　{ws.cell(row=1, column=1).value}　")
    fixed = datetime.datetime(2026, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    wb.save(path)
    with zipfile.ZipFile(path) as zf:  # fixed timestamps: the same bytes on every run
        entries = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data)


def main() -> None:
    rows = []
    for name, (changes, expected) in CASES.items():
        write_case(HERE / name, changes)
        rows += [(name, *e) for e in expected]
    for fname, (case, expected) in FILE_CASES.items():
        changes = CASES[case][0] if case else {}
        path = HERE / fname
        if fname.endswith(".zip"):
            nested = "nested" in fname
            with zipfile.ZipFile(path, "w") as zf:
                for inner, text in files_of(changes).items():
                    arc = f"bundle/{inner}" if nested else inner
                    info = zipfile.ZipInfo(arc, date_time=(2026, 1, 1, 0, 0, 0))
                    zf.writestr(info, text if isinstance(text, bytes) else text.encode("utf-8"))
            if fname in ZIP_DAMAGE:
                path.write_bytes(damage_zip(path.read_bytes(), *ZIP_DAMAGE[fname]))
        else:
            write_xlsx(path, changes)
            if fname in XLSX_PATCH:
                patch_xlsx(path, *XLSX_PATCH[fname])
        rows += [(fname, *e) for e in expected]
    rows = [(*r, "")[:7] for r in rows]  # "says" is optional
    with open(HERE / "expected.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["bundle", "severity", "code", "file", "row", "column", "says"])
        w.writerows(rows)
    print(f"{len(CASES)} folders, {len(FILE_CASES)} files, {len(rows)} expected problems")


if __name__ == "__main__":
    main()
