"""``python -m ceasefire`` runs the command line."""

from .cli import main

main()
