# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import copy
import json

from odoo import Command

from odoo.addons.ecom_base.tests.common import EcomFrenchCompanyCase
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

# sku, barcode, name, unit price tax included, VAT rate (as the test servers sell)
CATALOGUE = [
    ("THE-SENCHA", "3760000000017", "Thé vert Sencha 100 g", 12.00, 5.5),
    ("THEIERE-FONTE", "3760000000024", "Théière en fonte « Kyoto »", 45.90, 20.0),
    ("KIT-PLANT", "3760000000031", "Kit de plantation d'aromates", 18.50, 10.0),
    ("REVUE-THE", "3760000000048", "Revue « L'Art du thé » n° 12", 6.90, 2.1),
    ("LIVRE-RECET", "3760000000055", "Livre de recettes à la crème brûlée", 24.00, 5.5),
]

CANONICAL_ORDER = {
    "external_id": "A-1001",
    "reference": "#1001",
    "date_order": "2026-11-20T09:15:00Z",
    "currency": "EUR",
    "status": "processing",
    "paid": True,
    "payment_method": "stripe",
    "customer": {
        "external_id": "77",
        "email": "elodie.martin@example.fr",
        "name": "Élodie Martin",
        "phone": "+33 6 12 34 56 78",
    },
    "billing_address": {
        "name": "Élodie Martin",
        "street": "3 rue de l'Église",
        "zip": "69003",
        "city": "Lyon",
        "country_code": "FR",
        "email": "elodie.martin@example.fr",
    },
    "shipping_address": {
        "name": "Élodie Martin",
        "street": "12 quai Saint-Antoine",
        "zip": "69002",
        "city": "Lyon",
        "country_code": "FR",
    },
    "lines": [
        {
            "sku": "THE-SENCHA",
            "name": "Thé vert Sencha 100 g",
            "quantity": 2,
            "price_unit": "12.00",
            "tax_rate": 5.5,
            "discount": "2.40",
        },
        {"sku": "THEIERE-FONTE", "quantity": 1, "price_unit": "45.90", "tax_rate": 20},
        {"barcode": "3760000000048", "quantity": 3, "price_unit": "6.90", "tax_rate": 2.1},
    ],
    "shipping": {
        "code": "colissimo",
        "name": "Colissimo Domicile",
        "amount": "4.90",
        "tax_rate": 20,
    },
    "discounts": [{"name": "BIENVENUE", "amount": "5.00", "tax_rate": 20}],
    # 24.00 - 2.40 + 45.90 + 20.70 + 4.90 - 5.00
    "total": "88.10",
}


class EcomConnectorCase(EcomFrenchCompanyCase):
    """Base of the connector's tests, on top of ``EcomFrenchCompanyCase``.

    Fixtures (``setUpClass``):

    - ``products``: {sku: product.product} of ``CATALOGUE`` (storable, SKU as
      internal reference, barcode), 50 units of each in stock.
    - ``tax_be_21``: Belgian 21 % VAT (OSS), tax included.
    - ``carrier``: shipping method "Colissimo Domicile" with its product.
    - ``backend``: a WooCommerce backend of the company, prices tax included,
      tax mapping 20 / 10 / 5.5 / 2.1 → the French tax-included taxes, 21 %
      for Belgium → ``tax_be_21``; carrier ``colissimo`` → ``carrier``;
      payment methods ``stripe`` (confirm when paid), ``bacs`` (when paid),
      ``cod`` (never imported).
    - ``ecom_user`` has Sales / User besides E-commerce / User.
    - ``127.0.0.1`` allowed as a private host (system parameter
      ``ecom_base.allowed_private_hosts``) for the local protocol servers.
    - ``canonical_order()``: a deep copy of ``CANONICAL_ORDER`` (total 88.10).
    - ``run_like_job_queue()``: runs a job as the job queue does (retries,
      the jobs it queues), returns the retry hints it raised.

    The environment runs queued jobs at once (``queue_job__no_delay``); tests
    that check the queueing use ``trap_jobs()`` without it.
    """

    ecom_user_groups = EcomFrenchCompanyCase.ecom_user_groups + (
        "sales_team.group_sale_salesman",
        "stock.group_stock_user",
    )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, queue_job__no_delay=True))
        # the protocol servers of the tests listen on the loopback, which the
        # connector calls only when an administrator allows it
        cls.env["ir.config_parameter"].set_param("ecom_base.allowed_private_hosts", "127.0.0.1")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.products = {}
        for sku, barcode, name, price, _rate in CATALOGUE:
            cls.products[sku] = cls.env["product.product"].create(
                {
                    "name": name,
                    "default_code": sku,
                    "barcode": barcode,
                    "is_storable": True,
                    "list_price": price,
                }
            )
            cls.env["stock.quant"]._update_available_quantity(
                cls.products[sku], cls.warehouse.lot_stock_id, 50
            )
        cls.tax_be_21 = cls.env["account.tax"].create(
            {
                "name": "TVA BE 21 % (OSS)",
                "amount": 21,
                "type_tax_use": "sale",
                "price_include_override": "tax_included",
                "company_id": cls.company.id,
                "country_id": cls.country_fr.id,
            }
        )
        ship_product = cls.env["product.product"].create(
            {"name": "Livraison Colissimo", "type": "service", "default_code": "SHIP-COLI"}
        )
        cls.carrier = cls.env["delivery.carrier"].create(
            {
                "name": "Colissimo Domicile",
                "product_id": ship_product.id,
                "delivery_type": "fixed",
                "company_id": cls.company.id,
            }
        )
        cls.backend = cls.env["ecom.backend"].create(
            {
                "name": "Boutique WooCommerce",
                "platform": "woocommerce",
                "base_url": "http://127.0.0.1:9",
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "api_key": "ck_test",
                "api_secret": "cs_test",
                "webhook_secret": "whsec_test",
                "lang": "en_US",  # messages asserted in English; French tested apart
                "tax_map_ids": [
                    Command.create({"rate": 20, "tax_id": cls.tax_sale_20_ttc.id}),
                    Command.create({"rate": 10, "tax_id": cls.tax_sale_10_ttc.id}),
                    Command.create({"rate": 5.5, "tax_id": cls.tax_sale_55_ttc.id}),
                    Command.create({"rate": 2.1, "tax_id": cls.tax_sale_21_ttc.id}),
                    Command.create(
                        {"rate": 21, "country_id": cls.country_be.id, "tax_id": cls.tax_be_21.id}
                    ),
                ],
                "carrier_map_ids": [
                    Command.create({"code": "colissimo", "carrier_id": cls.carrier.id})
                ],
                "payment_map_ids": [
                    Command.create({"code": "stripe", "rule": "paid"}),
                    Command.create({"code": "bacs", "rule": "paid"}),
                    Command.create({"code": "cod", "rule": "never"}),
                ],
            }
        )

    @staticmethod
    def canonical_order(**changes):
        order = copy.deepcopy(CANONICAL_ORDER)
        order.update(changes)
        return order

    def receive(self, order, backend=None, source="push", fmt="canonical"):
        """Store ``order`` (dict or text) in the inbox and process it now."""
        payload = order if isinstance(order, str) else json.dumps(order)
        entry = self.env["ecom.inbox"]._receive(
            backend or self.backend,
            payload,
            source=source,
            payload_format=fmt,
            content_type="application/json",
            kind="batch",
            process=False,
        )
        entry._process()
        return entry

    def run_like_job_queue(self, records, method, *args, max_retries=20, **kwargs):
        """Run ``records.method(*args, **kwargs)`` as the job queue would: a
        :class:`RetryableJobError` rolls the run back and the job runs again;
        the jobs it queues (trapped) run after it, the same way.  Returns the
        ``seconds`` hints of the retryable errors, in order."""
        hints = []
        pending = [(records, method, args, kwargs)]
        while pending:
            recs, name, job_args, job_kwargs = pending.pop(0)
            self.assertLessEqual(len(hints), max_retries, "the jobs keep being retried")
            with trap_jobs() as trap:
                try:
                    with self.env.cr.savepoint():
                        recs = recs.with_context(queue_job__no_delay=False)
                        getattr(recs, name)(*job_args, **job_kwargs)
                except RetryableJobError as exc:
                    hints.append(exc.seconds)
                    pending.insert(0, (recs, name, job_args, job_kwargs))
                    continue
                queued = list(trap.enqueued_jobs)
            pending.extend((job.recordset, job.method_name, job.args, job.kwargs) for job in queued)
        return hints

    def bound_orders(self, backend=None):
        return (
            self.env["ecom.sale.order"]
            .search([("backend_id", "=", (backend or self.backend).id)])
            .odoo_id
        )
