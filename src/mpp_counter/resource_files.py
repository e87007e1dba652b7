"""Where the shipped resources are: catalog, campaign, translations, fonts, icons.

The repository keeps them in the top-level ``resources/`` folder; a wheel (setup.py's
build step) and the frozen build (packaging/mpp-counter.spec) put them inside the package
as ``mpp_counter/resources/``. The one rule for all three ways of running: the package's
own copy when there is one, else the checkout's folder beside ``src/`` (a source checkout
on PYTHONPATH, an editable install). Nothing here imports Qt, so the core may use it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

# A folder only counts as the resources when it holds this (an emptied leftover does not).
MARKER = "catalog.json"


@cache
def root() -> Traversable:
    """The resources folder; FileNotFoundError names both places looked in."""
    packaged = resources.files("mpp_counter").joinpath("resources")
    if packaged.joinpath(MARKER).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if (checkout / MARKER).is_file():
        return checkout
    raise FileNotFoundError(
        f"mpp-counter's resources are missing: neither {packaged} nor {checkout} holds "
        f"{MARKER}; reinstall the program"
    )


def resource(*parts: str) -> Traversable:
    """``resource("i18n", "mpp_counter_id.ts")``: one file or folder of the resources."""
    return root().joinpath(*parts)


def read_text(name: str) -> str:
    """A UTF-8 resource file's text, e.g. ``read_text("catalog.json")``."""
    return resource(name).read_text("utf-8")
