from .base import TransportError, TransportRetryableError
from .folder import FolderTransport
from .sftp import SftpTransport
