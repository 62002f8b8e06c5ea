"""The server's VAPID key pair (RFC 8292), which signs every Web Push message it sends.

From config (`VAPID_PRIVATE_KEY`, PEM or base64) or, when absent, made at first start and kept
in the instance folder (mode 0600), the same key on every start and for every worker: the key
is written to a private temporary file and linked into place, so of two workers starting at
once the second finds the first's key and uses it.
"""

import contextlib
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask, current_app
from py_vapid import Vapid02

from .. import base64url

KEY_FILE_NAME = "vapid-private-key.pem"


class VapidConfigError(RuntimeError):
    """The configured key or subject cannot be used."""


def new_private_key_pem() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def key_from_file(path: Path) -> Vapid02:
    """The key kept at `path`, made there first if there is none (atomically, 0600)."""
    try:
        return Vapid02.from_pem(path.read_bytes())
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{base64url.encode(os.urandom(6))}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as output:
            output.write(new_private_key_pem())
            output.flush()
            os.fsync(output.fileno())
        # link() never replaces a file: whoever links first has made the key everyone uses.
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return Vapid02.from_pem(path.read_bytes())


def key_from_config(value: str) -> Vapid02:
    """A key given as PEM text, or as base64 (DER or the raw 32-byte private number)."""
    text = value.strip()
    try:
        if text.startswith("-----BEGIN"):
            return Vapid02.from_pem(text.encode("ascii"))
        return Vapid02.from_string(text)
    except Exception as error:  # the library raises several kinds; never show the key itself
        raise VapidConfigError(f"VAPID_PRIVATE_KEY is not a P-256 private key in PEM or base64 ({type(error).__name__})") from None


def load_key(app: Flask) -> Vapid02:
    configured = app.config.get("VAPID_PRIVATE_KEY")
    if configured:
        return key_from_config(configured)
    return key_from_file(Path(app.config.get("VAPID_KEY_FILE") or Path(app.instance_path) / KEY_FILE_NAME))


def public_key(key: Vapid02) -> str:
    """The application server key: the uncompressed P-256 point, base64url without padding."""
    return base64url.encode(key.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))


def server_key() -> Vapid02:
    return current_app.extensions["vapid"]


def subject() -> str:
    return current_app.config["VAPID_SUBJECT"]


def init_app(app: Flask):
    """Load (or make) the key once, at start-up, and check the subject a push service reads."""
    if not app.config["VAPID_SUBJECT"].startswith(("mailto:", "https://")):
        raise VapidConfigError("VAPID_SUBJECT must be a mailto: or https: URL a push service can reach you at")
    app.extensions["vapid"] = load_key(app)
