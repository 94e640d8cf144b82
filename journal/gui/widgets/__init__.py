"""Reusable widgets: charts and other building blocks the windows compose."""
