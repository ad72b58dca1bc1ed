import {describe, expect, it} from 'vitest';
import {highlightToHtml, loadLanguages} from '../highlight.ts';
import {prismThemeCss} from '../../../docusaurus/fast-code/index.ts';

loadLanguages(['bash', 'ini']);

describe('build-time highlighting', () => {
  it('renders one .token-line per line, marking the lines of a {…} meta', () => {
    const html = highlightToHtml('a: 1\nb: 2\n\nc: 3\n', 'yaml', 'title="x" {2,4}')!;
    const lines = html.match(/<div class="token-line[^"]*">/g)!;
    expect(lines).toHaveLength(4);
    expect(lines.map((line) => line.includes('theme-code-block-highlighted-line'))).toEqual([false, true, false, true]);
    expect(html).toContain('<span class="token key atrule">a</span>');
  });

  it('makes each placeholder one token, even where the grammar splits it', () => {
    const html = highlightToHtml('docker exec mail setup email add {USER}@{DOMAIN}', 'bash', '')!;
    expect(html).toContain('data-ph="USER">{USER}</span>');
    expect(html).toContain('data-ph="DOMAIN">{DOMAIN}</span>');
    // Compose interpolation is not a placeholder.
    expect(highlightToHtml('x: ${DOMAIN}', 'yaml', '')).not.toContain('data-ph');
  });

  it('escapes the code and highlights the languages the site adds (ini)', () => {
    const html = highlightToHtml('[Definition]\nfailregex = ^<HOST> & "x"', 'ini', '')!;
    expect(html).toContain('&lt;HOST&gt; &amp; &quot;x&quot;');
    expect(html).toContain('section-name');
  });

  it('leaves blocks with magic comments or line numbers to the theme', () => {
    expect(highlightToHtml('// highlight-next-line\nx', 'js', '')).toBeUndefined();
    expect(highlightToHtml('x', 'js', 'showLineNumbers')).toBeUndefined();
  });

  it('turns the Prism themes into per-mode CSS', () => {
    const css = prismThemeCss(
      {plain: {color: '#111', backgroundColor: '#fff'}, styles: [{types: ['comment'], style: {color: '#555', fontStyle: 'italic'}}]},
      {plain: {color: '#eee', backgroundColor: '#000'}, styles: []},
    );
    expect(css).toContain("[data-theme='light'] .mg-code{--prism-color:#111;--prism-background-color:#fff}");
    expect(css).toContain("[data-theme='light'] .mg-code .token.comment{color:#555;font-style:italic}");
    expect(css).toContain("[data-theme='dark'] .mg-code{--prism-color:#eee;");
  });
});
