"""Reading an export back in tests: the downloaded workbook's rows, header first."""

import io

import openpyxl


def export_rows(response) -> list[tuple]:
    """The rows of the first sheet of a streamed .xlsx download (header first), after checking it is one."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return list(workbook.worksheets[0].iter_rows(values_only=True))
