from . import test_ventilation
from . import test_payout_import
from . import test_fec
from . import test_facturx
from . import test_reports
from . import test_geography
from . import test_month
from . import test_multicompany_rpc
