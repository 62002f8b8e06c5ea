"""The weekly function check on the server: a batch stored exactly once, and the account's list."""

from dataclasses import asdict

from flask import g
from sqlalchemy.exc import IntegrityError

from ..storing import function_checks, limits
from ..storing.db import db
from ..storing.timestamps import utc_now
from .auth import device_required, unauthorized
from .blueprint import bp
from .errors import ApiError
from .function_check_wire import FunctionCheckBatch, FunctionCheckList, readable_checks
from .spec import errors, responses, spec
from .wire import SyncResult


@bp.post("/function-checks")
@device_required
@spec.validate(json=FunctionCheckBatch, resp=responses(HTTP_200=(SyncResult, "What became of each check."), **errors(400, 401, 413, 422)), tags=["log"])
def sync_function_checks(json: FunctionCheckBatch):
    """Store a batch of weekly function checks, exactly once

    Idempotent by the client's UUIDs; a check sent again with a later `updatedAt` replaces the
    stored one, an older edit changes nothing.
    """
    try:
        return SyncResult.of(**asdict(function_checks.store_checks(g.device.account_id, json.checks, utc_now())))
    except function_checks.TooManyChecks:
        db.session.rollback()
        raise ApiError(422, f"checks: an account keeps at most {limits.MAX_FUNCTION_CHECKS_PER_ACCOUNT} weekly checks.", "checks") from None
    except IntegrityError:
        # The account was deleted (from another device) while this batch was being stored.
        db.session.rollback()
        raise unauthorized("This account was deleted. Sign this device in again.") from None


@bp.get("/function-checks")
@device_required
@spec.validate(resp=responses(HTTP_200=(FunctionCheckList, "The account's weekly checks."), **errors(401)), tags=["log"])
def list_function_checks():
    """The account's weekly function checks, oldest first"""
    checks = readable_checks(function_checks.list_checks(g.device.account_id))
    return FunctionCheckList.of(checks=list(checks)), 200, {"Cache-Control": "no-store"}
