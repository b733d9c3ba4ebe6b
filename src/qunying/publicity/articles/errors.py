"""The article import's refusal: a file that cannot be read as an article."""


class ArticleError(Exception):
    """The file cannot be read as an article; the message is for the user (Chinese)."""
