"""Imports Optuna from a source checkout (OPTUNA_SRC) for the scripts that compare tunekit
with Optuna features Debian's python3-optuna (3.1) lacks. Needs Debian's python3-torch and
python3-scipy.

Debian's torch is 1.13. GPSampler enters `with torch.device("cpu")`, which needs torch 2, so
on torch 1 that one statement gets a no-op context (everything runs on the CPU anyway).
"""
import contextlib
import os
import sys
import warnings


def import_optuna():
    sys.path.insert(0, os.environ["OPTUNA_SRC"])
    warnings.filterwarnings("ignore")
    import optuna
    import torch
    from optuna.samplers._gp import sampler as gp_sampler

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    if int(torch.__version__.split(".")[0]) < 2:

        class _Torch1:
            """torch, with device() usable as a context manager."""

            def __getattr__(self, name):
                return getattr(torch, name)

            @staticmethod
            def device(*args, **kwargs):
                return contextlib.nullcontext()

        gp_sampler.torch = _Torch1()
    return optuna, torch
