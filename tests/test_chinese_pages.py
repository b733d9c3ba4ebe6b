"""Every page of the crawl in zh-Hans, for the political department, a judge, the publicity and care officers and the
public: no English word in the text a person reads (text, placeholders, titles, aria-labels, alt texts, confirmations)
other than the proper nouns and format names listed here. Codes (`<code>`, monospace: keys, hashes) are not words."""

import re
from html.parser import HTMLParser

from qunying.accounts.models import User
from qunying.demo.accounts import DEMO_USERS
from tests.test_every_page import every_url

# Proper nouns and names of formats or products, kept as written in Chinese text too.
PROPER_NOUNS = {
    "English",  # the language switch names each language in its own words
    "Qunying",
    "Excel",
    "Word",
    "PDF",
    "JPEG",
    "PNG",
    "WebP",
    "MB",
    "KB",
    "API",
    "TOTP",
    "FreeOTP",
    "Microsoft",
    "Authenticator",
    "Google",
    "CSV",
    "GBK",
    "HTML",
    "Markdown",
    "zip",
    "console",  # the SMS simulator names the settings' backends as they are written
    "outbox",
}
READ_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label", "data-confirm"}
CODE_TAGS = {"code", "kbd", "samp", "script", "style"}
WORD = re.compile(r"[A-Za-z0-9_.@/:+-]+")


class ReadText(HTMLParser):
    """The text a person reads on the page, without scripts, styles and codes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: inside a code?

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inside = bool(self.stack and self.stack[-1])
        code = inside or tag in CODE_TAGS or "font-monospace" in (attributes.get("class") or "")
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}:
            self.stack.append(code)
        if not code:
            self.parts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def english_words(html: str, allowed: set[str]) -> set[str]:
    reader = ReadText()
    reader.feed(html)
    words = set()
    for token in WORD.findall(" ".join(reader.parts)):
        if re.fullmatch(r"[A-Za-z]{2,}", token) and token not in allowed:
            words.add(token)
    return words


def test_reader_skips_codes_and_reads_attributes():
    html = (
        '<p title="Save">保存</p><nav aria-label="Pages"><a placeholder="找">1</a></nav><code>abcd</code>'
        '<p class="font-monospace">VRXN LMKD</p><p>群英 Qunying</p>'
    )
    assert english_words(html, PROPER_NOUNS) == {"Save", "Pages"}


def test_every_zh_hans_page_reads_in_chinese(client, demo):
    logins = {username for username, *_ in DEMO_USERS}  # account names are identifiers, shown as such
    allowed = PROPER_NOUNS | logins
    urls = every_url()
    found: dict[str, set[str]] = {}
    for username in ("zhengzhichu", "pingwei", "xuanchuan", "guanai", None):
        client.logout()
        if username:
            client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            for word in english_words(response.content.decode(), allowed):
                found.setdefault(word, set()).add(url)

    assert not found, "English words on zh-Hans pages: " + "; ".join(
        f"{word} ({', '.join(sorted(urls)[:3])})" for word, urls in sorted(found.items())
    )
