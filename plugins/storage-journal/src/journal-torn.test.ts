import {
  appendFileSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { float } from '@tunekit/search-space';
import { afterAll, describe, expect, it } from 'vitest';
import { JournalStorage } from './journal-storage.js';

const dir = mkdtempSync(join(tmpdir(), 'tunekit-journal-torn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('JournalStorage and a writer killed mid-line', () => {
  it('at every byte of the line: loses nothing earlier, appends intact lines after, replays alike', async () => {
    const base = join(dir, 'base.jsonl');
    const a = new JournalStorage(base);
    const id = await a.createStudy('s "ü', ['minimize']);
    const t0 = await a.createTrial(id);
    await a.setTrialParam(t0.trialId, 'x', 0.5, float(0, 1));
    await a.close();
    const intact = readFileSync(base);
    // The line the killed writer was appending (non-ASCII, so some cuts split a character).
    const full = join(dir, 'full.jsonl');
    copyFileSync(base, full);
    const w = new JournalStorage(full);
    await w.setTrialUserAttr(t0.trialId, 'k', 'väl"ue');
    await w.close();
    const line = readFileSync(full).subarray(intact.length);
    expect(line.at(-1)).toBe(0x0a);

    for (let cut = 1; cut < line.length; cut++) {
      const path = join(dir, `cut${cut}.jsonl`);
      writeFileSync(path, intact);
      appendFileSync(path, line.subarray(0, cut));
      const s = new JournalStorage(path);
      const before = await s.getAllTrials(id);
      expect(before.map((t) => [t.number, t.params])).toEqual([[0, { x: 0.5 }]]);
      const t1 = await s.createTrial(id);
      await s.setTrialUserAttr(t1.trialId, 'z', 1);
      await s.close();
      const r1 = new JournalStorage(path);
      const r2 = new JournalStorage(path);
      const trials = await r1.getAllTrials(id);
      expect(await r2.getAllTrials(id)).toEqual(trials);
      expect(trials.map((t) => t.number)).toEqual([0, 1]);
      expect(trials[1].userAttrs).toEqual({ z: 1 });
      // Only the cut before the final '\n' leaves a whole object: that write then counts.
      expect(trials[0].userAttrs).toEqual(cut === line.length - 1 ? { k: 'väl"ue' } : {});
      await r1.close();
      await r2.close();
      rmSync(path);
    }
  });
});
