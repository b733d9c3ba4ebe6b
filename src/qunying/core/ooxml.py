"""Judging an uploaded Excel workbook by its content: a zip package holding a workbook, with no macros or ActiveX."""

import zipfile
from xml.etree import ElementTree

CONTENT_TYPES = "[content_types].xml"
WORKBOOK = "xl/workbook.xml"
MAX_CONTENT_TYPES_BYTES = 1024 * 1024  # a real one is a few kB
# Content types (and part names) that carry code: VBA projects and their signatures, macro-enabled workbooks and
# templates, Excel 4.0 macro sheets, ActiveX controls. Compared in lower case, as substrings.
CODE_MARKERS = ("vbaproject", "vbadata", "macroenabled", "macrosheet", "activex")


class PackageProblem(ValueError):
    """Why the upload is refused; `code` is "type" (not a workbook), "too_large" or "macro"."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def check_xlsx_package(file, *, max_unpacked_bytes: int) -> None:
    """Raise PackageProblem unless `file` (seekable, read from where it is and rewound) is a macro-free .xlsx.

    A name check alone is not enough: the part holding a VBA project may have any name, and the package's
    [Content_Types].xml is what tells Excel to run it, so the content types are checked too."""
    start = file.tell()
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > max_unpacked_bytes:
                raise PackageProblem("too_large")
            by_name = {member.filename.lower().lstrip("/"): member for member in members}
            if WORKBOOK not in by_name or CONTENT_TYPES not in by_name:
                raise PackageProblem("type")
            if any(marker in name for name in by_name for marker in CODE_MARKERS):
                raise PackageProblem("macro")
            if by_name[CONTENT_TYPES].file_size > MAX_CONTENT_TYPES_BYTES:
                raise PackageProblem("type")
            with archive.open(by_name[CONTENT_TYPES]) as stream:
                declared = stream.read(MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, RuntimeError, ValueError) as error:
        if isinstance(error, PackageProblem):
            raise
        raise PackageProblem("type") from None
    finally:
        file.seek(start)
    if any(marker in content_type for content_type in _content_types(declared) for marker in CODE_MARKERS):
        raise PackageProblem("macro")


def _content_types(declared: bytes) -> list[str]:
    """Every ContentType of the package's Default and Override entries, in lower case."""
    if len(declared) > MAX_CONTENT_TYPES_BYTES or b"<!DOCTYPE" in declared.upper() or b"<!ENTITY" in declared.upper():
        # Open Packaging Conventions forbid DTDs in package XML; refusing them keeps entity tricks out of the parse.
        raise PackageProblem("type")
    try:
        root = ElementTree.fromstring(declared)  # noqa: S314 -- DTDs are refused above: no entity can expand
    except ElementTree.ParseError:
        raise PackageProblem("type") from None
    return [element.get("ContentType", "").lower() for element in root.iter() if element.get("ContentType") is not None]
