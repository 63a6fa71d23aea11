"""moot: software for groups that decide together."""

__version__ = "0.1.0"
