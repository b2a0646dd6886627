# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os

from .base import TransportError


class FolderTransport:
    """Files in a folder of the Odoo server (a share the provider mounts)."""

    def __init__(self, root):
        self.root = os.path.realpath(root)

    def __enter__(self):
        if not os.path.isdir(self.root):
            raise TransportError("io", path=self.root, detail="not a folder")
        return self

    def __exit__(self, *exc):
        return False

    def _path(self, folder, name=None):
        path = os.path.realpath(os.path.join(self.root, folder or "", name or ""))
        if os.path.commonpath([path, self.root]) != self.root:
            raise TransportError("path", path=path)
        return path

    def list(self, folder):
        path = self._path(folder)
        try:
            names = os.listdir(path)
        except OSError as exc:
            raise TransportError("io", path=path, detail=exc.strerror) from None
        return sorted(
            name
            for name in names
            if not name.startswith(".") and os.path.isfile(os.path.join(path, name))
        )

    def get(self, folder, name):
        path = self._path(folder, name)
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except OSError as exc:
            raise TransportError("io", path=path, detail=exc.strerror) from None

    def put(self, folder, name, data):
        path = self._path(folder, name)
        temp = self._path(folder, f".{name}.part")
        try:
            with open(temp, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        except OSError as exc:
            raise TransportError("io", path=path, detail=exc.strerror) from None

    def exists(self, folder, name):
        return os.path.isfile(self._path(folder, name))

    def move(self, folder, name, target_folder):
        source = self._path(folder, name)
        target = self._path(target_folder, name)
        try:
            if not os.path.exists(source):
                if os.path.exists(target):
                    return  # moved by a previous run
                raise TransportError("io", path=source, detail="no such file")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(source, target)
        except OSError as exc:
            raise TransportError("io", path=source, detail=exc.strerror) from None
