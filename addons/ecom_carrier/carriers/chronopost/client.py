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

from ..base import CarrierError, LabelResult, TrackingEvent, TrackingResult
from ..soap import SoapClient, add, child, children, envelope, find_first, text

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


class ChronopostClient(SoapClient):
    """Chronopost shipping and tracking SOAP services for one contract."""

    name = "chronopost"
    # no sandbox: Chronopost's test contract is used on the production host
    test_url = prod_url = PRODUCTION_URL
    secret_names = SoapClient.secret_names + ("accountNumber",)

    def __init__(self, account_number, password, sub_account="", **kwargs):
        kwargs["secrets"] = [*kwargs.get("secrets", ()), password]
        super().__init__(**kwargs)
        self.account_number = account_number or ""
        self.password = password or ""
        self.sub_account = sub_account or ""

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
        # no pre-alert: the codes of the other values are not in our sources
        add(block, f"{prefix}PreAlert", 0)
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
        # as in the recorded shippingMultiParcelV5 requests (karrio's tests)
        add(call, "modeRetour", "1")
        add(call, "numberOfParcel", len(shipment["parcels"]))
        add(call, "version", "2.0")
        add(call, "multiParcel", "Y" if len(shipment["parcels"]) > 1 else "N")
        return env

    # ------------------------------------------------------------ calls

    def _result(self, root):
        """The ``return`` block; ``errorCode`` != 0 (sent with HTTP 200) raises."""
        result = find_first(find_first(root, "Body"), "return")
        if result is None:
            raise CarrierError("Chronopost: answer without a result")
        code = text(result, "errorCode", "0")
        if code != "0":
            raise CarrierError(text(result, "errorMessage") or "error", code=code)
        return result

    def create_labels(self, shipment):
        """Create the skybills of all parcels in one call; one
        :class:`LabelResult` per parcel, in the order of ``shipment["parcels"]``."""
        root = self.post_soap(SHIPPING_PATH, self.prepare_shipping(shipment), soap_action="")
        result = self._result(root)
        values = children(result, "resultMultiParcelValue")
        if len(values) != len(shipment["parcels"]):
            raise CarrierError(
                f"Chronopost returned {len(values)} labels for {len(shipment['parcels'])} parcels"
            )
        extension = LABEL_MODES.get(shipment.get("label_mode") or "PDF", "pdf")
        labels = []
        for value in values:
            number = text(value, "skybillNumber")
            label = text(value, "pdfEtiquette")
            if not number or not label:
                raise CarrierError("Chronopost returned a parcel without number or label")
            labels.append(
                LabelResult(
                    tracking_number=number,
                    label=base64.b64decode(label),
                    label_format=extension,
                    extra={"geopost_number": text(value, "geoPostNumeroColis")},
                )
            )
        return labels

    def cancel(self, skybill_number, language="fr_FR"):
        """Cancel one skybill (``cancelSkybill`` on the tracking service)."""
        env, _header, body = envelope({"cxf": TRACKING_NS})
        call = add(body, "cancelSkybill", ns=TRACKING_NS)
        add(call, "accountNumber", self.account_number)
        add(call, "password", self.password)
        add(call, "language", language)
        add(call, "skybillNumber", skybill_number)
        self._result(self.post_soap(TRACKING_PATH, env, soap_action=""))
        return True

    def track(self, skybill_number, language="fr_FR"):
        """``trackSkybillV2``: a :class:`TrackingResult`, events oldest first.
        A parcel not scanned yet has no events: ``unknown_yet``, not an error."""
        env, _header, body = envelope({"cxf": TRACKING_NS})
        call = add(body, "trackSkybillV2", ns=TRACKING_NS)
        add(call, "language", language)
        add(call, "skybillNumber", skybill_number)
        result = self._result(self.post_soap(TRACKING_PATH, env, soap_action=""))
        events = []
        for event in children(child(result, "listEventInfoComp"), "events"):
            events.append(
                TrackingEvent(
                    code=text(event, "code"),
                    label=text(event, "eventLabel"),
                    date=parse_datetime(text(event, "eventDate")),
                    place=" ".join(
                        part
                        for part in (text(event, "zipCode"), text(event, "officeLabel"))
                        if part
                    ),
                )
            )
        events = [event for event in events if event.code and event.date]
        events.sort(key=lambda event: event.date)
        if not events:
            return TrackingResult(skybill_number, status="unknown_yet")
        return TrackingResult(skybill_number, events=events)


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
