"""gunicorn's settings for Unknot in production: `gunicorn -c deploy/gunicorn.conf.py 'pwa:create_app()'`.

Behind Caddy on the same machine: it listens on loopback only. Each worker holds no state
another needs (rate limits go to Redis with REDIS_URL), so any number of workers, on any number
of machines, serve the same app.
"""

import multiprocessing
import os

bind = os.environ.get("UNKNOT_BIND", "127.0.0.1:8000")
# Sync workers: each request is short (the catalog is pre-rendered, a sync batch is one transaction).
workers = int(os.environ.get("UNKNOT_WORKERS", 2 * multiprocessing.cpu_count() + 1))
timeout = 30
graceful_timeout = 20
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm"
# Only Caddy, on this machine, may say who the client is (X-Forwarded-For/-Proto).
forwarded_allow_ips = "127.0.0.1"
# To standard output and error, so systemd's journal keeps them: `journalctl -u unknot`.
accesslog = "-"
errorlog = "-"
