"""Excel exports: a bold header, every row written, formula text neutralised."""

import io

import openpyxl

from qunying.core.exports import write_table


def test_write_table_writes_the_header_and_neutralised_rows():
    target = io.BytesIO()

    count = write_table(
        iter([["王芳", '=HYPERLINK("x")'], ["李强", "-1+2"]]),
        columns=[("姓名", 10), ("备注", 20)],
        sheet_name="测试",
        target=target,
    )

    sheet = openpyxl.load_workbook(io.BytesIO(target.getvalue()))["测试"]
    rows = list(sheet.iter_rows(values_only=True))
    assert count == 2
    assert rows == [("姓名", "备注"), ("王芳", '\'=HYPERLINK("x")'), ("李强", "'-1+2")]
    assert sheet["A1"].font.bold
