"""Helpdesk connectors: one module per helpdesk, each a :class:`~.base.Connector`.

``[helpdesk] kind = "NAME"`` in the relay's config loads
``selfcheck_intake.connectors.NAME`` and calls its ``from_settings(settings)``
with the rest of the ``[helpdesk]`` table (secrets already resolved). A module
without ``from_settings`` may instead define one class whose ``name`` is
``NAME``; it is called with the settings as keyword arguments.
"""

from __future__ import annotations

import importlib
import inspect
import re
from typing import Any

from selfcheck_intake.connectors.base import Connector, ConnectorRejected

KNOWN = ("none", "zendesk", "freshdesk", "zammad", "osticket", "rt")


def load_connector(settings: dict[str, Any]) -> Connector:
    """The connector for ``settings["kind"]``; a :class:`ConnectorRejected` says what is wrong."""
    kind = str(settings.get("kind", "none"))
    if not re.fullmatch(r"[a-z][a-z0-9_]*", kind):
        raise ConnectorRejected(f"helpdesk.kind {kind!r} is not a connector name")
    try:
        module = importlib.import_module(f"selfcheck_intake.connectors.{kind}")
    except ModuleNotFoundError as exc:
        raise ConnectorRejected(f"there is no helpdesk connector called {kind!r} (known: {', '.join(KNOWN)})") from exc
    options = {k: v for k, v in settings.items() if k != "kind"}
    factory = getattr(module, "from_settings", None)
    if callable(factory):
        return factory(options)  # type: ignore[no-any-return]
    for _name, cls in inspect.getmembers(module, inspect.isclass):
        if getattr(cls, "name", None) == kind and cls.__module__ == module.__name__:
            return cls(**options)  # type: ignore[no-any-return,return-value]
    raise ConnectorRejected(f"the connector module {kind!r} has no from_settings() nor a class named {kind!r}")
