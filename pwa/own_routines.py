"""Storing an account's own routines exactly once, an edit only over an older edit.

As for the log (`sync.py`): an insert that does nothing on a client UUID the account already
has, then an update guarded by the edit time, in UUID order, so replaying a batch changes nothing
and two concurrent batches cannot deadlock.
"""

from .api import limits
from .api.own_routine_wire import OwnRoutineResult
from .db import db
from .models import LoggedSession, OwnRoutine
from .sync import dialect_insert


def latest_edits(records):
    """One copy per id: the latest edit in the batch."""
    chosen = {}
    for record in records:
        known = chosen.get(record.client_id)
        if known is None or record.updated_at > known.updated_at:
            chosen[record.client_id] = record
    return chosen


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
    """Store valid `OwnRoutineRecord`s; say which ids were stored, updated or already there."""
    chosen = latest_edits(records)
    rows = [
        {"account_id": account_id, "client_id": key, "routine": chosen[key].routine, "deleted": chosen[key].deleted, "updated_at": chosen[key].updated_at, "received_at": now} for key in sorted(chosen)
    ]
    if not rows:
        return OwnRoutineResult.of(stored=[], updated=[], already_there=[])
    insert = dialect_insert(OwnRoutine).on_conflict_do_nothing(index_elements=["account_id", "client_id"]).returning(OwnRoutine.client_id)
    stored = set(db.session.execute(insert, rows).scalars())
    updated = set()
    for row in rows:
        if row["client_id"] in stored:
            continue
        statement = (
            db.update(OwnRoutine)
            .where(OwnRoutine.account_id == account_id, OwnRoutine.client_id == row["client_id"], OwnRoutine.updated_at < row["updated_at"])
            .values(routine=row["routine"], deleted=row["deleted"], updated_at=row["updated_at"], received_at=now)
            .returning(OwnRoutine.client_id)
        )
        updated.update(db.session.execute(statement).scalars())
    if any(row["deleted"] for row in rows):
        drop_oldest_tombstones(account_id)
    db.session.commit()
    ids = [row["client_id"] for row in rows]
    return OwnRoutineResult.of(
        stored=[key for key in ids if key in stored],
        updated=[key for key in ids if key in updated],
        already_there=[key for key in ids if key not in stored and key not in updated],
    )


def list_routines(account_id):
    """Every own routine of the account, tombstones too, oldest edit first."""
    return db.session.execute(db.select(OwnRoutine).filter_by(account_id=account_id).order_by(OwnRoutine.updated_at, OwnRoutine.client_id)).scalars().all()


def known_ids(account_id, client_ids):
    """Which of `client_ids` are own routines of the account (deleted ones too: a session keeps its routine's name)."""
    if not client_ids:
        return set()
    statement = db.select(OwnRoutine.client_id).where(OwnRoutine.account_id == account_id, OwnRoutine.client_id.in_(client_ids))
    return set(db.session.execute(statement).scalars())
