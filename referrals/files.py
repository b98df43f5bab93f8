"""A finalised letter's PDF, kept through Django's storage API (`STORAGES["default"]`).

The file is written once, before the row that names it is made final, under a random name
(`letters/<32 hex digits>.pdf`) that nothing else ever writes: it is never overwritten, and
the letter's SHA-256, kept in the database, is checked on every read. What is written by a
transaction that then fails is deleted again (`referrals.services.letter_finalise`), the
files of an erased client after the erasure commits (`records.services.client_erase`), and
a file no letter names, left by a crash between the write and the commit, by
`delete_orphaned_letter_files` (`python manage.py erase_maintenance`).
"""

import hashlib
import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)

FOLDER = "letters"


class LetterFileUnreadable(Exception):
    """A final letter's stored file is missing, unreadable or not the PDF that was sent."""


def write_letter_file(data):
    """Store `data` under a new random name and return the name."""
    name = f"{FOLDER}/{uuid.uuid4().hex}.pdf"
    saved = default_storage.save(name, ContentFile(data, name=name))
    if saved != name:  # the storage found the name taken: never write beside another file
        default_storage.delete(saved)
        raise FileExistsError(f"A letter file named {name} exists already.")
    return name


def read_letter_file(name, sha256):
    """The stored bytes, only if they are the bytes whose SHA-256 the letter keeps."""
    try:
        with default_storage.open(name, "rb") as file:
            data = file.read()
    except Exception as error:  # each storage backend raises its own errors
        logger.error("Letter file %s could not be read: %r", name, error)
        raise LetterFileUnreadable(f"The stored file {name} could not be read.") from error
    if hashlib.sha256(data).hexdigest() != sha256:
        logger.error("Letter file %s does not match the SHA-256 its letter keeps.", name)
        raise LetterFileUnreadable(f"The stored file {name} is not the letter that was sent.")
    return data


def delete_letter_files(names):
    """Delete stored letter files; a failure is logged (the orphan sweep tries again)."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception:
            logger.exception("Letter file %s could not be deleted.", name)


def delete_orphaned_letter_files(named, *, older_than):
    """Delete the files under letters/ that no letter names (`named`, a set of names) and
    that were last written before `older_than` (a file newer than that may belong to a
    finalisation not committed yet). Returns how many were deleted."""
    try:
        _, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    orphans = [
        f"{FOLDER}/{file}"
        for file in files
        if f"{FOLDER}/{file}" not in named
        and default_storage.get_modified_time(f"{FOLDER}/{file}") < older_than
    ]
    delete_letter_files(orphans)
    return len(orphans)
