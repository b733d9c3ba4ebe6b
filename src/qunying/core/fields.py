"""Model fields for sensitive personal data: encrypted at rest, with an optional blind index for equality lookups."""

from django.db import models

from qunying.core.crypto import blind_index, key_ring


class EncryptedTextField(models.TextField):
    """Stores AES-GCM ciphertext tagged with its key id; Python code sees the plaintext (or '' / None)."""

    description = "Encrypted text"

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return key_ring().decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return key_ring().encrypt(value)

    def get_lookup(self, lookup_name):
        # Ciphertext is randomised: only null checks mean anything. Equality goes through a BlindIndexField.
        if lookup_name not in {"isnull"}:
            return None
        return super().get_lookup(lookup_name)


def normalise_plain(value: str) -> str:
    return value.strip()


def normalise_upper(value: str) -> str:
    return value.strip().upper()


def normalise_digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


class BlindIndexField(models.CharField):
    """Keyed HMAC of another field's plaintext, filled on save; look up with `blind_index(value, normalise=...)`."""

    def __init__(self, *args, source: str = "", normalise=normalise_plain, **kwargs):
        self.source = source
        self.normalise = normalise
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        kwargs["normalise"] = self.normalise
        return name, path, args, kwargs

    def index_of(self, value: str | None) -> str:
        return blind_index(value, normalise=self.normalise)

    def pre_save(self, model_instance, add):
        digest = self.index_of(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, digest)
        return digest
