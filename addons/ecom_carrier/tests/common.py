# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import Command
from odoo.tests.common import BaseCase

from odoo.addons.ecom_base.tests.common import EcomFrenchCompanyCase
from odoo.addons.ecom_base.tests.servers import ProtocolServer
from odoo.addons.queue_job.tests.common import trap_jobs

from ..carriers.base import CarrierError, CarrierRetryableError
from .servers.colissimo import API_KEY, CONTRACT, PASSWORD, RELAY, SLS, ColissimoServer
from .servers.laposte import OKAPI_KEY, LaPosteServer

#: a Colissimo relay point (a post office in Lyon) as the relay search and
#: the shops give it
COLISSIMO_POST_OFFICE = {
    "id": "004536",
    "name": "BUREAU DE POSTE",
    "street": "10 RUE DE LA REPUBLIQUE",
    "zip": "69002",
    "city": "LYON",
    "country_code": "FR",
    "type": "BPR",
}


class EcomCarrierCase(EcomFrenchCompanyCase):
    """Test base of ecom_carrier: a French shop shipping with Colissimo.

    On top of :class:`EcomFrenchCompanyCase`, built once in ``setUpClass``:

    - ``colissimo_server`` / ``laposte_server``: local Colissimo (SLS labels,
      relay points) and La Poste Suivi v2 servers, started for the class;
      ``tearDown`` asserts they saw no unknown request.
    - ``warehouse`` of ``company`` (its address: the company's, Lyon).
    - ``product_a`` (1.2 kg, 25 EUR) and ``product_b`` (0.5 kg, 10 EUR):
      storable, 100 of each in stock.
    - ``customer`` (Paris, mobile 0612345678), ``customer_reunion`` (Saint-Denis,
      country Réunion), ``customer_no_mobile`` (Lyon, no mobile).
    - Colissimo shipping methods on the local servers: ``colissimo_home``
      (DOM, API key), ``colissimo_signature`` (DOS, contract + password),
      ``colissimo_relay`` (relay points, API key), ``colissimo_zpl`` (DOM,
      ZPL labels); all track through La Poste Suivi (``OKAPI_KEY``).
    - ``generic_carrier``: the generic provider, tracking link pattern.
    - ``ecom_user`` gets *Inventory / User* and *Sales / User*: stock
      flows run as them (``env_user``).

    Scenario builders: :meth:`_ship` (sale order → confirmed → delivery
    order reserved), :meth:`_pack` (put lines into packages with a shipping
    weight), :meth:`_validate` (``button_validate`` as ``ecom_user``);
    :meth:`_validate_with_labels` validates and checks the labels and the
    tracking numbers a label provider leaves on the picking,
    :meth:`_validate_and_regenerate` validates then regenerates the labels,
    :meth:`_assert_polls_queued` runs the tracking cron under ``trap_jobs``;
    :meth:`_assert_nothing_validated` after a refused validation.
    """

    ecom_user_groups = (
        "base.group_user",
        "stock.group_stock_user",
        "sales_team.group_sale_salesman",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colissimo_server = ColissimoServer().__enter__()
        cls.addClassCleanup(cls.colissimo_server.__exit__, None, None, None)
        cls.laposte_server = LaPosteServer().__enter__()
        cls.addClassCleanup(cls.laposte_server.__exit__, None, None, None)
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.product_a = cls._create_product("Théière fonte", 1.2, 25.0)
        cls.product_b = cls._create_product("Boîte à thé", 0.5, 10.0)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Camille Martin",
                "street": "5 rue de Rivoli",
                "zip": "75001",
                "city": "Paris",
                "country_id": cls.country_fr.id,
                "mobile": "0612345678",
                "email": "camille@example.com",
            }
        )
        cls.customer_reunion = cls.env["res.partner"].create(
            {
                "name": "Léa Hoarau",
                "street": "12 rue de Paris",
                "zip": "97400",
                "city": "Saint-Denis",
                "country_id": cls.env.ref("base.re").id,
                "mobile": "0692123456",
            }
        )
        cls.customer_no_mobile = cls.env["res.partner"].create(
            {
                "name": "Jean Dupont",
                "street": "1 place Bellecour",
                "zip": "69002",
                "city": "Lyon",
                "country_id": cls.country_fr.id,
            }
        )
        cls.delivery_product = cls.env["product.product"].create(
            {"name": "Livraison", "type": "service", "list_price": 0.0}
        )
        cls.colissimo_home = cls._create_colissimo("Colissimo domicile", "DOM")
        cls.colissimo_signature = cls._create_colissimo("Colissimo signature", "DOS", api_key=False)
        cls.colissimo_relay = cls._create_colissimo("Colissimo point retrait", "relay")
        cls.colissimo_zpl = cls._create_colissimo("Colissimo ZPL", "DOM", label_format="zpl")
        cls.generic_carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Transporteur régional",
                "delivery_type": "ecom_generic",
                "product_id": cls.delivery_product.id,
                "fixed_price": 7.5,
                "tracking_url": "https://suivi.example.com/?colis=<shipmenttrackingnumber>",
                "company_id": cls.company.id,
            }
        )

    def tearDown(self):
        self.assertFalse(self.colissimo_server.unexpected, "unknown Colissimo request")
        self.assertFalse(self.laposte_server.unexpected, "unknown La Poste request")
        super().tearDown()

    @classmethod
    def _create_product(cls, name, weight, price):
        product = cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "weight": weight,
                "list_price": price,
                "company_id": cls.company.id,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(
            product, cls.warehouse.lot_stock_id, 100.0
        )
        return product

    @classmethod
    def _create_colissimo(cls, name, product_code, api_key=True, label_format="pdf"):
        return cls.env["delivery.carrier"].create(
            {
                "name": name,
                "delivery_type": "colissimo",
                "colissimo_product_code": product_code,
                "product_id": cls.delivery_product.id,
                "fixed_price": 6.9,
                "company_id": cls.company.id,
                "ecom_label_format": label_format,
                "ecom_api_key": API_KEY if api_key else False,
                "ecom_account_number": CONTRACT,
                "ecom_password": PASSWORD,
                "ecom_tracking_api_key": OKAPI_KEY,
                "ecom_label_url": cls.colissimo_server.url + SLS,
                "ecom_relay_url": cls.colissimo_server.url + RELAY,
                "ecom_tracking_url": cls.laposte_server.url + "/suivi/v2",
            }
        )

    # ------------------------------------------------------ scenarios

    def _ship(self, partner, carrier, lines=None):
        """Sale order of ``lines`` (``[(product, qty)]``) to ``partner`` with
        ``carrier``, confirmed; returns its reserved delivery order."""
        lines = lines or [(self.product_a, 1)]
        order = (
            self.env["sale.order"]
            .with_user(self.ecom_user)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "product_uom_qty": qty})
                        for product, qty in lines
                    ],
                }
            )
        )
        order.set_delivery_line(carrier, carrier.fixed_price)
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        return picking

    def _pack(self, picking, groups):
        """Put ``groups`` (``[[(product, qty)], ...]``) into one package
        each; the package's shipping weight is its products' weight."""
        packages = self.env["stock.quant.package"]
        for group in groups:
            lines = self.env["stock.move.line"]
            weight = 0.0
            for product, qty in group:
                line = picking.move_line_ids.filtered(
                    lambda ml, p=product: ml.product_id == p and not ml.result_package_id
                )[:1]
                if line.quantity > qty:
                    line.copy({"quantity": line.quantity - qty})
                    line.quantity = qty
                lines |= line
                weight += product.weight * qty
            package = picking._put_in_pack(lines)
            package.shipping_weight = weight
            packages |= package
        return packages

    def _validate(self, picking):
        """Validate as ``ecom_user`` (the whole quantities are picked)."""
        picking = picking.with_user(self.ecom_user)
        picking.move_ids.picked = True
        res = picking.button_validate()
        if isinstance(res, dict) and res.get("res_model") == "stock.backorder.confirmation":
            wizard = self.env["stock.backorder.confirmation"].with_context(**res["context"])
            wizard.with_user(self.ecom_user).create({}).process()
        return picking

    def _picking_attachments(self, picking):
        """The attachments posted on ``picking`` (labels, documents)."""
        return self.env["ir.attachment"].search(
            [("res_model", "=", "stock.picking"), ("res_id", "=", picking.id)]
        )

    def _assert_nothing_validated(self, picking, attachments=0):
        """Not done, no parcel, no tracking number, no label attachment (the
        ``attachments`` it had before, no more)."""
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(picking.ecom_parcel_ids)
        self.assertFalse(picking.carrier_tracking_ref)
        self.assertEqual(len(self._picking_attachments(picking)), attachments)

    def _validate_with_labels(self, picking, provider, count=1, label_format="pdf"):
        """Validate ``picking`` (:meth:`_validate`) and assert what a label
        provider (``delivery_type``) leaves on it: the picking done, ``count``
        parcels with distinct numbers, each label
        (``LabelShipping-<provider>-<number>.<label_format>``) attached to the
        picking, the parcels ``label_created``, their numbers in
        ``carrier_tracking_ref`` (joined with ",") and in the tracking URL.
        Returns the parcels in sequence order."""
        self._validate(picking)
        self.assertEqual(picking.state, "done")
        parcels = picking.ecom_parcel_ids.with_env(self.env).sorted("sequence")
        self.assertEqual(len(parcels), count)
        numbers = parcels.mapped("tracking_number")
        self.assertEqual(len(set(numbers)), count)
        self.assertEqual(picking.carrier_tracking_ref, ",".join(numbers))
        for parcel in parcels:
            label = parcel.label_attachment_id
            self.assertEqual(
                label.name, f"LabelShipping-{provider}-{parcel.tracking_number}.{label_format}"
            )
            self.assertEqual((label.res_model, label.res_id), ("stock.picking", picking.id))
            self.assertEqual(parcel.tracking_state, "label_created")
            self.assertIn(parcel.tracking_number, picking.carrier_tracking_url)
        return parcels

    def _validate_and_regenerate(self, picking):
        """Validate ``picking`` (:meth:`_validate`), then regenerate its labels
        as ``ecom_user`` and assert the outcome: the old parcel cancelled and
        kept, one new active parcel with another number and another label,
        ``carrier_tracking_ref`` the new number only.  Returns ``(old, new)``."""
        self._validate(picking)
        old = picking.ecom_parcel_ids
        picking.with_user(self.ecom_user).action_ecom_regenerate_labels()
        new = picking.ecom_parcel_ids - old
        self.assertEqual(old.state, "cancelled")
        self.assertEqual(new.state, "active")
        self.assertNotEqual(new.tracking_number, old.tracking_number)
        self.assertNotEqual(new.label_attachment_id, old.label_attachment_id)
        self.assertEqual(picking.carrier_tracking_ref, new.tracking_number)
        return old, new

    def _assert_polls_queued(self, count):
        """Run the tracking cron with the jobs trapped (``trap_jobs``): it
        queues ``count`` polling jobs; returns them."""
        with trap_jobs() as trap:
            self.env["delivery.carrier"]._cron_ecom_poll_tracking()
            trap.assert_jobs_count(count)
        return trap.enqueued_jobs


#: the shipper and the recipient of the SOAP clients' shipments (each
#: carrier's test adapts them to its API's address fields)
CLIENT_SHIPPER = {
    "name": "Boutique Élise",
    "street": "27 rue Henri Rolland",
    "zip": "69100",
    "city": "Villeurbanne",
    "country": "FR",
    "phone": "0482538457",
    "email": "expedition@example.com",
}
CLIENT_RECIPIENT = {
    "name": "Hélène Dupré",
    "street": "6 place des Vosges",
    "zip": "75004",
    "city": "Paris",
    "country": "FR",
    "mobile": "0600000000",
    "email": "helene@example.com",
}


class SoapClientCase(BaseCase):
    """Test base of a SOAP carrier's web-service client against its local
    server (``ecom_base``'s protocol server), without a database.

    A subclass sets ``SERVER_CLASS`` (its server in ``tests/servers``) and
    implements ``_client(**kwargs)`` (a client of ``server`` with the test
    credentials; the keyword arguments go to the client) and
    ``_shipment(**kwargs)`` (a valid shipment, ``kwargs`` overriding it).

    - ``server``: the ``SERVER_CLASS`` server, started for the class;
      before each test its recorded requests and scripted faults are
      cleared, after it no unknown request may have reached it.
    - ``client``: a fresh ``_client()`` for each test.

    Assertions: :meth:`assertCarrierRefuses` (the carrier's own error code
    and words), :meth:`assertRetryable` (transport failures left to the job
    queue), :meth:`assertSecretsNotLogged` (debug logging masks secrets).
    """

    SERVER_CLASS = ProtocolServer

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = cls.SERVER_CLASS().start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        super().setUp()
        self.server.requests.clear()
        self.server.faults.clear()
        self.client = self._client()

    def tearDown(self):
        self.assertEqual(self.server.unexpected, [])
        super().tearDown()

    def _client(self, **kwargs):
        raise NotImplementedError

    def _shipment(self, **kwargs):
        raise NotImplementedError

    def assertCarrierRefuses(self, call, code, *words):
        """``call()`` raises the carrier's refusal (a :class:`CarrierError`,
        not retryable) with error ``code`` and each of ``words`` in its
        text; returns the error."""
        with self.assertRaises(CarrierError) as caught:
            call()
        error = caught.exception
        self.assertNotIsInstance(error, CarrierRetryableError)
        self.assertEqual(error.code, code)
        for word in words:
            self.assertIn(word, str(error))
        return error

    def assertRetryable(self, call, faults):
        """Each of ``faults``, scripted on the server one at a time, makes
        ``call()`` raise :class:`CarrierRetryableError` (for the job queue)."""
        for fault in faults:
            self.server.faults.append(fault)
            with self.subTest(fault=fault), self.assertRaises(CarrierRetryableError):
                call()

    def assertSecretsNotLogged(self, call, *secrets):
        """``call()`` logs (a client built with ``debug=True``) none of
        ``secrets``; returns the log lines."""
        with self.assertLogs("odoo.addons.ecom_carrier.carriers.base", logging.DEBUG) as logs:
            call()
        for line in logs.output:
            for secret in secrets:
                self.assertNotIn(secret, line)
        return logs.output
