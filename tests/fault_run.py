# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fault run: N WooCommerce orders through a real Odoo server (HTTP
workers and queue_job's runner on the suite's channels) while the local shop
and carrier servers answer a share of the requests with a fault (5xx, 429
with Retry-After, no answer within the client's timeout, a body cut short, a
TCP reset), drawn with a seeded random generator.

1. Intake: every order is sent by webhook (a tenth of them twice, as a shop
   re-delivers) by four threads while an import job polls the same orders:
   webhooks and polls race on the two ``root.ecom`` workers.
2. Outbound: each delivery is validated with a Colissimo number (the
   shipment and its tracking go to the shop, its status to ``completed``),
   stock moves send the sellable quantities to the shop, then the tracking
   jobs poll La Poste until each parcel is delivered (customer mail).
3. Checks, on what the servers handled (a request that got a fault never
   reached the shop's logic) and on the database: every order imported
   exactly once with its lines and total, one partner per customer, every
   tracking and status pushed exactly once, every stock change sent once and
   the shop's quantities equal to Odoo's, every parcel delivered and mailed
   once, no job failed without a reason shown on the shop, order or transfer.

Used by ``tests/test_fault_run.py`` (60 orders, asserted in CI) and
``bench/fault_run.py`` (500 orders, printed).  The data is committed in a
company of its own (left in the database, apart from everything else); the
retry delays are shortened for the run and restored after it.
"""

import base64
import hashlib
import hmac
import json
import random
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import requests

from odoo import SUPERUSER_ID, Command, api

from odoo.addons.ecom_carrier.tests.servers.laposte import OKAPI_KEY, LaPosteServer
from odoo.addons.ecom_connector.tests.real_server import RealServer
from odoo.addons.ecom_connector.tests.servers.catalogue import PRODUCTS, order_plan
from odoo.addons.ecom_connector.tests.servers.woocommerce import (
    CONSUMER_KEY,
    CONSUMER_SECRET,
    woo_order_from_plan,
)
from odoo.addons.ecom_connector.tests.servers.woocommerce_out import WooCommerceOutServer

SEED = 20261129
WEBHOOK_SECRET = "whsec_fault_run"
ACTIVE = ("wait_dependencies", "pending", "enqueued", "started")
CHANNELS = ("root.ecom", "root.ecom.out", "root.ecom.stock", "root.carrier")
#: what the run changes in the configuration (restored after it)
PARAMS = {
    "ecom_base.allowed_private_hosts": "127.0.0.1",
    "ecom_connector.http_timeout": "2",
    "ecom_carrier.http_timeout": "2",
    "ecom_connector.retry_seconds": "1",
    "ecom_carrier.retry_seconds": "1",
    "ecom_connector.watchdog_minutes": "0",
}
#: retry pattern of the suite's jobs during the run (seconds, not minutes)
RETRY_PATTERN = {1: 1, 3: 2}
#: each catalogue product is sold in this many variants (own SKU and stock):
#: two imports at once reserve the same stock only as often as in a real shop
VARIANTS = 40


def fault_plan(index):
    """The catalogue's order ``index`` (``order_plan``), its lines on one of
    the :data:`VARIANTS` variants of the products."""
    plan = order_plan(index)
    for line in plan["lines"]:
        line["sku"] = f"{line['sku']}-{index * 7 % VARIANTS:02d}"
        line["barcode"] = ""
    return plan


def fault_order(index):
    """The WooCommerce order ``index`` of the run (id 5000 + index)."""
    return woo_order_from_plan(index, fault_plan(index))


class FaultRun:
    """``FaultRun(registry, rcfile, orders).run()`` returns ``(figures,
    problems)``: ``figures`` a list of ``(label, value)`` to print,
    ``problems`` what broke a promise (empty when all held)."""

    def __init__(self, registry, rcfile, orders=60, fault_rate=0.10, seed=SEED, timeout=600):
        self.registry = registry
        self.rcfile = rcfile
        self.count = orders
        self.fault_rate = fault_rate
        self.seed = seed
        self.timeout = timeout
        self.figures = []
        self.problems = []
        self.ids = {}
        self._saved = {}

    def env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    # ------------------------------------------------------------ run

    def run(self):
        orders = [fault_order(index) for index in range(self.count)]
        shop = WooCommerceOutServer(orders, products=self.shop_products())
        laposte = LaPosteServer()
        for index in range(self.count):
            number = self._tracking_number(index)
            laposte.add_event(number, "PC1", "2026-11-20T18:00:00+01:00")
            laposte.add_event(number, "DI1", "2026-11-21T11:00:00+01:00", final=True)
        for server in (shop, laposte):
            server.timeout_seconds = 3  # the clients give up after 2 s
            server.inject_faults(self.fault_rate, seed=self.seed)
        with shop, laposte:
            self.setup(shop.url, laposte.url)
            server = RealServer(self.registry.db_name, self.rcfile, workers=2)
            try:
                server.start()
                started = time.monotonic()
                self._intake(server.url, orders)
                intake = time.monotonic() - started
                self._ship()
                self._wait_quiet()
                total = time.monotonic() - started
            finally:
                server.stop()
                self.restore()
            self.figures += [
                ("orders", self.count),
                ("intake (webhooks + poll), seconds", f"{intake:.1f}"),
                ("whole run, seconds", f"{total:.1f}"),
            ]
            self._check(shop, laposte)
        return self.figures, self.problems

    @staticmethod
    def _tracking_number(index):
        return f"6A{index:011d}"

    @staticmethod
    def catalogue():
        """``(shop product id, SKU, name, price)`` of every variant."""
        return [
            (1000 + number * VARIANTS + variant, f"{sku}-{variant:02d}", name, price)
            for number, (sku, _barcode, name, price, _rate) in enumerate(PRODUCTS)
            for variant in range(VARIANTS)
        ]

    def shop_products(self):
        return {
            product_id: {
                "id": product_id,
                "sku": sku,
                "type": "simple",
                "manage_stock": True,
                "stock_quantity": None,
                "regular_price": str(price),
                "global_unique_id": "",
                "variations": {},
            }
            for product_id, sku, _name, price in self.catalogue()
        }

    # ---------------------------------------------------------- setup

    def setup(self, shop_url, laposte_url):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            params = env["ir.config_parameter"]
            for key, value in PARAMS.items():
                self._saved[key] = params.get_param(key)
                params.set_param(key, value)
            functions = env["queue.job.function"].search(
                [("channel_id.complete_name", "in", CHANNELS)]
            )
            self._saved["functions"] = {f.id: f.retry_pattern for f in functions}
            functions.write({"retry_pattern": RETRY_PATTERN})
            stamp = datetime.now().strftime("%Y%m%d%H%M%S%f")
            # no chart of accounts loaded at the commit (outside test mode): the
            # run sells with taxes of its own and invoices nothing
            company = (
                env["res.company"]
                .with_context(chart_template_load=True)
                .create(
                    {
                        "name": f"Boutique en panne {stamp}",
                        "country_id": env.ref("base.fr").id,
                        "currency_id": env.ref("base.EUR").id,
                    }
                )
            )
            env.user.company_ids |= company
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            # a new company gets a warehouse by itself in test mode only
            warehouse = env["stock.warehouse"].search(
                [("company_id", "=", company.id)], limit=1
            ) or env["stock.warehouse"].create(
                {"name": "Entrepôt", "code": "PANNE", "company_id": company.id}
            )
            group = env["account.tax.group"].create({"name": "TVA", "company_id": company.id})
            taxes = {
                rate: env["account.tax"].create(
                    {
                        "name": f"TVA {rate} % TTC ({stamp})",
                        "amount": rate,
                        "type_tax_use": "sale",
                        "price_include_override": "tax_included",
                        "company_id": company.id,
                        "tax_group_id": group.id,
                    }
                )
                for rate in (20, 10, 5.5, 2.1, 21)
            }
            catalogue = self.catalogue()
            products = env["product.product"].create(
                [
                    {
                        "name": f"{name} ({sku})",
                        "default_code": sku,
                        "is_storable": True,
                        "list_price": float(price),
                        "company_id": company.id,
                    }
                    for _id, sku, name, price in catalogue
                ]
            )
            for product in products:
                env["stock.quant"]._update_available_quantity(
                    product, warehouse.lot_stock_id, 100000
                )
            service = env["product.product"].create(
                {"name": "Livraison", "type": "service", "company_id": company.id}
            )
            carrier = env["delivery.carrier"].create(
                {
                    "name": "Colissimo Domicile",
                    "product_id": service.id,
                    "company_id": company.id,
                    "integration_level": "rate",
                }
            )
            tracker = env["delivery.carrier"].create(
                {
                    "name": "Colissimo (suivi)",
                    "delivery_type": "colissimo",
                    "product_id": service.id,
                    "company_id": company.id,
                    "ecom_tracking_api_key": OKAPI_KEY,
                    "ecom_tracking_url": laposte_url + "/suivi/v2",
                }
            )
            backend = env["ecom.backend"].create(
                {
                    "name": f"WooCommerce en panne {stamp}",
                    "platform": "woocommerce",
                    "company_id": company.id,
                    "warehouse_id": warehouse.id,
                    "base_url": shop_url,
                    "api_key": CONSUMER_KEY,
                    "api_secret": CONSUMER_SECRET,
                    "webhook_secret": WEBHOOK_SECRET,
                    "prices_include_tax": True,
                    "default_payment_rule": "always",
                    "import_from": datetime(2026, 11, 19),
                    "sync_interval": 0,
                    "stock_export": True,
                    "stock_export_delay": 1,
                    "woo_tracking_mode": "extension",
                    "fiscal_position_domestic_id": False,
                    "fiscal_position_eu_b2c_id": False,
                    "fiscal_position_eu_b2b_id": False,
                    "fiscal_position_export_id": False,
                    "tax_map_ids": [
                        Command.create({"rate": rate, "tax_id": tax.id})
                        for rate, tax in taxes.items()
                        if rate != 21
                    ]
                    + [
                        Command.create(
                            {
                                "rate": 21,
                                "country_id": env.ref("base.be").id,
                                "tax_id": taxes[21].id,
                            }
                        )
                    ],
                    "carrier_map_ids": [
                        Command.create({"code": "colissimo", "carrier_id": carrier.id})
                    ],
                }
            )
            env["ecom.product.binding"].create(
                [
                    {
                        "backend_id": backend.id,
                        "product_id": product.id,
                        "external_id": str(product_id),
                        "sku": product.default_code,
                    }
                    for product, (product_id, *_rest) in zip(products, catalogue, strict=True)
                ]
            )
            cr.commit()  # pylint: disable=invalid-commit
            self.ids = {
                "company": company.id,
                "backend": backend.id,
                "tracker": tracker.id,
                "products": products.ids,
            }

    def restore(self):
        """Put the configuration back and leave the run's data inert: its
        shop is no longer polled nor sent stock, its parcels no longer
        tracked, its jobs not yet run cancelled (the local servers are gone:
        another test's scheduler or job runner must not call them)."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            if self.ids:
                backend = env["ecom.backend"].browse(self.ids["backend"])
                backend.write({"sync_interval": 0, "stock_export": False, "price_export": False})
                env["ecom.carrier.parcel"].search([("company_id", "=", self.ids["company"])]).write(
                    {"tracking_final": True}
                )
                env["queue.job"].search(
                    [
                        ("channel", "in", CHANNELS),
                        ("state", "in", ACTIVE),
                        ("date_created", ">=", backend.create_date),
                    ]
                ).write({"state": "cancelled"})
            for key in PARAMS:
                env["ir.config_parameter"].set_param(key, self._saved.get(key) or False)
            for function_id, pattern in self._saved.get("functions", {}).items():
                env["queue.job.function"].browse(function_id).retry_pattern = pattern
            cr.commit()  # pylint: disable=invalid-commit

    # ---------------------------------------------------------- intake

    def _intake(self, url, orders):
        """Webhooks (a tenth re-delivered) by four threads while the import
        job polls the same orders."""
        rng = random.Random(self.seed)
        deliveries = [(order, f"delivery-{order['id']}") for order in orders]
        deliveries += rng.sample(deliveries, len(deliveries) // 10)
        rng.shuffle(deliveries)
        statuses = Counter()
        lock = threading.Lock()

        def deliver(delivery):
            order, delivery_id = delivery
            body = json.dumps(order).encode()
            signature = hmac.new(WEBHOOK_SECRET.encode(), body, hashlib.sha256).digest()
            headers = {
                "Content-Type": "application/json",
                "X-WC-Webhook-Topic": "order.created",
                "X-WC-Webhook-Delivery-ID": delivery_id,
                "X-WC-Webhook-Signature": base64.b64encode(signature).decode(),
            }
            # a shop delivers again what was not acknowledged (5 attempts)
            for _attempt in range(5):
                try:
                    response = requests.post(
                        f"{url}/ecom/webhook/{self.ids['backend']}",
                        data=body,
                        headers=headers,
                        timeout=60,
                    )
                    status = response.status_code
                except requests.RequestException as exc:
                    status = exc.__class__.__name__
                with lock:
                    statuses[status] += 1
                if status == 200:
                    return
                time.sleep(1)

        with self.registry.cursor() as cr:
            self.env(cr)["ecom.backend"].browse(self.ids["backend"])._delay_import()
            cr.commit()  # pylint: disable=invalid-commit
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(deliver, deliveries))
        self.figures.append(
            ("webhook deliveries (answers)", ", ".join(f"{k}: {v}" for k, v in statuses.items()))
        )
        self.wait(
            "the import of every order",
            "SELECT (SELECT count(*) FROM ecom_sale_order WHERE backend_id = %(backend)s) >= "
            "%(count)s AND NOT EXISTS (SELECT 1 FROM queue_job WHERE channel = 'root.ecom' "
            "AND state IN %(active)s)",
        )

    # ------------------------------------------------------------ ship

    def _ship(self):
        """Validate each delivery with its Colissimo parcel, 20 per
        transaction (retried when a job holds the same rows), then queue the
        tracking jobs."""
        with self.registry.cursor() as cr:
            env = self.env(cr)
            bindings = env["ecom.sale.order"].search([("backend_id", "=", self.ids["backend"])])
            by_order = {b.odoo_id.id: int(b.external_id) - 5000 for b in bindings}
        order_ids = sorted(by_order)
        for start in range(0, len(order_ids), 20):
            chunk = order_ids[start : start + 20]
            for attempt in range(10):
                try:
                    with self.registry.cursor() as cr:
                        self._validate(self.env(cr), chunk, by_order)
                        cr.commit()  # pylint: disable=invalid-commit
                    break
                except Exception:  # pylint: disable=broad-except
                    # serialization failure with a job: the chunk again
                    if attempt == 9:
                        raise
                    time.sleep(1)
        with self.registry.cursor() as cr:
            env = self.env(cr)
            env["delivery.carrier"].with_context(
                allowed_company_ids=[self.ids["company"]]
            )._cron_ecom_poll_tracking(chunk_size=10)
            cr.commit()  # pylint: disable=invalid-commit

    def _validate(self, env, order_ids, by_order):
        env = env(context=dict(env.context, allowed_company_ids=[self.ids["company"]]))
        for order in env["sale.order"].browse(order_ids):
            picking = order.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing" and p.state != "done"
            )
            if not picking:
                continue
            picking.action_assign()
            number = self._tracking_number(by_order[order.id])
            env["ecom.carrier.parcel"].create(
                {
                    "picking_id": picking.id,
                    "carrier_id": self.ids["tracker"],
                    "tracking_number": number,
                }
            )
            picking.carrier_tracking_ref = number
            picking.with_context(skip_sms=True).button_validate()

    # ------------------------------------------------------------ wait

    def query(self, query, **extra):
        args = {
            "backend": self.ids.get("backend"),
            "company": self.ids.get("company"),
            "count": self.count,
            "active": ACTIVE,
            "channels": CHANNELS,
            **extra,
        }
        with self.registry.cursor() as cr:
            cr.execute(query, args)
            return cr.fetchone()

    def wait(self, what, query):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self.query(query)[0]:
                return True
            time.sleep(1)
        self.problems.append(f"timed out waiting for {what}")
        return False

    def _wait_quiet(self):
        self.wait(
            "the shipments, the tracking and the stock",
            "SELECT (SELECT count(*) FROM stock_picking p JOIN ecom_carrier_parcel c "
            "ON c.picking_id = p.id WHERE p.company_id = %(company)s AND c.tracking_final "
            "AND p.ecom_shipment_state = 'sent') >= %(count)s AND NOT EXISTS (SELECT 1 FROM "
            "queue_job WHERE channel IN %(channels)s AND state IN %(active)s)",
        )

    # ---------------------------------------------------------- checks

    def _check(self, shop, laposte):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            env = env(context=dict(env.context, allowed_company_ids=[self.ids["company"]]))
            backend = env["ecom.backend"].browse(self.ids["backend"])
            self._check_orders(env, backend)
            self._check_jobs(env, backend)
            self._check_shop(env, backend, shop)
            self._check_tracking(env, laposte)
        for server in (shop, laposte):
            if server.unexpected:
                self.problems.append(f"{server.__class__.__name__}: {server.unexpected[:3]}")

    def _check_orders(self, env, backend):
        bindings = env["ecom.sale.order"].search([("backend_id", "=", backend.id)])
        external_ids = Counter(bindings.mapped("external_id"))
        twice = [ext for ext, times in external_ids.items() if times > 1]
        if len(external_ids) != self.count or twice:
            self.problems.append(
                f"{len(external_ids)} orders imported of {self.count}, twice: {twice[:5]}"
            )
        sales = env["sale.order"].search([("company_id", "=", self.ids["company"])])
        if len(sales) != len(bindings):
            self.problems.append(f"{len(sales)} sale orders for {len(bindings)} shop orders")
        for binding in bindings:
            plan = fault_plan(int(binding.external_id) - 5000)
            products = binding.order_line.filtered(lambda line: line.product_id.is_storable)
            if len(products) != len(plan["lines"]) or binding.state != "sale":
                self.problems.append(f"order {binding.external_id} half-written: {binding.state}")
            elif abs(binding.amount_total - binding.shop_total) > 0.01:
                self.problems.append(
                    f"order {binding.external_id}: {binding.amount_total} "
                    f"for {binding.shop_total} at the shop"
                )
        emails = {order_plan(index)["customer"][5] for index in range(self.count)}
        for email in sorted(emails):
            partners = env["res.partner"].search(
                [
                    ("email_normalized", "=", email),
                    ("parent_id", "=", False),
                    ("company_id", "in", (False, self.ids["company"])),
                ]
            )
            if len(partners) != 1:
                self.problems.append(f"{len(partners)} customers {email}")
        entries = env["ecom.inbox"].search([("backend_id", "=", backend.id)])
        states = Counter(entries.mapped("state"))
        sources = Counter(entries.mapped("source"))
        self.figures += [
            ("inbox entries by source", dict(sources)),
            ("inbox entries by state", dict(states)),
            ("customers (partners)", f"{len(emails)} e-mails, {len(emails)} partners expected"),
        ]
        for entry in entries.filtered(lambda e: e.state in ("new", "error")):
            self.problems.append(f"inbox entry {entry.id} {entry.state}: {entry.error}")

    def _check_jobs(self, env, backend):
        jobs = env["queue.job"].search(
            [("channel", "in", CHANNELS), ("date_created", ">=", backend.create_date)]
        )
        # queue_job counts the first run as try 1
        retried = jobs.filtered(lambda job: job.retry > 1)
        self.figures += [
            ("jobs by channel", dict(Counter(jobs.mapped("channel")))),
            ("jobs by state", dict(Counter(jobs.mapped("state")))),
            (
                "jobs retried",
                f"{len(retried)} ({sum(retried.mapped('retry')) - len(retried)} retries)",
            ),
        ]
        for job in jobs.filtered(lambda job: job.state == "failed"):
            records = job.records
            reason = (
                (records._name == "ecom.inbox" and records.error)
                or (records._name == "sale.order" and records.ecom_sync_error)
                or (records._name == "stock.picking" and records.ecom_shipment_error)
                or (records._name == "ecom.backend" and records.stock_last_result)
            )
            if not reason:
                self.problems.append(f"job {job.uuid} failed unseen: {job.exc_info or job.result}")

    def _check_shop(self, env, backend, shop):
        bindings = env["ecom.sale.order"].search([("backend_id", "=", backend.id)])
        trackings = Counter(
            {ext: len(shop.trackings.get(ext, [])) for ext in bindings.mapped("external_id")}
        )
        statuses = Counter(shop.statuses)
        for binding in bindings:
            if trackings[binding.external_id] != 1:
                self.problems.append(
                    f"order {binding.external_id}: {trackings[binding.external_id]} trackings"
                )
            sent = statuses[(int(binding.external_id), "completed")]
            if sent != 1:
                self.problems.append(f"order {binding.external_id}: status sent {sent} times")
        others = [key for key in statuses if key[1] != "completed"]
        if others:
            self.problems.append(f"unexpected statuses: {others[:5]}")
        sequences = defaultdict(list)
        for request in shop.routed():
            if request.path.endswith("/products/batch"):
                for item in json.loads(request.body).get("update") or []:
                    if "stock_quantity" in item:
                        sequences[item["id"]].append(item["stock_quantity"])
        bindings = backend.product_binding_ids
        sellable = bindings._get_sellable_quantities()
        for binding in bindings:
            sent = sequences.get(int(binding.external_id), [])
            repeated = [a for a, b in zip(sent, sent[1:], strict=False) if a == b]
            if repeated or not sent or sent[-1] != int(sellable[binding.id]):
                self.problems.append(
                    f"stock of {binding.sku}: sent {sent}, sellable {sellable[binding.id]}"
                )
        self.figures += [
            (
                "stock updates sent per product",
                dict(Counter(len(sequences[int(b.external_id)]) for b in bindings)),
            ),
            ("trackings at the shop", sum(trackings.values())),
            ("statuses at the shop", sum(statuses.values())),
            ("shop requests", _requests(shop)),
        ]

    def _check_tracking(self, env, laposte):
        pickings = env["stock.picking"].search(
            [("company_id", "=", self.ids["company"]), ("picking_type_code", "=", "outgoing")]
        )
        for picking in pickings:
            tokens = (picking.sale_id.ecom_notified or "").split()
            if picking.ecom_delivery_state != "delivered" or tokens.count("delivered") != 1:
                self.problems.append(
                    f"{picking.name}: {picking.ecom_delivery_state}, mails {tokens}"
                )
        self.figures.append(("La Poste requests", _requests(laposte)))


def _requests(server):
    injected = Counter(str(request.fault) for request in server.injected())
    return (
        f"{len(server.requests)} ({len(server.routed())} handled, injected: "
        + ", ".join(f"{kind} {times}" for kind, times in sorted(injected.items()))
        + ")"
    )
