"""Syndiff: see how different news outlets word the same story."""

__version__ = "0.1.0"
