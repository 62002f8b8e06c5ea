"""Storing weekly function checks exactly once, and reading them back, per account.

They take the one path of the log and the own routines (`sync.store_latest_edits`); what is
theirs is the account's limit of checks.
"""

from . import limits
from .db import db
from .models import FunctionCheck
from .sync import committed_with_retries, store_latest_edits


class TooManyChecks(Exception):
    """The batch would take the account past `limits.MAX_FUNCTION_CHECKS_PER_ACCOUNT` checks."""


def store_checks(account_id, checks, now):
    """Store valid checks (the wire's `FunctionCheckRecord`s); say which ids were stored, updated or already there (`BatchOutcome`)."""
    return committed_with_retries(lambda: _store_checks(account_id, checks, now))


def _store_checks(account_id, checks, now):
    sent = {check.client_id for check in checks}
    # A cap against a token that only ever adds: at most a batch over it when two race, never unbounded.
    known = set(db.session.execute(db.select(FunctionCheck.client_id).filter_by(account_id=account_id)).scalars())
    if sent and len(known | sent) > limits.MAX_FUNCTION_CHECKS_PER_ACCOUNT:
        raise TooManyChecks
    return store_latest_edits(FunctionCheck, account_id, checks, now)


def list_checks(account_id):
    """The account's stored checks (rows), oldest first (at most the newest MAX_FUNCTION_CHECKS_LISTED)."""
    query = db.select(FunctionCheck).where(FunctionCheck.account_id == account_id).order_by(FunctionCheck.taken_at.desc(), FunctionCheck.client_id.desc()).limit(limits.MAX_FUNCTION_CHECKS_LISTED)
    return list(reversed(db.session.execute(query).scalars().all()))


def delete_checks(account_id):
    db.session.execute(db.delete(FunctionCheck).filter_by(account_id=account_id))
