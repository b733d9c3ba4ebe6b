"""Authenticated encryption of sensitive fields with a rotating key ring, and HMAC blind indexes for lookups."""

import base64
import functools
import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NONCE_BYTES = 12


class KeyRing:
    """Keys by id; the first one encrypts new values, all of them decrypt, so keys can rotate without downtime."""

    def __init__(self, spec: str):
        self.keys: dict[str, AESGCM] = {}
        for item in spec.split(","):
            key_id, sep, encoded = item.strip().partition(":")
            if not sep or not key_id or ":" in encoded:
                raise ImproperlyConfigured("QUNYING_FIELD_KEYS must look like 'k2:<base64 key>,k1:<base64 key>'.")
            self.keys[key_id] = AESGCM(derive_key(encoded))
        self.active_id = next(iter(self.keys))

    def encrypt(self, plaintext: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self.keys[self.active_id].encrypt(nonce, plaintext.encode("utf-8"), self.active_id.encode())
        return f"{self.active_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, token: str) -> str:
        key_id, _, encoded = token.partition(":")
        try:
            key = self.keys[key_id]
        except KeyError:
            raise ImproperlyConfigured(
                f"Encrypted value uses key '{key_id}', which QUNYING_FIELD_KEYS lacks."
            ) from None
        raw = base64.urlsafe_b64decode(encoded)
        return key.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], key_id.encode()).decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        return not token.startswith(f"{self.active_id}:")


def derive_key(material: str) -> bytes:
    """Accept any secret string: a 32-byte AES key is derived from it, so operators need not produce exact bytes."""
    return hashlib.sha256(b"qunying-field-key\x00" + material.encode("utf-8")).digest()


@functools.cache
def _key_ring(spec: str) -> KeyRing:
    return KeyRing(spec)


def key_ring() -> KeyRing:
    return _key_ring(settings.QUNYING_FIELD_KEYS)


def blind_index(value: str | None, *, normalise=str.strip) -> str:
    """Deterministic keyed hash for equality lookups on encrypted values; empty values index as ''."""
    if not value:
        return ""
    key = hashlib.sha256(b"qunying-blind-index\x00" + settings.QUNYING_BLIND_INDEX_KEY.encode()).digest()
    return hmac.new(key, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()
