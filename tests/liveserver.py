"""moot's whole ASGI application served by uvicorn in a thread, for tests that need a
real server (live streams, browsers)."""

from __future__ import annotations

import threading
import time

import uvicorn


class LiveServer:
    def __init__(self) -> None:
        from moot.config.asgi import application

        config = uvicorn.Config(
            application,
            host="127.0.0.1",
            port=0,
            lifespan="off",
            log_level="warning",
            ws_per_message_deflate=False,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.port = 0

    def start(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)
