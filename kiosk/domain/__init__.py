"""Domain objects and rules of the reception kiosk (no Qt, no SQLAlchemy, no I/O)."""
