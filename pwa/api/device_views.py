"""Identity without personal data: devices, their tokens, pairing codes, and deleting it all."""

import secrets
from datetime import timedelta

from flask import g, request, url_for
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.exc import IntegrityError

from ..storing import function_checks, limits
from ..storing.db import db
from ..storing.models import Account, Device, LoggedSession, LoggedSet, OwnRoutine, PairingCode, Reminder
from ..storing.timestamps import utc_now
from . import device_wire
from .auth import device_required, hash_secret, new_token
from .blueprint import bp
from .errors import ApiError
from .rate_limit import client_address, configured, limiter
from .spec import PUBLIC, errors, responses, spec

# No 0/O, 1/I/L: a code read aloud or typed from another screen must not be misread.
PAIRING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
PAIRING_CODE_LENGTH = 8
DEFAULT_DEVICE_NAME = "A device"


def device_json(device, current_device=None):
    return device_wire.Device.from_row(device, current=current_device is not None and device.id == current_device.id)


def joins_with_a_code():
    """Whether this sign-in brings a pairing code (its body has been validated by now)."""
    return request.context.json.pairing_code is not None


def account_of_device():
    return str(g.device.account_id)


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
@spec.validate(
    json=device_wire.NewDevice,
    resp=responses(
        HTTP_201=(device_wire.DeviceToken, "The device, and its bearer token (shown only now)."),
        **errors(400, 413, 422, 429, HTTP_422="The pairing code is wrong, used or expired."),
    ),
    tags=["devices"],
    security=PUBLIC,
)
@limiter.limit(configured("new-account"), key_func=client_address, scope="new-account", exempt_when=joins_with_a_code)
@limiter.limit(configured("pairing-redeem"), key_func=client_address, scope="pairing-redeem", exempt_when=lambda: not joins_with_a_code())
def create_device(json: device_wire.NewDevice):
    """Sign a device in: a new anonymous account, or an existing one with a pairing code"""
    now = utc_now()
    if json.pairing_code is not None:
        account_id = redeem_pairing_code(json.pairing_code, now)
        if account_id is None:
            db.session.rollback()
            raise ApiError(422, "This pairing code is wrong, used or expired. Ask the other device for a new one.", "pairingCode")
    else:
        account = Account(created_at=now)
        db.session.add(account)
        db.session.flush()
        account_id = account.id
    token, token_hash = new_token()
    device = Device(
        public_id=secrets.token_hex(16),
        account_id=account_id,
        name=(json.name or "").strip() or DEFAULT_DEVICE_NAME,
        token_hash=token_hash,
        created_at=now,
        last_seen_at=now,
    )
    db.session.add(device)
    db.session.commit()
    response = device_wire.DeviceToken.of(token=token, device=device_json(device, device))
    return response, 201, {"Location": url_for("api.list_devices"), "Cache-Control": "no-store"}


@bp.get("/devices")
@device_required
@spec.validate(resp=responses(HTTP_200=(device_wire.DeviceList, "Every device on the account."), **errors(401)), tags=["devices"])
def list_devices():
    """The account's devices"""
    devices = db.session.execute(db.select(Device).filter_by(account_id=g.device.account_id).order_by(Device.created_at, Device.id)).scalars()
    return device_wire.DeviceList.of(devices=[device_json(device, g.device) for device in devices])


def lock_account(account_id):
    """Take the account's row lock first, as every change to its devices does (PostgreSQL).

    Two devices revoking each other at once must not both succeed and leave nobody, and a revoke
    and a delete of the account must take their locks in one order, or they deadlock. SQLite runs
    one write transaction at a time anyway.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(db.select(Account.id).where(Account.id == account_id).with_for_update())


DEVICE_ID = TypeAdapter(device_wire.DeviceId)
NOT_ON_THIS_ACCOUNT = "There is no such device on this account."


@bp.delete("/devices/<device_id>")
@device_required
@spec.validate(
    resp=responses(
        HTTP_204=None,
        **errors(401, 404, 409, HTTP_409="This is the account's only device: removing it would leave the account out of reach. Use DELETE /account instead."),
    ),
    tags=["devices"],
    path_parameter_descriptions={"device_id": "A device id from GET /devices."},
)
def revoke_device(device_id):
    """Revoke a device of the account (its token stops working at once)

    It may be this device, unless it is the account's only one: then nobody could reach the
    account any more, nor delete it.
    """
    try:
        DEVICE_ID.validate_python(device_id)
    except ValidationError:
        raise ApiError(404, NOT_ON_THIS_ACCOUNT, "device_id") from None
    account_id = g.device.account_id
    lock_account(account_id)
    revoked = db.select(Device.id).filter_by(public_id=device_id, account_id=account_id)
    db.session.execute(db.delete(Reminder).where(Reminder.device_id.in_(revoked)))
    deleted = db.session.execute(db.delete(Device).filter_by(public_id=device_id, account_id=account_id))
    if deleted.rowcount == 0:
        db.session.rollback()
        # Another account's device is "not found" too: nothing says it exists.
        raise ApiError(404, NOT_ON_THIS_ACCOUNT, "device_id")
    if not db.session.execute(db.select(Device.id).filter_by(account_id=account_id).limit(1)).first():
        db.session.rollback()
        raise ApiError(409, "This is the only device on this account: removing it would leave your data out of reach. Use Delete my data instead.", "device_id")
    db.session.commit()
    return "", 204


@bp.post("/pairing-codes")
@device_required
@spec.validate(
    resp=responses(HTTP_201=(device_wire.PairingCode, "The code."), **errors(401, 429, 503, HTTP_503="No free code could be drawn (vanishingly rare): try again.")),
    tags=["devices"],
)
@limiter.limit(configured("pairing-code"), key_func=account_of_device, scope="pairing-code")
def create_pairing_code():
    """A pairing code for a second device: single use, valid 10 minutes"""
    now = utc_now()
    expires_at = now + timedelta(minutes=limits.PAIRING_CODE_MINUTES)
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
    return device_wire.PairingCode.of(code=f"{code[:4]}-{code[4:]}", expires_at=expires_at), 201, {"Cache-Control": "no-store"}


@bp.delete("/account")
@device_required
@spec.validate(resp=responses(HTTP_204=None, **errors(401)), tags=["devices"])
def delete_account():
    """Delete the account with every device, reminder, session, set, weekly check and own routine

    Every token of the account stops working.
    """
    account_id = g.device.account_id
    lock_account(account_id)
    sessions = db.select(LoggedSession.id).filter_by(account_id=account_id)
    # Explicit deletes, children first: this does not rely on the database enforcing cascades.
    db.session.execute(db.delete(LoggedSet).where(LoggedSet.session_id.in_(sessions)))
    db.session.execute(db.delete(LoggedSession).filter_by(account_id=account_id))
    function_checks.delete_checks(account_id)
    db.session.execute(db.delete(PairingCode).filter_by(account_id=account_id))
    db.session.execute(db.delete(OwnRoutine).filter_by(account_id=account_id))
    db.session.execute(db.delete(Reminder).where(Reminder.device_id.in_(db.select(Device.id).filter_by(account_id=account_id))))
    db.session.execute(db.delete(Device).filter_by(account_id=account_id))
    db.session.execute(db.delete(Account).filter_by(id=account_id))
    db.session.commit()
    return "", 204
