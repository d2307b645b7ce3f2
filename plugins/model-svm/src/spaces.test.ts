import type { Params } from '@tunekit/search-space';
import { expect, it } from 'vitest';
import { svcSpace, svrSpace } from './spaces.js';
import { svc, svr } from './svm.js';

it('default spaces are log-scaled and every corner is accepted', () => {
  const c = svcSpace.distributions;
  for (const d of [c.C, c.gamma, svrSpace.distributions.epsilon])
    expect(d).toMatchObject({ type: 'float', log: true });
  for (const kernel of c.kernel.choices) {
    for (const k of ['low', 'high'] as const)
      expect(() => svc({ kernel, C: c.C[k], gamma: c.gamma[k] })).not.toThrow();
  }
  const r = svrSpace.distributions;
  for (const kernel of r.kernel.choices) {
    for (const k of ['low', 'high'] as const)
      expect(() =>
        svr({ kernel, C: r.C[k], gamma: r.gamma[k], epsilon: r.epsilon[k] }),
      ).not.toThrow();
  }
});

it('a configuration of the space is an options object of the factory (typed by Params<>)', () => {
  const params: Params<typeof svcSpace> = { C: 3, gamma: 0.1, kernel: 'poly' };
  expect(() => svc(params)).not.toThrow();
});
