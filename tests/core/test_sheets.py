"""The sheet-reading kit (core.sheets): the header row found under a title, formulas refused, blank rows skipped, and
every problem named by row and column; the three importers are tested through their own pages."""

import io
from dataclasses import dataclass

import openpyxl
import pytest

from qunying.core.sheets import FORMULA, SheetError, SheetSpec, cell_text, clean_header, read_rows, read_workbook
from tests.core.crafted_xlsx import clean_xlsx, crafted_xlsx


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False


SPEC = SheetSpec(
    columns=(
        Column("badge", "警号", ("工号",), required=True),
        Column("name", "姓名"),
        Column("unit", "单位", required=True),
    ),
    anchors=frozenset({"badge"}),
    no_header="第一行找不到%(headers)s",
    too_many_rows="最多%(max)s行",
    max_rows=3,
    max_blank_run=2,
    duplicates_are_errors=True,
)


def test_the_header_is_found_under_a_title_with_aliases_and_hints():
    sheet = read_rows([["2022年名单"], [], ["* 工号（必填）", "姓名", "备注"], ["340101", "杨磊成", "x"]], SPEC)

    assert (sheet.header_row, sheet.columns, sheet.ignored_headers) == (3, ["badge", "name"], ["备注"])
    assert [(row.number, row.values) for row in sheet.rows] == [(4, {"badge": "340101", "name": "杨磊成"})]
    assert [(error.row, error.column) for error in sheet.errors] == [(3, "单位")]  # a required column is missing


def test_formulas_are_reported_not_read_and_exported_text_is_unescaped():
    sheet = read_rows([["警号", "姓名", "单位", "警号"], [FORMULA, "'=张三", "甲所", "x"]], SPEC)

    [row] = sheet.rows
    assert (row.values, row.formulas) == ({"name": "=张三", "unit": "甲所"}, ("badge",))
    assert [(error.row, error.column) for error in sheet.errors] == [(1, "警号"), (2, "警号")]  # twice; a formula
    assert "公式" in sheet.errors[1].message


def test_blank_rows_are_skipped_and_a_long_blank_run_ends_the_sheet():
    rows = [["警号", "单位"], ["1", "甲"], [None, "  "], ["2", "乙"], [], [], ["3", "丙"]]

    assert [row.number for row in read_rows(rows, SPEC).rows] == [2, 4]


def test_too_many_rows_and_no_header_are_file_errors():
    with pytest.raises(SheetError, match="最多3行"):
        read_rows([["警号", "单位"], *[[str(n), "甲"] for n in range(4)]], SPEC)
    with pytest.raises(SheetError, match="第一行找不到警号"):
        read_rows([["姓名"]] * 6, SPEC)


def test_a_workbook_is_read_with_formula_cells_marked():
    workbook = openpyxl.Workbook()
    workbook.active.append(["警号", "单位"])
    workbook.active.append(["=1+1", "甲所"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    sheet = read_workbook(buffer, SPEC, max_unpacked_bytes=10 * 1024 * 1024)

    assert [(row.values, row.formulas) for row in sheet.rows] == [({"unit": "甲所"}, ("badge",))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (crafted_xlsx([["警号"]], "vba_default"), "宏"),
        (b"PK\x03\x04 not really a zip", "Excel 工作簿"),
        (clean_xlsx([["警号"]])[:200], "Excel 工作簿"),
    ],
)
def test_a_workbook_that_cannot_be_read_is_refused_in_chinese(data, message):
    with pytest.raises(SheetError, match=message):
        read_workbook(io.BytesIO(data), SPEC, max_unpacked_bytes=10 * 1024 * 1024)


def test_cells_read_as_text_and_headers_lose_marks():
    assert [cell_text(value) for value in (None, True, 3.0, " a ")] == ["", "是", "3", "a"]
    assert clean_header(" * 类别（民警/辅警）") == "类别"
