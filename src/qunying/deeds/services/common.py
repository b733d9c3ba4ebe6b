"""Helpers shared by the discovery ledger's writes."""


def clean_text(value: str | None) -> str:
    return (value or "").strip()
