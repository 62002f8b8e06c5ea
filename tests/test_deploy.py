"""What the deployment relies on: the timed jobs command, and backup and restore with pg_dump."""

import os
import subprocess
from datetime import timedelta

import pytest

from pwa.storing.db import db
from pwa.storing.models import PairingCode
from pwa.storing.timestamps import utc_now
from tests.conftest import TEST_DATABASE_URL
from tests.log_payloads import a_session

pytestmark = pytest.mark.database
DEPLOY = os.path.join(os.path.dirname(__file__), "..", "deploy")


def test_the_timed_jobs_clear_spent_and_expired_pairing_codes_and_keep_live_ones(app, client, auth, runner):
    live = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    with app.app_context():
        account_id = db.session.execute(db.select(PairingCode.account_id)).scalar_one()
        now = utc_now()
        db.session.add_all(
            [
                PairingCode(account_id=account_id, code_hash="a" * 64, created_at=now, expires_at=now - timedelta(seconds=1)),
                PairingCode(account_id=account_id, code_hash="b" * 64, created_at=now, expires_at=now + timedelta(minutes=5), used_at=now),
            ]
        )
        db.session.commit()

    result = runner.invoke(args=["jobs", "run"])

    assert result.exit_code == 0, result.output
    assert "pairing codes cleared: 2" in result.output
    assert client.post("/api/v1/devices", json={"pairingCode": live}).status_code == 201


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="pg_dump backs up PostgreSQL: `make test` runs this in its PostgreSQL run")
def test_a_backup_restores_the_log_after_it_was_lost(client, auth, tmp_path):
    session = a_session()
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth).status_code == 200
    libpq_url = TEST_DATABASE_URL.replace("postgresql+psycopg://", "postgresql://")

    backup = subprocess.run([os.path.join(DEPLOY, "backup.sh")], env={**os.environ, "BACKUP_DIR": str(tmp_path), "UNKNOT_DATABASE": libpq_url}, capture_output=True, text=True, check=True)
    dump = backup.stdout.strip().splitlines()[-1]
    client.delete("/api/v1/account", headers=auth)
    assert client.get("/api/v1/sessions", headers=auth).status_code == 401

    subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", libpq_url, dump], capture_output=True, text=True, check=True)

    (restored,) = client.get("/api/v1/sessions", headers=auth).json["sessions"]
    assert restored["id"] == session["id"]
    assert len(restored["sets"]) == len(session["sets"])
