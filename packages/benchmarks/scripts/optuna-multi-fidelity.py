"""The multi-fidelity benchmark (src/bench/multi-fidelity.ts) asked of Optuna 3.1 itself: TPE with
200 trials on the same synthetic learning-curve problem, without pruning and with Optuna's
pruners, so that the pruners README can say whether the issue's goal (a best value within 1% of
no pruning with at most a third of the resource) is a property of the problem or of tunekit.

Figures for the README only; nothing in the test suite reads them.
Run with Debian's python3-optuna (two worker processes; about 35 minutes for 240 seeds):
  /usr/bin/python3 scripts/optuna-multi-fidelity.py 240 [--ranges 0..79,80..239] [--json out.json]
  /usr/bin/python3 scripts/optuna-multi-fidelity.py --from out.json [--ranges ...]
The second form prints the tables again from a saved run without running the studies.
With an Optuna source checkout on PYTHONPATH, the same commands measure that Optuna instead
(the pruners README has a column for 5.0.0.dev).
`--noise SD` and `--fixed-tau T` change the problem as the TypeScript benchmark's options of
the same names do (`LearningCurveOptions`; diagnosis only), and are recorded in each run.
`--compare tunekit.json` (a file written by `pnpm bench:pruners --json`) adds, per setting, the
difference of medians tunekit minus Optuna, with a 95% bootstrap interval (the two sets of
runs resampled independently), of the gap, the share and the gap at a third.

The problem is the one of src/problems/learning-curve.ts, written again here from its
formulas: the same search space, final values, time constants and noise level. The noise draws
differ (NumPy's generator seeded by seed * 100003 + trial number, where tunekit uses its own
generator), so the figures are comparable over seeds, not seed by seed. The sampler is Optuna's
default TPESampler (univariate); its counterpart in the TypeScript benchmark is
`--sampler tpe-univariate`, not tunekit's default (multivariate) TPE. The printed table
has the TypeScript benchmark's columns: per pruner, the median over seeds of the best noise-free
final loss among the COMPLETE trials; its gap to no pruning on the same seed (median, a 95%
bootstrap interval of that median, the largest); the share of 200 x 100 steps spent; and the gap
of the best trial completed by the time a third of the resource had been spent (reading B).
"""
import argparse
import json
import math
import sys
from multiprocessing import Pool

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)

MAX_STEPS = 100
N_TRIALS = 200
DEFAULT_NOISE = 0.01


def final_value(p):
    lr = (math.log10(p["lr"]) + 2) ** 2 * 0.06
    width = (math.log2(p["width"]) - 7) ** 2 * 0.012
    dropout = (p["dropout"] - 0.25) ** 2 * 0.8
    momentum = (p["momentum"] - 0.9) ** 2 * 0.4
    inter = 0.05 * max(0.0, math.log2(p["width"]) - 7) * max(0.0, 0.3 - p["dropout"])
    return 0.1 + lr + width + dropout + momentum + inter


def tau(p):
    t = 6 * (1e-2 / p["lr"]) ** 0.15 * (1.3 - 0.5 * p["momentum"])
    return min(40.0, max(2.0, t))


def make_expected(fixed_tau):
    """The noise-free loss after `step`, with one time constant for all when fixed_tau is set."""
    tau_of = tau if fixed_tau is None else lambda _p: fixed_tau
    return lambda p, step: final_value(p) + math.exp(-(step + 1) / tau_of(p))


def problem_of(run):
    """(noise, fixedTau) of a saved run; runs saved before these options existed used the defaults."""
    return run.get("noise", DEFAULT_NOISE), run.get("fixedTau")


def one_problem(runs, what):
    """The (noise, fixedTau) all runs share; exits naming `what` if they measured different problems."""
    problems = {problem_of(r) for r in runs}
    if len(problems) > 1:
        sys.exit(f"{what} measured different problems (noise, fixedTau): {sorted(problems, key=str)}")
    return problems.pop()


# The same settings, under the same names, as the TypeScript benchmark's prunerFactories.
PRUNERS = {
    "none": lambda: optuna.pruners.NopPruner(),
    "median": lambda: optuna.pruners.MedianPruner(),
    "asha": lambda: optuna.pruners.SuccessiveHalvingPruner(),
    "asha-r4-eta3": lambda: optuna.pruners.SuccessiveHalvingPruner(min_resource=4, reduction_factor=3),
    "asha-r4-eta3-mesr1": lambda: optuna.pruners.SuccessiveHalvingPruner(
        min_resource=4, reduction_factor=3, min_early_stopping_rate=1
    ),
    "asha-r6-eta3": lambda: optuna.pruners.SuccessiveHalvingPruner(min_resource=6, reduction_factor=3),
    "hyperband": lambda: optuna.pruners.HyperbandPruner(),
}


def run_once(job):
    pruner_name, seed, noise_sd, fixed_tau = job
    expected = make_expected(fixed_tau)
    study = optuna.create_study(
        study_name=f"multi-fidelity-{seed}",
        direction="minimize",
        sampler=optuna.samplers.TPESampler(seed=seed),
        pruner=PRUNERS[pruner_name](),
    )
    state = {"steps": 0, "best_at_third": math.inf}
    third = N_TRIALS * MAX_STEPS / 3

    def objective(trial):
        p = {
            "lr": trial.suggest_float("lr", 1e-4, 1, log=True),
            "width": trial.suggest_int("width", 16, 512, log=True),
            "dropout": trial.suggest_float("dropout", 0, 0.6),
            "momentum": trial.suggest_float("momentum", 0, 0.99),
        }
        rng = np.random.default_rng(seed * 100_003 + trial.number)
        noise = rng.standard_normal(MAX_STEPS) * noise_sd
        value = math.nan
        for step in range(MAX_STEPS):
            state["steps"] += 1
            value = expected(p, step) + noise[step]
            trial.report(value, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return value

    def at_third(_study, trial):
        # Trials run one at a time, so the counter holds every step run so far.
        if trial.state == optuna.trial.TrialState.COMPLETE and state["steps"] <= third:
            state["best_at_third"] = min(state["best_at_third"], expected(trial.params, MAX_STEPS - 1))

    study.optimize(objective, n_trials=N_TRIALS, callbacks=[at_third])
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    return {
        "pruner": pruner_name,
        "seed": seed,
        "bestFinal": min(expected(t.params, MAX_STEPS - 1) for t in complete),
        "pickedFinal": expected(study.best_trial.params, MAX_STEPS - 1),
        "bestFinalAtThird": state["best_at_third"],
        "steps": state["steps"],
        "complete": len(complete),
        "pruned": sum(t.state == optuna.trial.TrialState.PRUNED for t in study.trials),
        "noise": noise_sd,
        "fixedTau": fixed_tau,
    }


def resampled_medians(values, rng, resamples=2000):
    """The medians of `resamples` bootstrap resamples of values."""
    arr = np.asarray(values)
    return np.median(rng.choice(arr, size=(resamples, len(arr)), replace=True), axis=1)


def bootstrap_median(values):
    """95% percentile-bootstrap interval of the median (fixed seed: reproducible tables)."""
    medians = resampled_medians(values, np.random.default_rng(12345))
    return np.quantile(medians, 0.025), np.quantile(medians, 0.975)


def pct(v):
    return f"{100 * v:.2f}%"


def table(runs, seeds):
    """One markdown table over the given seeds; seeds without a no-pruning run are left out."""
    present = sorted({r["seed"] for r in runs if r["pruner"] == "none" and r["seed"] in seeds})
    runs = [r for r in runs if r["seed"] in present]
    if not runs:
        return f"no complete run for seeds {min(seeds)}..{max(seeds)}"
    relative = gaps_by_pruner(runs)
    noise_sd, fixed_tau = one_problem(runs, "the runs of one table")
    problem = f"noise {noise_sd:g}" + ("" if fixed_tau is None else f", fixed tau {fixed_tau:g}")
    lines = [
        f"Optuna {optuna.__version__}, TPESampler, {N_TRIALS} trials, {problem}, "
        f"seeds {present[0]}..{present[-1]} ({len(present)})",
        "",
        "| pruner | best final loss, median (min / max) | gap to no pruning: median [95% CI] (max) | final loss of the picked trial, median | share of full resource, median (max) | pruned trials, median | gap when a third was spent: median [95% CI] (max) |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]

    def describe(gaps):
        lo, hi = bootstrap_median(gaps)
        return f"{pct(np.median(gaps))} [{pct(lo)}, {pct(hi)}] ({pct(max(gaps))})"

    for name in PRUNERS:
        rs = [r for r in runs if r["pruner"] == name]
        if not rs:
            continue
        best = [r["bestFinal"] for r in rs]
        gaps, share, third = relative[name]
        lines.append(
            f"| {name} | {np.median(best):.4g} ({min(best):.4g} / {max(best):.4g}) | "
            f"{'0' if name == 'none' else describe(gaps)} | "
            f"{np.median([r['pickedFinal'] for r in rs]):.4g} | {np.median(share):.3f} ({max(share):.3f}) | "
            f"{np.median([r['pruned'] for r in rs]):g} | {describe(third)} |"
        )
    return "\n".join(lines)


def gaps_by_pruner(runs):
    """pruner -> (gaps, shares, gaps at a third), each relative to no pruning on the same seed."""
    base = {r["seed"]: r["bestFinal"] for r in runs if r["pruner"] == "none"}
    out = {}
    for r in runs:
        b = base.get(r["seed"])
        if b is None:
            continue
        g, sh, th = out.setdefault(r["pruner"], ([], [], []))
        g.append((r["bestFinal"] - b) / b)
        sh.append(r["steps"] / (N_TRIALS * MAX_STEPS))
        th.append((r["bestFinalAtThird"] - b) / b)
    return out


def bootstrap_difference(a, b):
    """Median of a minus median of b, and a 95% percentile interval (independent resamples)."""
    rng = np.random.default_rng(12345)
    d = resampled_medians(a, rng) - resampled_medians(b, rng)
    return np.median(a) - np.median(b), np.quantile(d, 0.025), np.quantile(d, 0.975)


def comparison(tunekit_runs, optuna_runs):
    one_problem(tunekit_runs + optuna_runs, "--compare: the two files")
    seeds = {r["seed"] for r in optuna_runs} & {r["seed"] for r in tunekit_runs}
    tk = gaps_by_pruner([r for r in tunekit_runs if r["seed"] in seeds])
    op = gaps_by_pruner([r for r in optuna_runs if r["seed"] in seeds])
    lines = [
        f"tunekit minus Optuna, difference of medians [95% CI], seeds in both files ({len(seeds)})",
        "",
        "| pruner | gap (points) | share | gap at a third (points) |",
        "| --- | --- | --- | --- |",
    ]
    for name in PRUNERS:
        if name not in tk or name not in op:
            continue
        cells = []
        for i, scale in ((0, 100), (1, 1), (2, 100)):
            d, lo, hi = bootstrap_difference(tk[name][i], op[name][i])
            digits = 2 if scale == 100 else 3
            cells.append(f"{scale * d:+.{digits}f} [{scale * lo:+.{digits}f}, {scale * hi:+.{digits}f}]")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def seed_range(text):
    """"0..79" -> range(0, 80)."""
    lo, sep, hi = text.partition("..")
    if not sep or not lo.isdigit() or not hi.isdigit() or int(hi) < int(lo):
        raise argparse.ArgumentTypeError(f"expected a..b with a <= b, got {text!r}")
    return range(int(lo), int(hi) + 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="?", type=int, default=10, help="run seeds 0..N-1 (default 10)")
    parser.add_argument("--from", dest="saved", help="print the tables of a saved --json file instead")
    parser.add_argument("--json", help="write every run to this file")
    parser.add_argument("--compare", help="a `pnpm bench:pruners --json` file: tunekit minus Optuna")
    parser.add_argument(
        "--ranges",
        type=lambda text: [seed_range(part) for part in text.split(",")],
        default=[],
        help="one table per seed range, e.g. 0..79,80..239, then one for all seeds",
    )
    parser.add_argument("--noise", type=float, help=f"noise sd per step (default {DEFAULT_NOISE})")
    parser.add_argument("--fixed-tau", type=float, help="one time constant for every configuration")
    args = parser.parse_args()
    if args.saved is not None and (args.noise is not None or args.fixed_tau is not None):
        parser.error("--noise and --fixed-tau describe a run to make; a --from file records its own")
    noise_sd = DEFAULT_NOISE if args.noise is None else args.noise
    if not (math.isfinite(noise_sd) and noise_sd >= 0):
        parser.error(f"--noise must be a finite number >= 0, got {noise_sd}")
    if args.fixed_tau is not None and not (math.isfinite(args.fixed_tau) and args.fixed_tau > 0):
        parser.error(f"--fixed-tau must be a finite number > 0, got {args.fixed_tau}")
    if args.saved is not None:
        with open(args.saved) as f:
            runs = json.load(f)
        one_problem(runs, f"--from: the runs of {args.saved}")
    else:
        jobs = [(name, seed, noise_sd, args.fixed_tau) for seed in range(args.seeds) for name in PRUNERS]
        with Pool(2) as pool:
            runs = []
            for r in pool.imap_unordered(run_once, jobs):
                runs.append(r)
                print(f"seed {r['seed']} {r['pruner']}: best {r['bestFinal']:.4g} steps {r['steps']}", file=sys.stderr)
        runs.sort(key=lambda r: (r["seed"], list(PRUNERS).index(r["pruner"])))
        if args.json is not None:
            with open(args.json, "w") as f:
                json.dump(runs, f, indent=2)
    tables = [table(runs, set(r)) for r in args.ranges]
    if len(args.ranges) != 1:
        tables.append(table(runs, {r["seed"] for r in runs}))
    if args.compare is not None:
        with open(args.compare) as f:
            tables.append(comparison(json.load(f), runs))
    print("\n\n".join(tables))


if __name__ == "__main__":
    main()
