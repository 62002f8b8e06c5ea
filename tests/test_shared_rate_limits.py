"""With `REDIS_URL`, every worker counts the rate limits in one place: one limit, however many workers."""

import json
import urllib.error
import urllib.request

import pytest

from tests.servers import gunicorn, redis

pytestmark = pytest.mark.database


def sign_in(address):
    """POST /devices on a new connection each time (so any worker may answer); its status."""
    host, port = address
    request = urllib.request.Request(f"http://{host}:{port}/api/v1/devices", data=b"{}", headers={"Content-Type": "application/json", "Connection": "close"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        body = json.load(error)
        assert body["error"]["status"] == error.code
        return error.code, error.headers.get("Retry-After")


def test_the_31st_new_account_in_an_hour_is_refused_whichever_of_four_workers_answers(database_uri, tmp_path):
    with redis(tmp_path) as redis_url, gunicorn(tmp_path, workers=4, DATABASE_URL=database_uri, REDIS_URL=redis_url) as address:
        answers = [sign_in(address) for _ in range(40)]

    statuses = [status for status, _ in answers]
    # In memory, each of the four workers would count on its own and let up to 120 through.
    assert statuses == [201] * 30 + [429] * 10
    assert all(int(retry_after) > 0 for status, retry_after in answers if status == 429)
