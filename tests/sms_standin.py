"""A stand-in SMS provider on 127.0.0.1 that records every request and answers as it is told."""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class StandIn:
    url: str
    requests: list[dict] = field(default_factory=list)
    # Status codes to answer, in turn; once spent, every request gets 200 with an id.
    script: list[int] = field(default_factory=list)
    delay: float = 0.0


@contextmanager
def sms_provider() -> Iterator[StandIn]:
    """Run the stand-in on a free port for the duration of the block."""
    state = StandIn(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append({"path": self.path, "headers": dict(self.headers), "json": json.loads(body)})
            if state.delay:
                threading.Event().wait(state.delay)
            status = state.script.pop(0) if state.script else 200
            answer = json.dumps({"id": f"msg-{len(state.requests)}"} if status == 200 else {"error": "no"})
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer.encode())

        def log_message(self, *args):  # keep the test output quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
