from . import test_shipment
