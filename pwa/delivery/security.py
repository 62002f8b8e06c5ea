"""Security headers on every response: a strict CSP and friends for pages, less for data."""

from flask import Flask


def content_security_policy(style_sources=()):
    """The policy, allowing besides the app's own files the inline stylesheets of these hashes."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            " ".join(("style-src 'self'", *style_sources)),
            "img-src 'self'",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "media-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


CONTENT_SECURITY_POLICY = content_security_policy()
# Only what Unknot uses: the screen wake lock (player) and fullscreen; everything else off.
PERMISSIONS_POLICY = ", ".join(
    (
        "screen-wake-lock=(self)",
        "fullscreen=(self)",
        "accelerometer=()",
        "autoplay=()",
        "camera=()",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "midi=()",
        "payment=()",
        "usb=()",
    )
)
# For a page (HTML) and the service worker: what they may load, run and use.
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


# For everything else a browser could still open as a document (JSON, SVG, the manifest, CSV,
# iCalendar): it needs nothing, so it may load and run nothing, and be framed by no one. The
# page's other policies mean nothing on data; leaving them off saves ~500 bytes on each of the
# ~30 responses of a first visit over HTTP/1.1, where headers are not compressed.
DATA_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
}
PAGE_TYPES = ("text/html", "text/javascript", "application/javascript")


def headers_for(mimetype):
    """The security headers that mean something on a response of this type."""
    return HEADERS if mimetype in PAGE_TYPES else DATA_HEADERS


def add_security_headers(response):
    for name, value in headers_for(response.mimetype).items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask):
    app.after_request(add_security_headers)
