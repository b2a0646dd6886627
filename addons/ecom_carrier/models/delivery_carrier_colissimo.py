# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..carriers.base import CarrierError
from ..carriers.colissimo.client import PRINTING_TYPES, ColissimoRelayClient, ColissimoSlsClient

#: French overseas departments and territories: zip prefix -> Colissimo country
OUTRE_MER_ZIPS = {
    "971": "GP",
    "972": "MQ",
    "973": "GF",
    "974": "RE",
    "975": "PM",
    "976": "YT",
    "977": "BL",
    "978": "MF",
    "986": "WF",
    "987": "PF",
    "988": "NC",
}
OUTRE_MER = set(OUTRE_MER_ZIPS.values()) | {"TF"}
#: relay products by the point's type; unknown types ship as A2P
RELAY_PRODUCTS = {"BPR", "A2P", "CMT", "BDP", "PCS"}


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    delivery_type = fields.Selection(
        selection_add=[("colissimo", "Colissimo")],
        ondelete={"colissimo": "set default"},
    )
    colissimo_product_code = fields.Selection(
        [
            ("DOM", "Domicile sans signature (DOM)"),
            ("DOS", "Domicile avec signature (DOS)"),
            ("relay", "Point retrait (BPR / A2P)"),
        ],
        string="Colissimo Product",
        default="DOM",
        help="Home delivery with or without signature, or relay points (post office BPR, "
        "pick-up relay A2P: the point's type decides). Parcels to the French overseas "
        "territories ship as COM (CDS with signature) with the CN23 customs declaration.",
    )

    def _compute_can_generate_return(self):
        # Colissimo return labels (CORE / CORI)
        res = super()._compute_can_generate_return()
        for carrier in self.filtered(lambda c: c.delivery_type == "colissimo"):
            carrier.can_generate_return = True
        return res

    def _ecom_get_client(self, service):
        if self.delivery_type != "colissimo":
            return super()._ecom_get_client(service)
        if service == "tracking":
            return self._ecom_laposte_client()
        carrier = self.sudo()
        client_class = ColissimoRelayClient if service == "relay" else ColissimoSlsClient
        # an API key replaces the contract number and password: never both
        return client_class(
            contract_number=carrier.ecom_account_number,
            password=None if carrier.ecom_api_key else carrier.ecom_password,
            api_key=carrier.ecom_api_key,
            **self._ecom_client_kwargs(service),
        )

    # --------------------------------------------------- provider contract

    def colissimo_rate_shipment(self, order):
        return self._ecom_rate_shipment(order)

    def colissimo_send_shipping(self, pickings):
        res = self._ecom_send_shipping(pickings)
        if self.return_label_on_delivery:
            for picking in pickings:
                self.colissimo_get_return_label(picking)
        return res

    def colissimo_get_tracking_link(self, picking):
        return self._ecom_get_tracking_link(picking)

    def colissimo_cancel_shipment(self, pickings):
        return self._ecom_cancel_shipment(pickings)

    def colissimo_get_return_label(self, pickings, tracking_number=None, origin_date=None):
        """Return labels (CORE in France, CORI from abroad): the customer
        sends to the warehouse; attached with core's return prefix."""
        parcels = self.env["ecom.carrier.parcel"]
        for picking in pickings:
            customer = picking.partner_id
            if customer.ecom_is_relay:
                customer = customer.parent_id
            warehouse = self._ecom_warehouse_partner(picking)
            country = self._colissimo_country(customer)
            spec = {
                "sequence": 1,
                "weight": picking.shipping_weight or picking.weight or 1.0,
                "reference": picking.name,
                "is_return": True,
                "package": self.env["stock.quant.package"],
            }
            payload = self._colissimo_prepare_payload(
                picking,
                spec,
                product="CORE" if country == "FR" else "CORI",
                sender=customer,
                addressee=warehouse,
            )
            try:
                result = self._ecom_get_client("label").generate_label(payload)
            except CarrierError as exc:
                raise self._ecom_carrier_error(exc, picking) from exc
            parcel = self.env["ecom.carrier.parcel"]._ecom_create_from_results(
                self, picking, [spec], [result]
            )
            label = parcel.label_attachment_id
            label.name = (
                f"{self.get_return_label_prefix()}-{result.tracking_number}.{result.label_format}"
            )
            parcels |= parcel
        return parcels

    # ------------------------------------------------------ ecom hooks

    def colissimo_ecom_create_label(self, picking, spec):
        product = self._colissimo_product(picking, spec)
        customer = picking.partner_id
        if spec.get("relay"):
            customer = spec["relay"]["partner"].parent_id or customer
        payload = self._colissimo_prepare_payload(
            picking,
            spec,
            product=product,
            sender=self._ecom_warehouse_partner(picking),
            addressee=customer,
            relay_partner=spec["relay"]["partner"] if spec.get("relay") else None,
        )
        return self._ecom_get_client("label").generate_label(payload)

    def colissimo_ecom_max_weight(self):
        return 30.0

    def colissimo_ecom_default_tracking_url(self):
        return "https://www.laposte.fr/outils/suivre-vos-envois?code={tracking}"

    def colissimo_ecom_relay_prefix(self):
        return "COL" if self.colissimo_product_code == "relay" else False

    def colissimo_ecom_search_relays(self, address, weight):
        return self._ecom_get_client("relay").find_relays(
            address.get("street"),
            address.get("zip"),
            address.get("city"),
            address.get("country_code"),
            (weight or 1.0) * 1000,
            fields.Date.context_today(self),
        )

    def colissimo_ecom_fetch_tracking(self, parcels):
        return self._ecom_laposte_fetch_tracking(parcels)

    def colissimo_ecom_tracking_batch_size(self):
        return self._ecom_laposte_batch_size()

    def colissimo_ecom_tracking_code_set(self):
        return "laposte"

    def colissimo_ecom_deposit_slip(self, parcels):
        """Colissimo deposit slip (bordereau) of ``parcels``: the PDF
        attached to the shipping method, the slip number on the parcels."""
        try:
            number, pdf = self._ecom_get_client("label").generate_deposit_slip(
                parcels.mapped("tracking_number")
            )
        except CarrierError as exc:
            raise self._ecom_carrier_error(exc) from exc
        parcels.write({"deposit_slip": number})
        return self.env["ir.attachment"].create(
            {
                "name": f"Bordereau-Colissimo-{number}.pdf",
                "raw": pdf,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )

    # ------------------------------------------------------- payloads

    def _colissimo_country(self, partner):
        """Colissimo's country code: overseas territories by their own code,
        also when the address says France with a 97x/98x zip."""
        code = partner.country_id.code or "FR"
        if code == "FR" and (partner.zip or "")[:3] in OUTRE_MER_ZIPS:
            return OUTRE_MER_ZIPS[partner.zip[:3]]
        return code

    def _colissimo_product(self, picking, spec):
        relay = spec.get("relay")
        if self.colissimo_product_code == "relay":
            if not relay:
                raise UserError(
                    self.env._(
                        "%(picking)s ships with %(carrier)s to a relay point, but its delivery "
                        "address is not a Colissimo relay point: choose one on the sale order.",
                        picking=picking.display_name,
                        carrier=self.name,
                    )
                )
            return relay["type"] if relay.get("type") in RELAY_PRODUCTS else "A2P"
        if self._colissimo_country(picking.partner_id) in OUTRE_MER:
            return "CDS" if self.colissimo_product_code == "DOS" else "COM"
        return self.colissimo_product_code or "DOM"

    def _colissimo_address(self, partner, phone_partner=None):
        phone_partner = phone_partner or partner
        commercial = partner.commercial_partner_id
        person = partner if not partner.is_company else None
        last_name = (person.name if person else partner.name) or ""
        return {
            "companyName": commercial.name if commercial.is_company else "",
            "lastName": last_name[:35],
            "firstName": "",
            "line2": (partner.street or "")[:35],
            "line3": (partner.street2 or "")[:35],
            "countryCode": self._colissimo_country(partner),
            "city": (partner.city or "")[:35],
            "zipCode": partner.zip or "",
            "phoneNumber": phone_partner.phone or partner.phone or "",
            "mobileNumber": phone_partner.mobile or partner.mobile or "",
            "email": partner.email or "",
            "language": "FR",
        }

    def _colissimo_prepare_payload(
        self, picking, spec, product, sender, addressee, relay_partner=None
    ):
        """The ``generateLabel`` body of one parcel (credentials apart)."""
        letter = {
            "service": {
                "productCode": product,
                "depositDate": fields.Date.context_today(self).isoformat(),
                "orderNumber": (picking.sale_id.name or picking.origin or picking.name)[:30],
                "commercialName": picking.company_id.name[:38],
                "totalAmount": 0,
            },
            "parcel": {"weight": round(spec.get("weight") or 0.0, 3)},
            "sender": {
                "senderParcelRef": spec.get("reference") or picking.name,
                "address": self._colissimo_address(sender),
            },
            "addressee": {
                "addresseeParcelRef": spec.get("reference") or picking.name,
                "address": self._colissimo_address(addressee, phone_partner=relay_partner),
            },
        }
        if relay_partner:
            letter["parcel"]["pickupLocationId"] = spec["relay"]["id"]
        if product in ("COM", "CDS") or (
            product == "CORI" and self._colissimo_country(sender) in OUTRE_MER
        ):
            letter["customsDeclarations"] = self._colissimo_prepare_customs(picking, spec)
        return {
            "outputFormat": {
                "x": 0,
                "y": 0,
                "outputPrintingType": PRINTING_TYPES[self.ecom_label_format or "pdf"],
            },
            "letter": letter,
        }

    def _colissimo_prepare_customs(self, picking, spec):
        """CN23 of a parcel to the overseas territories: the picking's
        products (category 3: commercial sale)."""
        lines = picking.move_line_ids.filtered(
            lambda ml: (
                ml.quantity and (not spec.get("package") or ml.result_package_id == spec["package"])
            )
        )
        articles = []
        for ml in lines:
            product = ml.product_id
            price = ml.move_id.sale_line_id.price_reduce_taxexcl or product.lst_price
            articles.append(
                {
                    "description": (product.name or "")[:64],
                    "quantity": int(ml.quantity) or 1,
                    "weight": round(product.weight or 0.0, 3),
                    "value": round(price, 2),
                    "hsCode": (getattr(product, "hs_code", False) or "")[:10],
                    "originCountry": "FR",
                    "currency": picking.company_id.currency_id.name,
                }
            )
        return {
            "includeCustomsDeclarations": True,
            "contents": {"article": articles, "category": {"value": 3}},
            "invoiceNumber": picking.name,
        }
