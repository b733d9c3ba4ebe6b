"""Text decoded with the wrong codec as a whole: UTF-8 bytes read as GBK (鍙戝竷), GBK or UTF-8 bytes read as
Latin-1/cp1252 (·¢²¼, å‘å¸ƒ), and GBK bytes read as UTF-8 (replacement characters only: the text is lost).

A reading is taken only when it is clearly better Chinese than the text as it came (the mean frequency of its Han
characters in jieba's dictionary, lexicon.plausibility). A byte the wrong decoding dropped (one U+FFFD each) is put
back only when exactly one byte reproduces what the wrong decoding produced and makes valid UTF-8; the character
around any other lost byte is flagged, with the mojibake characters that held it kept raw.
"""

import bisect

from qunying.publicity.articles.errors import ArticleError
from qunying.publicity.articles.lexicon import plausibility, word_frequency

Segment = tuple[str, bool, str]  # (piece, damaged, what a damaged piece most likely said, or "")
LONG_ENOUGH = 40  # an article, not a line: a few replacement characters in a short text are flagged, not refused
LOST_SHARE_REFUSED = 0.2  # this share of replacement characters: the text was thrown away when it was read
BETTER_BY = 1.5  # a new reading must beat the old by this much mean log-frequency …
GOOD_ENOUGH = 9.0  # … and read like ordinary Chinese (clean articles score 11, mojibake 6–7)
LIKELY_MARGIN = 10  # a hint only when its word is ten times commoner than the next candidate's (公安 2800, 六安 89)
DAMAGED_SHARE_ACCEPTED = 0.35  # a reading that leaves more than this flagged is no reading


def undo_wrong_codec(text: str) -> tuple[list[Segment], list[str]]:
    visible = [ch for ch in text if not ch.isspace()]
    if len(visible) >= LONG_ENOUGH and text.count("\ufffd") > LOST_SHARE_REFUSED * len(visible):
        raise ArticleError(
            "文件中大量字符已变成“�”：GBK 编码的文本曾被按 UTF-8 读取，原字符已经丢失，无法修复。请重新获取原文件。"
        )
    for attempt in (_read_as_latin1, _utf8_read_as_gbk):
        found = attempt(text)
        if found is not None:
            return found
    return [(text, False, "")], []


def _better(candidate: str, original: str) -> bool:
    new = plausibility(candidate)
    return new >= GOOD_ENOUGH and new >= plausibility(original) + BETTER_BY


# ---------------------------------------------------------------------------------------------------- Latin-1 / cp1252


def _latin1_bytes(ch: str) -> bytes | None:
    if ord(ch) < 256:
        return bytes([ord(ch)])
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return None


def _read_as_latin1(text: str) -> tuple[list[Segment], list[str]] | None:
    high = [ch for ch in text if ord(ch) > 127]
    if len(high) < 8:
        return None
    data = bytearray()
    for ch in text:
        byte = _latin1_bytes(ch)
        if byte is None:
            return None  # a character no single-byte reading produces: this is not Latin-1 mojibake
        data += byte
    for encoding, name in (("utf-8", "UTF-8"), ("gb18030", "GBK")):
        lines = [_decode_line(line, encoding) for line in bytes(data).split(b"\n")]
        damaged = sum(len(raw) for _, raw in lines if raw is not None)
        readable = "\n".join(line for line, raw in lines if raw is None)
        if damaged <= DAMAGED_SHARE_ACCEPTED * len(data) and _better(readable, text):
            segments: list[Segment] = []
            raw_lines = text.split("\n")
            for index, (line, raw) in enumerate(lines):
                if index:
                    segments.append(("\n", False, ""))
                segments.append((raw_lines[index], True, "") if raw is not None else (line, False, ""))
            note = f"整篇文字曾被按 Latin-1 误读（原为 {name} 编码），已还原。"
            return [segment for segment in segments if segment[0]], [note]
    return None


def _decode_line(line: bytes, encoding: str) -> tuple[str, bytes | None]:
    try:
        return line.decode(encoding), None
    except UnicodeDecodeError:
        return "", line


# ------------------------------------------------------------------------------------------------- UTF-8 read as GBK


def _utf8_read_as_gbk(text: str) -> tuple[list[Segment], list[str]] | None:
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text) or plausibility(text) >= GOOD_ENOUGH + BETTER_BY:
        return None
    units: list[bytes | None] = []
    for ch in text:
        if ch == "\ufffd":
            units.append(None)
            continue
        try:
            units.append(ch.encode("gbk"))
        except UnicodeEncodeError:
            return None
    starts, data, lost = [], bytearray(), []
    for unit in units:
        starts.append(len(data))
        if unit is None:
            lost.append(len(data))
            data.append(0)
        else:
            data += unit
    known = [True] * len(data)
    for pos in lost:
        known[pos] = False
    restored, options = 0, {}
    for index, pos in enumerate(lost):
        fitting = _fitting_bytes(text, units, starts, data, known, lost, index)
        if len(fitting) == 1:
            data[pos], known[pos] = fitting[0], True
            restored += 1
        elif fitting:
            options[pos] = fitting
    segments = _decode_utf8(bytes(data), known, text, starts, options)
    damaged = sum(len(piece) for piece, bad, _ in segments if bad)
    readable = "".join(piece for piece, bad, _ in segments if not bad)
    if damaged > DAMAGED_SHARE_ACCEPTED * len(text) or not _better(readable, text):
        return None
    note = "整篇文字曾被按 GBK 误读（原为 UTF-8 编码），已还原"
    if restored:
        note += f"；其中 {restored} 个丢失的字节可唯一确定，已补回"
    return segments, [note + "。"]


def _fitting_bytes(text, units, starts, data, known, lost, index) -> list[int]:
    """The bytes that, put where the wrong decoding lost one, give back the same mojibake and valid UTF-8."""
    pos = lost[index]
    char = starts.index(pos)
    first, last = max(0, char - 2), min(len(units) - 1, char + 2)
    window_start = starts[first]
    window_end = starts[last] + (len(units[last]) if units[last] is not None else 1)
    if any(p != pos and window_start <= p < window_end for p in lost):
        return []  # two lost bytes close together: too many combinations to be sure
    expected = text[first : last + 1]
    fitting = []
    for byte in range(0x80, 0x100):
        window = bytearray(data[window_start:window_end])
        window[pos - window_start] = byte
        if bytes(window).decode("gbk", errors="replace") != expected:
            continue
        trial = bytearray(data)
        trial[pos] = byte
        if _utf8_char_at(bytes(trial), known, pos, assume_known=pos) is not None:
            fitting.append(byte)
    return fitting


def _sequence_length(lead: int) -> int:
    if lead < 0x80:
        return 1
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _utf8_char_at(data: bytes, known: list[bool], pos: int, assume_known: int = -1) -> str | None:
    """The UTF-8 character whose bytes include `pos`, when all its bytes are known and valid."""
    start = pos
    while start > 0 and pos - start < 3 and 0x80 <= data[start] <= 0xBF:
        start -= 1
    length = _sequence_length(data[start])
    if not length or start + length <= pos or start + length > len(data):
        return None
    if any(not known[i] and i != assume_known for i in range(start, start + length)):
        return None
    try:
        return data[start : start + length].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_utf8(data: bytes, known: list[bool], text: str, starts: list[int], options: dict) -> list[Segment]:
    """Decode, turning every run of bytes that is not valid UTF-8 into the raw mojibake characters holding it."""
    segments: list[Segment] = []
    bad_bytes: list[tuple[int, int, int]] = []
    bad_from = None
    i = 0

    def flush_bad(end: int) -> None:
        first = bisect.bisect_right(starts, bad_from) - 1
        last = bisect.bisect_left(starts, end) - 1
        segments.append((text[first : last + 1], True, ""))
        bad_bytes.append((len(segments) - 1, bad_from, end))

    while i < len(data):
        length = _sequence_length(data[i]) if known[i] else 0
        good = None
        if length and i + length <= len(data) and all(known[i : i + length]):
            try:
                good = data[i : i + length].decode("utf-8")
            except UnicodeDecodeError:
                good = None
        if good is None:
            if bad_from is None:
                bad_from = i
            i += 1
            continue
        if bad_from is not None:
            flush_bad(i)
            bad_from = None
        if segments and not segments[-1][1]:
            segments[-1] = (segments[-1][0] + good, False, "")
        else:
            segments.append((good, False, ""))
        i += length
    if bad_from is not None:
        flush_bad(len(data))
    for index, start, end in bad_bytes:
        previous = segments[index - 1][0][-1:] if index and not segments[index - 1][1] else ""
        following = segments[index + 1][0][:1] if index + 1 < len(segments) and not segments[index + 1][1] else ""
        likely = _likely(data, start, end, options, previous, following)
        segments[index] = (segments[index][0], True, likely)
    return segments


def _likely(data: bytes, start: int, end: int, options: dict, previous: str, following: str) -> str:
    """For one character with one lost byte: the candidate that alone makes a dictionary word with the character
    before or after it (民 + 警, 公 + 安), as a hint for the reviewer; "" when no candidate or several do."""
    lost = [pos for pos in range(start, end) if pos in options]
    if len(lost) != 1 or not (previous or following):
        return ""
    scores = {}
    for byte in options[lost[0]]:
        trial = bytearray(data[start:end])
        trial[lost[0] - start] = byte
        try:
            candidate = bytes(trial).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if len(candidate) == 1:
            scores[candidate] = max(
                word_frequency(previous + candidate) if previous else 0,
                word_frequency(candidate + following) if following else 0,
            )
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] >= LIKELY_MARGIN * ranked[1][1]):
        return ranked[0][0]
    return ""
