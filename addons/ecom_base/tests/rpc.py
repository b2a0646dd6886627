# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Company isolation seen from outside: a user of another company calling
XML-RPC as any integrator would.  Shared by the addons' multi-company tests."""

import xmlrpc.client

from odoo import Command
from odoo.tests import new_test_user
from odoo.tools import mute_logger


class CompanyIsolationRpcMixin:
    """Mixed into an ``HttpCase`` (after the addon's test base).

    - :meth:`_create_company_b_user` (class method): ``company_b`` ("Société
      B") and a user of it alone with the given groups.
    - :meth:`_rpc`: one XML-RPC call as a test user (password as
      ``new_test_user`` sets it).
    - :meth:`assertIsolatedOverRpc`: the records of each model are neither
      found (search, search_count) nor read, exported or written by that
      user; ``fields_get`` still answers.
    """

    @classmethod
    def _create_company_b_user(cls, login, groups):
        cls.company_b = cls.env["res.company"].create({"name": "Société B"})
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def _rpc(self, login, model, method, *args, **kwargs):
        password = login + "x" * (8 - len(login))  # as new_test_user sets it
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, password, {})
        self.assertTrue(uid)
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, uid, password, model, method, list(args), kwargs
        )

    def assertIsolatedOverRpc(self, login, records, writes):
        """``records``: {model: records of another company}; ``writes``:
        {model: a harmless change of it}."""
        for model, found in records.items():
            with self.subTest(model=model):
                self.assertTrue(found, model)
                ids = found.ids
                self.assertEqual(self._rpc(login, model, "search", [("id", "in", ids)]), [])
                self.assertEqual(self._rpc(login, model, "search_count", [("id", "in", ids)]), 0)
                self.assertIn("id", self._rpc(login, model, "fields_get", [], ["type"]))
                with mute_logger("odoo.http"):
                    for method, args in (
                        ("read", (ids, ["display_name"])),
                        ("export_data", (ids, ["id"])),
                        ("write", (ids, writes[model])),
                    ):
                        with self.assertRaises(xmlrpc.client.Fault, msg=f"{model}.{method}"):
                            self._rpc(login, model, method, *args)
