"""Badge and report layout (reportlab) and the printers they go to (a folder, or CUPS).

Implements the BadgePrinter port of kiosk.services.ports; kiosk.app wires it with
``build_badge_printer(settings)``.
"""

from importlib import import_module

# Imported on first use (PEP 562): reportlab and pypdfium2 are slow to load, and `kiosk --help`
# or a kiosk that never prints should not pay for them.
_WHERE = {
    "TYPE_STYLES": "badge",
    "render_badge": "badge",
    "LABELS": "labels",
    "Label": "labels",
    "get_label": "labels",
    "label_names": "labels",
    "CupsPrinter": "printers",
    "FilePrinter": "printers",
    "LabelBadgePrinter": "printers",
    "PrinterBackend": "printers",
    "build_backend": "printers",
    "build_badge_printer": "printers",
    "label_for": "printers",
    "rasterise": "printers",
    "render_fire_roll": "reports",
    "render_visit_log": "reports",
}


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"kiosk.printing.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'kiosk.printing' has no attribute {name!r}")


__all__ = [
    "LABELS",
    "TYPE_STYLES",
    "CupsPrinter",
    "FilePrinter",
    "Label",
    "LabelBadgePrinter",
    "PrinterBackend",
    "build_backend",
    "build_badge_printer",
    "get_label",
    "label_for",
    "label_names",
    "rasterise",
    "render_badge",
    "render_fire_roll",
    "render_visit_log",
]
