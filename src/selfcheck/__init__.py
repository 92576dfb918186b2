"""selfcheck: a desktop self-diagnosis tool for customers and the support teams who help them."""

__version__ = "0.1.0"
