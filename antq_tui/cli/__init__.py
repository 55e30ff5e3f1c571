"""The ``antq`` command line. Each group of commands lives in its own module and registers on ``main``."""

from .main import main

__all__ = ["main"]
