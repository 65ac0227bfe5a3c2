"""Use cases of the reception kiosk. They talk to ports (kiosk.services.ports), never to adapters."""
