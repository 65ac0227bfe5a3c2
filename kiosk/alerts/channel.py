"""The PostgreSQL NOTIFY channel of one installation, named after its database and schema."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.engine import Engine, make_url


def channel_name(engine: Engine) -> str:
    """``kiosk_`` and a short hash of the database name and schema.

    Two installations (or two test runs) sharing a server use different schemas or databases, so
    their consoles never hear each other's alerts. The name stays well under PostgreSQL's 63 bytes.
    """
    schema = getattr(engine, "info_schema", None) or "public"
    key = f"{engine.url.database or ''}/{schema}"
    return "kiosk_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def psycopg_conninfo(engine: Engine, listen_url: str = "") -> dict[str, Any]:
    """Connection arguments for a dedicated psycopg connection to the engine's database and schema.

    ``listen_url`` ([database] listen_url) sends it elsewhere: to the PostgreSQL server itself when the
    engine goes through PgBouncer in transaction pooling, where LISTEN cannot work.
    """
    url = engine.url
    if listen_url.strip():
        url = make_url(listen_url.strip())  # checked by kiosk.config: a postgresql:// address
    kwargs: dict[str, Any] = {"dbname": url.database or "", "connect_timeout": 10}
    for key, value in (
        ("host", url.host),
        ("port", url.port),
        ("user", url.username),
        ("password", url.password),
    ):
        if value:
            kwargs[key] = value
    kwargs.update({k: v for k, v in url.query.items() if isinstance(v, str)})
    schema = getattr(engine, "info_schema", None)
    if schema:
        kwargs["options"] = f"-csearch_path={schema}"
    return kwargs
