"""The web UI and its JSON API, served by ``vigie serve``.

Every page is rendered on the server (usable without JavaScript) and has a JSON twin: the same
URL with a ``.json`` suffix, or the page URL asked for with ``Accept: application/json``.
Routes live in :mod:`vigie.web.routes`, one module per resource.
"""

from vigie.web.app import create_app

__all__ = ["create_app"]
