"""The ``ctrules`` command line: the CTR checks for any CloudFormation, SAM, Terraform or CDK project.

Commands::

    ctrules lint PATH...          check every EventBridge rule of templates, plans and cdk.out directories
    ctrules show EVENT            a catalog entry, its event pattern and the ctrules line that makes the rule
    ctrules search TEXT           find CloudTrail event names
    ctrules catalog               what the bundled catalog holds

``lint`` exits 0 when no error was found, 1 when errors were (or warnings, with ``--strict``) and 2 on bad
input or usage. The module imports no ``aws_cdk``: it starts fast, and works where the CDK is not
installed. It reuses the checks core (:func:`ctrules.checks.check_pattern`) and the input readers of
:mod:`ctrules.inputs`; it implements no check of its own.

Modules: :mod:`~ctrules.cli.main` (parser, :func:`main`), one module per command in
:mod:`ctrules.cli.commands`, :mod:`~ctrules.cli.report` (the lint driver and its report), and one renderer
each in :mod:`~ctrules.cli.render_text`, :mod:`~ctrules.cli.render_json`, :mod:`~ctrules.cli.render_sarif`.
"""

from __future__ import annotations

from ctrules.cli.main import build_parser, main
from ctrules.cli.render_json import render_json
from ctrules.cli.render_sarif import render_sarif
from ctrules.cli.render_text import render_text
from ctrules.cli.report import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, LintReport, Problem, Reported, lint

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "LintReport",
    "Problem",
    "Reported",
    "build_parser",
    "lint",
    "main",
    "render_json",
    "render_sarif",
    "render_text",
]
