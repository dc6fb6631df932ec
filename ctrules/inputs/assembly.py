"""Reading CDK cloud assemblies (``cdk.out``): every stack template, nested stacks and nested assemblies."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ctrules.inputs._model import InputError, InputFile, ReadResult
from ctrules.inputs.cloudformation import rules_in_template
from ctrules.inputs.document import parse_document, read_text
from ctrules.inputs.limits import confined

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


def _stack_files(
    root: Path,
    directory: Path,
    shown_dir: str,
    template_file: str,
    region: str | None,
    result: ReadResult,
    seen: set[Path],
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
    result.files.append(InputFile(shown, "cdk.out stack", list(rules_in_template(doc)), region, text))
    # Nested stacks: their templates are assets of the assembly, referenced from the parent's metadata.
    resources = doc.get("Resources") or {}
    for res in resources.values():
        if isinstance(res, dict) and res.get("Type") == "AWS::CloudFormation::Stack":
            meta = res.get("Metadata")
            asset = meta.get("aws:asset:path") if isinstance(meta, dict) else None
            if isinstance(asset, str) and asset.endswith(".json") and (directory / asset).is_file():
                _stack_files(root, directory, shown_dir, asset, region, result, seen)


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
    """
    root = directory if root is None else root
    manifest = directory / "manifest.json"
    manifest_shown = str(Path(shown) / "manifest.json")
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
            _stack_files(root, directory, shown, props["templateFile"], region, result, seen)
            for nested in _nested_templates(root, directory, artifacts, artifact, props):
                _stack_files(root, directory, shown, nested, region, result, seen)
        elif kind == "cdk:cloud-assembly" and isinstance(props.get("directoryName"), str):
            sub = props["directoryName"]
            try:
                nested_dir = confined(root, directory, sub, manifest_shown)
            except InputError as exc:
                result.errors.append(exc)
                continue
            read_assembly(nested_dir, str(Path(shown) / sub), result, seen, root)
