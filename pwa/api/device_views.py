"""Identity without personal data: devices, their tokens, pairing codes, and deleting it all."""

import secrets
from datetime import timedelta

from flask import g, request, url_for
from sqlalchemy.exc import IntegrityError

from .. import rate_limit
from ..db import db
from ..models import Account, Device, LoggedSession, LoggedSet, PairingCode
from . import bp
from ..timestamps import iso, utc_now
from .auth import device_required, hash_secret, new_token
from .errors import ApiError
from .openapi import PAIRING_CODE_MINUTES
from .requests import json_body

# No 0/O, 1/I/L: a code read aloud or typed from another screen must not be misread.
PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAIRING_CODE_LENGTH = 8
DEFAULT_DEVICE_NAME = "A device"


def device_json(device, current_device=None):
    return {
        "id": device.public_id,
        "name": device.name,
        "createdAt": iso(device.created_at),
        "lastSeenAt": iso(device.last_seen_at),
        "current": current_device is not None and device.id == current_device.id,
    }


def limited(name, key):
    """Raise a 429 if this hit goes over the named rate limit."""
    wait = rate_limit.check(name, key)
    if wait:
        raise ApiError(429, f"Too many attempts. Try again in {wait} seconds.", headers={"Retry-After": str(wait)})


def normalise_code(code):
    """What the person typed, without spaces or dashes, in capitals."""
    return "".join(character for character in code.upper() if character.isalnum())


def redeem_pairing_code(code, now):
    """The account of a valid, unused, unexpired code, using the code up; None otherwise."""
    statement = (
        db.update(PairingCode)
        .where(PairingCode.code_hash == hash_secret(normalise_code(code)), PairingCode.used_at.is_(None), PairingCode.expires_at > now)
        .values(used_at=now)
        .returning(PairingCode.account_id)
    )
    # One UPDATE that checks and spends the code: two devices racing for it cannot both win.
    return db.session.execute(statement).scalar_one_or_none()


@bp.post("/devices")
def create_device():
    """Sign a device in, on a new anonymous account or, with a pairing code, on an existing one."""
    body = json_body("NewDevice", optional=True)
    now = utc_now()
    if "pairingCode" in body:
        limited("pairing-redeem", request.remote_addr)
        account_id = redeem_pairing_code(body["pairingCode"], now)
        if account_id is None:
            db.session.rollback()
            raise ApiError(422, "This pairing code is wrong, used or expired. Ask the other device for a new one.", "pairingCode")
    else:
        limited("new-account", request.remote_addr)
        account = Account(created_at=now)
        db.session.add(account)
        db.session.flush()
        account_id = account.id
    token, token_hash = new_token()
    device = Device(
        public_id=secrets.token_hex(16),
        account_id=account_id,
        name=body.get("name", DEFAULT_DEVICE_NAME).strip() or DEFAULT_DEVICE_NAME,
        token_hash=token_hash,
        created_at=now,
        last_seen_at=now,
    )
    db.session.add(device)
    db.session.commit()
    response = {"token": token, "device": device_json(device, device)}
    return response, 201, {"Location": url_for("api.list_devices"), "Cache-Control": "no-store"}


@bp.get("/devices")
@device_required
def list_devices():
    """Every device on the signed-in device's account."""
    devices = db.session.execute(db.select(Device).filter_by(account_id=g.device.account_id).order_by(Device.created_at, Device.id)).scalars()
    return {"devices": [device_json(device, g.device) for device in devices]}


@bp.delete("/devices/<device_id>")
@device_required
def revoke_device(device_id):
    """Revoke a device of this account: its token stops working at once. It may be this one."""
    deleted = db.session.execute(db.delete(Device).filter_by(public_id=device_id, account_id=g.device.account_id))
    db.session.commit()
    if deleted.rowcount == 0:
        # Another account's device is "not found" too: nothing says it exists.
        raise ApiError(404, "There is no such device on this account.", "device_id")
    return "", 204


@bp.post("/pairing-codes")
@device_required
def create_pairing_code():
    """A short, single-use code for a second device to join this account."""
    limited("pairing-code", g.device.account_id)
    now = utc_now()
    expires_at = now + timedelta(minutes=PAIRING_CODE_MINUTES)
    # Clear this account's spent and stale codes as we go, so the table stays small.
    db.session.execute(db.delete(PairingCode).where(PairingCode.account_id == g.device.account_id, (PairingCode.used_at.is_not(None)) | (PairingCode.expires_at <= now)))
    for _attempt in range(5):
        code = "".join(secrets.choice(PAIRING_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))
        db.session.add(PairingCode(account_id=g.device.account_id, code_hash=hash_secret(code), created_at=now, expires_at=expires_at))
        try:
            db.session.commit()
            break
        except IntegrityError:  # the same code is live on another account: draw again
            db.session.rollback()
    else:
        raise ApiError(503, "Could not make a pairing code. Try again.")
    return {"code": f"{code[:4]}-{code[4:]}", "expiresAt": iso(expires_at)}, 201, {"Cache-Control": "no-store"}


@bp.delete("/account")
@device_required
def delete_account():
    """Delete the account and everything in it: devices, codes, sessions and sets."""
    account_id = g.device.account_id
    sessions = db.select(LoggedSession.id).filter_by(account_id=account_id)
    # Explicit deletes, children first: this does not rely on the database enforcing cascades.
    db.session.execute(db.delete(LoggedSet).where(LoggedSet.session_id.in_(sessions)))
    db.session.execute(db.delete(LoggedSession).filter_by(account_id=account_id))
    db.session.execute(db.delete(PairingCode).filter_by(account_id=account_id))
    db.session.execute(db.delete(Device).filter_by(account_id=account_id))
    db.session.execute(db.delete(Account).filter_by(id=account_id))
    db.session.commit()
    return "", 204
