"""The ``ctrules`` commands, one module each: ``lint``, ``show``, ``search``, ``catalog``, ``export``.

Each module has ``register(sub)`` (its argument parser) and ``run(args) -> exit code``.
"""
