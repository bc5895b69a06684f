"""Bring Word documents into a project: tracked changes as proposed amendments."""
