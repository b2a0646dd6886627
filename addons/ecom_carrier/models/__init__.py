from . import delivery_carrier_chronopost
from . import delivery_carrier_mondialrelay
from . import delivery_carrier_dpd
