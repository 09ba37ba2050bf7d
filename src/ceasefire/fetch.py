"""Download ACLED and UCDP data through their APIs, keeping every page as fetched.

Both clients write into a new folder: each page exactly as the server sent
it (``page-0001.json``, ...) and ``fetch.json``, which lists for every page
the address asked (without credentials), the UTC time it was retrieved, its
size and SHA-256. What was known when is therefore reproducible: convert the
pages later with :func:`ceasefire.adapters.convert_acled` or
:func:`~ceasefire.adapters.convert_ucdp`. The folder is written under a
temporary name and renamed only when every page has arrived, so a failed
download leaves nothing half-written behind.

* **ACLED** (``https://acleddata.com``): an OAuth token is asked from
  ``/oauth/token`` with the account's e-mail and password (``grant_type=password``,
  ``client_id=acled``); data comes from ``/api/acled/read`` with the token as
  ``Authorization: Bearer``, page by page (``page=1, 2, ...`` with ``limit``)
  until a page holds fewer rows than the limit. An expired token is renewed
  once with the refresh token, then by logging in again.
* **UCDP** (``https://ucdpapi.pcr.uu.se/api``): ``gedevents/<version>`` with the
  token in the ``x-ucdp-access-token`` header, following ``NextPageUrl`` until
  it is empty.

Credentials come from the environment (``ACLED_EMAIL``, ``ACLED_PASSWORD``,
``UCDP_ACCESS_TOKEN``) or a TOML file (``[acled] email, password`` and
``[ucdp] token``); they are never printed, written or put in an error.
Requests that fail with a rate limit (429), a server error (5xx), a broken
connection or a truncated body are retried with exponential backoff (honouring
``Retry-After``); a page identical to the one before, or a next-page address
already fetched, stops the download with an error instead of looping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs

from .errors import CeasefireError, Problem

ACLED_BASE = "https://acleddata.com"
UCDP_BASE = "https://ucdpapi.pcr.uu.se/api"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(CeasefireError, OSError):
    """A download could not be completed: refused credentials, a server that keeps failing, or pages that make no sense."""


@attrs.frozen
class Page:
    """One page as fetched: its file, the address asked (no credentials), when it arrived, and its rows."""

    file: str
    url: str
    retrieved: str
    bytes: int
    sha256: str
    rows: int


@attrs.frozen
class Fetched:
    """A finished download: the folder, its pages, and the number of rows in all."""

    folder: Path
    dataset: str
    pages: tuple[Page, ...]

    @property
    def rows(self) -> int:
        return sum(p.rows for p in self.pages)

    @property
    def files(self) -> list[Path]:
        """The page files, in order, ready for ``convert_acled`` or ``convert_ucdp``."""
        return [self.folder / p.file for p in self.pages]

    def summary(self) -> str:
        return f"{self.dataset}: {len(self.pages)} pages, {self.rows} rows, written to {self.folder}"


@attrs.frozen
class Credentials:
    """What a client logs in with; ``repr`` never shows the secrets."""

    email: str | None = attrs.field(default=None, repr=False)
    password: str | None = attrs.field(default=None, repr=False)
    token: str | None = attrs.field(default=None, repr=False)


def credentials(dataset: str, config: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Credentials:
    """The credentials for ``dataset`` ('acled' or 'ucdp'): from ``config`` (a TOML file) if given, else the environment."""
    env = os.environ if environ is None else environ
    section: dict[str, Any] = {}
    if config is not None:
        path = Path(config)
        try:
            section = tomllib.loads(path.read_text(encoding="utf-8")).get(dataset, {})
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise FetchError(Problem(str(path), f"a file that cannot be read as TOML ({exc.__class__.__name__})", f"a TOML file with a [{dataset}] table")) from None
        if not isinstance(section, dict):
            raise FetchError(Problem(f"{path} ([{dataset}])", f"a value of type {type(section).__name__}", f"a [{dataset}] table"))
    if dataset == "acled":
        found = Credentials(email=section.get("email") or env.get("ACLED_EMAIL"), password=section.get("password") or env.get("ACLED_PASSWORD"))
        if not found.email or not found.password:
            where = str(config) if config is not None else "the environment"
            raise FetchError(Problem(where, "no ACLED e-mail or password", "ACLED_EMAIL and ACLED_PASSWORD, or [acled] email and password in the config file"))
        return found
    found = Credentials(token=section.get("token") or env.get("UCDP_ACCESS_TOKEN"))
    if not found.token:
        where = str(config) if config is not None else "the environment"
        raise FetchError(Problem(where, "no UCDP access token", "UCDP_ACCESS_TOKEN, or [ucdp] token in the config file"))
    return found


class _Client:
    """HTTP with retries and backoff, through the standard library; secrets stay out of every message."""

    def __init__(self, *, retries: int, backoff: float, timeout: float, sleep: Callable[[float], None], secrets: tuple[str, ...]) -> None:
        self.retries, self.backoff, self.timeout, self.sleep = retries, backoff, timeout, sleep
        self.secrets = tuple(s for s in secrets if s)

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***").replace(urllib.parse.quote(secret, safe=""), "***")
        return text[:300]

    def request(self, method: str, url: str, *, headers: dict[str, str], body: bytes | None = None) -> tuple[int, bytes]:
        """The status and full body, after retrying what is worth retrying; other HTTP errors come back as their status."""
        attempt = 0
        while True:
            attempt += 1
            wait = self.backoff * 2 ** (attempt - 1)
            try:
                req = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": "ceasefire", **headers})
                with urllib.request.urlopen(req, timeout=self.timeout) as answer:  # noqa: S310 - the address is the user's
                    data = answer.read()
                    expected = answer.headers.get("Content-Length")
                    if expected is not None and expected.isdigit() and len(data) < int(expected):
                        raise _Truncated(f"{len(data)} of {expected} bytes")
                    return answer.status, data
            except urllib.error.HTTPError as exc:
                status, data = exc.code, exc.read()
                if status not in RETRY_STATUSES or attempt > self.retries:
                    return status, data
                after = exc.headers.get("Retry-After") if exc.headers else None
                if after and after.strip().isdigit():
                    wait = max(wait, float(after))
            except (urllib.error.URLError, TimeoutError, ConnectionError, _Truncated) as exc:
                if attempt > self.retries:
                    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
                    raise FetchError(
                        Problem(self._clean(_public(url)), f"no complete answer after {attempt} tries ({self._clean(str(reason))})", "a server that answers; try again later")
                    ) from None
            except http_client_errors() as exc:
                if attempt > self.retries:
                    raise FetchError(Problem(self._clean(_public(url)), f"a broken answer after {attempt} tries ({exc.__class__.__name__})", "a complete HTTP answer")) from None
            self.sleep(wait)

    def fail(self, url: str, status: int, body: bytes, expected: str) -> FetchError:
        text = self._clean(body.decode("utf-8", "replace").strip())
        return FetchError(Problem(self._clean(_public(url)), f"HTTP {status}" + (f" ({text})" if text else ""), expected))


class _Truncated(Exception):
    pass


def http_client_errors() -> tuple[type[BaseException], ...]:
    import http.client

    return (http.client.IncompleteRead, http.client.RemoteDisconnected, http.client.BadStatusLine)


def _public(url: str) -> str:
    """An address without its query values for secrets (none are ever put there, but be sure)."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, "***" if k.lower() in ("key", "password", "token", "access_token") else v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


class _Progress:
    """A one-line count of pages and rows on stderr, shown only when stderr is a terminal."""

    def __init__(self, dataset: str, stream: Any = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())
        self.dataset = dataset

    def update(self, pages: int, rows: int, total: int | None) -> None:
        if self.on:
            of = f" of {total}" if total else ""
            self.stream.write(f"\r{self.dataset}: {pages} pages, {rows} rows{of}")
            self.stream.flush()

    def done(self) -> None:
        if self.on:
            self.stream.write("\n")
            self.stream.flush()


class _Folder:
    """Pages written under ``<out>.partial`` and moved to ``out`` only when the download is complete."""

    def __init__(self, out: Path, dataset: str) -> None:
        if out.exists():
            raise FetchError(Problem(str(out), "a folder or file that already exists", "a new folder name, so no earlier download is overwritten"))
        self.out, self.dataset = out, dataset
        self.tmp = out.with_name(out.name + ".partial")
        if self.tmp.exists():
            shutil.rmtree(self.tmp)
        self.tmp.mkdir(parents=True)
        self.pages: list[Page] = []

    def add(self, url: str, body: bytes, rows: int) -> None:
        name = f"page-{len(self.pages) + 1:04d}.json"
        (self.tmp / name).write_bytes(body)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.pages.append(Page(name, url, now, len(body), hashlib.sha256(body).hexdigest(), rows))

    def finish(self, query: dict[str, str]) -> Fetched:
        manifest = {
            "dataset": self.dataset,
            "query": query,
            "pages": [attrs.asdict(p) for p in self.pages],
            "note": "Each page file is the server's answer byte for byte; 'retrieved' is when it arrived (UTC).",
        }
        (self.tmp / "fetch.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        self.tmp.rename(self.out)
        return Fetched(self.out, self.dataset, tuple(self.pages))

    def abandon(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _json(client: _Client, url: str, body: bytes) -> Any:
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FetchError(Problem(client._clean(_public(url)), f"an answer that is not whole JSON ({exc.__class__.__name__})", "a JSON page; the answer may have been cut off")) from None


def fetch_acled(
    out: str | Path,
    query: Mapping[str, str] | None = None,
    *,
    config: str | Path | None = None,
    creds: Credentials | None = None,
    base_url: str = ACLED_BASE,
    limit: int = 5000,
    retries: int = 4,
    backoff: float = 1.0,
    timeout: float = 60.0,
    max_pages: int = 10000,
    sleep: Callable[[float], None] = time.sleep,
    progress: Any = None,
) -> Fetched:
    """Download ACLED rows matching ``query`` (e.g. ``{"country": "Azerbaijan", "event_date": "2020-11-01|2020-12-31", "event_date_where": "BETWEEN"}``) into the new folder ``out``."""
    creds = creds or credentials("acled", config)
    client = _Client(retries=retries, backoff=backoff, timeout=timeout, sleep=sleep, secrets=(creds.password or "", creds.email or ""))
    base = base_url.rstrip("/")
    asked = {str(k): str(v) for k, v in (query or {}).items()}
    folder = _Folder(Path(out), "ACLED")
    shown = _Progress("ACLED", progress)
    try:
        token = _Token(client, base, creds)
        seen: set[str] = set()
        previous: bytes | None = None
        rows = 0
        for page in range(1, max_pages + 1):
            params = {**asked, "_format": "json", "limit": str(limit), "page": str(page)}
            url = f"{base}/api/acled/read?{urllib.parse.urlencode(params)}"
            body = token.get(url)
            data = _json(client, url, body)
            if not isinstance(data, dict) or not isinstance(data.get("data"), list):
                raise FetchError(Problem(_public(url), f"an answer without a data list ({client._clean(str(data)[:120])})", '{"success": true, "data": [...]}'))
            if data.get("success") is False:
                raise client.fail(url, 200, json.dumps(data.get("error") or data.get("messages") or "").encode(), "a successful answer")
            digest = hashlib.sha256(json.dumps(data["data"], sort_keys=True).encode()).hexdigest()
            if data["data"] and (body == previous or digest in seen):
                raise FetchError(Problem(_public(url), f"page {page} with the same rows as an earlier page", "each page to hold new rows; the server may be ignoring 'page'"))
            seen.add(digest)
            previous = body
            folder.add(_public(url), body, len(data["data"]))
            rows += len(data["data"])
            total = data.get("total_count")
            shown.update(page, rows, total if isinstance(total, int) else None)
            if len(data["data"]) < limit:
                if isinstance(total, int) and rows < total:
                    raise FetchError(
                        Problem(_public(url), f"a short page after {rows} of the {total} rows the server counts", f"pages of {limit} rows until all {total}; try a smaller --limit")
                    )
                break
        else:
            raise FetchError(Problem(base, f"more than {max_pages} pages", "a narrower query, or a larger max_pages"))
        shown.done()
        return folder.finish(asked)
    except BaseException:
        shown.done()
        folder.abandon()
        raise


class _Token:
    """ACLED's OAuth token: asked with the password, renewed with the refresh token when it expires."""

    def __init__(self, client: _Client, base: str, creds: Credentials) -> None:
        self.client, self.base, self.creds = client, base, creds
        self.access, self.refresh = self._ask({"username": creds.email or "", "password": creds.password or "", "grant_type": "password", "client_id": "acled"})

    def _ask(self, form: dict[str, str]) -> tuple[str, str | None]:
        url = f"{self.base}/oauth/token"
        status, body = self.client.request("POST", url, headers={"Content-Type": "application/x-www-form-urlencoded"}, body=urllib.parse.urlencode(form).encode())
        if status != 200:
            what = "e-mail and password" if form["grant_type"] == "password" else "refresh token"
            raise self.client.fail(url, status, body, f"a token; check the ACLED {what} (they are not shown here)")
        data = _json(self.client, url, body)
        if not isinstance(data, dict) or not data.get("access_token"):
            raise FetchError(Problem(url, "a token answer without access_token", '{"access_token": ..., "refresh_token": ..., "expires_in": ...}'))
        self.client.secrets += tuple(str(t) for t in (data["access_token"], data.get("refresh_token")) if t)
        return str(data["access_token"]), (str(data["refresh_token"]) if data.get("refresh_token") else None)

    def get(self, url: str) -> bytes:
        for renew in ("refresh", "login", None):
            status, body = self.client.request("GET", url, headers={"Authorization": f"Bearer {self.access}", "Accept": "application/json"})
            if status == 200:
                return body
            if status != 401 or renew is None:
                break
            if renew == "refresh" and self.refresh:
                try:
                    self.access, self.refresh = self._ask({"grant_type": "refresh_token", "refresh_token": self.refresh, "client_id": "acled"})
                    continue
                except FetchError:
                    pass
            self.access, self.refresh = self._ask(
                {"username": self.creds.email or "", "password": self.creds.password or "", "grant_type": "password", "client_id": "acled"}
            )
        raise self.client.fail(url, status, body, "rows; an account with API access (401/403: the token or the account's access was refused)")


def fetch_ucdp(
    out: str | Path,
    version: str,
    query: Mapping[str, str] | None = None,
    *,
    resource: str = "gedevents",
    config: str | Path | None = None,
    creds: Credentials | None = None,
    base_url: str = UCDP_BASE,
    pagesize: int = 1000,
    retries: int = 4,
    backoff: float = 1.0,
    timeout: float = 60.0,
    max_pages: int = 10000,
    sleep: Callable[[float], None] = time.sleep,
    progress: Any = None,
) -> Fetched:
    """Download UCDP ``resource``/``version`` (e.g. GED ``25.1``) matching ``query`` (e.g. ``{"Country": "373"}``) into the new folder ``out``."""
    creds = creds or credentials("ucdp", config)
    client = _Client(retries=retries, backoff=backoff, timeout=timeout, sleep=sleep, secrets=(creds.token or "",))
    asked = {str(k): str(v) for k, v in (query or {}).items()}
    url: str | None = f"{base_url.rstrip('/')}/{resource}/{urllib.parse.quote(version)}?{urllib.parse.urlencode({'pagesize': str(pagesize), **asked})}"
    folder = _Folder(Path(out), "UCDP")
    shown = _Progress("UCDP", progress)
    try:
        seen_urls: set[str] = set()
        seen_pages: set[str] = set()
        rows = 0
        while url:
            if url in seen_urls:
                raise FetchError(Problem(_public(url), "a next-page address already fetched", "NextPageUrl to move forward; the server is repeating itself"))
            if len(seen_urls) >= max_pages:
                raise FetchError(Problem(_public(url), f"more than {max_pages} pages", "a narrower query, or a larger max_pages"))
            seen_urls.add(url)
            status, body = client.request("GET", url, headers={"x-ucdp-access-token": creds.token or "", "Accept": "application/json"})
            if status != 200:
                raise client.fail(url, status, body, "rows; a valid UCDP access token (401/403: the token was refused)")
            data = _json(client, url, body)
            if not isinstance(data, dict) or not isinstance(data.get("Result"), list):
                raise FetchError(Problem(_public(url), "an answer without a Result list", '{"Result": [...], "TotalCount": ..., "NextPageUrl": ...}'))
            digest = hashlib.sha256(json.dumps(data["Result"], sort_keys=True).encode()).hexdigest()
            if data["Result"] and digest in seen_pages:
                raise FetchError(Problem(_public(url), "a page with the same rows as an earlier page", "each page to hold new rows"))
            seen_pages.add(digest)
            folder.add(_public(url), body, len(data["Result"]))
            rows += len(data["Result"])
            total = data.get("TotalCount")
            shown.update(len(folder.pages), rows, total if isinstance(total, int) else None)
            nxt = data.get("NextPageUrl")
            url = str(nxt) if nxt else None
        shown.done()
        return folder.finish({"resource": resource, "version": version, **asked})
    except BaseException:
        shown.done()
        folder.abandon()
        raise
