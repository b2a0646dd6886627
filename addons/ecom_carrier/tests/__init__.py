from . import test_chronopost_client
from . import test_mondialrelay_client
from . import test_dpd_client
from . import test_chronopost
from . import test_mondialrelay
from . import test_dpd
