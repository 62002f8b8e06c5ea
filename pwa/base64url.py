"""Base64url without padding (RFC 4648, section 5), as Web Push writes keys and the log its page cursors."""

import base64


def encode(data: bytes) -> str:
    """`data` as base64url text, its padding left off."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def decode(text: str) -> bytes:
    """The bytes of base64url text, padded or not; ValueError (`binascii.Error`) if it is not that."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
