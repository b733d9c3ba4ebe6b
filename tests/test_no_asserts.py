"""Product code checks with real exceptions: `python -O` strips `assert` statements, so none may guard a service."""

import ast
from pathlib import Path

import qunying

SOURCE = Path(qunying.__file__).resolve().parent


def test_product_code_has_no_assert_statements():
    found = [
        f"{path.relative_to(SOURCE)}:{node.lineno}"
        for path in sorted(SOURCE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if isinstance(node, ast.Assert)
    ]

    assert found == []
