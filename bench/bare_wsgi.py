"""The floor for `api_ratio.py`: a bare WSGI app that answers every request with the same bytes.

`BARE_BODY` and `BARE_BODY_BR` name files holding the document plain and Brotli-compressed; a
request that accepts `br` gets the second, as the app would answer it.
"""

import os
from pathlib import Path

PLAIN = Path(os.environ["BARE_BODY"]).read_bytes()
COMPRESSED = Path(os.environ["BARE_BODY_BR"]).read_bytes()


def application(environ, start_response):
    compressed = "br" in environ.get("HTTP_ACCEPT_ENCODING", "")
    body = COMPRESSED if compressed else PLAIN
    headers = [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    if compressed:
        headers.append(("Content-Encoding", "br"))
    start_response("200 OK", headers)
    return [body]
