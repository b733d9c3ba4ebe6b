"""The upload check for Excel packages: content types decide, not member names."""

import io
import zipfile

import pytest

from qunying.core.ooxml import PackageProblem, check_xlsx_package
from tests.core.crafted_xlsx import CRAFTED_KINDS, clean_xlsx, crafted_xlsx

ROWS = [["姓名", "警号"], ["张伟", "010001"]]
LIMIT = 10 * 1024 * 1024


def test_a_clean_workbook_passes_and_is_rewound():
    file = io.BytesIO(clean_xlsx(ROWS))

    check_xlsx_package(file, max_unpacked_bytes=LIMIT)

    assert file.tell() == 0


@pytest.mark.parametrize("kind", CRAFTED_KINDS)
def test_a_package_declaring_code_is_refused_whatever_its_member_names(kind):
    with pytest.raises(PackageProblem) as refused:
        check_xlsx_package(io.BytesIO(crafted_xlsx(ROWS, kind)), max_unpacked_bytes=LIMIT)

    assert refused.value.code == "macro"


def test_a_vba_project_under_any_case_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target, zipfile.ZipFile(io.BytesIO(clean_xlsx(ROWS))) as source:
        for member in source.infolist():
            target.writestr(member, source.read(member))
        target.writestr("xl/VBAProject.BIN", b"code")

    with pytest.raises(PackageProblem) as refused:
        check_xlsx_package(buffer, max_unpacked_bytes=LIMIT)

    assert refused.value.code == "macro"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not a zip at all", "type"),
        (b"PK\x03\x04 truncated", "type"),
    ],
)
def test_what_is_not_a_workbook_is_refused_as_type(content, code):
    with pytest.raises(PackageProblem) as refused:
        check_xlsx_package(io.BytesIO(content), max_unpacked_bytes=LIMIT)

    assert refused.value.code == code


def test_content_types_with_a_dtd_are_refused():
    source = zipfile.ZipFile(io.BytesIO(clean_xlsx(ROWS)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "[Content_Types].xml":
                data = data.replace(b"<Types", b'<!DOCTYPE t [<!ENTITY a "macroEnabled">]><Types', 1)
            target.writestr(member, data)

    with pytest.raises(PackageProblem) as refused:
        check_xlsx_package(buffer, max_unpacked_bytes=LIMIT)

    assert refused.value.code == "type"


def test_a_package_that_unpacks_too_large_is_refused():
    with pytest.raises(PackageProblem) as refused:
        check_xlsx_package(io.BytesIO(clean_xlsx(ROWS)), max_unpacked_bytes=100)

    assert refused.value.code == "too_large"
