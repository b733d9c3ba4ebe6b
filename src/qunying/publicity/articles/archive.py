"""Several articles at once: the files of a zip or of a folder, each with its name, within limits (a zip bomb, a
folder of videos or a zip inside a zip is refused or reported, never unpacked without bounds)."""

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from qunying.publicity.articles.errors import ArticleError
from qunying.publicity.articles.repair import MAX_BYTES

ZIP_SIGNATURE = b"PK\x03\x04"
MAX_FILES = 2000
MAX_UNPACKED = 200 * 1024 * 1024
UTF8_NAMES = 0x800  # zip flag: the member's name is UTF-8; otherwise it was written in the system code page (GBK)


class Entry:
    """One file of a batch: its name and either its bytes or why it cannot be read."""

    def __init__(self, name: str, data: bytes | None = None, problem: str = ""):
        self.name, self.data, self.problem = name, data, problem


def is_zip(data: bytes) -> bool:
    return data[:4] == ZIP_SIGNATURE


def _member_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & UTF8_NAMES:
        return info.filename
    try:  # Windows archivers write Chinese names in GBK, which zipfile reads as cp437
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _skipped(name: str) -> bool:
    parts = Path(name).parts
    return not parts or any(part.startswith(".") or part == "__MACOSX" for part in parts)


def zip_members(data: bytes) -> list[zipfile.ZipInfo]:
    """The files of a zip worth reading, refusing a zip that is not one or unpacks beyond bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir() and not _skipped(_member_name(m))]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ArticleError("压缩包已损坏，无法打开。") from None
    if not members:
        raise ArticleError("压缩包中没有文件。")
    if len(members) > MAX_FILES:
        raise ArticleError(f"压缩包中的文件过多（{len(members)} 个），一次最多 {MAX_FILES} 篇，请分批上传。")
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise ArticleError("压缩包解压后过大，请分批上传。")
    return members


def zip_entries(data: bytes) -> Iterator[Entry]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for member in zip_members(data):
        name = _member_name(member)
        if member.file_size > MAX_BYTES:
            yield Entry(name, problem=f"文件过大（{member.file_size // 1024} KB），文章不应超过 2 MB。")
            continue
        try:
            with archive.open(member) as handle:
                content = handle.read(MAX_BYTES + 1)  # the size in the header may lie: read no more than allowed
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            yield Entry(name, problem="压缩包中的这个文件已损坏或已加密，无法读取。")
            continue
        if len(content) > MAX_BYTES:
            yield Entry(name, problem="文件过大，文章不应超过 2 MB。")
        elif is_zip(content):
            yield Entry(name, problem="压缩包中的压缩包不会展开，请解压后上传。")
        else:
            yield Entry(name, content)


def count(filename: str, data: bytes) -> int:
    return len(zip_members(data)) if is_zip(data) else 1


def entries(filename: str, data: bytes) -> Iterator[Entry]:
    """The articles of an upload: the files of a zip, or the upload itself."""
    if is_zip(data):
        yield from zip_entries(data)
    else:
        yield Entry(filename, data)


def paths(arguments: list[str]) -> Iterator[Entry]:
    """The articles named on the command line: files, the files of folders (sorted, hidden ones skipped), zips."""
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(str(p.relative_to(path))))
            if not files:
                yield Entry(argument, problem=f"文件夹中没有文件：{argument}")
            for file in files:
                yield from _file(file, display=str(file))
        elif path.is_file():
            yield from _file(path, display=argument)
        else:
            yield Entry(argument, problem=f"找不到文件：{argument}")


def _file(path: Path, *, display: str) -> Iterator[Entry]:
    size = path.stat().st_size
    if size > MAX_BYTES and path.suffix.lower() != ".zip":
        yield Entry(display, problem=f"文件过大（{size // 1024} KB），文章不应超过 {MAX_BYTES // 1024 // 1024} MB。")
        return
    if size > MAX_UNPACKED:
        yield Entry(display, problem="压缩包过大，请分批导入。")
        return
    data = path.read_bytes()
    if is_zip(data):
        try:
            for entry in zip_entries(data):
                yield Entry(f"{display}/{entry.name}", entry.data, entry.problem)
        except ArticleError as error:
            yield Entry(display, problem=str(error))
    else:
        yield Entry(display, data)
