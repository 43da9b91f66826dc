import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/check-links.js';

const root = mkdtempSync(join(tmpdir(), 'spikeflow-links-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function page(path: string, body: string) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `<!doctype html><html><body>${body}</body></html>`);
}

describe('the link checker', () => {
  page('index.html', '<a href="./guide/a.html">a</a> <a href="/guide/a.html#part">part</a> <img src="/img/x.svg"> <a href="https://example.com/x">ext</a> <a href="mailto:a@b.c">m</a>');
  page('guide/a.html', '<h2 id="part">Part</h2><a href="../index.html">home</a><a href="b">clean url</a><a href="#part">self</a><a href="/playground.html#scenario=default&seed=2">play</a>');
  page('guide/b.html', '<a href="/guide/missing.html">missing</a><a href="a.html#nowhere">bad fragment</a><a href="/img/">dir without index</a>');
  page('playground.html', '<code><a href="/not/a/link">in code</a></code><script>const s = "<a href=\\"/x\\">";</script>');
  mkdirSync(join(root, 'img'), { recursive: true });
  writeFileSync(join(root, 'img/x.svg'), '<svg/>');

  it('finds missing pages, missing fragments and directories without an index, and nothing else', () => {
    const report = checkLinks(root);
    expect(report.pages).toBe(4);
    expect(report.broken.map((b) => `${b.page} ${b.link} ${b.reason}`).sort()).toEqual([
      'guide/b.html /guide/missing.html no such file',
      'guide/b.html /img/ no such file',
      "guide/b.html a.html#nowhere no id 'nowhere' in guide/a.html",
    ]);
  });

  it('resolves links under a base path', () => {
    page('sub/index.html', '<a href="/docs/guide/a.html">ok</a><a href="/guide/a.html">outside the base</a>');
    const report = checkLinks(join(root, 'sub'), '/docs/');
    expect(report.broken.map((b) => b.reason)).toEqual(['no such file', "outside the site's base /docs/"]);
  });
});
