"""Entry point of the frozen counter program (PyInstaller runs this file as ``__main__``)."""

import sys

from mpp_counter.cli import main

if __name__ == "__main__":
    sys.exit(main())
