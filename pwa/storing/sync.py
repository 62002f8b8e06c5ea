"""Storing batches of latest edits exactly once, whatever order or how often they arrive: the one
path the log, the weekly checks and the own routines take, and the log's pages.

Every write is an insert that does nothing on a client UUID the account already has, or an
update guarded by the client's edit time, so replaying any batch changes nothing. Rows are
written in the order of their UUIDs, so two concurrent batches lock them in the same order and
cannot deadlock each other. Each record kind says only what differs: its table, and its
record's `row()` (the columns it stores). What became of a batch is a plain `BatchOutcome`, which
the views answer in the wire's shape.
"""

import time
from dataclasses import dataclass

from sqlalchemy import tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload

from .db import db
from .models import LoggedSession, LoggedSet

ATTEMPTS = 4
# Set by the database or by the storing itself: never an edit the client makes.
NOT_EDITED = ("account_id", "client_id", "received_at")


@dataclass(frozen=True)
class BatchOutcome:
    """The client ids of a batch by what became of them: each id sent is in exactly one list, sorted."""

    stored: list[str]  # new here
    updated: list[str]  # known, and replaced by a later edit
    already_there: list[str]  # known with this edit or a later one: nothing changed


def dialect_insert(model):
    """INSERT with ON CONFLICT, in the database's own dialect (both spell it the same way)."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)


def committed_with_retries(store):
    """`store()` and a commit, tried again from the start on a lock or a deadlock; `store` must be idempotent."""
    for attempt in range(ATTEMPTS):
        try:
            result = store()
            db.session.commit()
            return result
        except OperationalError:
            db.session.rollback()
            if attempt == ATTEMPTS - 1:
                raise
            time.sleep(0.05 * 2**attempt)


def latest_edits(records):
    """One record per client id: the latest edit (`updated_at`) of it in the batch, the first of equal ones."""
    chosen = {}
    for record in records:
        known = chosen.get(record.client_id)
        if known is None or record.updated_at > known.updated_at:
            chosen[record.client_id] = record
    return chosen


def store_latest_edits(model, account_id, records, now):
    """Store the latest edit of each record (anything with a `client_id`, an `updated_at` and a `row()`) in `model`'s table, uncommitted.

    An edit replaces a stored one only if it is later. Says which ids were stored (new), updated
    or already there (this edit or a later one was); each id sent is in exactly one list.
    """
    chosen = latest_edits(records)
    rows = [chosen[key].row(account_id=account_id, received_at=now) for key in sorted(chosen)]
    if not rows:
        return BatchOutcome(stored=[], updated=[], already_there=[])
    insert = dialect_insert(model).on_conflict_do_nothing(index_elements=["account_id", "client_id"]).returning(model.client_id)
    stored = set(db.session.execute(insert, rows).scalars())
    updated = set()
    edited = [column for column in rows[0] if column not in NOT_EDITED]
    for row in rows:
        if row["client_id"] in stored:
            continue
        statement = (
            db.update(model)
            .where(model.account_id == account_id, model.client_id == row["client_id"], model.updated_at < row["updated_at"])
            .values({column: row[column] for column in edited} | {"received_at": now})
            .returning(model.client_id)
        )
        updated.update(db.session.execute(statement).scalars())
    return BatchOutcome(stored=sorted(stored), updated=sorted(updated), already_there=sorted(set(chosen) - stored - updated))


def store_batch(account_id, sessions, now):
    """Store valid sessions (`SessionRecord`s) with their sets; say which ids were stored, updated or already there.

    Retries the whole (idempotent) batch when the database reports a lock or deadlock.
    """
    return committed_with_retries(lambda: _store_batch(account_id, sessions, now))


def _store_batch(account_id, sessions, now):
    result = store_latest_edits(LoggedSession, account_id, sessions, now)
    sets = sets_by_session(sessions)
    if not sets:
        return result
    keys = db.session.execute(db.select(LoggedSession.client_id, LoggedSession.id).where(LoggedSession.account_id == account_id, LoggedSession.client_id.in_(sets))).all()
    set_rows = sorted(
        (record.row(session_id=session_pk) for client_id, session_pk in keys for record in sets[client_id].values()),
        key=lambda row: (row["session_id"], row["client_id"]),
    )
    insert = dialect_insert(LoggedSet)
    # A set recorded again (a rep redone after "Back") carries a later time: it replaces the older.
    changes = {column: insert.excluded[column] for column in set_rows[0] if column not in ("session_id", "client_id")}
    upsert = insert.on_conflict_do_update(index_elements=["session_id", "client_id"], set_=changes, where=LoggedSet.recorded_at < insert.excluded.recorded_at)
    db.session.execute(upsert, set_rows)
    return result


def sets_by_session(sessions):
    """Per session id, the union of the sets of every copy in the batch, by set id: the latest recording of each."""
    sets = {}
    for session in sessions:
        for record in session.sets:
            known = sets.setdefault(session.client_id, {}).get(record.client_id)
            if known is None or record.recorded_at > known.recorded_at:
                sets[session.client_id][record.client_id] = record
    return sets


def page_of_sessions(account_id, limit, past=None, newest_first=True):
    """Up to `limit` sessions with their sets, ordered by (started_at, client_id), newest or oldest
    first, starting after the `past` position in that order."""
    position = tuple_(LoggedSession.started_at, LoggedSession.client_id)
    query = db.select(LoggedSession).where(LoggedSession.account_id == account_id)
    if past:
        query = query.where(position < tuple_(*past) if newest_first else position > tuple_(*past))
    order = (LoggedSession.started_at, LoggedSession.client_id)
    query = query.order_by(*(column.desc() if newest_first else column for column in order)).limit(limit)
    return db.session.execute(query.options(selectinload(LoggedSession.sets))).scalars().all()
