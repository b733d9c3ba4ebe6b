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


def test_export_rows_streams_a_queryset_and_records_the_export(tree, role_user):
    from qunying.core.exports import export_rows
    from qunying.core.models import AuditEntry
    from qunying.org.models import Unit

    user = role_user("political_officer")
    target = io.BytesIO()

    count = export_rows(
        Unit.objects.order_by("path"),
        lambda unit: [unit.name, "=" + unit.name],
        columns=[("单位", 20), ("备注", 20)],
        sheet_name="单位",
        target=target,
        by=user,
        action="core.test.exported",
        filters={"unit": tree["station_a"], "q": "", "flag": False},
        chunk_size=2,  # several round trips: the rows still come out whole and in order
    )

    rows = list(openpyxl.load_workbook(io.BytesIO(target.getvalue()))["单位"].iter_rows(values_only=True))
    assert count == 4 == len(rows) - 1
    assert rows[1] == ("测试市公安局", "'=测试市公安局")
    entry = AuditEntry.objects.get(action="core.test.exported")
    assert entry.actor == user and entry.data == {"filters": {"unit": tree["station_a"].pk}, "rows": 4}


def test_export_rows_writes_a_list_computed_in_python_as_it_is(db):
    from qunying.core.exports import export_rows

    target = io.BytesIO()

    count = export_rows(
        [("甲", 2), ("乙", 1)],
        list,
        columns=[("名称", 8), ("数", 4)],
        sheet_name="表",
        target=target,
        by=None,
        action="core.test.exported",
        filters={},
    )

    rows = list(openpyxl.load_workbook(io.BytesIO(target.getvalue()))["表"].iter_rows(values_only=True))
    assert count == 2 and rows[1:] == [("甲", 2), ("乙", 1)]
