# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from lxml import etree

from odoo import Command, api, fields, models
from odoo.tools import SQL

from .ecom_account_ventilation import GEOGRAPHIES

#: fiscal positions of the French chart per key of the geography rule
FISCAL_POSITIONS = {
    "domestic": "fiscal_position_template_domestic",
    "eu_b2b": "fiscal_position_template_intraeub2b",
    "eu_b2c": "fiscal_position_template_intraeub2c",
    "export": "fiscal_position_template_import_export",
}


class AccountMove(models.Model):
    _inherit = "account.move"

    ecom_geography = fields.Selection(
        GEOGRAPHIES,
        string="Geography",
        compute="_compute_ecom_geography",
        store=True,
        readonly=False,
        help="Where the sale or purchase takes place for VAT, by the suite's one rule "
        "(France and Monaco, DOM, EU business, EU consumer taxed at the destination "
        "VAT (OSS) or at French VAT, outside the EU). Drives the ventilation. Fixed "
        "once the invoice is posted: changing the customer's address later changes "
        "nothing.",
    )
    ecom_is_b2c = fields.Boolean(
        string="Sale to a consumer",
        compute="_compute_ecom_is_b2c",
        store=True,
        help="The customer had no VAT number when the invoice was made (B2C "
        "e-reporting). Fixed once the invoice is posted.",
    )
    ecom_channel = fields.Char(
        string="Sales channel",
        index="btree_not_null",
        help="Shop or marketplace the order came from (for example amazon.fr); "
        "filled by the connector when it invoices an order.",
    )
    ecom_posted_date = fields.Date(
        string="Validation date",
        readonly=True,
        copy=False,
        help="Day the entry was posted (ValidDate of the FEC).",
    )

    # Only fields of the move itself are dependencies: a later change of the
    # customer's country or VAT number must not touch posted invoices.
    @api.depends(
        "move_type",
        "partner_id",
        "partner_shipping_id",
        "company_id",
        "fiscal_position_id",
        "invoice_line_ids.tax_ids",
    )
    def _compute_ecom_geography(self):
        for move in self:
            if move.is_invoice(True):
                move.ecom_geography = move._get_ecom_geography()
            else:
                move.ecom_geography = False

    @api.depends("move_type", "partner_id", "commercial_partner_id")
    def _compute_ecom_is_b2c(self):
        for move in self:
            move.ecom_is_b2c = move.is_invoice(True) and not move.commercial_partner_id.vat

    def _compute_fiscal_position_id(self):
        # Odoo's automatic choice sends a Monaco consumer to the export
        # position and a French address with a DOM postcode to France: the
        # suite's geography rule corrects these two cases, nothing else
        res = super()._compute_fiscal_position_id()
        for move in self.filtered(
            lambda m: (
                m.is_sale_document(include_receipts=True)
                and m.partner_id
                and m.company_id.chart_template == "fr"
            )
        ):
            delivery = move.partner_shipping_id or move.partner_id
            geography = move.company_id._ecom_get_vat_geography(move.partner_id, delivery)
            if geography.zone not in ("mc", "dom", "dom_outside", "overseas"):
                continue
            xmlid = FISCAL_POSITIONS[geography.fiscal_position]
            chart = self.env["account.chart.template"].with_company(move.company_id)
            fpos = chart.ref(xmlid, raise_if_not_found=False)
            if fpos and fpos.company_id == move.company_id:
                move.fiscal_position_id = fpos
        return res

    def _post(self, soft=True):
        # freeze what the reports read, split the shipping by rate first
        self.filtered(
            lambda move: (
                move.company_id.ecom_shipping_prorata
                and move.move_type in ("out_invoice", "out_refund")
            )
        )._ecom_split_shipping_by_rate()
        posted = super()._post(soft=soft)
        posted.filtered(
            lambda move: not move.ecom_posted_date
        ).ecom_posted_date = fields.Date.context_today(self)
        return posted

    def _ecom_restore_posting_facts(self):
        """Set the geography, the B2C flag and the lines' nature of posted
        invoices from what each entry recorded when it was posted, instead of
        today's partner and product data: the income or expense accounts of
        its lines (through the ventilation table), its fiscal position and
        taxes, and the Factur-X XML sent to the customer. Used when the module
        is installed on, or upgraded to 18.0.1.2.0 in, a database with posted
        invoices; a value with no such trace keeps today's computation.
        Returns the number of invoices and lines changed."""
        moves = self.filtered(lambda move: move.state == "posted" and move.is_invoice(True))
        by_geography, by_b2c = defaultdict(list), defaultdict(list)
        by_nature = defaultdict(list)
        for move in moves:
            table = self.env["ecom.account.ventilation"]._get_ventilation_table(move.company_id.id)
            lines = move.invoice_line_ids.filtered(lambda line: line.display_type == "product")
            geography = move._ecom_get_posted_geography(table, lines)
            if geography and geography != move.ecom_geography:
                by_geography[geography].append(move.id)
            is_b2c = move._ecom_get_posted_b2c()
            if is_b2c is not None and is_b2c != move.ecom_is_b2c:
                by_b2c[is_b2c].append(move.id)
            for line in lines:
                natures = {row[1] for row in table if row[5] == line.account_id.id} - {"discount"}
                if len(natures) == 1 and line.ecom_nature and natures != {line.ecom_nature}:
                    by_nature[natures.pop()].append(line.id)
        for column, table_name, groups in (
            ("ecom_geography", "account_move", by_geography),
            ("ecom_is_b2c", "account_move", by_b2c),
            ("ecom_nature", "account_move_line", by_nature),
        ):
            for value, ids in groups.items():
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET %s = %s WHERE id = ANY(%s)",
                        SQL.identifier(table_name),
                        SQL.identifier(column),
                        value,
                        ids,
                    )
                )
        self.env.invalidate_all()
        return (
            len({i for ids in [*by_geography.values(), *by_b2c.values()] for i in ids}),
            sum(len(ids) for ids in by_nature.values()),
        )

    def _ecom_get_posted_geography(self, table, lines):
        """Geography the posted entry shows: the one of its lines' accounts
        when the ventilation table gives a single one, else the one of its
        fiscal position of the French chart or of a destination VAT; None
        when the entry shows none."""
        self.ensure_one()
        geographies = set()
        for line in lines:
            rows = {row[2] for row in table if row[5] == line.account_id.id}
            if len(rows) == 1 and None not in rows and False not in rows:
                geographies |= rows
        if len(geographies) == 1:
            return geographies.pop()
        if self._ecom_charges_destination_vat():
            return "eu_b2c"
        chart = self.env["account.chart.template"].with_company(self.company_id)
        for geography, xmlid in FISCAL_POSITIONS.items():
            fpos = chart.ref(xmlid, raise_if_not_found=False)
            if fpos and fpos == self.fiscal_position_id:
                return "domestic" if geography == "eu_b2c" else geography
        return None

    def _ecom_get_posted_b2c(self):
        """Whether the customer was a consumer when the invoice was made: no
        VAT registration of the buyer in the Factur-X XML sent, else an EU
        consumer's fiscal position or destination VAT (a business would be
        an intra-community B2B, reverse charged); None when the entry does
        not tell."""
        self.ensure_one()
        if not self.is_sale_document(include_receipts=True):
            return None
        attachment = self.ubl_cii_xml_id
        if attachment and attachment.raw:
            ns = {
                "ram": "urn:un:unece:uncefact:data:standard:"
                "ReusableAggregateBusinessInformationEntity:100"
            }
            buyer = etree.fromstring(attachment.raw).find(".//ram:BuyerTradeParty", ns)
            if buyer is not None:
                registration = buyer.find("ram:SpecifiedTaxRegistration/ram:ID", ns)
                return registration is None or not (registration.text or "").strip()
        # an EU business is reverse charged, an EU consumer is not
        chart = self.env["account.chart.template"].with_company(self.company_id)
        fpos = self.fiscal_position_id
        if fpos and fpos == chart.ref(FISCAL_POSITIONS["eu_b2b"], raise_if_not_found=False):
            return False
        if self._ecom_charges_destination_vat() or (
            fpos and fpos == chart.ref(FISCAL_POSITIONS["eu_b2c"], raise_if_not_found=False)
        ):
            return True
        return None

    def _get_ecom_geography(self, lines=None):
        """Return the geography of an invoice (a key of ``GEOGRAPHIES``).

        ``res.company._ecom_get_vat_geography`` (ecom_base) decides: sales
        follow the delivery address, purchases the supplier; an EU consumer
        is OSS only when the destination country's VAT is charged."""
        self.ensure_one()
        partner = self.partner_id or self.commercial_partner_id
        delivery = partner
        if self.is_sale_document(include_receipts=True):
            delivery = self.partner_shipping_id or partner
        if not partner:
            return "domestic"
        return self.company_id._ecom_get_vat_geography(
            partner, delivery, destination_vat=self._ecom_charges_destination_vat(lines)
        ).geography

    def _ecom_charges_destination_vat(self, lines=None):
        """Whether a tax of the invoice (or of ``lines`` being created) is the
        VAT of another country: a tax of a foreign VAT fiscal position, or an
        OSS tax of ``l10n_eu_oss``."""
        self.ensure_one()
        home = self.company_id.account_fiscal_country_id or self.company_id.country_id
        oss_tag = self.env.ref("l10n_eu_oss.tag_oss", raise_if_not_found=False)
        lines = self.invoice_line_ids | (lines or self.env["account.move.line"])
        taxes = lines.tax_ids.flatten_taxes_hierarchy()
        return any(
            (tax.country_id and tax.country_id != home)
            or (oss_tag and oss_tag in tax.invoice_repartition_line_ids.tag_ids)
            for tax in taxes
        )

    def _ecom_split_shipping_by_rate(self):
        """Split each shipping line of a parcel with goods at several VAT
        rates into one line per rate, pro rata of the goods' untaxed
        amounts (the French doctrine for incidental costs, BOI-TVA-LIQ-10-10
        and BOI-TVA-BASE-10-10-10); the tax-included total is unchanged."""
        # a credit note copies its invoice's split; a split invoice is not split again
        for move in self.filtered(lambda m: m.state == "draft" and not m.reversed_entry_id):
            lines = move.invoice_line_ids.filtered(lambda line: line.display_type == "product")
            shipping = lines.filtered(lambda line: line.ecom_nature == "shipping")
            if len(shipping.tax_ids) > 1:
                continue
            goods = lines.filtered(lambda line: line.ecom_nature == "goods")
            weights = defaultdict(float)
            for line in goods:
                if len(line.tax_ids) == 1:
                    weights[line.tax_ids] += line.price_subtotal
            weights = {tax: amount for tax, amount in weights.items() if amount > 0}
            if len(weights) < 2:
                continue
            total = sum(weights.values())
            currency = move.currency_id
            for line in shipping.filtered(lambda line: len(line.tax_ids) == 1):
                if line.tax_ids.price_include or any(t.price_include for t in weights):
                    continue
                paid = line.price_total
                taxes = sorted(weights, key=lambda tax: -weights[tax])
                parts = []
                remaining = paid
                for index, tax in enumerate(taxes):
                    share = (
                        remaining
                        if index == len(taxes) - 1
                        else currency.round(paid * weights[tax] / total)
                    )
                    remaining -= share
                    parts.append((tax, currency.round(share / (1 + tax.amount / 100.0))))
                first_tax, first_base = parts[0]
                commands = [
                    Command.update(
                        line.id,
                        {"quantity": 1.0, "discount": 0.0, "price_unit": first_base},
                    )
                ]
                commands[0][2]["tax_ids"] = [Command.set(first_tax.ids)]
                for tax, base in parts[1:]:
                    commands.append(
                        Command.create(
                            {
                                "product_id": line.product_id.id,
                                "name": line.name,
                                "quantity": 1.0,
                                "price_unit": base,
                                "tax_ids": [Command.set(tax.ids)],
                                "sequence": line.sequence,
                            }
                        )
                    )
                move.write({"invoice_line_ids": commands})
                # the parts' taxes changed: their 7085 account follows the rate
                move.invoice_line_ids.filtered(
                    lambda other: other.ecom_nature == "shipping"
                )._ecom_apply_ventilation()
                move._ecom_adjust_split_rounding(line, paid)

    def _ecom_adjust_split_rounding(self, line, paid):
        """Put the cent a per-rate rounding lost back on the first part."""
        self.ensure_one()
        parts = self.invoice_line_ids.filtered(
            lambda other: other.product_id == line.product_id and other.ecom_nature == "shipping"
        )
        gap = self.currency_id.round(paid - sum(parts.mapped("price_total")))
        if not self.currency_id.is_zero(gap):
            rate = line.tax_ids.amount / 100.0
            line.price_unit = self.currency_id.round(line.price_unit + gap / (1 + rate))

    def _ecom_scale_to_total(self, total):
        """Scale every line of a draft credit note so that its tax-included
        total is ``total`` (a partial refund); the last line takes the cent
        rounding leaves."""
        self.ensure_one()
        currency = self.currency_id
        factor = total / self.amount_total
        lines = self.invoice_line_ids.filtered(lambda line: line.display_type == "product")
        self.write(
            {
                "invoice_line_ids": [
                    Command.update(
                        line.id, {"price_unit": currency.round(line.price_unit * factor)}
                    )
                    for line in lines
                ]
            }
        )
        gap = currency.round(total - self.amount_total)
        if not currency.is_zero(gap):
            self._ecom_fix_total_gap(lines, total)

    def _ecom_fix_total_gap(self, lines, total):
        """Move one line by a few cents so that the total is ``total`` (the
        VAT of each line is rounded: not every line can absorb a cent)."""
        currency = self.currency_id
        for line in lines.sorted(lambda line: line.quantity != 1):
            if line.quantity != 1 or line.discount:
                line.write({"price_unit": line.price_subtotal, "quantity": 1, "discount": 0})
            rate = sum(t.amount for t in line.tax_ids if t.amount_type == "percent")
            base = line.price_unit
            ideal = base + (total - self.amount_total) / (1 + rate / 100.0)
            for cents in (0, -1, 1, -2, 2):
                line.price_unit = currency.round(ideal + cents * currency.rounding)
                if currency.is_zero(total - self.amount_total):
                    return
            line.price_unit = base
