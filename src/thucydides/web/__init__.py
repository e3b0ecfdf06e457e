"""The web face: an HTTP API and a dashboard over a store (``thucydides serve``).

Needs the optional ``web`` extra (FastAPI, uvicorn, Jinja2). This package's own import
does not load them, so the command line can register ``serve`` on a core install and say
which extra is missing when it is run. The application is built by
:func:`thucydides.web.app.create_app`.
"""
