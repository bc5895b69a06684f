"""Renderers: pure functions from (document, theme, options) to bytes."""
