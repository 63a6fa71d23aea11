"""The ``moot`` command.

moot serve [--host H] [--port P] [--workers N]   serve moot over ASGI (uvicorn)
           [--tasks] [--tick-seconds S]       with the task worker and the tick beside it
moot demo                                          create the demo groups and people
moot migrate                                       bring the database up to date
moot tally FILE --method NAME [--seats N] [--json] count a ballot file
moot <any manage.py command>                       e.g. moot createsuperuser
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0
    command, rest = args[0], args[1:]
    if command == "tally":
        from moot.core.tally_cli import main as tally_main

        return tally_main(rest)
    if command == "serve":
        return _serve(rest)
    return _manage([command, *rest])


def _manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moot.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["moot", *args])
    return 0


def _serve(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="moot serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-access-log", action="store_true")
    parser.add_argument(
        "--tasks", action="store_true", help="also run the task worker and the tick"
    )
    parser.add_argument("--tick-seconds", type=int, default=15)
    options = parser.parse_args(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moot.config.settings")
    if options.tasks:
        from moot.companions import companions

        with companions(options.tick_seconds):
            _uvicorn(options)
    else:
        _uvicorn(options)
    return 0


def _uvicorn(options: argparse.Namespace) -> None:
    import uvicorn

    uvicorn.run(
        "moot.config.asgi:application",
        host=options.host,
        port=options.port,
        workers=options.workers,
        lifespan="off",
        access_log=not options.no_access_log,
        ws_per_message_deflate=False,  # deflate costs ~3x per message at fan-out
    )


if __name__ == "__main__":
    raise SystemExit(main())
