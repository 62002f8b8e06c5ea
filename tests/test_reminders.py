"""Reminders: the API, the VAPID key, `flask reminders send` end to end through a push receiver, and the calendar file.

The receiver stands in for a push service on 127.0.0.1: it decrypts what the server sent
(RFC 8291 aes128gcm, with the subscription keys the test made) and checks the VAPID header.
"""

import json
import stat
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from icalendar import Calendar

from pwa import create_app, reminders
from pwa.reminders import send_due_reminders
from pwa.reminders.vapid import VapidConfigError, key_from_file, public_key
from pwa.storing.db import db
from pwa.storing.models import Reminder
from tests.conftest import dispose
from tests.log_payloads import a_session, iso
from tests.web_push import PushReceiver, Subscriber, b64url, unb64url

pytestmark = pytest.mark.database

SUBJECT = "mailto:reminders-test@example.org"
# Pacific/Auckland is UTC+13 in December: its Wednesday 2 December begins at 11:00 UTC on Tuesday.
AUCKLAND_WEDNESDAY_0800 = datetime(2026, 12, 1, 19, 0, tzinfo=UTC)


@pytest.fixture
def receiver():
    server = PushReceiver()
    yield server
    server.stop()


@pytest.fixture
def push_app(app):
    """The app with the test's push receiver allowed as a push service, and a known VAPID subject."""
    app.config["PUSH_ALLOW_LOOPBACK_HTTP"] = True
    app.config["VAPID_SUBJECT"] = SUBJECT
    return app


def settings(endpoint, subscriber, **fields):
    return {
        "subscription": {"endpoint": endpoint, "expirationTime": None, "keys": subscriber.keys},
        "days": ["wed"],
        "time": "08:00",
        "timeZone": "Pacific/Auckland",
        "pausedForSafety": False,
    } | fields


@pytest.fixture
def subscribe(push_app, client, receiver, auth):
    """Put a reminder for the `auth` device (Wednesdays 08:00 in Auckland unless told otherwise); returns its Subscriber."""

    def put(headers=None, **fields):
        subscriber = Subscriber()
        response = client.put("/api/v1/reminders", json=settings(receiver.endpoint(), subscriber, **fields), headers=headers or auth)
        assert response.status_code == 200, response.json
        return subscriber

    return put


def send(runner, now):
    result = runner.invoke(args=["reminders", "send", "--now", now.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def verify_vapid(header, endpoint, server_key):
    """The `vapid t=<JWT>, k=<key>` header: the JWT signed ES256 by `k`, which is the server's key, with the right claims."""
    scheme, _, parameters = header.partition(" ")
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in parameters.split(","))
    assert fields["k"] == server_key
    head, claims, signature = fields["t"].split(".")
    assert json.loads(unb64url(head)) == {"typ": "JWT", "alg": "ES256"}
    raw = unb64url(signature)
    verifier = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(server_key))
    # Raises InvalidSignature unless the server's private key signed exactly these bytes.
    verifier.verify(encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:])), f"{head}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    claims = json.loads(unb64url(claims))
    parts = urlsplit(endpoint)
    assert claims["aud"] == f"{parts.scheme}://{parts.netloc}"
    assert claims["sub"] == SUBJECT
    assert time.time() < claims["exp"] <= time.time() + 24 * 3600


def test_a_due_reminder_reaches_the_push_service_encrypted_to_the_subscription_and_signed_by_the_server(client, runner, receiver, subscribe):
    subscriber = subscribe()
    server_key = client.get("/api/v1/reminders/vapid-public-key").json["publicKey"]

    assert send(runner, AUCKLAND_WEDNESDAY_0800) == "reminders: sent 1, skipped 0, dropped 0, failed 0"

    (delivered,) = receiver.requests
    assert delivered["path"] == "/push/sub"
    assert delivered["headers"]["content-encoding"] == "aes128gcm"
    assert int(delivered["headers"]["ttl"]) > 0
    message = json.loads(subscriber.decrypt(delivered["body"]))
    assert message["url"] == "/"
    assert message["title"] and message["body"]
    verify_vapid(delivered["headers"]["authorization"], receiver.endpoint(), server_key)


@pytest.mark.parametrize(
    ("now", "sent", "why"),
    [
        (AUCKLAND_WEDNESDAY_0800 - timedelta(minutes=1), 0, "07:59 on Wednesday in Auckland: before the time"),
        (AUCKLAND_WEDNESDAY_0800, 1, "08:00 on Wednesday in Auckland, though Tuesday in UTC"),
        (AUCKLAND_WEDNESDAY_0800 + timedelta(minutes=59), 1, "08:59 on Wednesday in Auckland: a run missed for a while catches up"),
        (AUCKLAND_WEDNESDAY_0800 + timedelta(hours=1), 0, "09:00: an hour late is no reminder (one set at 9:00 for 8:00 waits for the next day)"),
        (AUCKLAND_WEDNESDAY_0800 + timedelta(hours=16), 0, "00:00 on Thursday in Auckland, though Wednesday in UTC"),
        (AUCKLAND_WEDNESDAY_0800 - timedelta(days=1), 0, "08:00 on Tuesday in Auckland: not a chosen day"),
        (AUCKLAND_WEDNESDAY_0800 + timedelta(days=7), 1, "08:00 on the next Wednesday"),
    ],
)
def test_a_reminder_is_due_on_its_days_from_its_time_in_its_own_time_zone(runner, receiver, subscribe, now, sent, why):
    subscribe()
    assert send(runner, now).startswith(f"reminders: sent {sent},"), why
    assert len(receiver.requests) == sent, why


def test_nothing_is_sent_twice_in_a_day_however_often_the_command_runs(runner, receiver, subscribe):
    subscribe()
    outputs = [send(runner, AUCKLAND_WEDNESDAY_0800 + timedelta(minutes=minute)) for minute in range(0, 180, 7)]

    assert outputs[0].startswith("reminders: sent 1,")
    assert all(output == "reminders: sent 0, skipped 0, dropped 0, failed 0" for output in outputs[1:])
    assert len(receiver.requests) == 1
    assert send(runner, AUCKLAND_WEDNESDAY_0800 + timedelta(days=7)).startswith("reminders: sent 1,")


def test_two_runs_at_once_send_one_message(push_app, receiver, subscribe, monkeypatch):
    """Run B reads the reminder while it is still unsent; then run A claims and sends it; B's claim must fail."""
    subscribe()
    b_has_read = threading.Event()
    outcomes = {}
    real_is_due, real_settle = reminders.is_due, reminders.settle

    def run(name):
        with push_app.app_context():
            outcomes[name] = send_due_reminders(AUCKLAND_WEDNESDAY_0800)
            db.session.remove()

    def is_due(reminder, now):
        if threading.current_thread().name == "B":
            b_has_read.set()
        return real_is_due(reminder, now)

    def settle(*args):
        if threading.current_thread().name != "B" and not b_has_read.is_set():
            threading.Thread(target=run, args=("B",), name="B").start()
            b_has_read.wait()
        return real_settle(*args)

    monkeypatch.setattr(reminders, "is_due", is_due)
    monkeypatch.setattr(reminders, "settle", settle)
    run("A")
    for thread in threading.enumerate():
        if thread.name == "B":
            thread.join()

    assert sorted(outcome.sent for outcome in outcomes.values()) == [0, 1]
    assert len(receiver.requests) == 1


@pytest.mark.parametrize(
    ("started_at", "status", "sent"),
    [
        (AUCKLAND_WEDNESDAY_0800 - timedelta(hours=1), "completed", 0),  # 07:00 Wednesday in Auckland (Tuesday in UTC)
        (AUCKLAND_WEDNESDAY_0800 - timedelta(hours=8, minutes=1), "completed", 1),  # 23:59 Tuesday in Auckland (and in UTC): yesterday there
        (AUCKLAND_WEDNESDAY_0800 - timedelta(hours=1), "stopped", 1),  # begun today but not finished
        (AUCKLAND_WEDNESDAY_0800 - timedelta(hours=1), "abandoned", 1),
    ],
)
def test_no_reminder_goes_to_someone_who_completed_a_session_today_in_their_time_zone(client, auth, runner, receiver, subscribe, started_at, status, sent):
    subscribe()
    session = a_session(status=status, startedAt=iso(started_at), endedAt=iso(started_at + timedelta(minutes=7)), updatedAt=iso(started_at + timedelta(minutes=8)))
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=auth).status_code == 200

    output = send(runner, AUCKLAND_WEDNESDAY_0800 + timedelta(minutes=30))

    assert output == f"reminders: sent {sent}, skipped {1 - sent}, dropped 0, failed 0"
    assert len(receiver.requests) == sent
    # Settled for the day either way: asking again that day changes nothing.
    assert send(runner, AUCKLAND_WEDNESDAY_0800 + timedelta(hours=2)) == "reminders: sent 0, skipped 0, dropped 0, failed 0"


def test_a_session_completed_on_another_device_of_the_account_counts_too(client, auth, sign_in, runner, receiver, subscribe):
    subscribe()
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    tablet = sign_in("Tablet", pairing_code=code)
    started = AUCKLAND_WEDNESDAY_0800 - timedelta(hours=2)
    session = a_session(startedAt=iso(started), endedAt=iso(started + timedelta(minutes=7)), updatedAt=iso(started + timedelta(minutes=8)))
    assert client.post("/api/v1/sync", json={"sessions": [session]}, headers=tablet).status_code == 200

    assert send(runner, AUCKLAND_WEDNESDAY_0800).startswith("reminders: sent 0, skipped 1,")
    assert receiver.requests == []


def test_while_the_safety_check_stands_nothing_is_sent_and_after_it_reminders_come_again(client, auth, runner, receiver, subscribe):
    subscriber = subscribe(pausedForSafety=True)

    assert send(runner, AUCKLAND_WEDNESDAY_0800) == "reminders: sent 0, skipped 1, dropped 0, failed 0"
    assert receiver.requests == []

    reminder = client.get("/api/v1/reminders", headers=auth).json
    assert reminder["pausedForSafety"] is True and reminder["settledOn"] == "2026-12-02"
    reminder = {key: value for key, value in reminder.items() if key != "settledOn"} | {"pausedForSafety": False}
    reminder["subscription"]["keys"] = subscriber.keys
    assert client.put("/api/v1/reminders", json=reminder, headers=auth).status_code == 200

    assert send(runner, AUCKLAND_WEDNESDAY_0800 + timedelta(days=7)).startswith("reminders: sent 1,")
    (delivered,) = receiver.requests
    assert json.loads(subscriber.decrypt(delivered["body"]))["url"] == "/"


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_says_is_gone_is_dropped(push_app, client, auth, runner, receiver, subscribe, status):
    subscribe()
    receiver.status = status

    assert send(runner, AUCKLAND_WEDNESDAY_0800) == "reminders: sent 0, skipped 0, dropped 1, failed 0"

    assert client.get("/api/v1/reminders", headers=auth).status_code == 404
    with push_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Reminder)) == 0


def test_other_failures_are_logged_without_secrets_and_tried_again_next_run(client, auth, runner, receiver, subscribe, caplog):
    subscriber = subscribe()
    receiver.status = 503

    assert send(runner, AUCKLAND_WEDNESDAY_0800) == "reminders: sent 0, skipped 0, dropped 0, failed 1"
    receiver.status = 201
    assert send(runner, AUCKLAND_WEDNESDAY_0800 + timedelta(minutes=1)) == "reminders: sent 1, skipped 0, dropped 0, failed 0"

    assert len(receiver.requests) == 2
    assert "503" in caplog.text
    token = auth["Authorization"].removeprefix("Bearer ")
    for secret in (subscriber.keys["p256dh"], subscriber.keys["auth"], "/push/sub", token):
        assert secret not in caplog.text


def test_a_push_service_out_of_reach_is_tried_again_next_run(push_app, client, auth, runner, subscribe, receiver):
    subscribe()
    receiver.stop()
    receiver.stop = lambda: None  # stopped already: the fixture's teardown has nothing left to do

    assert send(runner, AUCKLAND_WEDNESDAY_0800) == "reminders: sent 0, skipped 0, dropped 0, failed 1"
    assert client.get("/api/v1/reminders", headers=auth).json["settledOn"] is None


def noon_somewhere():
    """A whole-hour zone where it is now about noon, and the minute it is there: far from midnight."""
    now = datetime.now(UTC)
    ahead = 12 - now.hour  # hours ahead of UTC, -11 to 12
    zone = "Etc/GMT" if ahead == 0 else f"Etc/GMT{-ahead:+d}"  # the Etc names count the other way
    return zone, (now + timedelta(hours=ahead)).strftime("%H:%M")


def test_the_timed_jobs_send_the_due_reminders(client, auth, runner, receiver, subscribe):
    # Every day, at this minute where it is noon: due when the jobs run in a moment.
    zone, minute = noon_somewhere()
    subscribe(days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"], time=minute, timeZone=zone)

    result = runner.invoke(args=["jobs", "run"])

    assert result.exit_code == 0, result.output
    assert "reminders: sent 1, skipped 0, dropped 0, failed 0" in result.output
    assert len(receiver.requests) == 1


def test_the_command_refuses_a_now_that_is_not_a_time(runner):
    result = runner.invoke(args=["reminders", "send", "--now", "tomorrow"])
    assert result.exit_code == 2
    assert "ISO 8601" in result.output


# The API


def test_a_device_sets_reads_replaces_and_deletes_its_reminder(client, auth, receiver, subscribe):
    assert client.get("/api/v1/reminders", headers=auth).status_code == 404
    subscriber = subscribe(days=["fri", "mon", "wed"], time="07:30", timeZone="Europe/London")

    reminder = client.get("/api/v1/reminders", headers=auth)
    assert reminder.headers["Cache-Control"] == "no-store"
    assert reminder.json == {
        "subscription": {"endpoint": receiver.endpoint(), "expirationTime": None, "keys": subscriber.keys},
        "days": ["mon", "wed", "fri"],
        "time": "07:30",
        "timeZone": "Europe/London",
        "pausedForSafety": False,
        "settledOn": None,
    }
    other = Subscriber()
    replaced = client.put("/api/v1/reminders", json=settings(receiver.endpoint("new"), other, days=["sun"]), headers=auth)
    assert replaced.status_code == 200 and replaced.json["days"] == ["sun"]
    assert client.get("/api/v1/reminders", headers=auth).json["subscription"]["endpoint"] == receiver.endpoint("new")

    assert client.delete("/api/v1/reminders", headers=auth).status_code == 204
    assert client.get("/api/v1/reminders", headers=auth).status_code == 404
    assert client.delete("/api/v1/reminders", headers=auth).status_code == 204


def test_one_device_never_reads_or_changes_another_devices_reminder(push_app, client, auth, sign_in, receiver, subscribe):
    mine = subscribe()
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    same_account = sign_in("Tablet", pairing_code=code)
    stranger = sign_in("Stranger")

    for other in (same_account, stranger):
        assert client.get("/api/v1/reminders", headers=other).status_code == 404
        assert client.delete("/api/v1/reminders", headers=other).status_code == 204
        theirs = client.put("/api/v1/reminders", json=settings(receiver.endpoint("theirs"), Subscriber(), days=["sun"]), headers=other)
        assert theirs.status_code == 200
    assert client.get("/api/v1/reminders").status_code == 401
    assert client.put("/api/v1/reminders", json=settings(receiver.endpoint(), Subscriber())).status_code == 401

    kept = client.get("/api/v1/reminders", headers=auth).json
    assert kept["subscription"]["keys"] == mine.keys and kept["days"] == ["wed"]
    with push_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Reminder)) == 3


def test_revoking_a_device_or_deleting_the_account_removes_its_reminder(push_app, client, auth, sign_in, subscribe):
    code = client.post("/api/v1/pairing-codes", headers=auth).json["code"]
    tablet = sign_in("Tablet", pairing_code=code)
    subscribe()
    subscribe(headers=tablet)
    tablet_id = next(device["id"] for device in client.get("/api/v1/devices", headers=auth).json["devices"] if not device["current"])

    def reminders():
        with push_app.app_context():
            return db.session.scalar(db.select(db.func.count()).select_from(Reminder))

    assert reminders() == 2
    assert client.delete(f"/api/v1/devices/{tablet_id}", headers=auth).status_code == 204
    assert reminders() == 1
    assert client.delete("/api/v1/account", headers=auth).status_code == 204
    assert reminders() == 0


GOOD = Subscriber().keys


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"subscription": {"endpoint": "http://fcm.googleapis.com/fcm/send/x", "keys": GOOD}}, "subscription.endpoint"),
        ({"subscription": {"endpoint": "https://10.0.0.1/push/x", "keys": GOOD}}, "subscription.endpoint"),
        ({"subscription": {"endpoint": "https://example.org/push/x", "keys": GOOD}}, "subscription.endpoint"),
        ({"subscription": {"endpoint": "https://user:pw@fcm.googleapis.com/fcm/send/x", "keys": GOOD}}, "subscription.endpoint"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com:99999/x", "keys": GOOD}}, "subscription.endpoint"),
        ({"subscription": {"endpoint": "x" * 3000, "keys": GOOD}}, "subscription.endpoint"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/x"}}, "subscription.keys"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": GOOD | {"p256dh": "B" + "A" * 86}}}, "subscription.keys.p256dh"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": GOOD | {"p256dh": GOOD["p256dh"][:-4]}}}, "subscription.keys.p256dh"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": GOOD | {"p256dh": "*" * 87}}}, "subscription.keys.p256dh"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": GOOD | {"auth": GOOD["auth"] + "AAA"}}}, "subscription.keys.auth"),
        ({"subscription": {"endpoint": "https://fcm.googleapis.com/fcm/send/x", "keys": GOOD | {"auth": "A" * 21}}}, "subscription.keys.auth"),
        ({"days": []}, "days"),
        ({"days": ["mon", "mon"]}, "days"),
        ({"days": ["monday"]}, "days[0]"),
        ({"days": "mon"}, "days"),
        ({"time": "24:00"}, "time"),
        ({"time": "8:00"}, "time"),
        ({"time": "08:00:00"}, "time"),
        ({"timeZone": "Mars/Olympus_Mons"}, "timeZone"),
        ({"timeZone": "../../etc/passwd"}, "timeZone"),
        ({"timeZone": "Europe/London" + "\x00"}, "timeZone"),
        ({"pausedForSafety": "yes"}, "pausedForSafety"),
        ({"pausedForSafety": None}, "pausedForSafety"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_bad_reminder_is_a_400_naming_the_field(client, auth, change, field):
    body = settings("https://fcm.googleapis.com/fcm/send/abc", Subscriber()) | change

    response = client.put("/api/v1/reminders", json=body, headers=auth)

    assert response.status_code == 400, response.json
    assert response.json["error"]["field"] == field, response.json
    assert response.json["error"]["message"].startswith(field)
    assert client.get("/api/v1/reminders", headers=auth).status_code == 404


def test_a_real_push_service_endpoint_is_taken_without_the_test_hook(client, auth):
    for endpoint in ("https://fcm.googleapis.com/fcm/send/abc:def", "https://updates.push.services.mozilla.com/wpush/v2/gAAA", "https://web.push.apple.com/QGuQyavXutnMH"):
        assert client.put("/api/v1/reminders", json=settings(endpoint, Subscriber()), headers=auth).status_code == 200, endpoint
    assert client.put("/api/v1/reminders", json=settings("http://127.0.0.1:9/push", Subscriber()), headers=auth).json["error"]["field"] == "subscription.endpoint"


def test_changing_reminders_is_rate_limited_per_device(push_app, client, auth, sign_in):
    from pwa.api.rate_limit import Limit

    push_app.config["RATE_LIMITS"] = {**push_app.config["RATE_LIMITS"], "reminder-change": Limit(hits=2, seconds=600)}
    body = settings("https://fcm.googleapis.com/fcm/send/abc", Subscriber())
    statuses = [client.put("/api/v1/reminders", json=body, headers=auth).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert client.put("/api/v1/reminders", json=body, headers=sign_in()).status_code == 200


# The server's key


def test_the_vapid_public_key_is_the_servers_uncompressed_p256_point(push_app, client):
    response = client.get("/api/v1/reminders/vapid-public-key")

    assert response.status_code == 200
    point = unb64url(response.json["publicKey"])
    assert len(point) == 65 and point[0] == 4
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    assert response.json["publicKey"] == public_key(push_app.extensions["vapid"])
    assert "=" not in response.json["publicKey"]


def test_without_config_the_key_is_made_once_in_a_private_file_and_kept(database_uri, tmp_path):
    key_file = tmp_path / "instance" / "vapid-private-key.pem"
    keys = []
    for _ in range(2):
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "VAPID_KEY_FILE": str(key_file)})
        keys.append(app.test_client().get("/api/v1/reminders/vapid-public-key").json["publicKey"])
        dispose(app)

    assert keys[0] == keys[1]
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [path.name for path in key_file.parent.iterdir()] == [key_file.name]


def test_workers_starting_at_once_agree_on_one_key(tmp_path):
    key_file = tmp_path / "vapid-private-key.pem"
    program = "import sys; from pathlib import Path; from pwa.reminders.vapid import key_from_file, public_key; print(public_key(key_from_file(Path(sys.argv[1]))))"
    workers = [subprocess.Popen([sys.executable, "-c", program, str(key_file)], stdout=subprocess.PIPE, text=True) for _ in range(6)]
    printed = {worker.communicate()[0].strip() for worker in workers}

    assert all(worker.returncode == 0 for worker in workers)
    assert printed == {public_key(key_from_file(key_file))}


def test_a_configured_key_is_used_as_pem_or_base64(database_uri):
    private = ec.generate_private_key(ec.SECP256R1())
    expected = b64url(private.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode()
    der = b64url(private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    raw = b64url(private.private_numbers().private_value.to_bytes(32))
    for configured in (pem, der, raw):
        app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "VAPID_PRIVATE_KEY": configured})
        assert app.test_client().get("/api/v1/reminders/vapid-public-key").json["publicKey"] == expected
        dispose(app)


def test_a_bad_configured_key_or_subject_stops_start_up_without_showing_the_key(database_uri):
    with pytest.raises(VapidConfigError) as refused:
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "VAPID_PRIVATE_KEY": "c2VjcmV0LW5vdC1hLWtleQ"})
    assert "c2VjcmV0" not in str(refused.value)
    with pytest.raises(VapidConfigError, match="VAPID_SUBJECT"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_uri, "VAPID_SUBJECT": "me@example.org"})


# The calendar file


def test_the_calendar_file_is_one_weekly_event_with_an_alarm_that_opens_the_app(client):
    response = client.get("/api/v1/reminders/calendar.ics?days=fri,mon,wed&time=08:00&tz=Europe/London")

    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"] == 'attachment; filename="unknot-reminders.ics"'
    calendar = Calendar.from_ical(response.get_data())
    (event,) = calendar.walk("VEVENT")
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/London" and (start.hour, start.minute) == (8, 0)
    assert start.strftime("%a") in {"Mon", "Wed", "Fri"}
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert 0 <= (start.date() - datetime.now(start.tzinfo).date()).days < 7
    assert str(event["URL"]) == "http://localhost/"
    assert "Unknot" in str(event["SUMMARY"]) and "http://localhost/" in str(event["DESCRIPTION"])
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == timedelta(0)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("time=08:00&tz=Europe/London", "days"),
        ("days=&time=08:00&tz=Europe/London", "days"),
        ("days=xyz&time=08:00&tz=Europe/London", "days"),
        ("days=mon,mon&time=08:00&tz=Europe/London", "days"),
        ("days=mon;wed&time=08:00&tz=Europe/London", "days"),
        ("days=mon&tz=Europe/London", "time"),
        ("days=mon&time=24:00&tz=Europe/London", "time"),
        ("days=mon&time=8am&tz=Europe/London", "time"),
        ("days=mon&time=08:00", "tz"),
        ("days=mon&time=08:00&tz=Nowhere/Town", "tz"),
        ("days=mon&time=08:00&tz=/etc/passwd", "tz"),
    ],
)
def test_a_bad_calendar_request_is_a_400_naming_the_parameter(client, query, field):
    response = client.get(f"/api/v1/reminders/calendar.ics?{query}")

    assert response.status_code == 400
    assert response.mimetype == "application/json"
    assert response.json["error"]["field"] == field, response.json
