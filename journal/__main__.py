"""``python -m journal`` runs the command line."""

from journal.cli import main

raise SystemExit(main())
