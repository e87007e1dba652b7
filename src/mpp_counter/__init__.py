"""mpp-counter: consent collection for the KPK integrity survey at public service malls."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mpp-counter")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
