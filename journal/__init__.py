"""Health Journal: a private, encrypted journal of unexpected vaginal bleeding."""

__version__ = "0.1.0"
