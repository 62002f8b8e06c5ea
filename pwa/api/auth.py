"""Bearer tokens: made at random, shown once, stored only as their SHA-256 hash.

A token carries 256 random bits, so a plain (fast) hash is enough: nobody can guess one, and a
copy of the database gives nobody a token.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

from flask import g, request

from ..storing.db import db
from ..storing.models import Device
from ..storing.timestamps import utc_now
from .errors import ApiError

TOKEN_PREFIX = "unk_"
# Write "last seen" at most this often: a write per request would cost every sync a write lock.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)


def new_token():
    """A fresh bearer token and the hash the server keeps of it."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    return token, hash_secret(token)


def hash_secret(secret):
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def unauthorized(message):
    return ApiError(401, message, headers={"WWW-Authenticate": 'Bearer realm="unknot"'})


def authenticated_device():
    """The device whose token the request carries; raises a 401 ApiError otherwise."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("Sign this device in first: send its token as 'Authorization: Bearer <token>'.")
    device = db.session.execute(db.select(Device).filter_by(token_hash=hash_secret(token.strip()))).scalar_one_or_none()
    if device is None:
        raise unauthorized("This token is wrong or was revoked. Sign this device in again.")
    now = utc_now()
    if now - device.last_seen_at >= LAST_SEEN_RESOLUTION:
        device.last_seen_at = now
        db.session.commit()
    return device


def device_required(view):
    """Run `view` only for a signed-in device, which it finds in `g.device`."""

    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        g.device = authenticated_device()
        return view(*args, **kwargs)

    return wrapped
