"""Storing a batch of the person's log exactly once, whatever order or how often it arrives.

Every write is an insert that does nothing on a client UUID the account already has, or an
update guarded by the client's edit time, so replaying any batch changes nothing. Rows are
written in the order of their UUIDs, so two concurrent batches lock them in the same order and
cannot deadlock each other.
"""

import time

from sqlalchemy import tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload

from .api.log_wire import set_row
from .api.wire import SyncResult
from .db import db
from .models import LoggedSession, LoggedSet

ATTEMPTS = 4


def dialect_insert(model):
    """INSERT with ON CONFLICT, in the database's own dialect (both spell it the same way)."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(model)


def latest_edits(sessions):
    """One copy per session id, the latest edit; its sets are the union of every copy's, by id."""
    chosen, sets = {}, {}
    for session in sessions:
        key = session.client_id
        if key not in chosen or session.updated_at > chosen[key].updated_at:
            chosen[key] = session
        for record in session.sets:
            known = sets.setdefault(key, {}).get(record.client_id)
            if known is None or record.recorded_at > known.recorded_at:
                sets[key][record.client_id] = record
    return chosen, sets


def store_batch(account_id, sessions, now):
    """Store valid sessions (`SessionRecord`s) with their sets; say which ids were stored, updated or already there.

    Retries the whole (idempotent) batch when the database reports a lock or deadlock.
    """
    return committed_with_retries(lambda: _store_batch(account_id, sessions, now))


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


def _store_batch(account_id, sessions, now):
    chosen, sets_by_session = latest_edits(sessions)
    rows = [chosen[key].row(account_id=account_id, received_at=now) for key in sorted(chosen)]
    if not rows:
        return SyncResult.of(stored=[], updated=[], already_there=[])

    insert = dialect_insert(LoggedSession)
    stored = set(db.session.execute(insert.on_conflict_do_nothing(index_elements=["account_id", "client_id"]).returning(LoggedSession.client_id), rows).scalars())
    updated = set()
    editable = [column for column in rows[0] if column not in ("account_id", "client_id", "received_at")]
    for row in rows:
        if row["client_id"] in stored:
            continue
        statement = (
            db.update(LoggedSession)
            .where(LoggedSession.account_id == account_id, LoggedSession.client_id == row["client_id"], LoggedSession.updated_at < row["updated_at"])
            .values({column: row[column] for column in editable} | {"received_at": now})
            .returning(LoggedSession.client_id)
        )
        updated.update(db.session.execute(statement).scalars())

    keys = db.session.execute(db.select(LoggedSession.client_id, LoggedSession.id).where(LoggedSession.account_id == account_id, LoggedSession.client_id.in_(chosen))).all()
    set_rows = sorted(
        (set_row(record, session_id=session_pk) for client_id, session_pk in keys for record in sets_by_session.get(client_id, {}).values()),
        key=lambda row: (row["session_id"], row["client_id"]),
    )
    if set_rows:
        insert = dialect_insert(LoggedSet)
        # A set recorded again (a rep redone after "Back") carries a later time: it replaces the older.
        changes = {column: insert.excluded[column] for column in set_rows[0] if column not in ("session_id", "client_id")}
        upsert = insert.on_conflict_do_update(index_elements=["session_id", "client_id"], set_=changes, where=LoggedSet.recorded_at < insert.excluded.recorded_at)
        db.session.execute(upsert, set_rows)

    return SyncResult.of(stored=sorted(stored), updated=sorted(updated), already_there=sorted(set(chosen) - stored - updated))


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
