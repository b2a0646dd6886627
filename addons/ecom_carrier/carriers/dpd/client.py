# Copyright 2026 ecom suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""DPD France e-station SOAP web service (``eprintwebservice.asmx``):
``CreateShipmentWithLabelsBc`` for DPD Classic, DPD Predict (SMS to the
customer) and DPD Relais (a Pickup shop id), one parcel per call.

Credentials travel in the ``UserCredentials`` SOAP header. Errors are SOAP
faults (HTTP 500) with ``detail/Error{ErrorId, ErrorMessage}``."""

import base64
from datetime import date

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

    carrier_name = "DPD France"
    secret_tags = ("password",)

    def __init__(
        self,
        userid,
        password,
        customer_countrycode,
        customer_centernumber,
        customer_number,
        url=PRODUCTION_URL,
        timeout=None,
        session=None,
    ):
        super().__init__(timeout=timeout, session=session)
        self.userid = userid or ""
        self.password = password or ""
        self.customer_countrycode = customer_countrycode or "250"
        self.customer_centernumber = customer_centernumber or ""
        self.customer_number = customer_number or ""
        self.url = url or PRODUCTION_URL
        self.secrets = [self.password]

    def fault_error(self, fault, status):
        # DPD puts its own error id in detail/Error
        error = find_first(child(fault, "detail"), "Error")
        error_id = text(error, "ErrorId") if error is not None else ""
        message = (text(error, "ErrorMessage") if error is not None else "") or text(
            fault, "faultstring"
        )
        if error_id == "PermissionDenied":
            user_message = _lt(
                "DPD France refused the user id or password (%(message)s). Check the DPD "
                "credentials of the carrier.",
                message=message,
            )
        elif error_id == "InvalidWeight":
            user_message = _lt(
                "DPD France refused the weight of the parcel: %(message)s", message=message
            )
        elif error_id == "InvalidCountryPrefix":
            user_message = _lt(
                "DPD France does not deliver to this country: %(message)s", message=message
            )
        else:
            user_message = _lt(
                "DPD France refused the shipment (%(code)s): %(message)s",
                code=error_id or text(fault, "faultcode"),
                message=message,
            )
        return SoapCarrierError(user_message, code=error_id, carrier_message=message)

    # ------------------------------------------------------------ checks

    def check_shipment(self, shipment):
        product = shipment["product"]
        recipient = shipment["recipient"]
        if product == "DPD_Relais" and not shipment.get("relay_id"):
            raise SoapCarrierError(_lt("DPD Relais needs the Pickup relay point id."))
        if product == "DPD_Predict" and not recipient.get("mobile"):
            raise SoapCarrierError(
                _lt(
                    "DPD Predict needs the customer's mobile phone (the delivery slot is "
                    "sent by SMS)."
                )
            )
        weight = shipment.get("weight") or 0.0
        if weight <= 0:
            raise SoapCarrierError(_lt("DPD France needs the weight of the parcel."))
        if weight > MAX_WEIGHT:
            raise SoapCarrierError(
                _lt(
                    "The parcel weighs %(weight)s kg, over the %(limit)s kg DPD France accepts.",
                    weight=weight,
                    limit=MAX_WEIGHT,
                )
            )

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

    def create_shipment(self, shipment):
        """One parcel: ``{"tracking_number", "label" (bytes), "label_format"}``."""
        self.check_shipment(shipment)
        root = self.post(
            self.url,
            self.prepare_shipment(shipment),
            soap_action=f"{NS}/CreateShipmentWithLabelsBc",
        )
        result = find_first(find_first(root, "Body"), "CreateShipmentWithLabelsBcResult")
        shipments = children(child(result, "shipments"), "ShipmentBc")
        labels = children(child(result, "labels"), "Label")
        if not shipments or not labels:
            raise SoapCarrierError(
                _lt("DPD France returned no parcel number or label; nothing was recorded.")
            )
        parcel = child(shipments[0], "Shipment")
        number = text(parcel, "BarcodeId")
        # the shipping label is the EPRINT one; BIC3 is the depot copy
        main = next((label for label in labels if text(label, "type") == "EPRINT"), labels[0])
        content = text(main, "label")
        if not number or not content:
            raise SoapCarrierError(
                _lt("DPD France returned no parcel number or label; nothing was recorded.")
            )
        return {
            "tracking_number": number,
            "label": base64.b64decode(content),
            "label_format": LABEL_TYPES.get(shipment.get("label_type") or "PDF", "pdf"),
        }
