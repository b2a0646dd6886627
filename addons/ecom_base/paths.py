# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server folders the suite reads (order files, supplier feeds): only under
the root an administrator allows, never through a symbolic link, so that a
folder field cannot be used to read the server's files."""

import os

from odoo.exceptions import AccessError, UserError
from odoo.tools import config

#: ir.config_parameter (administrators only) naming the allowed root, when
#: the configuration file has no ``ecom_file_root`` option
FILE_ROOT_PARAM = "ecom_base.file_root"


def file_root(env):
    """The allowed root (real path), or None when none is set."""
    root = config.get("ecom_file_root") or env["ir.config_parameter"].sudo().get_param(
        FILE_ROOT_PARAM
    )
    return os.path.realpath(root) if root else None


def check_folder_writer(env):
    """Only a system administrator sets a server folder."""
    if not (env.su or env.user._is_system()):
        raise AccessError(env._("Only a system administrator can set a server folder."))


def resolve_folder(env, folder):
    """The real path of ``folder``; UserError when it is not under the
    allowed root or goes through a symbolic link."""
    root = file_root(env)
    if not root:
        raise UserError(
            env._(
                "No server folder is allowed on this server: an administrator sets the "
                "allowed root (option ecom_file_root of the configuration file or system "
                "parameter %s).",
                FILE_ROOT_PARAM,
            )
        )
    path = os.path.abspath(folder or "")
    real = os.path.realpath(path)
    if real != path:
        raise UserError(
            env._("The folder %s goes through a symbolic link, which is refused.", folder)
        )
    if os.path.commonpath([real, root]) != root:
        raise UserError(
            env._(
                "The folder %(folder)s is not under the allowed root %(root)s.",
                folder=folder,
                root=root,
            )
        )
    return real


def inside(folder, path):
    """True when ``path`` is a regular file of ``folder`` itself (not a
    symbolic link, not elsewhere through ``..`` in a pattern)."""
    return (
        not os.path.islink(path)
        and os.path.isfile(path)
        and os.path.dirname(os.path.realpath(path)) == folder
    )
