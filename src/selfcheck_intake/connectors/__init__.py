"""Helpdesk connectors: one module per helpdesk, each a :class:`~.base.Connector`."""
