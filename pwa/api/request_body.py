"""Before a body is parsed: a chunked body held to the size limit, and JSON counted cheaply.

Parsing JSON builds every value it holds, so a megabyte of `{}` costs far more to parse than a
megabyte of real sessions; counting its objects and lists first costs one pass of a regular
expression, and refuses such a body before it is parsed.
"""

import io
import json
import re

from werkzeug.wrappers import Response

from .errors import error_body

# A JSON string, closed or running to the end of the body, matched in one pass whatever it holds
# (possessive, and never left unmatched, so a body of broken strings cannot make it backtrack).
JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.|\\\Z)*+(?:"|\Z)', re.DOTALL)


def containers(body: bytes) -> int:
    """How many objects and lists a JSON body holds (those inside strings are not counted)."""
    structure = JSON_STRING.sub(b"", body)
    return structure.count(b"{") + structure.count(b"[")


class SizedBody:
    """WSGI middleware: a body sent without `Content-Length` (chunked) is read here, up to a limit.

    Over the limit it is a 413, and a chunk the server cannot parse is a 400, both in the API's
    error shape; within it, the app sees an ordinary body with its length, so Flask's own
    per-view limits apply as to any other.
    """

    def __init__(self, app, max_bytes):
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, environ, start_response):
        if environ.get("CONTENT_LENGTH") or "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self.app(environ, start_response)
        try:
            body = read_at_most(environ["wsgi.input"], self.max_bytes + 1)
        except Exception:
            return refuse(400, "The body's chunked encoding is broken.")(environ, start_response)
        if len(body) > self.max_bytes:
            return refuse(413, f"The request body is larger than this API takes ({self.max_bytes} bytes).")(environ, start_response)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ.pop("wsgi.input_terminated", None)
        return self.app(environ, start_response)


def read_at_most(stream, limit):
    chunks, size = [], 0
    while size < limit:
        chunk = stream.read(min(64 * 1024, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def refuse(status, message):
    body = json.dumps(error_body(status, message, "body"))
    return Response(body, status=status, mimetype="application/json", headers={"Connection": "close"})
