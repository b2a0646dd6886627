from . import ecom_accounting_setup
from . import ecom_accounting_setup_line
from . import ecom_ereporting_export
from . import l10n_fr_fec_export_wizard
