# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import EcomCarrierCase
from .servers.chronopost import ChronopostServer
from .servers.dpd import DpdServer
from .servers.mondialrelay import MondialRelayServer


class EcomCarrierSoapCase(EcomCarrierCase):
    """Test base of the SOAP carriers (Chronopost, Mondial Relay, DPD
    France), on top of :class:`EcomCarrierCase` (company, warehouse,
    products, customers, scenario builders ``_ship`` / ``_pack`` /
    ``_validate``).

    Built once in ``setUpClass``:

    - ``chronopost_server``, ``mondialrelay_server``, ``dpd_server``: the
      local SOAP servers, started for the class; ``tearDown`` asserts they
      saw no unknown request.
    - ``company``'s address gets a phone (the shipper's, on every label).
    - Shipping methods on them: ``chrono13`` (product 01), ``chrono_relay``
      (86), ``mr_relay`` (24R), ``mr_home`` (HOM), ``dpd_classic``,
      ``dpd_predict``, ``dpd_relais``; each with a fixed price.
    - Relay points of ``customer`` (child delivery addresses made by the
      framework, ``ref`` ``CHR#2810R``, ``MR#005680``, ``DPD#P32500``):
      ``chrono_point``, ``mr_point``, ``dpd_point``; ``mr_point_unknown``
      (``MR#999999``, a point the Mondial Relay server does not know).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chronopost_server = ChronopostServer().start()
        cls.addClassCleanup(cls.chronopost_server.stop)
        cls.mondialrelay_server = MondialRelayServer().start()
        cls.addClassCleanup(cls.mondialrelay_server.stop)
        cls.dpd_server = DpdServer().start()
        cls.addClassCleanup(cls.dpd_server.stop)
        # the shipper's phone goes on every label (Mondial Relay refuses none)
        cls.company.partner_id.phone = "04 72 00 00 00"
        chrono = {
            "delivery_type": "chronopost",
            "ecom_account_number": cls.chronopost_server.account,
            "ecom_password": cls.chronopost_server.password,
            "ecom_label_url": cls.chronopost_server.url,
        }
        cls.chrono13 = cls._create_soap_carrier("Chrono 13", chrono, chronopost_product_code="01")
        cls.chrono_relay = cls._create_soap_carrier(
            "Chrono Relais", chrono, chronopost_product_code="86"
        )
        mondialrelay = {
            "delivery_type": "mondialrelay",
            "ecom_account_number": cls.mondialrelay_server.enseigne,
            "ecom_password": cls.mondialrelay_server.private_key,
            "ecom_label_url": cls.mondialrelay_server.url + "/Web_Services.asmx",
            "mondialrelay_label_host": cls.mondialrelay_server.url,
        }
        cls.mr_relay = cls._create_soap_carrier(
            "Mondial Relay point relais", mondialrelay, mondialrelay_delivery_mode="24R"
        )
        cls.mr_home = cls._create_soap_carrier(
            "Mondial Relay domicile", mondialrelay, mondialrelay_delivery_mode="HOM"
        )
        dpd = {
            "delivery_type": "dpd_fr",
            "ecom_account_number": cls.dpd_server.userid,
            "ecom_password": cls.dpd_server.password,
            "dpd_fr_customer_center": cls.dpd_server.centernumber,
            "dpd_fr_customer_number": cls.dpd_server.customer,
            "ecom_label_url": cls.dpd_server.url + "/eprintwebservice/eprintwebservice.asmx",
        }
        cls.dpd_classic = cls._create_soap_carrier("DPD Classic", dpd, dpd_fr_product="DPD_Classic")
        cls.dpd_predict = cls._create_soap_carrier("DPD Predict", dpd, dpd_fr_product="DPD_Predict")
        cls.dpd_relais = cls._create_soap_carrier("DPD Relais", dpd, dpd_fr_product="DPD_Relais")
        relay = cls.env["res.partner"]._ecom_get_relay_partner
        cls.chrono_point = relay(
            cls.customer,
            cls.chrono_relay,
            {
                "id": "2810R",
                "name": "Tabac de la Gare",
                "street": "2 place de la Gare",
                "zip": "75010",
                "city": "Paris",
                "country_code": "FR",
            },
        )
        cls.mr_point = relay(
            cls.customer,
            cls.mr_relay,
            {
                "id": "005680",
                "name": "Bureau Copy",
                "street": "31 cours André Philip",
                "zip": "69100",
                "city": "Villeurbanne",
                "country_code": "FR",
            },
        )
        cls.mr_point_unknown = relay(
            cls.customer,
            cls.mr_relay,
            {
                "id": "999999",
                "name": "Point fermé",
                "street": "1 rue Fermée",
                "zip": "69100",
                "city": "Villeurbanne",
                "country_code": "FR",
            },
        )
        cls.dpd_point = relay(
            cls.customer,
            cls.dpd_relais,
            {
                "id": "P32500",
                "name": "Relais Pickup",
                "street": "8 rue du Pickup",
                "zip": "75011",
                "city": "Paris",
                "country_code": "FR",
            },
        )

    def setUp(self):
        super().setUp()
        for server in (self.chronopost_server, self.mondialrelay_server, self.dpd_server):
            server.requests.clear()
            server.faults.clear()
        self.chronopost_server.fault_next = None

    def tearDown(self):
        for server in (self.chronopost_server, self.mondialrelay_server, self.dpd_server):
            self.assertFalse(server.unexpected, f"unknown request to {server.__class__.__name__}")
        super().tearDown()

    @classmethod
    def _create_soap_carrier(cls, name, settings, **values):
        return cls.env["delivery.carrier"].create(
            {
                "name": name,
                "product_id": cls.delivery_product.id,
                "fixed_price": 8.9,
                "company_id": cls.company.id,
                **settings,
                **values,
            }
        )

    def _validate_fails(self, picking):
        """Validate ``picking``, expect a ``UserError`` and roll back as the
        request's transaction would; returns the error."""
        with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
            self._validate(picking)
        self.env.invalidate_all()
        return caught.exception

    def _assert_validation_refused(self, picking, *words):
        """Validating ``picking`` fails (:meth:`_validate_fails`) with each of
        ``words`` in the error, and nothing is validated
        (:meth:`_assert_nothing_validated`); returns the error."""
        error = self._validate_fails(picking)
        for word in words:
            self.assertIn(word, str(error))
        self._assert_nothing_validated(picking)
        return error

    def _assert_shipping_refused(self, partner, carrier, *words, lines=None):
        """A delivery to ``partner`` with ``carrier`` (:meth:`_ship`) cannot
        be validated (:meth:`_assert_validation_refused`); returns the
        error."""
        return self._assert_validation_refused(self._ship(partner, carrier, lines), *words)

    def _soap_calls(self, server, operation):
        """Requests of ``operation`` (local name) the server received."""
        return server.soap_requests(operation)
