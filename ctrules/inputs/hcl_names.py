"""Telling Terraform, OpenTofu and Terragrunt HCL files by name and by text, without loading the HCL parser.

Detection runs for every file a scan meets; the parser (python-hcl2's Lark grammar) is imported only when a file
is read as HCL (:mod:`ctrules.inputs.terraform_hcl`).
"""

from __future__ import annotations

__all__ = ["is_hcl_name", "looks_like_hcl"]


def is_hcl_name(name: str) -> bool:
    """True for a file name Terraform, OpenTofu or Terragrunt reads as HCL (``.tf``, ``.tofu``, ``.tfvars``,
    ``.hcl``)."""
    return name.endswith((".tf", ".tofu", ".tfvars", ".hcl"))


def looks_like_hcl(text: str) -> bool:
    """True when a text starts like Terraform/Terragrunt HCL (a block or an ``inputs``/``locals`` item)."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "//", "/*")):
            continue
        word = stripped.split(None, 1)[0].split("{", 1)[0]
        known = ("resource", "module", "provider", "variable", "locals", "terraform", "data", "output")
        return word in (*known, "include", "dependency", "inputs", "generate", "remote_state") and (
            "{" in stripped or "=" in stripped or '"' in stripped
        )
    return False
