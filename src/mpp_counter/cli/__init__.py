"""``mpp-counter``: the counter window by default, administrator sub-commands otherwise.

Like restic or borg: secrets come from an environment variable, a file or a prompt on a
terminal (never a hang in CI); an error is one line on stderr; exit 0 done, 1 failed,
2 bad input.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..domain.errors import MppError
from . import secrets

COMMAND_MODULES = ("admin", "records", "privacy", "favourites")
EXIT_CODES = """exit codes:
  0    done
  1    failed (one line on stderr says why; a disk error says full, read-only or I/O error)
  2    bad input
  3    the change IS saved, but its result could not be written to standard output
       (closed, broken pipe, full disk): do not repeat it; stderr names what was saved
  130  interrupted"""


def default_data_dir() -> Path:
    env = os.environ.get("MPP_COUNTER_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("mpp-counter", appauthor=False))


def _global_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where the store lives (default: the user's data folder)",
    )
    p.add_argument(
        "--passphrase-file",
        type=Path,
        default=None,
        help="read the administrator passphrase from this file",
    )
    p.add_argument(
        "--log-level",
        default=os.environ.get("MPP_COUNTER_LOG", "WARNING"),
        help="DEBUG, INFO, WARNING (default) or ERROR",
    )


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    p = argparse.ArgumentParser(
        prog="mpp-counter",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"data folder: {default_data_dir()}\n"
        "  the encrypted store (keys.json, the SQLCipher database, its backups), the\n"
        "  window's settings and the log; another one with --data-dir DIR (before the\n"
        "  sub-command) or MPP_COUNTER_DATA_DIR. Copy the whole folder to back it up:\n"
        "  the administrator's passphrase opens it anywhere.\n\n" + EXIT_CODES,
    )
    p.add_argument("--version", action="version", version=f"mpp-counter {__version__}")
    _global_options(p)
    sub = p.add_subparsers(dest="command", metavar="SUB-COMMAND")
    for name in COMMAND_MODULES:
        __import__(f"{__name__}.{name}", fromlist=["register"]).register(sub)
    _register_optional(sub)
    return p


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """No sub-command (the clerk's double-click): the window, without loading every
    command's modules first (bench/gui_start.py); anything else gets the full parser."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    quick = argparse.ArgumentParser(prog="mpp-counter", add_help=False)
    _global_options(quick)
    known, rest = quick.parse_known_args(args_in)
    if not rest:
        known.command = None
        return known
    return build_parser().parse_args(args_in)


def _register_optional(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Sub-commands of parts that may be absent from a trimmed install."""
    for name in ("sync_commands", "slip_commands"):
        try:
            module = __import__(f"{__name__}.{name}", fromlist=["register"])
        except ImportError:
            continue
        module.register(sub)


def main(argv: Sequence[str] | None = None) -> int:
    from ..process_guard import harden

    harden()  # no core dumps, files for the owner only: before any secret is read
    args = _parse(argv)
    args.data_dir = (args.data_dir or default_data_dir()).expanduser().absolute()
    from ..logging_setup import configure

    configure(args.log_level, args.data_dir)
    try:
        if args.command is None:
            return _window(args.data_dir)
        code: int = args.func(args)
        return code
    except MppError as exc:
        print(f"mpp-counter: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("mpp-counter: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"mpp-counter: {exc.strerror or type(exc).__name__}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback (issue 16)
        return _unexpected(exc, args.data_dir)


def _unexpected(exc: Exception, data_dir: Path) -> int:
    """A database error no layer turned into ours: named as the disk's when it is, else
    one line with its kind; the details go to the log (masked), not to the screen."""
    import logging

    from ..store.diskerrors import disk_error, error_for, unreadable

    err = disk_error(exc)
    if err is None and getattr(exc, "sqlite_errorcode", None) is not None and unreadable(data_dir):
        err = error_for("io")  # "malformed" because the disk could not read a page
    if err is not None:
        print(f"mpp-counter: {err.message}", file=sys.stderr)
        return err.exit_code
    logging.getLogger("mpp_counter.cli").debug("unexpected error", exc_info=exc)
    print(
        f"mpp-counter: unexpected error ({type(exc).__name__}); nothing more was done. "
        "Run again with --log-level DEBUG for the details.",
        file=sys.stderr,
    )
    return 1


def _window(data_dir: Path) -> int:
    try:
        from ..gui.app import run
    except ImportError as exc:
        print(
            f"mpp-counter: the counter window is not available ({exc.name}); "
            "use the sub-commands, see 'mpp-counter --help'",
            file=sys.stderr,
        )
        return 1
    return run(data_dir)


__all__ = ["main", "secrets"]
