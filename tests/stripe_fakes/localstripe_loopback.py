"""Run localstripe (GPL, test-only) bound to 127.0.0.1 only: its own start() listens on every interface.

Usage: python -m tests.stripe_fakes.localstripe_loopback PORT
"""
import sys

from aiohttp import web
from localstripe.resources import store
from localstripe.server import app

# Keep the state in memory: localstripe otherwise pickles it to a fixed /tmp path on every write,
# shared by every test worker on the machine.
type(store).dump_to_disk = lambda self: None


def main() -> None:
    port = int(sys.argv[1])
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
