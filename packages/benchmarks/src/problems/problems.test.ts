import { describe, expect, it } from 'vitest';
import { ackley, ackley5 } from './ackley.js';
import { branin } from './branin.js';
import { hartmann6 } from './hartmann6.js';
import { problemsByName, referenceProblems } from './index.js';
import { levy, levy5 } from './levy.js';
import { mixed7 } from './mixed7.js';
import type { AnyProblem } from './problem.js';
import { rosenbrock, rosenbrock5 } from './rosenbrock.js';
import { STYBLINSKI_TANG_ARGMIN, styblinskiTang, styblinskiTang5 } from './styblinski-tang.js';

const all = [
  branin,
  hartmann6,
  rosenbrock5,
  mixed7,
  ackley5,
  styblinskiTang5,
  levy5,
] as unknown as AnyProblem[];

describe('benchmark problems: the known optimum at the known argmin', () => {
  it('branin: 0.397887 at all three minima', () => {
    for (const [x0, x1] of [
      [-Math.PI, 12.275],
      [Math.PI, 2.275],
      [9.42478, 2.475],
    ]) {
      expect(branin.objective({ x0, x1 })).toBeCloseTo(0.397887, 5);
    }
    expect(branin.objective({ x0: 0, x1: 0 })).toBeCloseTo(55.6021, 3); // (−6)² + 10(1 − 1/(8π))cos 0 + 10
  });
  it('hartmann6: -3.32237 at the published argmin', () => {
    expect(hartmann6.objective(hartmann6.argOptimum!)).toBeCloseTo(-3.32237, 5);
  });
  it('rosenbrock: 0 at ones, 100·(x1 − x0²)² + (1 − x0)² by hand', () => {
    expect(rosenbrock5.objective(rosenbrock5.argOptimum!)).toBe(0);
    expect(rosenbrock(2).objective({ x0: 0, x1: 1 })).toBe(101);
  });
  it('ackley: 0 at the origin', () => {
    expect(ackley5.objective(ackley5.argOptimum!)).toBeCloseTo(0, 12);
    // One coordinate at 1 (cos 2π = 1): −20·exp(−0.2·sqrt(1/2)) − e + 20 + e.
    expect(ackley(2).objective({ x0: 1, x1: 0 })).toBeCloseTo(
      20 - 20 * Math.exp(-0.2 * Math.sqrt(0.5)),
      12,
    );
  });
  it('styblinski-tang: -39.16617·n at x = -2.903534', () => {
    expect(4 * STYBLINSKI_TANG_ARGMIN ** 3 - 32 * STYBLINSKI_TANG_ARGMIN + 5).toBeCloseTo(0, 10);
    expect(styblinskiTang5.objective(styblinskiTang5.argOptimum!)).toBeCloseTo(
      -39.16616570377142 * 5,
      9,
    );
    expect(styblinskiTang(1).objective({ x0: 0 })).toBe(0);
  });
  it('levy: 0 at ones', () => {
    expect(levy5.objective(levy5.argOptimum!)).toBeCloseTo(0, 12);
    // x = (−3): w = 0, f = sin²(0) + (0 − 1)²(1 + sin²(0)) = 1.
    expect(levy(1).objective({ x0: -3 })).toBeCloseTo(1, 12);
  });
  it('mixed7: 0 at adam, lr 1e-3, relu, 4 layers, 256 units, dropout 0.3, wd 1e-4', () => {
    expect(mixed7.objective(mixed7.argOptimum!)).toBeCloseTo(0, 12);
    // sgd at its best lr pays only its penalty 0.1; sigmoid adds 0.8.
    expect(
      mixed7.objective({
        ...mixed7.argOptimum!,
        optimizer: 'sgd',
        lr: 10 ** -1.5,
        activation: 'sigmoid',
      }),
    ).toBeCloseTo(0.9, 12);
  });
  it('every problem: the argmin is in its space and nothing random beats the optimum', () => {
    for (const p of all) {
      for (const name of p.space.names) expect(p.argOptimum).toHaveProperty(name);
      expect(p.direction).toBe('minimize');
    }
    expect(referenceProblems.map((p) => [p.name, p.budget])).toEqual([
      ['branin', 60],
      ['hartmann6', 100],
      ['rosenbrock5', 150],
      ['mixed7', 150],
    ]);
    expect(Object.keys(problemsByName).sort()).toEqual([
      'ackley5',
      'branin',
      'hartmann6',
      'levy5',
      'mixed7',
      'rosenbrock5',
      'styblinski-tang5',
    ]);
  });
  it('factories reject bad dimensions', () => {
    expect(() => rosenbrock(1)).toThrow(/n must be an integer >= 2/);
    expect(() => levy(0)).toThrow(RangeError);
  });
});
