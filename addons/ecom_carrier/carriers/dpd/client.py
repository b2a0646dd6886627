# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DPD France e-station SOAP web service (``eprintwebservice.asmx``):
``CreateShipmentWithLabelsBc`` for DPD Classic, DPD Predict (SMS to the
customer) and DPD Relais (a Pickup shop id), one parcel per call.

Credentials travel in the ``UserCredentials`` SOAP header. Errors are SOAP
faults (HTTP 500) with ``detail/Error{ErrorId, ErrorMessage}``."""

import base64
from datetime import date

from ..base import CarrierError, LabelResult
from ..soap import SoapClient, add, child, children, envelope, find_first, text

NS = "http://www.cargonet.software"
PRODUCTION_URL = "https://e-station.cargonet.software/dpd-eprintwebservice/eprintwebservice.asmx"
TEST_URL = "https://e-station-testenv.cargonet.software/eprintwebservice/eprintwebservice.asmx"
TRACKING_LINK = "https://trace.dpd.fr/fr/trace/%s"
PRODUCTS = ("DPD_Classic", "DPD_Predict", "DPD_Relais")
#: kg per parcel
MAX_WEIGHT = 31.5
LABEL_TYPES = {"PDF": "pdf", "PDF_A6": "pdf", "ZPL": "zpl", "ZPL_A6": "zpl"}


class DpdClient(SoapClient):
    """DPD France e-station for one customer account."""

    name = "dpd_fr"
    test_url = TEST_URL
    prod_url = PRODUCTION_URL
    secret_names = SoapClient.secret_names + ("userid",)

    def __init__(
        self,
        userid,
        password,
        customer_countrycode,
        customer_centernumber,
        customer_number,
        **kwargs,
    ):
        kwargs["secrets"] = [*kwargs.get("secrets", ()), password]
        super().__init__(**kwargs)
        self.userid = userid or ""
        self.password = password or ""
        self.customer_countrycode = customer_countrycode or "250"
        self.customer_centernumber = customer_centernumber or ""
        self.customer_number = customer_number or ""

    def fault_error(self, fault, status):
        # DPD puts its own error id in detail/Error
        error = find_first(child(fault, "detail"), "Error")
        error_id = text(error, "ErrorId") if error is not None else ""
        message = (text(error, "ErrorMessage") if error is not None else "") or text(
            fault, "faultstring"
        )
        return CarrierError(message or "SOAP fault", code=error_id or text(fault, "faultcode"))

    # ------------------------------------------------------------ payloads

    def _address(self, parent, tag, address):
        block = add(parent, tag, ns=NS)
        add(block, "countryPrefix", (address.get("country") or "FR").upper(), ns=NS)
        add(block, "zipCode", (address.get("zip") or "").replace(" ", ""), ns=NS)
        add(block, "city", (address.get("city") or "")[:35], ns=NS)
        street = ", ".join(filter(None, (address.get("street"), address.get("street2"))))
        add(block, "street", street[:70], ns=NS)
        add(block, "name", (address.get("company") or address.get("name") or "")[:35], ns=NS)
        add(block, "phoneNumber", address.get("phone") or address.get("mobile") or "", ns=NS)
        return block

    def prepare_shipment(self, shipment):
        """The ``CreateShipmentWithLabelsBc`` envelope of one parcel:
        ``{"product" (DPD_Classic | DPD_Predict | DPD_Relais), "reference",
        "ship_date", "weight" (kg), "shipper", "recipient", "relay_id",
        "label_type"}``."""
        env, header, body = envelope({"car": NS})
        credentials = add(header, "UserCredentials", ns=NS)
        add(credentials, "userid", self.userid, ns=NS)
        add(credentials, "password", self.password, ns=NS)
        call = add(body, "CreateShipmentWithLabelsBc", ns=NS)
        request = add(call, "request", ns=NS)
        recipient = shipment["recipient"]
        self._address(request, "receiveraddress", recipient)
        info = add(request, "receiverinfo", ns=NS)
        if recipient.get("company") and recipient.get("name"):
            add(info, "contact", recipient["name"][:35], ns=NS)
        self._address(request, "shipperaddress", shipment["shipper"])
        add(request, "customer_countrycode", self.customer_countrycode, ns=NS)
        add(request, "customer_centernumber", self.customer_centernumber, ns=NS)
        add(request, "customer_number", self.customer_number, ns=NS)
        ship_date = shipment.get("ship_date") or date.today()
        add(request, "shippingdate", ship_date.strftime("%d/%m/%Y"), ns=NS)
        services = add(request, "services", ns=NS)
        contact = add(services, "contact", ns=NS)
        add(contact, "sms", recipient.get("mobile") or "", ns=NS)
        add(contact, "email", recipient.get("email") or "", ns=NS)
        add(contact, "type", "Predict" if shipment["product"] == "DPD_Predict" else "No", ns=NS)
        if shipment["product"] == "DPD_Relais":
            shop = add(add(services, "parcelshop", ns=NS), "shopaddress", ns=NS)
            add(shop, "shopid", shipment["relay_id"], ns=NS)
        add(request, "weight", f"{shipment['weight']:.2f}", ns=NS)
        add(request, "referencenumber", (shipment.get("reference") or "")[:35], ns=NS)
        add(request, "reference2", (shipment.get("reference2") or "")[:35], ns=NS)
        label_type = add(request, "labelType", ns=NS)
        add(label_type, "type", shipment.get("label_type") or "PDF", ns=NS)
        add(request, "refnrasbarcode", "false", ns=NS)
        return env

    # ------------------------------------------------------------ calls

    def create_label(self, shipment):
        """One parcel: a :class:`LabelResult` (the ``EPRINT`` label; the
        ``BIC3`` depot copy is not kept)."""
        root = self.post_soap(
            "", self.prepare_shipment(shipment), soap_action=f"{NS}/CreateShipmentWithLabelsBc"
        )
        result = find_first(find_first(root, "Body"), "CreateShipmentWithLabelsBcResult")
        shipments = children(child(result, "shipments"), "ShipmentBc")
        labels = children(child(result, "labels"), "Label")
        if not shipments or not labels:
            raise CarrierError("DPD France: no parcel number or label in the answer")
        number = text(child(shipments[0], "Shipment"), "BarcodeId")
        main = next((label for label in labels if text(label, "type") == "EPRINT"), labels[0])
        content = text(main, "label")
        if not number or not content:
            raise CarrierError("DPD France: no parcel number or label in the answer")
        return LabelResult(
            tracking_number=number,
            label=base64.b64decode(content),
            label_format=LABEL_TYPES.get(shipment.get("label_type") or "PDF", "pdf"),
        )
