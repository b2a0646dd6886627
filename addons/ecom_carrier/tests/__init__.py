from . import test_chronopost_client
from . import test_mondialrelay_client
from . import test_dpd_client
