"""Reusable Qt widgets of the kiosk and the console: keyboard, signature pad, scanner listener, icons."""
