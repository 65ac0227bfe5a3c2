"""Day-to-day operations a technician runs: backups, restores, the health check, log files.

These modules use the database, settings and printer adapters directly and never import Qt, so they
run from the command line, from a systemd timer, and from the kiosk's own timer alike.
"""
