"""Storing weekly function checks exactly once, and reading them back, per account.

The same rules as the log (`sync.py`): an insert that does nothing on a client UUID the account
already has, or an update guarded by the client's edit time, so replaying any batch changes
nothing; rows written in the order of their UUIDs, so concurrent batches cannot deadlock.
"""

from .api import limits
from .api.function_check_wire import FunctionCheckRecord
from .api.limits import MAX_FUNCTION_CHECKS_LISTED
from .api.wire import SyncResult
from .db import db
from .models import FunctionCheck
from .sync import committed_with_retries, dialect_insert


class TooManyChecks(Exception):
    """The batch would take the account past `limits.MAX_FUNCTION_CHECKS_PER_ACCOUNT` checks."""


def store_checks(account_id, checks, now):
    """Store valid checks (`FunctionCheckRecord`s); say which ids were stored, updated or already there."""
    return committed_with_retries(lambda: _store_checks(account_id, checks, now))


def _store_checks(account_id, checks, now):
    latest = {}
    for check in checks:
        known = latest.get(check.client_id)
        if known is None or check.updated_at > known.updated_at:
            latest[check.client_id] = check
    rows = [latest[key].row(account_id=account_id, received_at=now) for key in sorted(latest)]
    if not rows:
        return SyncResult.of(stored=[], updated=[], already_there=[])
    # A cap against a token that only ever adds: at most a batch over it when two race, never unbounded.
    known = set(db.session.execute(db.select(FunctionCheck.client_id).filter_by(account_id=account_id)).scalars())
    if len(known | set(latest)) > limits.MAX_FUNCTION_CHECKS_PER_ACCOUNT:
        raise TooManyChecks
    insert = dialect_insert(FunctionCheck).on_conflict_do_nothing(index_elements=["account_id", "client_id"]).returning(FunctionCheck.client_id)
    stored = set(db.session.execute(insert, rows).scalars())
    updated = set()
    for row in rows:
        if row["client_id"] in stored:
            continue
        statement = (
            db.update(FunctionCheck)
            .where(FunctionCheck.account_id == account_id, FunctionCheck.client_id == row["client_id"], FunctionCheck.updated_at < row["updated_at"])
            .values(taken_at=row["taken_at"], activities=row["activities"], updated_at=row["updated_at"], received_at=now)
            .returning(FunctionCheck.client_id)
        )
        updated.update(db.session.execute(statement).scalars())
    return SyncResult.of(stored=sorted(stored), updated=sorted(updated), already_there=sorted(set(latest) - stored - updated))


def readable(rows):
    """The stored checks as records; a row that no longer passes today's rules is left out, never a 500."""
    for row in rows:
        try:
            yield FunctionCheckRecord.model_validate({"id": row.client_id, "takenAt": row.taken_at, "updatedAt": row.updated_at, "activities": row.activities}, strict=False)
        except ValueError:
            continue


def list_checks(account_id):
    """The account's checks, oldest first (at most the newest MAX_FUNCTION_CHECKS_LISTED)."""
    query = db.select(FunctionCheck).where(FunctionCheck.account_id == account_id).order_by(FunctionCheck.taken_at.desc(), FunctionCheck.client_id.desc()).limit(MAX_FUNCTION_CHECKS_LISTED)
    return list(readable(reversed(db.session.execute(query).scalars().all())))


def delete_checks(account_id):
    db.session.execute(db.delete(FunctionCheck).filter_by(account_id=account_id))
