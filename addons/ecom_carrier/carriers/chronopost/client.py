# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chronopost web services: labels through ``ShippingServiceWS``
(``shippingMultiParcelV5``: one skybill per parcel, each with its own number
and label), ``cancelSkybill`` and ``trackSkybillV2`` on ``TrackingServiceWS``.

Errors come back with HTTP 200 and ``errorCode`` != 0 (33 "Invalid
accesColis account number", cancel 2 "the parcel doesn't match account or
parcel information not found"); broken requests come back as SOAP faults
with HTTP 500."""

import base64
from datetime import date, datetime, timezone

from odoo.tools import LazyTranslate

from ..soap import (
    SoapCarrierError,
    SoapClient,
    add,
    child,
    children,
    envelope,
    find_first,
    text,
)

_lt = LazyTranslate(__name__)

SHIPPING_NS = "http://cxf.shipping.soap.chronopost.fr/"
TRACKING_NS = "http://cxf.tracking.soap.chronopost.fr/"
PRODUCTION_URL = "https://ws.chronopost.fr"
SHIPPING_PATH = "/shipping-cxf/ShippingServiceWS"
TRACKING_PATH = "/tracking-cxf/TrackingServiceWS"
TRACKING_LINK = "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=%s"

#: product codes (Chronopost's own): label name
PRODUCTS = {
    "01": "Chrono 13",
    "02": "Chrono 10",
    "16": "Chrono 18",
    "86": "Chrono Relais",
}
RELAY_PRODUCTS = {"86"}
#: kg per parcel
MAX_WEIGHT = {"86": 20.0}
DEFAULT_MAX_WEIGHT = 30.0
#: label ``mode``: attachment extension
LABEL_MODES = {"PDF": "pdf", "Z2D": "zpl", "ZPL300": "zpl", "THE": "pdf"}


def _error_message(code, carrier_message, operation):
    if operation == "cancel" and code == 2:
        return _lt(
            "Chronopost does not know this parcel for this account, it cannot be "
            "cancelled: %(message)s",
            message=carrier_message,
        )
    if code == 33:
        return _lt(
            "Chronopost refused the account number or password (code 33: %(message)s). "
            "Check the Chronopost credentials of the carrier.",
            message=carrier_message,
        )
    return _lt(
        "Chronopost refused the request (code %(code)s): %(message)s",
        code=code,
        message=carrier_message,
    )


class ChronopostClient(SoapClient):
    """Chronopost shipping and tracking SOAP services for one contract."""

    carrier_name = "Chronopost"
    secret_tags = ("password",)

    def __init__(
        self,
        account_number,
        password,
        sub_account="",
        base_url=PRODUCTION_URL,
        timeout=None,
        session=None,
    ):
        super().__init__(timeout=timeout, session=session)
        self.account_number = account_number or ""
        self.password = password or ""
        self.sub_account = sub_account or ""
        self.base_url = (base_url or PRODUCTION_URL).rstrip("/")
        self.secrets = [self.password]

    # ------------------------------------------------------------ checks

    def check_shipment(self, shipment):
        """Refuse before calling what Chronopost would refuse: raises
        :class:`SoapCarrierError` with a French message."""
        product = shipment["product_code"]
        recipient = shipment["recipient"]
        if product in RELAY_PRODUCTS:
            if not shipment.get("relay_id"):
                raise SoapCarrierError(
                    _lt("Chrono Relais needs the relay point of the customer (relay id).")
                )
            if not (recipient.get("mobile") or recipient.get("email")):
                raise SoapCarrierError(
                    _lt(
                        "Chrono Relais needs the customer's mobile phone or e-mail to "
                        "announce the parcel at the relay point."
                    )
                )
        limit = MAX_WEIGHT.get(product, DEFAULT_MAX_WEIGHT)
        for parcel in shipment["parcels"]:
            weight = parcel.get("weight") or 0.0
            if weight <= 0:
                raise SoapCarrierError(
                    _lt(
                        "Chronopost needs the weight of each parcel (%(ref)s).",
                        ref=parcel.get("reference") or "?",
                    )
                )
            if weight > limit:
                raise SoapCarrierError(
                    _lt(
                        "Parcel %(ref)s weighs %(weight)s kg, over the %(limit)s kg "
                        "Chronopost accepts for this product.",
                        ref=parcel.get("reference") or "?",
                        weight=weight,
                        limit=limit,
                    )
                )

    # ------------------------------------------------------------ payloads

    def _address(self, parent, prefix, address):
        block = add(parent, f"{prefix}Value")
        add(block, f"{prefix}Adress1", address.get("street") or "")
        add(block, f"{prefix}Adress2", address.get("street2") or "")
        add(block, f"{prefix}City", address.get("city") or "")
        add(block, f"{prefix}Civility", address.get("civility") or "M")
        add(block, f"{prefix}ContactName", address.get("name") or "")
        add(block, f"{prefix}Country", address.get("country") or "FR")
        add(block, f"{prefix}Email", address.get("email") or "")
        add(block, f"{prefix}MobilePhone", address.get("mobile") or "")
        add(block, f"{prefix}Name", address.get("company") or address.get("name") or "")
        add(block, f"{prefix}Name2", address.get("name") or "")
        add(block, f"{prefix}Phone", address.get("phone") or "")
        # 22: e-mail pre-alert to the recipient when there is an address
        add(block, f"{prefix}PreAlert", 22 if address.get("email") else 0)
        add(block, f"{prefix}ZipCode", address.get("zip") or "")
        return block

    def prepare_shipping(self, shipment):
        """The ``shippingMultiParcelV5`` envelope for ``shipment``:

        ``{"reference", "product_code", "ship_date" (date), "shipper",
        "recipient" (address dicts: name, company, street, street2, zip, city,
        country, phone, mobile, email), "relay_id", "label_mode",
        "parcels": [{"weight" (kg), "reference"}]}``"""
        env, _header, body = envelope({"cxf": SHIPPING_NS})
        call = add(body, "shippingMultiParcelV5", ns=SHIPPING_NS)
        header = add(call, "headerValue")
        add(header, "accountNumber", self.account_number)
        add(header, "idEmit", "CHRFR")
        add(header, "subAccount", self.sub_account)
        self._address(call, "shipper", shipment["shipper"])
        self._address(call, "customer", shipment["shipper"])
        self._address(call, "recipient", shipment["recipient"])
        ref = add(call, "refValue")
        add(ref, "customerSkybillNumber", shipment.get("reference") or "")
        # the relay point travels in recipientRef for Chrono Relais
        add(ref, "recipientRef", shipment.get("relay_id") or shipment.get("reference") or "")
        add(ref, "shipperRef", shipment.get("reference") or "")
        ship_date = shipment.get("ship_date") or date.today()
        for parcel in shipment["parcels"]:
            skybill = add(call, "skybillValue")
            add(skybill, "bulkNumber", len(shipment["parcels"]))
            add(skybill, "evtCode", "DC")
            add(skybill, "objectType", "MAR")
            add(skybill, "productCode", shipment["product_code"])
            add(skybill, "service", "0")
            add(skybill, "shipDate", f"{ship_date.isoformat()}T00:00:00")
            add(skybill, "shipHour", datetime.now().hour)
            add(skybill, "weight", f"{parcel['weight']:.3f}")
            add(skybill, "weightUnit", "KGM")
        params = add(call, "skybillParamsValue")
        add(params, "mode", shipment.get("label_mode") or "PDF")
        add(call, "password", self.password)
        add(call, "modeRetour", "1")
        add(call, "numberOfParcel", len(shipment["parcels"]))
        add(call, "version", "2.0")
        add(call, "multiParcel", "Y" if len(shipment["parcels"]) > 1 else "N")
        return env

    # ------------------------------------------------------------ calls

    def _result(self, root, operation):
        result = find_first(find_first(root, "Body"), "return")
        if result is None:
            raise SoapCarrierError(
                _lt("Chronopost sent an answer without a result; nothing was recorded.")
            )
        code = text(result, "errorCode", "0")
        try:
            code = int(code)
        except ValueError:
            code = -1
        if code != 0:
            carrier_message = text(result, "errorMessage")
            raise SoapCarrierError(
                _error_message(code, carrier_message, operation),
                code=code,
                carrier_message=carrier_message,
            )
        return result

    def create_shipment(self, shipment):
        """Create the skybills; return one dict per parcel, in order:
        ``{"tracking_number", "label" (bytes), "label_format"}``."""
        self.check_shipment(shipment)
        root = self.post(
            self.base_url + SHIPPING_PATH, self.prepare_shipping(shipment), soap_action=""
        )
        result = self._result(root, "shipping")
        values = children(result, "resultMultiParcelValue")
        if len(values) != len(shipment["parcels"]):
            raise SoapCarrierError(
                _lt(
                    "Chronopost returned %(got)s labels for %(expected)s parcels; nothing "
                    "was recorded.",
                    got=len(values),
                    expected=len(shipment["parcels"]),
                )
            )
        extension = LABEL_MODES.get(shipment.get("label_mode") or "PDF", "pdf")
        parcels = []
        for value in values:
            number = text(value, "skybillNumber")
            label = text(value, "pdfEtiquette")
            if not number or not label:
                raise SoapCarrierError(
                    _lt(
                        "Chronopost returned a parcel without number or label; nothing was "
                        "recorded."
                    )
                )
            parcels.append(
                {
                    "tracking_number": number,
                    "label": base64.b64decode(label),
                    "label_format": extension,
                }
            )
        return parcels

    def cancel(self, skybill_number, language="fr_FR"):
        """Cancel one skybill (``cancelSkybill``); True when done."""
        env, _header, body = envelope({"cxf": TRACKING_NS})
        call = add(body, "cancelSkybill", ns=TRACKING_NS)
        add(call, "accountNumber", self.account_number)
        add(call, "password", self.password)
        add(call, "language", language)
        add(call, "skybillNumber", skybill_number)
        root = self.post(self.base_url + TRACKING_PATH, env, soap_action="")
        self._result(root, "cancel")
        return True

    def track(self, skybill_number, language="fr_FR"):
        """Events of one skybill (``trackSkybillV2``), oldest first:
        ``[{"code", "date" (naive UTC datetime or None), "label", "place",
        "final"}]``. A parcel not scanned yet has no events (not an error)."""
        env, _header, body = envelope({"cxf": TRACKING_NS})
        call = add(body, "trackSkybillV2", ns=TRACKING_NS)
        add(call, "language", language)
        add(call, "skybillNumber", skybill_number)
        root = self.post(self.base_url + TRACKING_PATH, env, soap_action="")
        result = self._result(root, "track")
        events = []
        info = child(result, "listEventInfoComp")
        for event in children(info, "events"):
            events.append(
                {
                    "code": text(event, "code"),
                    "date": parse_datetime(text(event, "eventDate")),
                    "label": text(event, "eventLabel"),
                    "place": " ".join(
                        part
                        for part in (text(event, "zipCode"), text(event, "officeLabel"))
                        if part
                    ),
                    "final": text(event, "highPriority") == "true",
                }
            )
        events.sort(key=lambda event: event["date"] or datetime.min)
        return events


def parse_datetime(value):
    """ISO date-time with offset → naive UTC datetime (None if unreadable)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment
