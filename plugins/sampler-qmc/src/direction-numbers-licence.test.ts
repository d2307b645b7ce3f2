import { describe, expect, it, vi } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

// node:fs, with the one function used typed here: the package's type-check (tsconfig.test.json)
// runs without @types/node, which core's sources, checked along from source, do not compile with.
const { readFileSync } = await vi.importActual<{
  readFileSync(path: URL, encoding: 'utf8'): string;
}>('node:fs');

// The Joe-Kuo licence asks every copy of the table, source or binary, to carry the
// copyright notice, the three conditions and the disclaimer.
const read = (path: string): string => readFileSync(new URL(path, import.meta.url), 'utf8');
const licence = read('../LICENSE-joe-kuo.txt');
const table = read('./data/sobol-direction-numbers.ts');

// Phrases typed from the authors' licence, not taken from either file.
const requiredPhrases = [
  'Copyright (c) 2008, Frances Y. Kuo and Stephen Joe',
  'Redistributions of source code must retain the above copyright',
  'Redistributions in binary form must reproduce the above copyright',
  'University of New South Wales and the University of Waikato',
  'SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.',
];

describe('Joe-Kuo direction numbers licence', () => {
  it('is in the licence file shipped with the package', () => {
    for (const phrase of requiredPhrases) expect(licence).toContain(phrase);
    expect(pkg.files).toContain('LICENSE-joe-kuo.txt');
    expect(pkg.license).toBe('MIT AND BSD-3-Clause');
  });

  it('heads the table as a legal comment that carries the whole licence', () => {
    // `/*!` is the form tsc and minifiers keep, so dist carries the notice too.
    expect(table.startsWith('/*!')).toBe(true);
    // Everything up to the closing line, whose " */" leaves one last blank line.
    const comment = table.slice(0, table.indexOf('*/'));
    const commentLines = comment.split('\n').map((line) => line.replace(/^ \* ?/, ''));
    const licenceLines = licence.slice(licence.indexOf('Copyright (c) 2008')).trimEnd().split('\n');
    expect(commentLines.slice(1, -1)).toEqual(licenceLines.map((line) => line.trimEnd()));
    for (const phrase of requiredPhrases) expect(comment).toContain(phrase);
  });
});
