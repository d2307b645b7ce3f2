/**
 * pnpm bench:samplers [--samplers tpe,random] [--problems branin,mixed7] [--seeds 10]
 *                     [--first-seed 0] [--budget N] [--json out.json] [--quiet] [--help]
 *                     [--compare qmc,random]
 * Runs samplers on benchmark problems over seeds and prints median / quartiles of the best
 * value at the budget and of the normalised area under the best-so-far curve.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatComparison } from '../compare.js';
import { problemsByName, referenceProblems } from '../problems/index.js';
import { runBenchmark } from '../runner.js';
import { samplerRegistry } from '../samplers.js';
import { formatTable } from '../table.js';

const { values: args } = parseArgs({
  options: {
    samplers: { type: 'string', default: 'random,tpe,tpe-univariate' },
    problems: { type: 'string' },
    seeds: { type: 'string', default: '10' },
    'first-seed': { type: 'string', default: '0' },
    budget: { type: 'string' },
    json: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    compare: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`pnpm bench:samplers [options]
  --samplers a,b     samplers to run (default random,tpe,tpe-univariate); known: ${Object.keys(samplerRegistry).join(', ')}
  --problems x,y     problems (default: the four of the Optuna reference table); known: ${Object.keys(problemsByName).join(', ')}
  --seeds N          number of seeds (default 10)
  --first-seed S     first seed (default 0): seeds S..S+N-1, to check a result on seeds other than 0..9
  --budget N         trials per run (default: each problem's budget)
  --json file        also write every run's values as JSON
  --quiet            no per-run progress on stderr
  --compare a,b      also ask whether sampler a is at least as good as sampler b: medians, the
                     probability that a run of a ends better, and in how many blocks of 10
                     consecutive seeds a's median is at least as good (use with many seeds)`);
  process.exit(0);
}

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
const nSeeds = Number(args.seeds);
const firstSeed = Number(args['first-seed']);
const budget = args.budget === undefined ? undefined : Number(args.budget);
if (!Number.isInteger(nSeeds) || nSeeds < 1) {
  console.error(`--seeds must be a positive integer, got ${args.seeds}`);
  process.exit(2);
}
if (!Number.isInteger(firstSeed) || firstSeed < 0) {
  console.error(`--first-seed must be an integer >= 0, got ${args['first-seed']}`);
  process.exit(2);
}
const seeds = Array.from({ length: nSeeds }, (_, i) => firstSeed + i);

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
if (args.compare !== undefined) {
  const pair = args.compare.split(',').map((x) => x.trim());
  if (pair.length !== 2 || pair.some((x) => samplers[x] === undefined)) {
    console.error(`--compare expects two of the samplers run, as a,b; got ${args.compare}`);
    process.exit(2);
  }
  console.log(`\n${formatComparison(result, pair[0], pair[1])}`);
}
if (args.json !== undefined) {
  writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwrote ${args.json}`);
}
