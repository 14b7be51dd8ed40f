"""One SparkSession per process: local[*] by default, any cluster URL with --master.

The executors run the same Python (`PYSPARK_PYTHON` = this interpreter unless set) and must be able to
import realpolitik and load its spaCy pipeline: on a cluster, install the package and the model on every
node (or ship a packed virtual environment with `spark.archives`).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"


def require_pyspark() -> None:
    """One line naming the extra to install when pyspark is missing (it is not in the core install)."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        from realpolitik.errors import RealpolitikError

        raise RealpolitikError("--engine spark needs pyspark: pip install 'realpolitik[spark]'") from None


def get_spark(master: str | None = None, quiet: bool = True, conf: dict[str, Any] | None = None) -> SparkSession:
    """The active session when there is one and no other master is asked for; else a new one."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    require_pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and (master is None or active.sparkContext.master == master):
        return active
    builder = (
        SparkSession.builder.master(master or os.environ.get("REALPOLITIK_SPARK_MASTER") or DEFAULT_MASTER)
        .appName("realpolitik")
        .config("spark.ui.showConsoleProgress", "false" if quiet else "true")
        .config("spark.sql.shuffle.partitions", os.environ.get("REALPOLITIK_SPARK_SHUFFLE_PARTITIONS", "8"))
        .config("spark.python.worker.reuse", "true")  # keeps the per-executor spaCy cache alive across tasks
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
    )
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
