# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import EcomConnectorCase
from .servers.shopify import ACCESS_TOKEN as SHOPIFY_TOKEN
from .servers.woocommerce import CONSUMER_KEY, CONSUMER_SECRET


class EcomOutboundCase(EcomConnectorCase):
    """Base of the outbound tests (stock, status, tracking, cockpit), on top
    of ``EcomConnectorCase``.

    Fixtures (``setUpClass``):

    - ``env`` without ``queue_job__no_delay``: jobs are queued, tests trap
      them (``trap_jobs``) and run them;
    - the connector's HTTP time-out set to 1 s (time-out scenarios use a
      server fault ``("slow", 2)``);
    - ``backend`` (WooCommerce) with the consumer key / secret of the local
      servers; its status map is the WooCommerce default.

    Helpers:

    - ``make_shopify()``: turn ``backend`` into a Shopify shop (the local
      servers' access token, location 1);
    - ``start(server)``: start a local protocol server for the class, point
      ``backend`` to it, and check after each test that it got no unknown
      request;
    - ``bind(backend, product, **vals)``: a product link;
    - ``import_order(**changes)``: a confirmed shop order (canonical order of
      ``EcomConnectorCase``) on ``backend``;
    - ``run_jobs(trap)``: run the trapped jobs and those they queue;
    - ``ship(picking, quantities=None, tracking=None)``: reserve, pick
      ``quantities`` ({product: qty}, all by default), set the tracking number,
      validate (a backorder for the rest); returns the picking.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # jobs are queued, not run inline: the tests trap and run them
        cls.env = cls.env(context=dict(cls.env.context, queue_job__no_delay=False))
        cls.backend = cls.backend.with_env(cls.env)
        cls.products = {sku: product.with_env(cls.env) for sku, product in cls.products.items()}
        params = cls.env["ir.config_parameter"]
        params.set_param("ecom_connector.http_timeout", "1")
        cls.backend.write({"api_key": CONSUMER_KEY, "api_secret": CONSUMER_SECRET})
        cls.servers = []

    @classmethod
    def make_shopify(cls):
        cls.backend.write(
            {
                "platform": "shopify",
                "api_key": SHOPIFY_TOKEN,
                "shopify_location_id": "gid://shopify/Location/1",
            }
        )

    @classmethod
    def start(cls, server, backend=None):
        server.__enter__()
        cls.addClassCleanup(server.__exit__, None, None, None)
        cls.servers.append(server)
        (backend or cls.backend).base_url = server.url
        return server

    def setUp(self):
        super().setUp()
        for server in self.servers:
            server.requests.clear()
            server.faults.clear()
            server.unexpected.clear()

    def tearDown(self):
        for server in self.servers:
            self.assertEqual(server.unexpected, [], "the shop got requests it does not know")
        super().tearDown()

    @staticmethod
    def _has(message, english, french):
        """The message's body says ``english`` or, for a French customer, ``french``."""
        body = str(message.body)
        return english in body or french in body

    @staticmethod
    def run_jobs(trap, rounds=5):
        """Run the trapped jobs and the jobs they queue (a shipment queues
        its status update), as the job queue would."""
        for _round in range(rounds):
            if not trap.enqueued_jobs:
                break
            trap.perform_enqueued_jobs()

    def bind(self, product, backend=None, **vals):
        return self.env["ecom.product.binding"].create(
            dict(
                {
                    "backend_id": (backend or self.backend).id,
                    "product_id": product.id,
                    "sku": product.default_code,
                    "external_id": str(product.id),
                },
                **vals,
            )
        )

    def import_order(self, backend=None, **changes):
        with trap_jobs() as trap:
            self.receive(self.canonical_order(**changes), backend=backend)
            for job in trap.enqueued_jobs:
                if job.method_name == "_process":
                    job.perform()
        return self.bound_orders(backend).sorted("id")[-1:]

    def ship(self, picking, quantities=None, tracking=None):
        if picking.state in ("confirmed", "waiting"):
            picking.action_assign()
        for move in picking.move_ids:
            quantity = (
                quantities.get(move.product_id, 0)
                if quantities is not None
                else move.product_uom_qty
            )
            move.quantity = quantity
            move.picked = True
        if tracking:
            picking.carrier_tracking_ref = tracking
        result = picking.button_validate()
        if isinstance(result, dict) and result.get("res_model") == "stock.backorder.confirmation":
            wizard = Form(self.env[result["res_model"]].with_context(**result["context"])).save()
            wizard.process()
        return picking
