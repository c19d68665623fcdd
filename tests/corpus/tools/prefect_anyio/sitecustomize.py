"""Prefect's env.py runs its migrations through anyio.from_thread, so Alembic's upgrade must be
called from an AnyIO worker thread, as Prefect's own `prefect server database upgrade` calls
it. With this directory on PYTHONPATH, every Python of Prefect's environment (and so the
`alembic upgrade` that scripts/alembic-data-check runs in a child process) does that."""
try:
    import alembic.command as _command
except ImportError:  # not Prefect's environment
    _command = None

if _command is not None:
    _upgrade = _command.upgrade

    def upgrade(*args, **kwargs):
        import anyio
        from anyio import to_thread

        async def run():
            return await to_thread.run_sync(lambda: _upgrade(*args, **kwargs))

        return anyio.run(run)

    _command.upgrade = upgrade
