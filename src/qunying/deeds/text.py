"""Plain text from what citizens type: HTML removed with nh3 (a maintained sanitiser), never re-interpreted."""

import html

import nh3

# Escaped markup that decodes into markup again ("&lt;b&gt;") is cleaned again, a few rounds at most.
ROUNDS = 3


def strip_html(value: str | None) -> str:
    """The text without tags, comments or script/style content; any angle bracket left is made a full-width one, so
    the result can never form a tag wherever it is shown later (an export, an SMS, a page without autoescape)."""
    text = value or ""
    for _ in range(ROUNDS):
        cleaned = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
        if cleaned == text:
            break
        text = cleaned
    return text.replace("<", "＜").replace(">", "＞").replace("\x00", "").strip()


def contains_html(value: str | None) -> bool:
    return strip_html(value) != (value or "").replace("\x00", "").strip()
