"""The ``ctrules`` commands, one module each: ``lint``, ``show``, ``search``, ``catalog``.

Each module has ``register(sub)`` (its argument parser) and ``run(args) -> exit code``.
"""
