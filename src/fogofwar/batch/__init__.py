"""Batch extraction on Ray Data (``fogofwar batch``): many articles through a pool of pipelines.

``run_batch(BatchOptions(...))`` is the job (``job.py``); the readers of its inputs, its worker
and its manifest are modules beside it. Ray and pyarrow come with ``pip install
'fogofwar[batch]'``; nothing in the language stages knows about this package.
"""

from fogofwar.batch.job import BatchOptions, BatchResult, MemorySample, run_batch

__all__ = ["BatchOptions", "BatchResult", "MemorySample", "run_batch"]
