import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

// scikit-learn's BSD licence asks every copy to keep the copyright notice, the three
// conditions and the disclaimer; the data ship in `data`, so the licence must be there too.
const licence = readFileSync(new URL('../data/LICENSE-scikit-learn.txt', import.meta.url), 'utf8');

// Phrases typed from scikit-learn's COPYING, not taken from the file.
const requiredPhrases = [
  'Copyright (c) 2007-2022 The scikit-learn developers.',
  'Redistributions of source code must retain the above copyright notice',
  'Redistributions in binary form must reproduce the above copyright notice',
  'Neither the name of the copyright holder nor the names of its',
  'OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.',
];

describe("scikit-learn's licence for the data", () => {
  it('is in the data folder, which the package ships', () => {
    for (const phrase of requiredPhrases) expect(licence).toContain(phrase);
    expect(pkg.files).toContain('data');
    expect(pkg.license).toBe('MIT AND BSD-3-Clause');
  });

  it('names every CSV file it covers', () => {
    for (const f of [
      'iris.csv',
      'wine_data.csv',
      'breast_cancer.csv',
      'digits.csv',
      'diabetes_data_raw.csv',
      'diabetes_target.csv',
    ])
      expect(licence).toContain(f);
  });
});
