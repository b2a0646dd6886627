# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import posixpath
import socket
import stat

import paramiko

from .base import TransportError, TransportRetryableError

KEY_CLASSES = (paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey)


def load_private_key(text, passphrase=None):
    """paramiko key from an OpenSSH/PEM private key text; ``TransportError``
    (code ``key``) when no supported type reads it."""
    for key_class in KEY_CLASSES:
        try:
            return key_class.from_private_key(io.StringIO(text), password=passphrase or None)
        except (paramiko.SSHException, ValueError):
            continue
    raise TransportError("key")


def host_key_line(key):
    """``<type> <base64>``: how the provider stores a server's host key."""
    return f"{key.get_name()} {key.get_base64()}"


def fingerprint(key):
    return key.fingerprint  # "SHA256:..." like ssh-keygen -l


class SftpTransport:
    """Files on the provider's SFTP server (paramiko), host key checked.

    ``host_key``: the server's public host key as ``<type> <base64>`` (a
    known_hosts line without the host name); the connection is refused when
    it is missing or different.  Authentication by private key when
    ``private_key`` is given, else by password.  Every socket operation has
    ``timeout`` seconds.
    """

    def __init__(
        self,
        host,
        port,
        username,
        password=None,
        private_key=None,
        key_passphrase=None,
        host_key=None,
        timeout=30,
        check_host_key=True,
    ):
        self.host = host
        self.port = port or 22
        self.username = username
        self.password = password
        self.private_key = private_key
        self.key_passphrase = key_passphrase
        self.host_key = (host_key or "").split()
        self.timeout = timeout or 30
        self.check_host_key = check_host_key
        self.transport = None
        self.sftp = None
        self.server_key = None

    # ---------------------------------------------------------- connection

    def __enter__(self):
        self.connect()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def connect(self):
        if self.check_host_key and len(self.host_key) < 2:
            raise TransportError("host_key_missing")
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise TransportRetryableError("connect", detail=str(exc)) from None
        try:
            self.transport = paramiko.Transport(sock)
            self.transport.banner_timeout = self.timeout
            self.transport.auth_timeout = self.timeout
            self.transport.handshake_timeout = self.timeout
            self.transport.start_client(timeout=self.timeout)
            self.server_key = self.transport.get_remote_server_key()
            if self.check_host_key:
                self._check_host_key()
            self._authenticate()
            self.sftp = paramiko.SFTPClient.from_transport(self.transport)
            self.sftp.get_channel().settimeout(self.timeout)
        except TransportError:
            self.close()
            raise
        except (paramiko.SSHException, OSError, EOFError) as exc:
            self.close()
            raise TransportRetryableError("connect", detail=str(exc)) from None

    def read_host_key(self):
        """The host key the server shows (no login attempted)."""
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise TransportRetryableError("connect", detail=str(exc)) from None
        transport = paramiko.Transport(sock)
        try:
            transport.banner_timeout = transport.handshake_timeout = self.timeout
            transport.start_client(timeout=self.timeout)
            return transport.get_remote_server_key()
        except (paramiko.SSHException, OSError, EOFError) as exc:
            raise TransportRetryableError("connect", detail=str(exc)) from None
        finally:
            transport.close()

    def _check_host_key(self):
        expected_type, expected_key = self.host_key[:2]
        key = self.server_key
        if key.get_name() != expected_type or key.get_base64() != expected_key:
            raise TransportError("host_key_mismatch", fingerprint=fingerprint(key))

    def _authenticate(self):
        try:
            if self.private_key:
                key = load_private_key(self.private_key, self.key_passphrase)
                self.transport.auth_publickey(self.username, key)
            else:
                self.transport.auth_password(self.username, self.password or "")
        except paramiko.AuthenticationException:
            raise TransportError("auth") from None
        if not self.transport.is_authenticated():
            raise TransportError("auth")

    def close(self):
        if self.sftp:
            self.sftp.close()
            self.sftp = None
        if self.transport:
            self.transport.close()
            self.transport = None

    # ---------------------------------------------------------- files

    def _call(self, path, method, *args):
        try:
            return method(*args)
        except (FileNotFoundError, PermissionError) as exc:
            raise TransportError("io", path=path, detail=exc.strerror or str(exc)) from None
        except (TimeoutError, paramiko.SSHException, OSError, EOFError) as exc:
            raise TransportRetryableError("connect", detail=str(exc)) from None

    def list(self, folder):
        entries = self._call(folder, self.sftp.listdir_attr, folder or ".")
        return sorted(
            entry.filename
            for entry in entries
            if not entry.filename.startswith(".") and stat.S_ISREG(entry.st_mode or 0)
        )

    def get(self, folder, name):
        path = posixpath.join(folder or ".", name)

        def _read():
            with self.sftp.open(path, "rb") as handle:
                return handle.read()

        return self._call(path, _read)

    def put(self, folder, name, data):
        path = posixpath.join(folder or ".", name)
        temp = posixpath.join(folder or ".", f".{name}.part")

        def _write():
            with self.sftp.open(temp, "wb") as handle:
                handle.write(data)
            self.sftp.posix_rename(temp, path)

        self._call(path, _write)

    def exists(self, folder, name):
        try:
            self.sftp.stat(posixpath.join(folder or ".", name))
        except FileNotFoundError:
            return False
        except (paramiko.SSHException, OSError, EOFError) as exc:
            raise TransportRetryableError("connect", detail=str(exc)) from None
        return True

    def move(self, folder, name, target_folder):
        source = posixpath.join(folder or ".", name)
        target = posixpath.join(target_folder or ".", name)
        if not self.exists(folder, name):
            if self.exists(target_folder, name):
                return  # moved by a previous run
            raise TransportError("io", path=source, detail="no such file")
        self._call(source, self.sftp.posix_rename, source, target)
