"""Runs one replayed study through Optuna: the driver both fixture scripts share.

Trial i reports curves[i] step by step (None = no report at that step), negated in a
maximize study so that both directions prune, and asks should_prune() after every report,
as src/test-utils.ts `replay` does on the tunekit side.
"""
import optuna


def run(pruner, curves, direction, study_name="fixture"):
    """Returns the step at which each trial was pruned (or None) and each trial's end state."""
    sign = -1.0 if direction == "maximize" else 1.0
    study = optuna.create_study(direction=direction, pruner=pruner, study_name=study_name)
    pruned_at = []

    def objective(trial):
        last = None
        for step, v in enumerate(curves[trial.number]):
            if v is None:
                continue
            last = sign * v
            trial.report(last, step)
            if trial.should_prune():
                pruned_at.append(step)
                raise optuna.TrialPruned()
        pruned_at.append(None)
        return last

    study.optimize(objective, n_trials=len(curves))
    return pruned_at, [t.state.name for t in study.get_trials(deepcopy=False)]
