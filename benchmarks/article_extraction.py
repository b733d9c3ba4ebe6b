"""Benchmark: precision and recall of the article extraction (people, honours, figures) on invented articles.

Three sets, printed separately:
- held-out: tests/publicity/articles/heldout/ — five articles written, with their expected JSON, before the phrase
  grammar was developed, and kept out of the development loop until the end;
- development: tests/publicity/articles/dev/ — the articles the grammar was developed on;
- shared sample: tests/publicity/samples/ (the copy of ../shared/samples/).
Target: >= 0.90 for each figure on each set. Keys compared: a person is (name, category); an honour is (person, title,
type, issuer, year); a figure is (issuer, type, title, count, year); a joint issuer is written with 、. Units, start
of service and nicknames of the people found are reported as accuracies. No database: the extraction runs without a
user dictionary and without a bureau, as `qunying import-article FILE --json` does on a fresh installation.

    python benchmarks/article_extraction.py
    python benchmarks/article_extraction.py --set development --details
"""

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from qunying.publicity.articles import read_article  # noqa: E402 -- after the path is set

CORPUS = ROOT / "tests" / "publicity" / "articles"
SETS = {
    "held-out": sorted((CORPUS / "heldout").glob("*.json")),
    "development": sorted((CORPUS / "dev").glob("*.json")),
    "shared sample": [ROOT / "tests" / "publicity" / "samples" / "article-expected.json"],
}
TARGET = 0.9


def source_of(expected_path: Path) -> Path:
    if expected_path.name == "article-expected.json":
        return expected_path.with_name("article-garbled.txt")
    return expected_path.with_suffix(".txt")


def issuer(value):
    return re.sub(r"[和及与]", "、", value) if value else None


def keys(result: dict) -> dict[str, set]:
    people, honours, figures = set(), set(), set()
    for person in result.get("people", []):
        people.add((person["name"], person.get("category")))
        for honour in person.get("honours", []):
            honours.add(
                (person["name"], honour["title"], honour.get("type"), issuer(honour.get("issuer")), honour.get("year"))
            )
    for figure in result.get("figures", []):
        figures.add(
            (
                issuer(figure.get("issuer")),
                figure.get("type"),
                figure.get("title"),
                figure.get("count"),
                figure.get("year"),
            )
        )
    return {"people": people, "honours": honours, "figures": figures}


def attributes(found: dict, expected: dict) -> tuple[int, int]:
    """Units, start years and nicknames of the people found that the expectation names: right, compared."""
    right = compared = 0
    by_name = {p["name"]: p for p in found.get("people", [])}
    for person in expected.get("people", []):
        mine = by_name.get(person["name"])
        if mine is None:
            continue
        for key in ("unit", "work_since", "nickname"):
            if key in person:
                compared += 1
                right += mine.get(key) == person[key]
    return right, compared


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def run(paths: list[Path], details: bool) -> dict:
    totals = {kind: [0, 0, 0] for kind in ("people", "honours", "figures")}  # true positives, found, expected
    attr_right = attr_compared = 0
    for path in paths:
        expected = json.loads(path.read_text(encoding="utf-8"))
        found = read_article(source_of(path).read_bytes())
        mine, theirs = keys(found), keys(expected)
        for kind in totals:
            hit = mine[kind] & theirs[kind]
            totals[kind][0] += len(hit)
            totals[kind][1] += len(mine[kind])
            totals[kind][2] += len(theirs[kind])
            if details and mine[kind] != theirs[kind]:
                for extra in sorted(mine[kind] - theirs[kind], key=str):
                    print(f"  {path.stem}: {kind} extra   {extra}")
                for missing in sorted(theirs[kind] - mine[kind], key=str):
                    print(f"  {path.stem}: {kind} missing {missing}")
        right, compared = attributes(found, expected)
        attr_right += right
        attr_compared += compared
    return {"totals": totals, "attributes": (attr_right, attr_compared), "articles": len(paths)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=list(SETS), action="append", help="only these sets (default: all)")
    parser.add_argument("--details", action="store_true", help="list what was missed or found in excess")
    args = parser.parse_args()
    print(f"article extraction: precision / recall (target >= {TARGET:.2f} each)")
    print(f"{'set':<16}{'articles':>9}{'people P / R':>16}{'honours P / R':>16}{'figures P / R':>16}  attributes")
    below = False
    for name in args.set or list(SETS):
        if args.details:
            print(f"[{name}]")
        outcome = run(SETS[name], args.details)
        cells = []
        for kind in ("people", "honours", "figures"):
            tp, found, expected = outcome["totals"][kind]
            precision, recall = ratio(tp, found), ratio(tp, expected)
            below |= precision < TARGET or recall < TARGET
            cells.append(f"{precision:5.2f} / {recall:4.2f}")
        right, compared = outcome["attributes"]
        row = "".join(f"{cell:>16}" for cell in cells)
        print(f"{name:<16}{outcome['articles']:>9}{row}  {ratio(right, compared):.2f}")
    print("below target" if below else "all at or above target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
