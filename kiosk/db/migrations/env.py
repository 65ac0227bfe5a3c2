"""Alembic environment: runs on the connection that kiosk.db.migrate hands it."""

from alembic import context

import kiosk.db.cases  # noqa: F401 - registers the breach-process tables on Base.metadata
from kiosk.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    engine = config.attributes.get("engine")
    schema = getattr(engine, "info_schema", None) if engine is not None else None
    if connection is None:
        if engine is None:
            raise RuntimeError("kiosk.db.migrate hands the migrations a connection or an engine")
        with engine.connect() as conn:
            _run(conn, schema)
            conn.commit()
    else:
        _run(connection, schema)


def _run(connection, schema) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        version_table_schema=schema,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
