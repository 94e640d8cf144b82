"""The desktop app: PySide6 widgets only; data comes from ``journal.services``."""
