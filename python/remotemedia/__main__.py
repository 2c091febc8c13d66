"""``python -m remotemedia``: the same command as the ``remotemedia`` script."""

from .cli import console

if __name__ == "__main__":
    console()
