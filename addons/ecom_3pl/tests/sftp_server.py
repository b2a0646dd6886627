# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real SSH/SFTP server for the tests (paramiko), on 127.0.0.1.

``LocalSftpServer(root)`` serves the folder ``root`` over SFTP on an
ephemeral port with a host key generated for the run.  It accepts the
password ``password`` of ``username`` and the public keys in
``authorized_keys``; any other key or password is refused, like OpenSSH.
``stop()`` closes the port (the server is down), ``start()`` opens it again
on the same port.  ``logins`` counts the successful authentications; ``refuse_moves_to``
(folder names) makes renames into those folders fail.
"""

import os
import socket
import threading

import paramiko
from paramiko.sftp import SFTP_FAILURE, SFTP_NO_SUCH_FILE, SFTP_OK, SFTP_PERMISSION_DENIED


def _errno_code(exc):
    if isinstance(exc, FileNotFoundError):
        return SFTP_NO_SUCH_FILE
    if isinstance(exc, PermissionError):
        return SFTP_PERMISSION_DENIED
    return SFTP_FAILURE


class _Handle(paramiko.SFTPHandle):
    def stat(self):
        try:
            return paramiko.SFTPAttributes.from_stat(os.fstat(self.readfile.fileno()))
        except OSError as exc:
            return _errno_code(exc)


class _SftpInterface(paramiko.SFTPServerInterface):
    """SFTP over a local folder, jailed in it."""

    def __init__(self, server, *args, root=None, **kwargs):
        super().__init__(server, *args, **kwargs)
        self.owner = server.owner
        self.root = os.path.realpath(root)

    def _local(self, path):
        local = os.path.realpath(os.path.join(self.root, path.lstrip("/")))
        if os.path.commonpath([local, self.root]) != self.root:
            raise PermissionError(path)
        return local

    def canonicalize(self, path):
        relative = os.path.relpath(self._local(path), self.root)
        return "/" if relative == "." else "/" + relative

    def list_folder(self, path):
        try:
            local = self._local(path)
            entries = []
            for name in os.listdir(local):
                attr = paramiko.SFTPAttributes.from_stat(os.stat(os.path.join(local, name)))
                attr.filename = name
                entries.append(attr)
            return entries
        except OSError as exc:
            return _errno_code(exc)

    def stat(self, path):
        try:
            return paramiko.SFTPAttributes.from_stat(os.stat(self._local(path)))
        except OSError as exc:
            return _errno_code(exc)

    lstat = stat

    def open(self, path, flags, attr):
        try:
            local = self._local(path)
            fd = os.open(local, flags, 0o644)
            mode = "wb" if flags & os.O_WRONLY else ("r+b" if flags & os.O_RDWR else "rb")
            handle = _Handle(flags)
            handle.filename = local
            handle.readfile = handle.writefile = os.fdopen(fd, mode)
            return handle
        except OSError as exc:
            return _errno_code(exc)

    def remove(self, path):
        try:
            os.remove(self._local(path))
        except OSError as exc:
            return _errno_code(exc)
        return SFTP_OK

    def rename(self, oldpath, newpath):
        try:
            if os.path.exists(self._local(newpath)):
                return SFTP_FAILURE
            os.rename(self._local(oldpath), self._local(newpath))
        except OSError as exc:
            return _errno_code(exc)
        return SFTP_OK

    def posix_rename(self, oldpath, newpath):
        target = newpath.lstrip("/").split("/", 1)[0]
        if target in self.owner.refuse_moves_to:
            return SFTP_FAILURE
        try:
            os.replace(self._local(oldpath), self._local(newpath))
        except OSError as exc:
            return _errno_code(exc)
        return SFTP_OK

    def mkdir(self, path, attr):
        try:
            os.mkdir(self._local(path))
        except OSError as exc:
            return _errno_code(exc)
        return SFTP_OK


class _SshServer(paramiko.ServerInterface):
    def __init__(self, owner):
        self.owner = owner

    def get_allowed_auths(self, username):
        return "password,publickey"

    def check_auth_password(self, username, password):
        if username == self.owner.username and password == self.owner.password:
            self.owner.logins += 1
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_auth_publickey(self, username, key):
        allowed = {(k.get_name(), k.get_base64()) for k in self.owner.authorized_keys}
        if username == self.owner.username and (key.get_name(), key.get_base64()) in allowed:
            self.owner.logins += 1
            return paramiko.AUTH_SUCCESSFUL
        return paramiko.AUTH_FAILED

    def check_channel_request(self, kind, chanid):
        if kind == "session":
            return paramiko.OPEN_SUCCEEDED
        return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED


class LocalSftpServer:
    def __init__(self, root, username="logi", password="s3cret", authorized_keys=()):
        self.root = root
        self.username = username
        self.password = password
        self.authorized_keys = list(authorized_keys)
        self.host_key = paramiko.ECDSAKey.generate()
        self.logins = 0
        # folders the server refuses to move files into ("archive fails")
        self.refuse_moves_to = set()
        self.port = 0
        self._sock = None
        self._thread = None
        self._transports = []

    @property
    def host_key_line(self):
        return f"{self.host_key.get_name()} {self.host_key.get_base64()}"

    def start(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(5)
        sock.settimeout(0.2)
        self.port = sock.getsockname()[1]
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
        self._thread.start()
        return self

    def _serve(self, sock):
        while self._sock is sock:
            try:
                client, _addr = sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            transport = paramiko.Transport(client)
            transport.add_server_key(self.host_key)
            transport.set_subsystem_handler(
                "sftp", paramiko.SFTPServer, _SftpInterface, root=self.root
            )
            self._transports.append(transport)
            try:
                transport.start_server(server=_SshServer(self))
            except (paramiko.SSHException, EOFError, OSError):
                transport.close()

    def stop(self):
        sock, self._sock = self._sock, None
        if sock:
            sock.close()
        if self._thread:
            self._thread.join(timeout=5)
        for transport in self._transports:
            transport.close()
        self._transports = []
