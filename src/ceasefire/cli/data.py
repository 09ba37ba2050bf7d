"""Command-line commands for outside data: ``ceasefire schema`` and ``ceasefire convert``.

``convert`` turns an ACLED or UCDP GED export into an ordinary event file, which
``ceasefire status --events`` then reads like any other. The adapters are
imported inside each command, so the command line starts quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .group import EXIT_USER_ERROR

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("kind", type=click.Choice(["agreement", "events", "rules"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the schema to this file instead of printing it.")
def schema(kind: str, out: Path | None) -> None:
    """Print the JSON Schema of an agreement, event or mapping-rule file.

    Point your editor at it to check files as you write them. Example:
    ceasefire schema events --out docs/schemas/events.schema.json
    """
    from ..schema import schema_text

    text = schema_text(kind)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@click.group()
def convert() -> None:
    """Turn a dataset export into an ordinary event file for `ceasefire status --events`."""


def _common(command: Any) -> Any:
    options = [
        click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The event file to write (YAML)."),
        click.option("--agreement", type=_FILE, help="Agreement file; by default the bundled 2020 statement."),
        click.option("--rules", type=_FILE, help="Mapping-rule file. With the bundled statement, 'convert acled' uses its bundled ACLED rules by default; no UCDP GED rules ship, so 'convert ucdp' links no event unless given one."),
        click.option("--no-rules", is_flag=True, help="Make no links: every event is written unlinked."),
        click.option("--zone", help="Zone the export's dates are read in; by default the agreement's local zone."),
        click.option("--skip-bad-rows", is_flag=True, help="Write the rows that can be read and list the others, instead of refusing the file."),
        click.option("--watched", nargs=2, default=None, metavar="FROM TO", help="The span the export watches, e.g. the date range it was downloaded for: two dates (whole days in --zone) or instants. Default: its earliest to its latest row date."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@convert.command("acled")
@click.argument("exports", nargs=-1, required=True, type=_FILE)
@click.option("--deletions", type=_FILE, help="ACLED's deleted-events file (event_id_cnty, deleted_timestamp).")
@_common
def convert_acled_command(exports: tuple[Path, ...], deletions: Path | None, **options: Any) -> None:
    """Convert one ACLED export or several (CSV, or API JSON, any column set since 2019) into an event file.

    Give several downloads of the same data to keep every version of each
    record, and to date each event from the earliest download that has it.
    Example: ceasefire convert acled acled.csv --deletions deleted.csv --out acled-events.yaml
    """
    from ..adapters import convert_acled

    agreement, rules = _setup(options, "ACLED")
    done = convert_acled(list(exports), agreement=agreement, rules=rules, zone=options["zone"], deletions=deletions, watched=options["watched"])
    _write(done, exports[0] if len(exports) == 1 else Path(" + ".join(map(str, exports))), "ACLED", options)


@convert.command("ucdp")
@click.argument("exports", nargs=-1, required=True, type=_FILE)
@click.option("--released", help="The date the GED version was released: every row's version, and the reported time of rows without source dates.")
@click.option("--accept-candidates", is_flag=True, help="Write rows not yet cleared by UCDP (code_status other than Clear) as accepted events; by default they are written with status: candidate and not counted.")
@_common
def convert_ucdp_command(exports: tuple[Path, ...], released: str | None, accept_candidates: bool, **options: Any) -> None:
    """Convert a UCDP GED CSV file, or the JSON pages of UCDP's API, into an event file.

    Example: ceasefire convert ucdp GEDEvent_v24_1.csv --released 2024-06-01 --rules my-ged-rules.yaml --out ged-events.yaml
    """
    from ..adapters import convert_ucdp

    agreement, rules = _setup(options, "UCDP GED")
    done = convert_ucdp(list(exports), agreement=agreement, rules=rules, zone=options["zone"], released=released, accept_candidates=accept_candidates, watched=options["watched"])
    _write(done, exports[0] if len(exports) == 1 else Path(" + ".join(map(str, exports))), "UCDP GED", options)


def _setup(options: dict[str, Any], dataset: str) -> tuple[Any, Any]:
    from .. import bundled
    from ..adapters import load_rules
    from ..loading import load_agreement

    agreement = load_agreement(options["agreement"]) if options["agreement"] else bundled.agreement()
    if options["no_rules"]:
        return agreement, None
    if options["rules"]:
        return agreement, load_rules(options["rules"])
    if options["agreement"] is None and dataset == "ACLED":
        return agreement, load_rules(bundled.DATA / "rules" / "nk-2020-acled.yaml")
    return agreement, None


def _write(done: Any, export: Path, dataset: str, options: dict[str, Any]) -> None:
    import yaml

    ctx = click.get_current_context()
    for note in done.notes:
        click.echo(f"note: {note}", err=True)
    for problem in done.problems:
        click.echo(f"bad row: {problem}", err=True)
    if done.problems and not options["skip_bad_rows"]:
        click.echo(f"error: {len(done.problems)} rows of {export} could not be read; nothing written (use --skip-bad-rows to write the others)", err=True)
        ctx.exit(EXIT_USER_ERROR)
    data = done.log.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    header = f"# Events read from {export} ({dataset}) by `ceasefire convert`.\n# {done.summary()}\n"
    options["out"].write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    click.echo(f"{done.summary()}\nwrote {options['out']}")


@click.command()
@click.option("--agreement", type=_FILE, help="Agreement file (YAML or JSON); by default the bundled 2020 statement.")
@click.option("--events", multiple=True, type=_FILE, help="Event file; repeat for several.")
@click.option("--history", "event_ids", multiple=True, help="Also list every version and deletion of this event id; repeat for several.")
def data(agreement: Path | None, events: tuple[Path, ...], event_ids: tuple[str, ...]) -> None:
    """List the files the evidence comes from: events, records, deletions and the stamp of the newest record of each.

    Instants are read in the agreement's zones ("end of 2020-12-15 (Asia/Baku)").
    Example: ceasefire data --events first.yaml --events later.yaml --history AZE1001
    """
    from ..render.display import instant_read_in
    from .common import make_tracker

    tracker = make_tracker(agreement, events)
    zone, local = tracker.agreement.zone, tracker.agreement.local_zone

    def when(value: Any) -> str:  # the zone always named: a line of this listing has no header to give it
        text = instant_read_in(value, zone, local)
        return text if text.endswith(")") else f"{text} ({zone})"

    for source in tracker.data_sources():
        click.echo(source.words(when))
    histories = {event_id: tracker.history(event_id) for event_id in event_ids}
    for event_id, history in histories.items():
        click.echo(f"history of {event_id}:")
        for revision in history:
            click.echo(f"  {revision.words(when)}")


@click.group()
def fetch() -> None:
    """Download ACLED or UCDP data through their APIs into a new folder, one file per page."""


def _query(pairs: tuple[str, ...]) -> dict[str, str]:
    from ..errors import InvalidInputError, Problem

    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InvalidInputError(Problem(f"--where {pair}", repr(pair), "NAME=VALUE, e.g. country=Azerbaijan"))
        out[key] = value
    return out


@fetch.command("acled")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="The new folder to write the pages and fetch.json into.")
@click.option("--where", "pairs", multiple=True, help="A query parameter of ACLED's API, NAME=VALUE; repeat for several.")
@click.option("--config", type=_FILE, help="TOML file with [acled] email and password; by default ACLED_EMAIL and ACLED_PASSWORD.")
@click.option("--base-url", default="https://acleddata.com", show_default=True, help="The ACLED server.")
@click.option("--limit", default=5000, show_default=True, help="Rows per page.")
def fetch_acled_command(out: Path, pairs: tuple[str, ...], config: Path | None, base_url: str, limit: int) -> None:
    """Download ACLED rows through the API (OAuth token, then /api/acled/read), every page kept as fetched.

    Example: ceasefire fetch acled --where country=Azerbaijan --where event_date=2020-11-01|2020-12-31
    --where event_date_where=BETWEEN --out acled-2020-11
    """
    from ..fetch import fetch_acled

    done = fetch_acled(out, _query(pairs), config=config, base_url=base_url, limit=limit)
    click.echo(done.summary())


@fetch.command("ucdp")
@click.argument("version")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="The new folder to write the pages and fetch.json into.")
@click.option("--where", "pairs", multiple=True, help="A query parameter of UCDP's API, NAME=VALUE (e.g. Country=373); repeat for several.")
@click.option("--resource", default="gedevents", show_default=True, help="The API resource.")
@click.option("--config", type=_FILE, help="TOML file with [ucdp] token; by default UCDP_ACCESS_TOKEN.")
@click.option("--base-url", default="https://ucdpapi.pcr.uu.se/api", show_default=True, help="The UCDP API.")
@click.option("--pagesize", default=1000, show_default=True, help="Rows per page.")
def fetch_ucdp_command(version: str, out: Path, pairs: tuple[str, ...], resource: str, config: Path | None, base_url: str, pagesize: int) -> None:
    """Download a UCDP dataset version through the API (x-ucdp-access-token, NextPageUrl paging).

    Example: ceasefire fetch ucdp 25.1 --where Country=373 --out ged-25.1-azerbaijan
    """
    from ..fetch import fetch_ucdp

    done = fetch_ucdp(out, version, _query(pairs), resource=resource, config=config, base_url=base_url, pagesize=pagesize)
    click.echo(done.summary())


@click.command("geojson")
@click.argument("when")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The GeoJSON file to write.")
@click.option("--agreement", type=_FILE, help="Agreement file; by default the bundled 2020 statement.")
@click.option("--events", multiple=True, type=_FILE, help="Event file; repeat for several.")
@click.option("--known-on", help="Count only what was reported by this date or instant.")
def geojson_command(when: str, out: Path, agreement: Path | None, events: tuple[Path, ...], known_on: str | None) -> None:
    """Write the events and places behind the status on WHEN as GeoJSON, each with its obligations' statuses.

    Example: ceasefire geojson 2020-11-30 --events acled.yaml --out status.geojson
    """
    from .common import make_tracker
    from ..geo import geojson, write_geojson

    tracker = make_tracker(agreement, events)
    write_geojson(out, tracker, when, known_on=known_on)
    data = geojson(tracker, when, known_on=known_on)
    kinds = [f["properties"]["feature"] for f in data["features"]]
    click.echo(f"wrote {out}: {kinds.count('event')} events, {kinds.count('place')} places, {len(data['unplaced'])} events without coordinates")


@click.command("pam")
@click.argument("until")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the scores as CSV to this file instead of printing them.")
@click.option("--agreement", type=_FILE, help="Agreement file; by default the bundled 2020 statement.")
@click.option("--events", multiple=True, type=_FILE, help="Event file; repeat for several.")
@click.option("--since", type=int, help="First year to score; by default the year the agreement took effect.")
@click.option("--known-on", help="Score every year as known on this date, instead of as known at each year's end.")
def pam_command(until: str, out: Path | None, agreement: Path | None, events: tuple[Path, ...], since: int | None, known_on: str | None) -> None:
    """Yearly 0-3 implementation scores per obligation and per point, in the manner of the Peace Accords Matrix, up to UNTIL.

    Example: ceasefire pam 2023-12-31 --events acled.yaml --out pam.csv
    """
    from .common import make_tracker
    from ..pam import pam_csv, pam_scores, write_pam_csv

    rows = pam_scores(make_tracker(agreement, events), until, since=since, known_on=known_on)
    if out is None:
        click.echo(pam_csv(rows), nl=False)
    else:
        write_pam_csv(out, rows)
        click.echo(f"wrote {out}: {len(rows)} rows")


@click.group("import")
def import_group() -> None:
    """Seed ceasefire files from other databases (PA-X)."""


@import_group.command("pax")
@click.argument("file", type=_FILE)
@click.option("--agreement-id", required=True, help="The id the new agreement gets, e.g. nk-2020.")
@click.option("--zone", required=True, help="IANA zone the agreement's dates are read in, e.g. Europe/Moscow.")
@click.option("--pax-id", help="The PA-X AgtId of the row to import, when the file has several.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The agreement skeleton to write (YAML).")
def import_pax_command(file: Path, agreement_id: str, zone: str, pax_id: str | None, out: Path) -> None:
    """Write an agreement skeleton from a PA-X CSV row, for a person to complete with points and obligations.

    Example: ceasefire import pax pax.csv --pax-id 2297 --agreement-id nk-2020 --zone Europe/Moscow --out nk-2020.yaml
    """
    from ..pax import write_pax_skeleton

    write_pax_skeleton(out, file, agreement_id, zone, pax_id=pax_id)
    click.echo(f"wrote {out}: an agreement skeleton; complete its parties, effective instant and points before use")
