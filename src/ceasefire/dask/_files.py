"""Where feed files live: a local path, or a URL that fsspec can open (``s3://``, ``gs://``, ``https://``, ``file://``).

A worker of a real cluster rarely shares the client's disk, so a feed is
often in object storage. A URL is read through fsspec (which Dask itself
depends on); the filesystem for its scheme comes from the package fsspec
names for it (s3fs for ``s3://``, gcsfs for ``gs://``, aiohttp for
``http(s)://``), installed by the user. A plain path is read with Python's
own ``open``, as before.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from ..errors import FileFormatError, Problem

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(text: str) -> bool:
    """True for ``scheme://...`` (two letters or more, so that ``C:\\feed`` stays a path)."""
    return _URL.match(text) is not None


def suffix(path: str) -> str:
    """The file's suffix, lower-cased: of a URL's path, so that a query (``?x-id=...``, as signed URLs carry) is not taken for it."""
    if is_url(path):
        return PurePosixPath(urlsplit(path).path).suffix.lower()
    return Path(path).suffix.lower()


def _filesystem(url: str, where: str) -> tuple[Any, str]:
    """fsspec's filesystem for ``url`` and the path inside it; a scheme whose package is missing is named with the package."""
    import fsspec

    try:
        fs, inner = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise FileFormatError(Problem(where, f"{url!r}, whose scheme cannot be read here ({exc})", "a local path, or a URL whose fsspec filesystem is installed, e.g. pip install s3fs for s3://")) from None
    return fs, str(inner)


def expand(text: str, where: str) -> list[str]:
    """The files a path, URL or glob pattern names, sorted; none, or one that is not a file, is refused."""
    pattern = any(c in text for c in "*?[")
    if is_url(text):
        fs, inner = _filesystem(text, where)
        try:
            found = sorted(fs.glob(inner)) if pattern else [inner]
            readable = bool(found) and all(fs.isfile(f) for f in found)
        except OSError:
            readable = False
        if readable:
            return [fs.unstrip_protocol(f) for f in found]
    else:
        found = sorted(glob.glob(text)) if pattern else [text]
        if found and all(Path(f).is_file() for f in found):
            return found
    raise FileFormatError(Problem(where, f"{text!r}, which names no readable file", "a file, a URL or a glob pattern of feed files, e.g. 'feed/events-*.parquet' or 's3://bucket/feed/events-*.parquet'"))


def stamp(path: str) -> tuple[str, int] | None:
    """What changes when the file is rewritten: its modification time (or entity tag) and size; None when it cannot be read now."""
    try:
        if not is_url(path):
            found = os.stat(path)
            return str(found.st_mtime_ns), found.st_size
        fs, inner = _filesystem(path, path)
        info = fs.info(inner)
    except (OSError, FileFormatError):
        return None  # the reader names the file when the task runs
    changed = next((info[k] for k in ("mtime", "LastModified", "last_modified", "updated", "ETag", "etag", "md5Hash") if info.get(k) is not None), None)
    return str(changed), int(info.get("size") or 0)


@contextmanager
def open_text(path: str, *, encoding: str, newline: str | None = None) -> Iterator[IO[str]]:
    """The file as text, local or remote."""
    if not is_url(path):
        with open(path, encoding=encoding, newline=newline) as handle:
            yield handle
        return
    import fsspec

    _filesystem(path, path)
    with fsspec.open(path, "rt", encoding=encoding, newline=newline) as handle:
        yield handle


def parquet(path: str) -> Any:
    """What pyarrow's Parquet readers take for ``path``: the path itself, or for a URL the file's bytes.

    A remote file is fetched whole, in one request, as a task reads a whole
    file anyway: this asks nothing of the server beyond a plain download
    (no range requests, which not every web server answers).
    """
    if not is_url(path):
        return path
    import pyarrow as pa

    fs, inner = _filesystem(path, path)
    return pa.BufferReader(fs.cat_file(inner))
