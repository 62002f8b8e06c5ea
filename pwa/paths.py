"""Where the project's folders are: the package `pwa/` stands in the project's root, beside
`static/`, `routines/` and `node_modules/`."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
