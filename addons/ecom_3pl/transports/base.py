# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a file transport of a logistics provider offers, and its errors.

A transport is used as a context manager (``with transport as t:``) and
works in folders named relative to its root (SFTP home or server folder):
``list(folder)``, ``get(folder, name)``, ``put(folder, name, data)``
(atomic: a hidden temporary name, then a rename) and
``move(folder, name, target_folder)`` (idempotent: a file already moved is
not an error).  Errors carry a code and parameters translated by the caller;
:class:`TransportRetryableError` means "the server is not reachable now".
"""


class TransportError(Exception):
    """A transport failure the merchant must fix (credentials, host key,
    missing folder...).  Codes: ``auth``, ``host_key_missing``,
    ``host_key_mismatch`` (``fingerprint``), ``key`` (unreadable private
    key), ``io`` (``path``, ``detail``), ``path`` (outside the root)."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


class TransportRetryableError(TransportError):
    """The server is down, refuses the connection or times out (code
    ``connect``, ``detail``): the job queue retries later."""
