"""Issuers as articles write them (市局, 县文明委, 市委组织部、市疫情办) → the catalogue's issuer, when the article's
bureau is known and exactly one catalogue issuer fits; otherwise the issuer stays as written.

A written name is cut into a place (合肥市, 市, 县, or nothing) and a body (公安局, 局, 文明委, 疫情办). A body fits a
catalogue body when it is the same or an abbreviation of it: the same first character and the rest in order (疫情办
in 疫情防控办公室, 人社局 in 人力资源和社会保障局); 局 and 厅 alone are 公安局 and 公安厅. A named place must be the
same; a bare 市 or 县 fits any place of that kind: the bureau's own place when the level word is the bureau's
(巢湖市公安局 writing 市局), else only issuers of that level (青山县 writing 市局 means the city above). In a joint
issuer a part without a place has the place of the part before it (巢湖市委组织部、疫情防控办公室)."""

import re
from dataclasses import dataclass

PLACE = re.compile(r"^(?:中共)?(?P<place>[\u4e00-\u9fff]{0,6}[省市县区州旗])?(?P<body>.+)$")
BARE_BODIES = {"局": "公安局", "厅": "公安厅", "分局": "公安分局"}
LEVEL_OF_WORD = {"省": "province", "市": "city", "州": "city", "县": "county", "区": "county", "旗": "county"}


@dataclass(frozen=True)
class CatalogueIssuer:
    name: str
    short_name: str = ""
    level: str = ""


def _split(part: str) -> tuple[str, str]:
    match = PLACE.match(part.strip())
    if not match:
        return "", part
    place, body = match.group("place") or "", match.group("body")
    if place in ("", *LEVEL_OF_WORD) and body.startswith(("委", "政府")) and place:
        return place, body  # 市委组织部: the place is 市, the body 委组织部
    return place, BARE_BODIES.get(body, body)


def _abbreviates(short: str, full: str) -> bool:
    if short == full:
        return True
    if not short or not full or short[0] != full[0] or short[-1] not in full[-3:]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _parts_with_places(parts: list[str]) -> list[tuple[str, str]]:
    out, place = [], ""
    for part in parts:
        own, body = _split(part)
        place = own or place
        out.append((place, body))
    return out


def _fits(written: list[tuple[str, str]], listed: list[tuple[str, str]]) -> bool:
    if len(written) != len(listed):
        return False
    for (w_place, w_body), (c_place, c_body) in zip(written, listed, strict=True):
        if not _abbreviates(w_body, c_body):
            return False
        if len(w_place) > 1 and w_place != c_place:
            return False
        if len(w_place) == 1 and not c_place.endswith(w_place):
            return False
        if not w_place and c_place and len(written) == 1:
            return False  # 公安局 alone names no place: it could be any bureau's
    return True


def resolve_issuer(written: str | None, catalogue: list[CatalogueIssuer], bureau: str | None) -> str | None:
    """The catalogue name for an issuer as written, or None when none or several fit."""
    if not written:
        return None
    for issuer in catalogue:
        if written == issuer.name:
            return issuer.name
    if not bureau:
        return None  # 省厅, 市局: whose? Without the article's bureau, kept as written
    for issuer in catalogue:
        if written == issuer.short_name:
            return issuer.name
    parts = _parts_with_places(written.split("、"))
    candidates = []
    for issuer in catalogue:
        for listed in (issuer.name, issuer.short_name):
            if listed and _fits(parts, _parts_with_places(listed.split("、"))):
                candidates.append(issuer)
                break
    candidates = _prefer(candidates, parts, bureau)
    return candidates[0].name if len(candidates) == 1 else None


def _prefer(candidates: list[CatalogueIssuer], parts: list[tuple[str, str]], bureau: str) -> list[CatalogueIssuer]:
    """For a bare level word (市局, 县文明委): the bureau's own place when the word is its own, else the issuers of
    that level only (a county bureau's 市局 is never another county-level city's bureau)."""
    word = parts[0][0] if len(parts[0][0]) == 1 else ""
    if not word:
        return candidates
    bureau_place = _split(bureau)[0]
    if bureau_place.endswith(word):
        own = [c for c in candidates if _split(c.name.removeprefix("中共").split("、")[0])[0] == bureau_place]
        if own:
            return own
    level = LEVEL_OF_WORD.get(word)
    return [c for c in candidates if c.level == level]


def resolve_all(result: dict, catalogue: list[CatalogueIssuer], bureau: str | None) -> None:
    """Replace every issuer in an extraction that the catalogue resolves; the written form is kept alongside."""
    items = [h for person in result.get("people", []) for h in person.get("honours", [])]
    for item in [*items, *result.get("figures", [])]:
        resolved = resolve_issuer(item.get("issuer"), catalogue, bureau)
        if resolved and resolved != item.get("issuer"):
            item["issuer_written"] = item["issuer"]
            item["issuer"] = resolved
