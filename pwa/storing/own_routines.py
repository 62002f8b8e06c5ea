"""Storing an account's own routines exactly once, an edit only over an older edit.

They take the one path of the log and the weekly checks (`sync.store_latest_edits`); what is
theirs is the account's limit of routines and of tombstones.
"""

from . import limits
from .db import db
from .models import LoggedSession, OwnRoutine
from .sync import latest_edits, store_latest_edits


def live_after(account_id, records):
    """How many own routines (not deleted) the account would keep once these were stored."""
    known = dict(db.session.execute(db.select(OwnRoutine.client_id, OwnRoutine.updated_at).filter_by(account_id=account_id)).all())
    live = set(db.session.execute(db.select(OwnRoutine.client_id).filter_by(account_id=account_id, deleted=False)).scalars())
    for key, record in latest_edits(records).items():
        # The same rule as `store_routines`: an edit only over an older one.
        if key in known and record.updated_at <= known[key]:
            continue
        if record.deleted:
            live.discard(key)
        else:
            live.add(key)
    return len(live)


def drop_oldest_tombstones(account_id):
    """Keep at most `MAX_OWN_ROUTINE_TOMBSTONES` tombstones, dropping the oldest-edited ones.

    A device that never saw a dropped tombstone keeps that routine, and could send it back (after
    an edit there, or a sign-in again): the worst is a deleted routine that comes back, and
    nothing the person made is lost. A session of it that device never sent would be refused
    (`known_ids`). Both take a device that missed the deletion and has not synced while that many
    later deletions were made, which no one deleting by hand comes near.
    A tombstone that sessions of the account name stays, so more sessions of that routine (from
    another device, say) are still taken; such tombstones grow only with the log.
    """
    named = db.select(LoggedSession.routine_id).where(LoggedSession.account_id == account_id)
    beyond = (
        db.select(OwnRoutine.id)
        .where(OwnRoutine.account_id == account_id, OwnRoutine.deleted.is_(True), OwnRoutine.client_id.not_in(named))
        .order_by(OwnRoutine.updated_at.desc(), OwnRoutine.client_id.desc())
        .offset(limits.MAX_OWN_ROUTINE_TOMBSTONES)
    )
    db.session.execute(db.delete(OwnRoutine).where(OwnRoutine.id.in_(beyond)))


def store_routines(account_id, records, now):
    """Store valid `OwnRoutineRecord`s and commit; say which ids were stored, updated or already there (`BatchOutcome`).

    Not retried on a lock: the view holds the account's lock (`lock_account`) for the limit's
    count, which a rollback would let go.
    """
    result = store_latest_edits(OwnRoutine, account_id, records, now)
    if any(record.deleted for record in latest_edits(records).values()):
        drop_oldest_tombstones(account_id)
    db.session.commit()
    return result


def list_routines(account_id):
    """Every own routine of the account, tombstones too, oldest edit first."""
    return db.session.execute(db.select(OwnRoutine).filter_by(account_id=account_id).order_by(OwnRoutine.updated_at, OwnRoutine.client_id)).scalars().all()


def known_ids(account_id, client_ids):
    """Which of `client_ids` are own routines of the account (deleted ones too: a session keeps its routine's name)."""
    if not client_ids:
        return set()
    statement = db.select(OwnRoutine.client_id).where(OwnRoutine.account_id == account_id, OwnRoutine.client_id.in_(client_ids))
    return set(db.session.execute(statement).scalars())
