"""Scale-out: the same ingest on a Dask distributed cluster (``actorgraph ingest --engine dask``).

Dask is imported only when a cluster is used, so the rest of actorgraph runs without it.
"""

from actorgraph.scale.engine import ClusterError, dask_client, dask_ingest, write_mode

__all__ = ["ClusterError", "dask_client", "dask_ingest", "write_mode"]
