/**
 * Link checker over the built site: every `href`/`src` (and `srcset`) in every HTML file that
 * points inside the site must name an existing file, and every `#fragment` into an HTML page must
 * name an `id` (or `name`) in it. External links (other origins, mailto:, data:) are not fetched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

export interface BrokenLink {
  /** The page that links, relative to the site root. */
  readonly page: string;
  readonly link: string;
  readonly reason: string;
}

export interface LinkReport {
  readonly pages: number;
  readonly links: number;
  readonly broken: readonly BrokenLink[];
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

const ATTR = /\s(?:href|src|srcset|xlink:href)\s*=\s*("([^"]*)"|'([^']*)')/gi;
const ID = /\s(?:id|name)\s*=\s*("([^"]*)"|'([^']*)')/gi;

const decodeEntities = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? _m);

/** Strips `<script>`/`<style>` bodies and `<code>`/`<pre>` text, whose "links" are not links. */
function linkable(html: string): string {
  return html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '').replace(/<(pre|code)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
}

/** Checks every internal link of the site built in `root`, served at `base`. */
export function checkLinks(root: string, base = '/'): LinkReport {
  const top = resolve(root);
  const pages = htmlFiles(top);
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      set = new Set<string>();
      for (const m of readFileSync(file, 'utf8').matchAll(ID)) set.add(decodeEntities(m[2] ?? m[3] ?? ''));
      ids.set(file, set);
    }
    return set;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const page of pages) {
    const html = linkable(readFileSync(page, 'utf8'));
    const pageUrl = new URL(`http://site${base}${relative(top, page).split(sep).join('/')}`);
    const seen = new Set<string>();
    for (const m of html.matchAll(ATTR)) {
      const raw = decodeEntities((m[2] ?? m[3] ?? '').trim());
      const values = m[0].trimStart().toLowerCase().startsWith('srcset') ? raw.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [raw];
      for (const value of values) {
        if (value === '' || seen.has(value)) continue;
        seen.add(value);
        if (/^(mailto|tel|data|javascript|blob):/i.test(value)) {
          if (/^javascript:/i.test(value)) broken.push({ page: relative(top, page), link: value, reason: 'javascript: URL' });
          continue;
        }
        let url: URL;
        try {
          url = new URL(value, pageUrl);
        } catch {
          broken.push({ page: relative(top, page), link: value, reason: 'not a URL' });
          continue;
        }
        if (url.origin !== pageUrl.origin) continue;
        links++;
        const report = (reason: string) => broken.push({ page: relative(top, page), link: value, reason });
        const pathname = decodeURIComponent(url.pathname);
        if (!pathname.startsWith(base)) {
          report(`outside the site's base ${base}`);
          continue;
        }
        let file = resolve(top, `.${sep}${pathname.slice(base.length)}`);
        if (file !== top && !file.startsWith(top + sep)) {
          report('leaves the site');
          continue;
        }
        if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
        else if (!existsSync(file) && extname(file) === '' && existsSync(`${file}.html`)) file = `${file}.html`;
        if (!existsSync(file)) {
          report('no such file');
          continue;
        }
        const fragment = url.hash ? decodeURIComponent(url.hash.slice(1)) : '';
        // Hashes of the playground carry settings, not anchors.
        if (fragment && file.endsWith('.html') && !fragment.includes('=') && !idsOf(file).has(fragment)) report(`no id '${fragment}' in ${relative(top, file)}`);
      }
    }
  }
  return { pages: pages.length, links, broken };
}
