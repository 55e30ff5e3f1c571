"""Storage errors. Every message is Vietnamese, written for the person at the keyboard; the UI shows it as is."""

from __future__ import annotations


class StorageError(Exception):
    """The database could not do what was asked. ``str(exc)`` is a Vietnamese message for the user."""


class DatabaseLockedError(StorageError):
    """Another program holds the database's write lock for longer than the busy timeout."""


class DatabaseCorruptError(StorageError):
    """The file is not an SQLite database, or its pages are damaged."""


class NewerDatabaseError(StorageError):
    """The database was made or upgraded by a newer antq; it is left untouched."""


class OlderDatabaseError(StorageError):
    """Opened read-only, the database needs an upgrade first (made by an older antq); nothing was written."""


class FinalizedError(StorageError):
    """A write to a finalized (read-only) inspection. Reopen it first, with a reason."""


class NotFoundError(StorageError, KeyError):
    """No inspection, unit or attachment with that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InvalidValueError(StorageError, ValueError):
    """A value given to the store cannot be read (a date, a time, an input field…); nothing was saved.

    :attr field_id: the input field or inspection field at fault, when there is one.
    """

    def __init__(self, message: str, field_id: str = ""):
        super().__init__(message)
        self.field_id = field_id
