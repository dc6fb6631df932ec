"""Reading CDK cloud assemblies (``cdk.out``): every stack template, nested stacks and nested assemblies.

The acknowledgements the app made with ``cdk.Validations.of(construct).acknowledge(...)`` (id ``ctrules::CTR0xx``)
are in each stack's metadata; they apply to the rules of the construct and of every construct below it in the
stack, as in the CDK plugin (:mod:`ctrules.inputs.acknowledgements`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ctrules.inputs._model import (
    Acknowledgement,
    DataTrail,
    InputError,
    InputFile,
    ReadResult,
    RuleProblem,
    TemplateRule,
    Unread,
)
from ctrules.inputs.acknowledgements import code_of, from_cdk_metadata, misnamed_cdk_ids
from ctrules.inputs.cloudformation import rules_in_template
from ctrules.inputs.document import parse_document, read_text
from ctrules.inputs.limits import confined
from ctrules.inputs.trails import data_trail_sources

__all__ = ["read_assembly"]


def _env_region(environment: Any) -> str | None:
    """The region of a manifest environment ``aws://account/region`` (``None`` when unknown)."""
    if not isinstance(environment, str) or not environment.startswith("aws://"):
        return None
    parts = environment[len("aws://") :].split("/")
    region = parts[1] if len(parts) >= 2 else ""
    if not region or region.startswith("unknown") or "$" in region:
        return None
    return region


class _CdkAcks:
    """The ``ctrules::`` acknowledgements of one stack's constructs, from its cloud assembly metadata."""

    def __init__(self, metadata: Mapping[str, Any]) -> None:
        self.by_path: dict[str, list[Acknowledgement]] = {}
        self.reasonless: dict[str, list[Acknowledgement]] = {}  # refused: a reason is required in every form
        self.paths: dict[str, str] = {}  # logical id -> construct path (the stack's own template)
        self.misnamed: dict[str, list[str]] = {}  # ids CDK will not match to a check (ctrules::CTR05, CTR005)
        for path, entries in metadata.items():
            if not isinstance(entries, list):
                continue
            wrong = misnamed_cdk_ids(entries)
            if wrong:
                self.misnamed[path] = wrong
            acks = from_cdk_metadata(entries, f"cdk acknowledgement on {path}")
            good = [a for a in acks if a.reason.strip()]
            if good:
                self.by_path[path] = good
            if len(good) < len(acks):
                self.reasonless[path] = [a for a in acks if not a.reason.strip()]
            for entry in entries:
                logical = entry.get("data") if isinstance(entry, dict) else None
                if isinstance(logical, str) and entry.get("type") == "aws:cdk:logicalId":
                    self.paths[logical] = path

    def apply(self, rules: list[TemplateRule], main: bool) -> None:
        """Give each rule the acknowledgements of its construct and the constructs above it (nearest first).

        :param main: the stack's own template (else a nested stack's, whose logical ids the metadata does not map).
        """
        if not self.by_path and not self.reasonless and not self.misnamed:
            return
        for rule in rules:
            path = self.paths.get(rule.logical_id) if main else None
            if rule.cdk_path:
                path = "/" + rule.cdk_path.lstrip("/")
            if path is None:
                continue
            parts = path.strip("/").split("/")
            for i in range(len(parts), 0, -1):
                above = "/" + "/".join(parts[:i])
                rule.acknowledgements += tuple(self.by_path.get(above, ()))
                rule.input_problems += tuple(
                    RuleProblem(
                        f"{a.where} acknowledges {a.code} without a reason: give the reason, "
                        f"cdk.Validations.of(construct).acknowledge(cdk.Acknowledgment(id='ctrules::{a.code}', "
                        "reason='<why the finding does not apply to this rule>')) (a reason is required)"
                    )
                    for a in self.reasonless.get(above, ())
                )
                rule.input_problems += tuple(_misnamed_problem(above, i) for i in self.misnamed.get(above, ()))


def _misnamed_problem(path: str, rule_id: str) -> RuleProblem:
    code = code_of(rule_id)
    right = f"'ctrules::{code}'" if code is not None else "'ctrules::CTR0xx' with the code the finding names"
    why = "CDK matches ctrules' findings by ctrules::<code>" if code is not None else "it names no check"
    return RuleProblem(
        f"cdk acknowledgement on {path} has id {rule_id!r}, which CDK does not match to any ctrules finding ({why}): "
        f"the finding it means is not acknowledged; write id={right}"
    )


def _stack_metadata(root: Path, directory: Path, artifact: Mapping[str, Any], shown: str) -> dict[str, Any]:
    """Construct path -> metadata entries of a stack artifact (in the manifest or its ``additionalMetadataFile``)."""
    out: dict[str, Any] = {}
    inline = artifact.get("metadata")
    if isinstance(inline, dict):
        out.update(inline)
    extra = artifact.get("additionalMetadataFile")
    if isinstance(extra, str):
        try:
            doc = json.loads(read_text(confined(root, directory, extra, shown), extra))
        except (InputError, ValueError, RecursionError, OSError):
            doc = None  # unreadable metadata only loses acknowledgements; the stacks are still read
        if isinstance(doc, dict):
            for path, entries in doc.items():
                if isinstance(entries, list):
                    out[path] = [*out.get(path, []), *entries]
    return out


def _stack_files(
    root: Path,
    directory: Path,
    shown_dir: str,
    template_file: str,
    region: str | None,
    result: ReadResult,
    seen: set[Path],
    acks: _CdkAcks | None = None,
    main: bool = True,
) -> None:
    shown = str(Path(shown_dir) / template_file)
    try:
        resolved = confined(root, directory, template_file, str(Path(shown_dir) / "manifest.json"))
        if resolved in seen:
            return
        seen.add(resolved)
        text = read_text(resolved, shown)
        doc = parse_document(text, shown)
        if not isinstance(doc, dict) or not isinstance(doc.get("Resources", {}), dict):
            raise InputError(shown, "not a CloudFormation template")
    except InputError as exc:
        result.errors.append(exc)
        return
    trails = {es: DataTrail(name, shown) for es, name in data_trail_sources(doc).items()}
    rules = list(rules_in_template(doc))
    if acks is not None:
        acks.apply(rules, main)
    this = InputFile(shown, "cdk.out stack", rules, region, text, data_trails=trails, reader="cdk-assembly")
    result.files.append(this)
    # Nested stacks: their templates are assets of the assembly, referenced from the parent's metadata.
    resources = doc.get("Resources") or {}
    for logical_id, res in resources.items():
        if isinstance(res, dict) and res.get("Type") == "AWS::CloudFormation::Stack":
            meta = res.get("Metadata")
            asset = meta.get("aws:asset:path") if isinstance(meta, dict) else None
            if not isinstance(asset, str) or not asset.endswith(".json"):
                continue
            try:
                found = confined(root, directory, asset, shown).is_file()
            except InputError as exc:
                result.errors.append(exc)
                continue
            if found:
                _stack_files(root, directory, shown_dir, asset, region, result, seen, acks, False)
            else:
                probe = TemplateRule(str(logical_id), None, None, True, anchors=("Resources", str(logical_id)))
                why = f"its nested stack template {asset!r} is not in the cloud assembly: its rules are not checked"
                this.unread.append(Unread(str(logical_id), f"{why} (synthesize again)", this.line_of(probe)))


def _nested_templates(
    root: Path, directory: Path, artifacts: Mapping[str, Any], artifact: Mapping[str, Any], props: Mapping[str, Any]
) -> list[str]:
    """Nested stack templates of a stack: ``*.nested.template.json`` files of its asset manifests.

    (``aws:asset:path`` metadata, read in :func:`_stack_files`, is only there when the CDK CLI synthesizes.)
    """
    deps: list[Any] = []
    for value in (artifact.get("dependencies"), props.get("additionalDependencies")):
        if isinstance(value, list):
            deps.extend(value)
    out: list[str] = []
    for dep in dict.fromkeys(d for d in deps if isinstance(d, str)):
        manifest = artifacts.get(dep)
        if not isinstance(manifest, dict) or manifest.get("type") != "cdk:asset-manifest":
            continue
        mprops = manifest.get("properties")
        file = mprops.get("file") if isinstance(mprops, dict) else None
        if not isinstance(file, str) or not (directory / file).is_file():
            continue
        try:
            doc = json.loads(read_text(confined(root, directory, file, file), file))
        except (InputError, ValueError, RecursionError):
            continue  # an unreadable asset manifest only hides nested stacks; the stacks are still read
        files = doc.get("files") if isinstance(doc, dict) else None
        for asset in (files or {}).values() if isinstance(files, dict) else ():
            source = asset.get("source") if isinstance(asset, dict) else None
            path = source.get("path") if isinstance(source, dict) else None
            nested = isinstance(path, str) and path.endswith(".nested.template.json")
            if nested and isinstance(path, str) and (directory / path).is_file():
                out.append(path)
    return out


def read_assembly(directory: Path, shown: str, result: ReadResult, seen: set[Path], root: Path | None = None) -> None:
    """Read every stack of the cloud assembly in ``directory`` into ``result`` (errors collected there).

    :param seen: manifests and templates already read (a stage can be reached twice).
    :param root: the outermost assembly folder (``directory`` when not given): every path a manifest names
        must stay inside it (:func:`~ctrules.inputs.limits.confined`).

    A trail of any stack of the app covers the data events of every rule of the app (as in the CDK plugin): each
    stack's :attr:`~ctrules.inputs.InputFile.data_trails` holds the trails of the whole assembly.
    """
    if root is None:
        first = len(result.files)
        _read_assembly(directory, shown, result, seen, directory)
        _share_trails(result.files[first:])
    else:
        _read_assembly(directory, shown, result, seen, root)


def _share_trails(files: list[InputFile]) -> None:
    """Give every file of an app the trails of all its files (its own first)."""
    shared: dict[str, DataTrail] = {}
    for f in files:
        for es, trail in f.data_trails.items():
            shared.setdefault(es, trail)
    if shared:
        for f in files:
            f.data_trails = {**shared, **f.data_trails}


def _read_assembly(directory: Path, shown: str, result: ReadResult, seen: set[Path], root: Path) -> None:
    manifest = directory / "manifest.json"
    manifest_shown = str(Path(shown) / "manifest.json")
    if manifest.is_symlink():  # a nested assembly's manifest is confined like every path a manifest names
        try:
            manifest = confined(root, directory, "manifest.json", manifest_shown)
        except InputError as exc:
            result.errors.append(exc)
            return
    if not manifest.is_file():
        message = (
            "directory without manifest.json (not a cdk.out) and without .tf or terragrunt.hcl files: give a "
            "cdk.out directory, a Terraform folder, or template, plan or pattern files"
        )
        result.errors.append(InputError(shown, message))
        return
    resolved = manifest.resolve()
    if resolved in seen:
        return
    seen.add(resolved)
    try:
        doc = parse_document(read_text(manifest, manifest_shown), manifest_shown)
    except InputError as exc:
        result.errors.append(exc)
        return
    artifacts = doc.get("artifacts") if isinstance(doc, dict) else None
    if not isinstance(artifacts, dict):
        result.errors.append(InputError(manifest_shown, "no artifacts: not a cloud assembly manifest"))
        return
    for artifact in artifacts.values():
        if not isinstance(artifact, dict):
            continue
        props = artifact.get("properties")
        props = props if isinstance(props, dict) else {}
        kind = artifact.get("type")
        if kind == "aws:cloudformation:stack" and isinstance(props.get("templateFile"), str):
            region = _env_region(artifact.get("environment"))
            acks = _CdkAcks(_stack_metadata(root, directory, artifact, manifest_shown))
            _stack_files(root, directory, shown, props["templateFile"], region, result, seen, acks)
            for nested in _nested_templates(root, directory, artifacts, artifact, props):
                _stack_files(root, directory, shown, nested, region, result, seen, acks, False)
        elif kind == "cdk:cloud-assembly" and isinstance(props.get("directoryName"), str):
            sub = props["directoryName"]
            try:
                nested_dir = confined(root, directory, sub, manifest_shown)
            except InputError as exc:
                result.errors.append(exc)
                continue
            _read_assembly(nested_dir, str(Path(shown) / sub), result, seen, root)
