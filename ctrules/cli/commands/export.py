"""``ctrules export rego``: write the Rego rule pack for cloudformation-validate (the validator CDK runs on synth)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ctrules.cli._args import fail
from ctrules.cli.report import EXIT_FINDINGS, EXIT_OK

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the command to the ``ctrules`` sub-command parsers."""
    p = sub.add_parser(
        "export",
        help="write ctrules' checks as a rule pack for another engine (rego: cloudformation-validate / CDK)",
        description="Write the checks as a Rego rule pack for cloudformation-validate, the validator aws-cdk-lib "
        "runs on every synth: CloudFormationValidatePlugin(regoRules=[{name, content}]) in any CDK language. "
        "See docs/rego.md.",
    )
    p.add_argument("format", choices=("rego",), help="the pack format (rego)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the pack to FILE (default: standard output)")
    p.add_argument("--check", metavar="FILE", help="exit 0 when FILE is the pack this ctrules generates, 1 when stale")
    p.add_argument("--verify", metavar="FILE", help="load FILE into the installed cloudformation-validate: exit 0 "
                   "when the engine runs it, 1 (one line naming the engine versions) when it refuses it")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ctrules.export.rego import rego_pack

    if args.verify:
        return _verify(args.verify)
    pack = rego_pack()
    if args.check:
        try:
            text = Path(args.check).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return fail(f"{args.check}: cannot read the pack ({exc.__class__.__name__}: {exc})")
        if text != pack:
            sys.stdout.write(f"{args.check}: stale: it is not the pack this ctrules and catalog generate; "
                             f"regenerate it with `ctrules export rego -o {args.check}`\n")
            return EXIT_FINDINGS
        sys.stdout.write(f"{args.check}: current\n")
        return EXIT_OK
    if args.output:
        try:
            Path(args.output).write_text(pack, encoding="utf-8")
        except OSError as exc:
            return fail(f"{args.output}: cannot write the pack ({exc.__class__.__name__}: {exc})")
        return EXIT_OK
    sys.stdout.write(pack)
    return EXIT_OK


def _verify(path: str) -> int:
    from ctrules.export.rego import PackLoadError, load_engine

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return fail(f"{path}: cannot read the pack ({exc.__class__.__name__}: {exc})")
    try:
        load_engine(text, name=Path(path).name)
    except ImportError:
        return fail("--verify needs the cloudformation-validate package (pip install cloudformation-validate)")
    except PackLoadError as exc:
        sys.stdout.write(f"{path}: {exc}\n")
        return EXIT_FINDINGS
    sys.stdout.write(f"{path}: cloudformation-validate runs it\n")
    return EXIT_OK
