"""Crafted workbooks for the upload checks: a clean .xlsx whose package declares code under a harmless name."""

import io
import zipfile

import openpyxl

MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PROJECT = "application/vnd.ms-office.vbaProject"
ACTIVEX = "application/vnd.ms-office.activeX+xml"
MACRO_SHEET = "application/vnd.ms-excel.macrosheet+xml"


def clean_xlsx(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def crafted_xlsx(rows: list[list], kind: str) -> bytes:
    """`rows` in a workbook whose [Content_Types].xml declares code; no member is named vbaProject.bin.

    kind: "macro_workbook" (an .xlsm renamed), "vba_default" (a .dat extension mapped to a VBA project),
    "activex" (an ActiveX part), "macro_sheet" (an Excel 4.0 macro sheet), "escaped" (the macro-enabled type
    written with character references)."""
    source = zipfile.ZipFile(io.BytesIO(clean_xlsx(rows)))
    types = source.read("[Content_Types].xml").decode()
    extra: dict[str, bytes] = {}
    if kind == "macro_workbook":
        types = types.replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_WORKBOOK
        )
    elif kind == "escaped":
        escaped = "application/vnd.ms-excel.sheet.macro&#69;nabled.main+xml"
        types = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", escaped)
    elif kind == "vba_default":
        types = types.replace("<Default ", f'<Default Extension="dat" ContentType="{VBA_PROJECT}"/><Default ', 1)
        extra["xl/code.dat"] = b"\xd0\xcf\x11\xe0 not really a VBA project"
    elif kind == "activex":
        types = types.replace("</Types>", f'<Override PartName="/xl/ctrl/c1.xml" ContentType="{ACTIVEX}"/></Types>')
        extra["xl/ctrl/c1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="x"/>'
    elif kind == "macro_sheet":
        types = types.replace(
            "</Types>", f'<Override PartName="/xl/sheets/m1.xml" ContentType="{MACRO_SHEET}"/></Types>'
        )
        extra["xl/sheets/m1.xml"] = b'<?xml version="1.0"?><xm:macrosheet xmlns:xm="x"/>'
    else:
        raise ValueError(kind)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = types.encode() if member.filename == "[Content_Types].xml" else source.read(member)
            target.writestr(member, data)
        for name, data in extra.items():
            target.writestr(name, data)
    return buffer.getvalue()


CRAFTED_KINDS = ["macro_workbook", "vba_default", "activex", "macro_sheet", "escaped"]
