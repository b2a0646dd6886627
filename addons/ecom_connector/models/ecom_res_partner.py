# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, email_normalize

from odoo.addons.queue_job.exception import RetryableJobError

from ..platforms.canonical import RELAY_NETWORKS
from .ecom_inbox import try_advisory_lock

ADDRESS_FIELDS = ("street", "street2", "zip", "city", "country_id", "state_id")


class EcomResPartner(models.Model):
    """A shop's customer bound to its Odoo partner: one per (shop, customer id)."""

    _name = "ecom.res.partner"
    _check_company_auto = True
    _description = "E-commerce Customer Binding"
    _inherits = {"res.partner": "odoo_id"}

    odoo_id = fields.Many2one(
        "res.partner", string="Partner", required=True, ondelete="cascade", index=True
    )
    backend_id = fields.Many2one(
        "ecom.backend", string="Shop", required=True, ondelete="restrict", index=True
    )
    external_id = fields.Char(string="Shop Customer ID", required=True)

    _sql_constraints = [
        (
            "external_uniq",
            "unique(backend_id, external_id)",
            "This shop customer is already imported.",
        ),
    ]

    @api.model
    def _import_customer(self, backend, order):
        """Return ``(customer, invoice address, delivery address)`` partners.

        The customer is found by its shop id, then by e-mail (then by VAT
        number for a company), else created; a company with a valid VAT
        number is a B2B customer.  The addresses are the order's: an identical
        address of the customer is reused, else a new one is added, so that
        older orders keep theirs.
        """
        Partner = self.env["res.partner"]
        customer = order["customer"]
        billing = order["billing_address"]
        billing_vals = self._prepare_address_vals(billing, "invoice")
        vat = customer["vat"] or billing["vat"]
        company_name = customer["company"] or billing["company"]
        if vat:
            vat = vat.replace(" ", "").upper()
            country = self.env["res.country"].browse(billing_vals["country_id"])
            if not Partner._run_vat_test(vat, country, True):
                vat = False
        is_b2b = bool(company_name and vat)
        email = email_normalize(customer["email"]) if customer["email"] else False
        company = backend.company_id
        # two orders of one customer imported at once by two job workers
        self._lock_customer(company, vat if is_b2b else False, email)
        partner = self.browse()
        if customer["external_id"]:
            partner = self.search(
                [("backend_id", "=", backend.id), ("external_id", "=", customer["external_id"])]
            ).odoo_id
        # a customer is found among the shop company's and the shared ones;
        # a new one belongs to the shop's company unless the merchant shares them
        domain_company = [("company_id", "in", (False, company.id))]
        if not partner and is_b2b:
            partner = Partner.search(
                [("vat", "=", vat), ("is_company", "=", True)] + domain_company, limit=1
            )
        if not partner and email:
            # exact comparison: ``%`` and ``_`` of a shop's e-mail are no wildcards
            partner = Partner.search(
                [("email_normalized", "=", email), ("parent_id", "=", False)] + domain_company,
                limit=1,
            )
        if not partner:
            self._check_created_meanwhile(
                SQL(
                    "SELECT id FROM res_partner WHERE active AND parent_id IS NULL"
                    " AND (company_id IS NULL OR company_id = %s)"
                    " AND (email_normalized = %s OR (is_company AND vat = %s))",
                    company.id,
                    email or None,
                    (vat if is_b2b else None),
                )
            )
            vals = dict(
                billing_vals,
                type="contact",
                email=customer["email"] or billing["email"],
                company_id=False if backend.share_customers else company.id,
                phone=customer["phone"] or billing["phone"],
            )
            if is_b2b:
                vals.update(name=company_name, is_company=True, vat=vat)
            else:
                vals["name"] = customer["name"] or billing["name"]
            partner = Partner.create(vals)
        elif is_b2b and not partner.vat:
            partner.vat = vat
        if customer["external_id"] and not self.search_count(
            [("backend_id", "=", backend.id), ("external_id", "=", customer["external_id"])]
        ):
            self.create(
                {
                    "odoo_id": partner.id,
                    "backend_id": backend.id,
                    "external_id": customer["external_id"],
                }
            )
        invoice = self._get_address(partner, billing_vals)
        shipping = self._get_address(
            partner, self._prepare_address_vals(order["shipping_address"], "delivery")
        )
        return partner, invoice, shipping

    @api.model
    def _lock_customer(self, company, vat, email):
        """Serialize the imports of one customer (VAT number of a company,
        e-mail) in ``company`` across workers: the second one is retried by
        the job queue after the first one's commit (the binding's unique key
        only covers customers with a shop id)."""
        for identity in filter(None, (vat, email)):
            try_advisory_lock(
                self.env,
                f"ecom.customer:{company.id}:{identity}",
                f"customer {identity} of company {company.id} is being imported",
                seconds=2,
            )

    @api.model
    def _check_created_meanwhile(self, query):
        """Raise a retryable error when ``query`` finds, in a new
        transaction, a row this one cannot see: a concurrent import created
        the customer (or address) and committed after this transaction's
        snapshot was taken, even before it released the customer's lock
        (repeatable read: only a new transaction sees it)."""
        with self.env.registry.cursor() as cr:
            cr.execute(query)
            ids = [row[0] for row in cr.fetchall()]
        visible = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count([("id", "in", ids)])
        )
        if visible < len(ids):
            raise RetryableJobError(
                f"partner {ids[0]} was created by a concurrent import",
                seconds=2,
                ignore_retry=True,
            )

    @api.model
    def _prepare_address_vals(self, address, address_type):
        country = self.env["res.country"].search([("code", "=", address["country_code"])], limit=1)
        if not country:
            raise UserError(
                self.env._(
                    "Unknown country code %(code)s in the address of %(name)s.",
                    code=address["country_code"],
                    name=address["name"] or address["company"],
                )
            )
        state = self.env["res.country.state"]
        if address["state_code"]:
            # shops send ISO 3166-2 subdivision codes with or without the
            # country prefix (BW, DE-BW), Odoo stores either form by country
            code = address["state_code"].upper()
            codes = {code, f"{country.code}-{code}", code.removeprefix(f"{country.code}-")}
            state = state.search(
                [("country_id", "=", country.id), ("code", "in", list(codes))], limit=1
            )
        name = address["name"]
        if address["company"] and name and address_type != "contact":
            name = f"{address['company']}, {name}"
        vals = {
            "name": name or address["company"],
            "type": address_type,
            "street": address["street"],
            "street2": address["street2"] or False,
            "zip": address["zip"],
            "city": address["city"],
            "country_id": country.id,
            "state_id": state.id or False,
            "phone": address["phone"] or False,
            "email": address["email"] or False,
        }
        relay = address.get("relay_point")
        if relay:
            # a relay point's address, named by its carrier's reference
            vals["ref"] = f"{RELAY_NETWORKS[relay['network']]}#{relay['id']}"
        return vals

    @api.model
    def _get_address(self, partner, vals):
        """The partner itself or one of its addresses identical to ``vals``,
        else a new address of the customer."""

        # a relay point is also told apart by its reference
        compared = ADDRESS_FIELDS + (("ref",) if vals.get("ref") else ())

        def same(candidate):
            return all(
                (candidate[f].id if f in ("country_id", "state_id") else candidate[f] or False)
                == (vals.get(f) or False)
                for f in compared
            )

        if same(partner) and (partner.name == vals["name"] or partner.is_company):
            return partner
        for child in partner.child_ids.filtered(lambda c: c.type == vals["type"]):
            if same(child) and child.name == vals["name"]:
                return child
        self._check_created_meanwhile(
            SQL(
                "SELECT id FROM res_partner WHERE parent_id = %s AND type = %s AND name = %s"
                " AND COALESCE(street, '') = %s AND COALESCE(zip, '') = %s"
                " AND COALESCE(city, '') = %s",
                partner.id,
                vals["type"],
                vals["name"],
                vals["street"] or "",
                vals["zip"] or "",
                vals["city"] or "",
            )
        )
        return self.env["res.partner"].create(
            dict(vals, parent_id=partner.id, company_id=partner.company_id.id)
        )
