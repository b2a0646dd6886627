# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os
import tempfile

from odoo.exceptions import UserError

from ..transports import FolderTransport, SftpTransport, TransportError, TransportRetryableError
from .common import Ecom3plCase


class TestTransport(Ecom3plCase):
    def _client(self, **kwargs):
        params = {
            "password": "s3cret",
            "host_key": self.sftp.host_key_line,
            "timeout": 5,
        }
        params.update(kwargs)
        return SftpTransport("127.0.0.1", self.sftp.port, "logi", **params)

    def test_password_and_key_authentication(self):
        with self._client() as client:
            client.put("out", "a.csv", b"x;y\r\n")
            self.assertEqual(client.list("out"), ["a.csv"])
            self.assertEqual(client.get("out", "a.csv"), b"x;y\r\n")
        with self._client(password=None, private_key=self.client_key_text) as client:
            client.move("out", "a.csv", "archive")
            client.move("out", "a.csv", "archive")  # already moved: nothing to do
            self.assertEqual(client.list("archive"), ["a.csv"])

    def test_refusals(self):
        for kwargs, code in (
            ({"password": "wrong"}, "auth"),
            ({"password": None, "private_key": "not a key"}, "key"),
            ({"host_key": None}, "host_key_missing"),
            ({"host_key": "ecdsa-sha2-nistp256 AAAA"}, "host_key_mismatch"),
        ):
            with self.assertRaises(TransportError) as caught:
                self._client(**kwargs).connect()
            self.assertEqual(caught.exception.code, code)
            self.assertNotIsInstance(caught.exception, TransportRetryableError)
        self.sftp.stop()
        try:
            with self.assertRaises(TransportRetryableError):
                self._client().connect()
        finally:
            self.sftp.start()

    def test_buttons(self):
        provider = self.provider.with_user(self.ecom_manager)
        self.assertEqual(provider.action_test_connection()["params"]["type"], "success")
        provider.sftp_host_key = False
        with self.assertRaises(UserError):
            provider.action_test_connection()
        provider.action_read_host_key()
        self.assertEqual(provider.sftp_host_key, self.sftp.host_key_line)

    def test_folder_transport_stays_in_its_root(self):
        root = tempfile.mkdtemp()
        self.addCleanup(lambda: __import__("shutil").rmtree(root, True))
        os.mkdir(os.path.join(root, "in"))
        with FolderTransport(root) as folder:
            folder.put("in", "f.txt", b"1")
            self.assertEqual(folder.list("in"), ["f.txt"])
            folder.move("in", "f.txt", "archive")
            self.assertEqual(folder.get("archive", "f.txt"), b"1")
            with self.assertRaises(TransportError):
                folder.get("..", "etc/passwd")
