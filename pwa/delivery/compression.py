"""Responses made per request, compressed on the way out (Flask-Compress) when the browser accepts it."""

from flask import Flask
from flask_compress import Compress

compress = Compress()


def init_app(app: Flask):
    """Brotli or gzip, as `COMPRESS_ALGORITHM` orders them; a response already encoded is left alone."""
    compress.init_app(app)
