"""The ``ceasefire`` command line.

Each command reads the bundled 2020 statement and seed events unless told
otherwise. Every command ends, on any input, with at most one line on stderr
starting ``error:`` and one of these exit codes, never a traceback:

* 0: done;
* 1: ``validate`` found problems in the files (each listed on stdout);
* 2: a user mistake: bad input, a file that cannot be read or written, an
  unknown id, a missing optional extra, or a usage error (click's own);
* 3: a fault inside ceasefire (a bug: please report it; set
  ``CEASEFIRE_DEBUG=1`` to see the traceback).

The group and its one-line errors are in :mod:`ceasefire.cli.group`, the shared
options in :mod:`ceasefire.cli.options` and the shared helpers in
:mod:`ceasefire.cli.common`; each other module holds one group of commands, and
every command is registered on :data:`main` here, in one place. Commands import
only downward (options, helpers, the group), never this module.
"""

from __future__ import annotations

from ..render._terminal import status_table
from . import answers, data, extract, pictures, validate
from .common import make_tracker
from .group import EXIT_INTERNAL_ERROR, EXIT_INVALID_INPUT, EXIT_USER_ERROR, main

__all__ = ["EXIT_INTERNAL_ERROR", "EXIT_INVALID_INPUT", "EXIT_USER_ERROR", "main", "make_tracker", "status_table"]

COMMANDS = (
    answers.status,
    answers.explain,
    answers.timeline,
    validate.validate,
    answers.calendar,
    pictures.chart,
    pictures.report,
    data.schema,
    data.convert,
    data.data,
    data.fetch,
    data.geojson_command,
    data.pam_command,
    data.import_group,
    extract.extract,
    extract.extract_score,
)
"""Every command and command group of ``ceasefire``, in the order they were written."""

for _command in COMMANDS:
    main.add_command(_command)
