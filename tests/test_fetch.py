"""The ACLED and UCDP API clients, run against a local server on 127.0.0.1 that replays invented answers shaped like the real ones."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from ceasefire.adapters import convert_acled, convert_ucdp
from ceasefire.fetch import Credentials, FetchError, credentials, fetch_acled, fetch_ucdp

DATA = Path(__file__).parent / "data"
ACLED_ROWS = json.loads((DATA / "acled" / "api-2020-11-28.json").read_text(encoding="utf-8"))["data"]
UCDP_PAGES = [json.loads((DATA / "ucdp" / f"api-page-{i}.json").read_text(encoding="utf-8")) for i in (0, 1)]
PASSWORD = "s3cret-Pa55"
TOKEN = "ucdp-t0ken-XYZ"

Reply = tuple[int, dict[str, str], bytes]


class Server:
    """A loopback HTTP server whose answers a test scripts with ``route``; it records every request."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.route: Callable[[str, str, dict[str, str], bytes], Reply] = lambda *a: (404, {}, b"")
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                outer.requests.append({"method": self.command, "path": self.path, "headers": headers, "body": body})
                status, extra, data = outer.route(self.command, self.path, headers, body)
                self.send_response(status)
                length = extra.pop("Content-Length", str(len(data)))
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", length)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def paths(self, start: str) -> list[str]:
        return [r["path"] for r in self.requests if r["path"].startswith(start)]


@pytest.fixture
def server() -> Iterator[Server]:
    """A server on 127.0.0.1 at a free port, stopped after the test."""
    srv = Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
    srv.thread.join(timeout=5)


def ok(data: object, **headers: str) -> Reply:
    return 200, {"Content-Type": "application/json", **headers}, json.dumps(data).encode()


def acled_page(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"status": 200, "success": True, "count": len(rows), "total_count": 3, "data": rows}


ROWS3 = [*ACLED_ROWS, {**ACLED_ROWS[0], "event_id_cnty": "AZE1099"}]


def acled_route(tokens: dict[str, str], pages: Callable[[int, int], Reply] | None = None) -> Callable[[str, str, dict[str, str], bytes], Reply]:
    """ACLED's token endpoint and read endpoint: the password grant gives tokens['access']; a refresh gives tokens['refreshed']."""

    def route(method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        if path == "/oauth/token":
            form = dict(urllib.parse.parse_qsl(body.decode()))
            if form.get("grant_type") == "password" and form.get("client_id") == "acled" and form.get("password") == PASSWORD and form.get("username") == "me@example.org":
                return ok({"token_type": "Bearer", "expires_in": 86400, "access_token": tokens["access"], "refresh_token": "refresh-1"})
            if form.get("grant_type") == "refresh_token" and form.get("refresh_token") == "refresh-1":
                return ok({"token_type": "Bearer", "expires_in": 86400, "access_token": tokens["refreshed"], "refresh_token": "refresh-2"})
            return 400, {}, b'{"error": "invalid_grant", "error_description": "The user credentials were incorrect."}'
        if path.startswith("/api/acled/read"):
            if headers.get("authorization") != f"Bearer {tokens['valid']}":
                return 401, {}, b'{"message": "Invalid or expired token"}'
            query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
            page, limit = int(query["page"]), int(query["limit"])
            if pages is not None:
                return pages(page, limit)
            return ok(acled_page(ROWS3[(page - 1) * limit : page * limit]))
        return 404, {}, b""

    return route


CREDS = Credentials(email="me@example.org", password=PASSWORD)


def no_sleep(waits: list[float]) -> Callable[[float], None]:
    return waits.append


def test_acled_token_flow_and_paging_keep_every_page(server: Server, tmp_path: Path) -> None:
    """The password grant gives a bearer token; pages are read until one is short; each is kept byte for byte and converts."""
    server.route = acled_route({"access": "tok-1", "refreshed": "tok-2", "valid": "tok-1"})
    done = fetch_acled(tmp_path / "out", {"country": "Azerbaijan"}, creds=CREDS, base_url=server.url, limit=2, sleep=no_sleep([]))
    assert [p.rows for p in done.pages] == [2, 1] and done.rows == 3
    manifest = json.loads((tmp_path / "out" / "fetch.json").read_text(encoding="utf-8"))
    assert [p["file"] for p in manifest["pages"]] == ["page-0001.json", "page-0002.json"] and manifest["pages"][0]["retrieved"].endswith("+00:00")
    assert "country=Azerbaijan" in manifest["pages"][0]["url"] and "limit=2&page=1" in manifest["pages"][0]["url"]
    assert server.paths("/api/acled/read")[0].startswith("/api/acled/read?country=Azerbaijan&_format=json")
    events = convert_acled(done.files, zone="Asia/Baku")
    assert events.problems == () and [e.id for e in events.log.events] == ["AZE1002", "AZE1006", "AZE1099"]
    assert PASSWORD not in (tmp_path / "out" / "fetch.json").read_text(encoding="utf-8")


def test_a_wrong_password_is_a_clear_error_that_never_shows_it(server: Server, tmp_path: Path) -> None:
    """A refused login stops with FetchError naming the HTTP status, without the password, and leaves no folder behind."""
    server.route = acled_route({"access": "tok-1", "refreshed": "tok-2", "valid": "tok-1"})
    wrong = Credentials(email="me@example.org", password="not-" + PASSWORD)
    with pytest.raises(FetchError) as caught:
        fetch_acled(tmp_path / "out", creds=wrong, base_url=server.url, sleep=no_sleep([]))
    assert "HTTP 400" in str(caught.value) and "invalid_grant" in str(caught.value) and wrong.password not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_an_expired_token_is_renewed_with_the_refresh_token(server: Server, tmp_path: Path) -> None:
    """When the server refuses the first token with 401, the client refreshes it once and goes on."""
    server.route = acled_route({"access": "tok-old", "refreshed": "tok-new", "valid": "tok-new"})
    done = fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, limit=5, sleep=no_sleep([]))
    assert done.rows == 3
    grants = [dict(urllib.parse.parse_qsl(r["body"].decode()))["grant_type"] for r in server.requests if r["path"] == "/oauth/token"]
    assert grants == ["password", "refresh_token"]


def test_an_account_without_access_stops_after_renewing_twice(server: Server, tmp_path: Path) -> None:
    """A token the read endpoint never accepts ends in FetchError (401), after a refresh and a fresh login, with nothing left behind."""
    server.route = acled_route({"access": "tok-1", "refreshed": "tok-2", "valid": "never"})
    with pytest.raises(FetchError, match="HTTP 401"):
        fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, sleep=no_sleep([]))
    assert len(server.paths("/api/acled/read")) == 3 and list(tmp_path.iterdir()) == []


def test_server_errors_and_rate_limits_are_retried_with_backoff(server: Server, tmp_path: Path) -> None:
    """A 500 and a 429 with Retry-After are retried, waiting longer each time and at least what Retry-After says."""
    failures = iter([(500, {}, b"oops"), (429, {"Retry-After": "7"}, b"slow down")])

    def pages(page: int, limit: int) -> Reply:
        return next(failures, None) or ok(acled_page(ROWS3[(page - 1) * limit : page * limit]))

    server.route = acled_route({"access": "t", "refreshed": "t", "valid": "t"}, pages)
    waits: list[float] = []
    done = fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, limit=5, backoff=0.5, sleep=no_sleep(waits))
    assert done.rows == 3 and waits == [0.5, 7.0]


def test_a_server_that_keeps_failing_gives_up_cleanly(server: Server, tmp_path: Path) -> None:
    """After the last retry a 503 becomes FetchError with the status; the partial folder is removed."""
    server.route = acled_route({"access": "t", "refreshed": "t", "valid": "t"}, lambda page, limit: (503, {}, b"maintenance"))
    waits: list[float] = []
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, retries=2, sleep=no_sleep(waits))
    assert waits == [1.0, 2.0] and list(tmp_path.iterdir()) == []


def test_a_truncated_page_is_fetched_again(server: Server, tmp_path: Path) -> None:
    """A body shorter than its Content-Length is retried; the whole page is what is kept."""
    calls = {"n": 0}

    def pages(page: int, limit: int) -> Reply:
        calls["n"] += 1
        status, headers, body = ok(acled_page(ROWS3[(page - 1) * limit : page * limit]))
        if calls["n"] == 1:
            return status, {**headers, "Content-Length": str(len(body))}, body[: len(body) // 2]
        return status, headers, body

    def cut(page: int, limit: int) -> Reply:
        status, headers, body = pages(page, limit)
        if calls["n"] == 1:
            headers["Content-Length"] = str(len(body) * 2)
        return status, headers, body

    server.route = acled_route({"access": "t", "refreshed": "t", "valid": "t"}, cut)
    waits: list[float] = []
    done = fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, limit=5, sleep=no_sleep(waits))
    assert done.rows == 3 and len(waits) == 1
    json.loads((tmp_path / "out" / "page-0001.json").read_text(encoding="utf-8"))


def test_a_page_that_repeats_stops_the_download(server: Server, tmp_path: Path) -> None:
    """A server that answers every page with the first page's rows is caught, not looped over."""
    server.route = acled_route({"access": "t", "refreshed": "t", "valid": "t"}, lambda page, limit: ok(acled_page(ROWS3[:limit])))
    with pytest.raises(FetchError, match="same rows as an earlier page"):
        fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, limit=2, sleep=no_sleep([]))
    assert list(tmp_path.iterdir()) == []


def ucdp_route(server: Server, loop: bool = False) -> Callable[[str, str, dict[str, str], bytes], Reply]:
    """UCDP's gedevents endpoint: two pages linked by NextPageUrl (or a page that points to itself), behind the token header."""

    def route(method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        if headers.get("x-ucdp-access-token") != TOKEN:
            return 401, {}, b'"API token required. Add header: x-ucdp-access-token"'
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
        page = int(query.get("page", "0"))
        data = dict(UCDP_PAGES[page])
        nxt = 1 if loop else page + 1
        data["NextPageUrl"] = f"{server.url}/api/gedevents/26.1?pagesize=2&page={nxt}" if (loop or page == 0) else ""
        return ok(data)

    return route


def test_ucdp_token_header_and_next_page_paging(server: Server, tmp_path: Path) -> None:
    """The token goes in x-ucdp-access-token; NextPageUrl is followed until empty; the pages convert like the files they came from."""
    server.route = ucdp_route(server)
    done = fetch_ucdp(tmp_path / "ged", "26.1", {"Country": "373"}, creds=Credentials(token=TOKEN), base_url=server.url + "/api", pagesize=2, sleep=no_sleep([]))
    assert [p.rows for p in done.pages] == [2, 3] and server.paths("/api/gedevents/26.1")[0] == "/api/gedevents/26.1?pagesize=2&Country=373"
    events = convert_ucdp(done.files, zone="Asia/Baku")
    assert events.problems == () and [e.id for e in events.log.events] == ["900001", "900002", "900006", "900007"]
    assert TOKEN not in (tmp_path / "ged" / "fetch.json").read_text(encoding="utf-8")


def test_ucdp_wrong_token_is_refused_clearly(server: Server, tmp_path: Path) -> None:
    """A token the API refuses gives FetchError with HTTP 401 and never the token itself."""
    server.route = ucdp_route(server)
    with pytest.raises(FetchError) as caught:
        fetch_ucdp(tmp_path / "ged", "26.1", creds=Credentials(token="wrong-token-123"), base_url=server.url + "/api", sleep=no_sleep([]))
    assert "HTTP 401" in str(caught.value) and "wrong-token-123" not in str(caught.value) and list(tmp_path.iterdir()) == []


def test_ucdp_next_page_that_points_back_is_caught(server: Server, tmp_path: Path) -> None:
    """A NextPageUrl already fetched stops the download instead of looping forever."""
    server.route = ucdp_route(server, loop=True)
    with pytest.raises(FetchError, match="already fetched"):
        fetch_ucdp(tmp_path / "ged", "26.1", creds=Credentials(token=TOKEN), base_url=server.url + "/api", pagesize=2, sleep=no_sleep([]))
    assert list(tmp_path.iterdir()) == []


def test_credentials_come_from_a_config_file_or_the_environment(tmp_path: Path) -> None:
    """A TOML file's [acled] and [ucdp] tables win over the environment; missing ones are a clear error that shows no secret."""
    config = tmp_path / "creds.toml"
    config.write_text('[acled]\nemail = "a@example.org"\npassword = "pw-file"\n[ucdp]\ntoken = "tok-file"\n', encoding="utf-8")
    env = {"ACLED_EMAIL": "b@example.org", "ACLED_PASSWORD": "pw-env", "UCDP_ACCESS_TOKEN": "tok-env"}
    assert credentials("acled", config, env).password == "pw-file" and credentials("ucdp", config, env).token == "tok-file"
    assert credentials("acled", None, env).email == "b@example.org" and credentials("ucdp", None, env).token == "tok-env"
    assert "pw-env" not in repr(credentials("acled", None, env))
    with pytest.raises(FetchError, match="UCDP_ACCESS_TOKEN"):
        credentials("ucdp", None, {})


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    """Fetching into a folder that exists is refused before any request is made."""
    (tmp_path / "out").mkdir()
    with pytest.raises(FetchError, match="already exists"):
        fetch_ucdp(tmp_path / "out", "26.1", creds=Credentials(token=TOKEN), base_url="http://127.0.0.1:9/api")


def test_fetch_command_prints_a_summary_and_no_secret(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`ceasefire fetch ucdp` reads the token from the environment, writes the folder and says what it wrote, without the token or a progress line."""
    from click.testing import CliRunner

    from ceasefire.cli import main

    server.route = ucdp_route(server)
    monkeypatch.setenv("UCDP_ACCESS_TOKEN", TOKEN)
    done = CliRunner().invoke(main, ["fetch", "ucdp", "26.1", "--out", str(tmp_path / "ged"), "--base-url", server.url + "/api", "--pagesize", "2"])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"UCDP: 2 pages, 5 rows, written to {tmp_path / 'ged'}" and TOKEN not in done.output
    monkeypatch.setenv("UCDP_ACCESS_TOKEN", "bad-token-456")
    bad = CliRunner().invoke(main, ["fetch", "ucdp", "26.1", "--out", str(tmp_path / "ged2"), "--base-url", server.url + "/api"])
    assert bad.exit_code != 0 and "HTTP 401" in bad.output and "bad-token-456" not in bad.output and "Traceback" not in bad.output


def test_progress_is_drawn_only_on_a_terminal(server: Server, tmp_path: Path) -> None:
    """The page count goes to the given stream only when it is a terminal."""
    import io

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    server.route = ucdp_route(server)
    tty, pipe = Tty(), io.StringIO()
    fetch_ucdp(tmp_path / "a", "26.1", creds=Credentials(token=TOKEN), base_url=server.url + "/api", pagesize=2, progress=tty)
    fetch_ucdp(tmp_path / "b", "26.1", creds=Credentials(token=TOKEN), base_url=server.url + "/api", pagesize=2, progress=pipe)
    assert "UCDP: 2 pages, 5 rows of 4" in tty.getvalue() and pipe.getvalue() == ""


def test_a_short_page_before_the_total_is_an_error(server: Server, tmp_path: Path) -> None:
    """If a page is shorter than the limit while total_count says more rows exist (a server cap), the download stops with an error."""
    server.route = acled_route({"access": "t", "refreshed": "t", "valid": "t"}, lambda page, limit: ok(acled_page(ROWS3[:1])))
    with pytest.raises(FetchError, match="after 1 of the 3 rows"):
        fetch_acled(tmp_path / "out", creds=CREDS, base_url=server.url, limit=2, sleep=no_sleep([]))
    assert list(tmp_path.iterdir()) == []
