/**
 * pnpm bench:samplers [--samplers tpe,random] [--problems branin,mixed7] [--seeds 10]
 *                     [--budget N] [--json out.json]
 * Runs samplers on benchmark problems over seeds and prints median / quartiles of the best
 * value at the budget and of the normalised area under the best-so-far curve.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { problemsByName, referenceProblems } from '../problems/index.js';
import { runBenchmark } from '../runner.js';
import { samplerRegistry } from '../samplers.js';
import { formatTable } from '../table.js';

const { values: args } = parseArgs({
  options: {
    samplers: { type: 'string', default: 'random,tpe,tpe-univariate' },
    problems: { type: 'string' },
    seeds: { type: 'string', default: '10' },
    budget: { type: 'string' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

function pick<T>(list: string, known: Readonly<Record<string, T>>, what: string): [string, T][] {
  return list.split(',').map((name) => {
    const v = known[name.trim()];
    if (v === undefined) {
      console.error(`unknown ${what} "${name}"; known: ${Object.keys(known).join(', ')}`);
      process.exit(2);
    }
    return [name.trim(), v];
  });
}

const samplers = Object.fromEntries(pick(args.samplers, samplerRegistry, 'sampler'));
const problems =
  args.problems === undefined
    ? referenceProblems
    : pick(args.problems, problemsByName, 'problem').map((e) => e[1]);
const seeds = Number(args.seeds);
const budget = args.budget === undefined ? undefined : Number(args.budget);
if (!Number.isInteger(seeds) || seeds < 1) {
  console.error(`--seeds must be a positive integer, got ${args.seeds}`);
  process.exit(2);
}

const result = await runBenchmark({
  samplers,
  problems,
  seeds,
  budget,
  onRun: (r) => {
    if (!args.quiet)
      process.stderr.write(
        `${r.problem} ${r.sampler} seed ${r.seed}: best ${r.best.toPrecision(5)} (${r.elapsedMs.toFixed(0)} ms)\n`,
      );
  },
});
console.log(formatTable(result));
if (args.json !== undefined) {
  writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${args.json}`);
}
