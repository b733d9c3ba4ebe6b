"""Password validators for the 等保 level-3 complexity rule."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """At least `min_classes` of: lower-case letters, upper-case letters, digits, other characters."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        classes = [
            any(ch in string.ascii_lowercase for ch in password),
            any(ch in string.ascii_uppercase for ch in password),
            any(ch.isdigit() for ch in password),
            any(not ch.isalnum() for ch in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must contain at least %(count)d of: "
            "upper-case letters, lower-case letters, digits, special characters."
        ) % {"count": self.min_classes}
