"""gunicorn settings (`gunicorn -c gunicorn.conf.py wsgi:app`); each can be overridden by the environment.

Workers follow the CPU count when REDIS_URL is set (rate limits, cache and jobs are shared through
Redis). Without Redis those live in one process's memory, so the embedded default runs ONE worker
with more threads: the login limit is then counted once for the whole server.
Graceful reload: `kill -HUP <master pid>` (systemd `reload`) starts new workers before the old
ones finish their requests (`graceful_timeout`).
"""
import multiprocessing
import os

_shared_state = bool(os.environ.get("REDIS_URL"))

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or (multiprocessing.cpu_count() * 2 + 1 if _shared_state else 1))
threads = int(os.environ.get("GUNICORN_THREADS") or (4 if _shared_state else 8))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))  # a request held longer is killed and logged
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5  # behind nginx, which keeps its upstream connections open
max_requests = 2000  # recycle a worker now and then; the jitter keeps them from restarting together
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# No query string (it can carry a reset token) and no client address: the request id links a line to
# the application's own JSON logs.
access_log_format = '%({x-request-id}o)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    # /metrics sums every worker's counts from this folder (empty it before starting).

    def child_exit(server, worker):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
