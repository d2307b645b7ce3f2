"""Randomized reference pruning decisions from Optuna 3.1 (Debian's /usr/bin/python3).

Run from packages/pruners:
  /usr/bin/python3 scripts/optuna-random-fixtures.py > src/fixtures/optuna-3.1-random.json

Like scripts/optuna-fixtures.py, each scenario runs a sequential study (named by its
"studyName") whose trial i reports curves[i] step by step (null = no report at that step),
calls should_prune() after every report, and records the step at which Optuna pruned it
(or null) and the state the trial ended in. Here the scenarios, the curves and the pruner
options are drawn at random from a fixed numpy seed.

To keep the JSON small, a curve holds integers: the value is k / scale ("scale" per scenario;
a coarse scale makes ties common); "NaN", "Infinity" and "-Infinity" stand for themselves.
Maximize scenarios report the negated value (-k / scale), as in optuna-fixtures.py.
"""
import json
import math
import warnings

import numpy as np
import optuna
from optuna_replay import run

optuna.logging.set_verbosity(optuna.logging.ERROR)
# nanpercentile/nanmin of all-NaN slices, the experimental PatientPruner, NaN objective values.
warnings.filterwarnings("ignore")

SEED = 20240531
N_SCENARIOS = {
    "median": 50,
    "percentile": 60,
    "sha": 90,
    "hyperband": 70,
    "threshold": 30,
    "patient": 50,
}

rs = np.random.RandomState(SEED)


def choice(options, p=None):
    return options[rs.choice(len(options), p=p)]


# ---------------------------------------------------------------------------------------------
# Curves


def draw_curve_style():
    """Per-scenario settings shared by the trials' curves."""
    return {
        "scale": choice([1000, 100, 10], p=[0.6, 0.25, 0.15]),
        "noise": choice([0.0, 0.01, 0.05, 0.2]),
        # Share of the values that are NaN, and the chance that a trial reports only NaN.
        "nan_rate": choice([0.0, 0.02, 0.1], p=[0.6, 0.25, 0.15]),
        "all_nan": choice([0.0, 0.08], p=[0.7, 0.3]),
        # Share of the values that are +-infinity.
        "inf_rate": choice([0.0, 0.02], p=[0.85, 0.15]),
        # Share of the steps a sparse trial skips, and the chance that a trial is sparse.
        "skip_rate": choice([0.0, 0.25, 0.6], p=[0.5, 0.3, 0.2]),
        "sparse": choice([0.3, 1.0]),
        # Chance that a trial drifts upwards (gets worse) after a while (PatientPruner).
        "drift": choice([0.0, 0.3]),
    }


def draw_curve(style, length, rung_steps=None):
    """One trial's curve: a noisy exponential decay, in integer units of 1 / scale.

    rung_steps (successive halving and Hyperband): the steps at which rungs are reached.
    """
    final = rs.uniform(0.0, 1.0)
    start = final + rs.uniform(0.2, 2.0)
    tau = rs.uniform(1.0, max(length / 3.0, 1.5))
    slope = rs.uniform(0.0, 0.05) if rs.uniform() < style["drift"] else 0.0
    noise = rs.normal(0.0, style["noise"], size=length) if style["noise"] > 0 else [0.0] * length
    all_nan = rs.uniform() < style["all_nan"]
    sparse = style["skip_rate"] > 0 and rs.uniform() < style["sparse"]
    values, skipped = [], []
    for s in range(length):
        v = final + (start - final) * math.exp(-s / tau) + slope * s + noise[s]
        nan = all_nan or rs.uniform() < style["nan_rate"]
        if nan:
            values.append("NaN")
        elif rs.uniform() < style["inf_rate"]:
            values.append(choice(["Infinity", "-Infinity"]))
        else:
            values.append(int(round(v * style["scale"])))
        skipped.append(not nan and sparse and rs.uniform() < style["skip_rate"])
    if all(skipped):
        # Every trial reports at least once (Optuna fails a trial whose objective returns None).
        skipped[-1] = False
    if rung_steps is not None:
        # Excluded on purpose: a report that reaches two or more new rungs at once. When such a
        # trial is pruned there, Optuna has stored its value at every rung it passed up to the
        # failing one, while tunekit, re-deriving rungs from the intermediate values (no stored
        # attrs, as in `replay`), counts the first of them only. packages/pruners/README.md
        # documents this ("Differences from Optuna"); with stored rung attrs (tunekit's runtime)
        # the decisions agree. Here the skipped rung steps in between are reported instead.
        previous = -1
        for s in range(length):
            if skipped[s]:
                continue
            between = [r for r in rung_steps if previous < r <= s]
            for r in between[:-1]:
                skipped[r] = False
            previous = s
    return [None if skip else v for v, skip in zip(values, skipped)]


def rung_steps_of(min_resource, reduction_factor, max_step=500):
    """The steps min_resource * reduction_factor^k (k >= 0) up to max_step."""
    steps, r = [], min_resource
    while r <= max_step:
        steps.append(r)
        r *= reduction_factor
    return steps


def draw_curves(style, n_trials, base_length, first_length=None, rung_steps=None, auto_sha=None):
    """n_trials curves; auto_sha: the reduction factor, when successive halving has minResource
    'auto' (the rung steps are then known once a trial completes)."""
    curves = []
    for i in range(n_trials):
        if i == 0 and first_length is not None:
            length = first_length
        elif rs.uniform() < 0.5:
            length = base_length
        else:
            length = rs.randint(1, base_length + 1)
        curve = draw_curve(style, length, rung_steps)
        curves.append(curve)
        if auto_sha is not None and rung_steps is None:
            # Nothing is pruned before a trial completed, so the first trial whose last report
            # is not NaN completes (Optuna fails the others) and alone sets the 'auto' minimum
            # resource: a hundredth of its last step, at least 1. The rung steps follow from it.
            last = max(s for s, v in enumerate(curve) if v is not None)
            if curve[last] != "NaN":
                rung_steps = rung_steps_of(max(last // 100, 1), auto_sha)
    return curves


def value_of(k, scale):
    if isinstance(k, str):
        return float(k)
    return k / scale


# ---------------------------------------------------------------------------------------------
# Pruners: options use tunekit's names; optuna_pruner builds Optuna's equivalent.


def optuna_pruner(kind, o):
    P = optuna.pruners
    if kind in ("median", "percentile"):
        common = dict(
            n_startup_trials=o.get("nStartupTrials", 5),
            n_warmup_steps=o.get("nWarmupSteps", 0),
            interval_steps=o.get("intervalSteps", 1),
            n_min_trials=o.get("nMinTrials", 1),
        )
        if kind == "median":
            return P.MedianPruner(**common)
        return P.PercentilePruner(o["percentile"], **common)
    if kind == "sha":
        return P.SuccessiveHalvingPruner(
            min_resource=o.get("minResource", "auto"),
            reduction_factor=o.get("reductionFactor", 4),
            min_early_stopping_rate=o.get("minEarlyStoppingRate", 0),
            bootstrap_count=o.get("bootstrapCount", 0),
        )
    if kind == "hyperband":
        return P.HyperbandPruner(
            min_resource=o.get("minResource", 1),
            max_resource=o.get("maxResource", "auto"),
            reduction_factor=o.get("reductionFactor", 3),
            bootstrap_count=o.get("bootstrapCount", 0),
        )
    if kind == "threshold":
        return P.ThresholdPruner(
            lower=o.get("lower"),
            upper=o.get("upper"),
            n_warmup_steps=o.get("nWarmupSteps", 0),
            interval_steps=o.get("intervalSteps", 1),
        )
    if kind == "patient":
        return P.PatientPruner(
            optuna_pruner("median", o["wrapped"]),
            patience=o["patience"],
            min_delta=o.get("minDelta", 0.0),
        )
    raise ValueError(kind)


def maybe(options, key, value, p=0.7):
    """Sets an option with probability p, else leaves it at its default."""
    if rs.uniform() < p:
        options[key] = value


def percentile_options(with_percentile):
    o = {}
    if with_percentile:
        o["percentile"] = choice(
            [0.0, 25.0, 50.0, 75.0, 100.0, float(round(rs.uniform(0, 100), 3))],
            p=[0.08, 0.12, 0.1, 0.12, 0.08, 0.5],
        )
    maybe(o, "nStartupTrials", int(rs.randint(0, 7)))
    maybe(o, "nWarmupSteps", int(choice([0, 0, 1, 2, 3, 5, 8])))
    maybe(o, "intervalSteps", int(choice([1, 1, 2, 3, 5])))
    maybe(o, "nMinTrials", int(rs.randint(1, 5)), p=0.5)
    return o


def scenario_percentile(with_percentile):
    """Median (with_percentile False) or Percentile."""
    style = draw_curve_style()
    curves = draw_curves(style, rs.randint(3, 26), rs.randint(1, 30))
    return percentile_options(with_percentile), style, curves


def scenario_sha():
    style = draw_curve_style()
    o = {}
    first_length = None
    if rs.uniform() < 0.4:
        # 'auto': a hundredth of the first COMPLETE trial's last step, at least 1. That is
        # trial 0 unless its last value is NaN, so a long trial 0 usually makes it above 1.
        o["minResource"] = "auto"
        if rs.uniform() < 0.6:
            first_length = int(rs.randint(100, 450))
    else:
        o["minResource"] = int(choice([1, 1, 2, 3, 4, 6]))
        maybe(o, "bootstrapCount", int(rs.randint(0, 4)), p=0.3)
    maybe(o, "reductionFactor", int(rs.randint(2, 6)))
    maybe(o, "minEarlyStoppingRate", int(choice([0, 1, 2])), p=0.4)
    eta = o.get("reductionFactor", 4)
    if o["minResource"] == "auto":
        curves = draw_curves(style, rs.randint(3, 31), rs.randint(1, 40), first_length, None, eta)
    else:
        rungs = rung_steps_of(o["minResource"], eta)
        curves = draw_curves(style, rs.randint(3, 31), rs.randint(1, 40), first_length, rungs)
    return o, style, curves


def scenario_hyperband():
    style = draw_curve_style()
    o = {}
    maybe(o, "minResource", int(choice([1, 1, 2, 3, 4])))
    maybe(o, "reductionFactor", int(rs.randint(2, 5)))
    base_length = int(rs.randint(2, 45))
    first_length = None
    if rs.uniform() < 0.6:
        o["maxResource"] = int(max(o.get("minResource", 1), rs.randint(1, 61)))
        maybe(o, "bootstrapCount", int(rs.randint(0, 3)), p=0.25)
    elif rs.uniform() < 0.5:
        # 'auto' (the default): trial 0's last step + 1.
        first_length = base_length
    # Bracket b's rungs are min_resource * eta^(b + r): all of them lie on these steps.
    rungs = rung_steps_of(o.get("minResource", 1), o.get("reductionFactor", 3))
    curves = draw_curves(style, rs.randint(10, 61), base_length, first_length, rungs)
    return o, style, curves


def scenario_threshold(sign):
    style = draw_curve_style()
    curves = draw_curves(style, rs.randint(2, 10), rs.randint(1, 30))
    o = {}
    finite = sorted(sign * k for c in curves for k in c if isinstance(k, int))
    scale = style["scale"]
    if finite:
        lo, hi = finite[0], finite[-1]
    else:
        lo, hi = -scale, scale
    which = choice(["lower", "upper", "both"])
    a, b = sorted(int(x) for x in rs.randint(lo - 2, hi + 3, size=2))
    if which in ("lower", "both"):
        o["lower"] = a / scale
    if which in ("upper", "both"):
        o["upper"] = b / scale
    maybe(o, "nWarmupSteps", int(choice([0, 1, 2, 3, 5])))
    maybe(o, "intervalSteps", int(choice([1, 2, 3, 4])))
    return o, style, curves


def scenario_patient():
    style = draw_curve_style()
    style["drift"] = choice([0.3, 0.7])
    o = {"patience": int(rs.randint(0, 5)), "wrapped": percentile_options(False)}
    if rs.uniform() < 0.5:
        o["minDelta"] = int(rs.randint(0, 20)) / style["scale"]
    curves = draw_curves(style, rs.randint(3, 26), rs.randint(1, 30))
    return o, style, curves


scenarios = []
for kind, count in N_SCENARIOS.items():
    for i in range(count):
        direction = choice(["minimize", "maximize"])
        sign = -1 if direction == "maximize" else 1
        if kind in ("median", "percentile"):
            options, style, curves = scenario_percentile(kind == "percentile")
        elif kind == "sha":
            options, style, curves = scenario_sha()
        elif kind == "hyperband":
            options, style, curves = scenario_hyperband()
        elif kind == "threshold":
            options, style, curves = scenario_threshold(sign)
        else:
            options, style, curves = scenario_patient()
        # Hyperband's brackets depend on the study name: vary it there.
        study_name = f"fixture-{i}" if kind == "hyperband" else "fixture"
        values = [[None if k is None else value_of(k, style["scale"]) for k in c] for c in curves]
        pruned_at, states = run(optuna_pruner(kind, options), values, direction, study_name)
        scenarios.append(
            {
                "name": f"{kind}-{i}",
                "pruner": kind,
                "options": options,
                "direction": direction,
                "studyName": study_name,
                "scale": style["scale"],
                "curves": curves,
                "prunedAt": pruned_at,
                "states": states,
            }
        )

print(
    json.dumps(
        {
            "producedBy": "scripts/optuna-random-fixtures.py with Optuna "
            + optuna.__version__
            + ", numpy "
            + np.__version__
            + ", seed "
            + str(SEED),
            "scenarios": scenarios,
        },
        separators=(",", ":"),
    )
)
