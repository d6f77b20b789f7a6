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
CASES: dict[str, tuple[dict[str, str | bytes | None], list[tuple[str, str, str, object, str]]]] = {
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

#: Bundles that are single files (zip / xlsx), made from the folder cases above.
FILE_CASES: dict[str, tuple[str, list[tuple[str, str, str, object, str]]]] = {
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
}


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
        changes = CASES[case][0]
        path = HERE / fname
        if fname.endswith(".zip"):
            nested = "nested" in fname
            with zipfile.ZipFile(path, "w") as zf:
                for inner, text in files_of(changes).items():
                    arc = f"bundle/{inner}" if nested else inner
                    info = zipfile.ZipInfo(arc, date_time=(2026, 1, 1, 0, 0, 0))
                    zf.writestr(info, text if isinstance(text, bytes) else text.encode("utf-8"))
        else:
            write_xlsx(path, changes)
        rows += [(fname, *e) for e in expected]
    with open(HERE / "expected.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["bundle", "severity", "code", "file", "row", "column"])
        w.writerows(rows)
    print(f"{len(CASES)} folders, {len(FILE_CASES)} files, {len(rows)} expected problems")


if __name__ == "__main__":
    main()
