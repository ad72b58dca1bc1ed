import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import type {PrismTheme} from 'prism-react-renderer';

export interface Options {
  /** Plain Docusaurus (the bench's baseline): the theme's own client-side Prism, eagerly. */
  plain?: boolean;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
const declarations = (style: Record<string, unknown>) =>
  Object.entries(style)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
    .map(([name, value]) => `${kebab(name)}:${value}`)
    .join(';');

/**
 * The Prism themes as a stylesheet: the colours of the build-time highlighted
 * code come from CSS (per `data-theme`), not from inline styles computed in
 * the browser, so a dark-mode reader sees the right colours on first paint
 * and nothing re-renders after hydration.
 */
export function prismThemeCss(light: PrismTheme, dark: PrismTheme): string {
  const rules: string[] = [];
  for (const [mode, theme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    const scope = `[data-theme='${mode}'] .mg-code`;
    rules.push(`${scope}{--prism-color:${theme.plain.color};--prism-background-color:${theme.plain.backgroundColor}}`);
    for (const entry of theme.styles) {
      const body = declarations(entry.style as Record<string, unknown>);
      if (!body) continue;
      const languages = entry.languages?.map((language) => `.language-${language}`) ?? [''];
      const selectors = languages.flatMap((language) => entry.types.map((type) => `${scope}${language} .token.${type}`));
      rules.push(`${selectors.join(',')}{${body}}`);
    }
  }
  return `${rules.join('\n')}\n`;
}

/**
 * Code blocks without Prism in the browser: the blocks come highlighted from
 * the build (`plugins/remark/build-time-highlight`), their colours from a
 * generated stylesheet, and the theme's Prism client module is left out of
 * the bundle; a block the build could not highlight loads the theme's own
 * CodeBlock (and Prism) on demand. With `plain`, the theme's CodeBlock as is.
 */
export default function docusaurusFastCode(context: LoadContext, rawOptions: unknown): Plugin {
  const options = (rawOptions ?? {}) as Options;
  const prism = (context.siteConfig.themeConfig as {prism: {theme: PrismTheme; darkTheme?: PrismTheme}}).prism;
  const cssFile = path.join(context.generatedFilesDir, 'mailguide-fast-code', 'prism-theme.css');
  const client = (name: string) => path.join(context.siteDir, 'plugins/docusaurus/fast-code/client', name);
  return {
    name: 'mailguide-fast-code',
    async loadContent() {
      mkdirSync(path.dirname(cssFile), {recursive: true});
      writeFileSync(cssFile, prismThemeCss(prism.theme, prism.darkTheme ?? prism.theme));
    },
    getClientModules() {
      return options.plain ? [] : [cssFile];
    },
    configureWebpack(_config, _isServer, utils) {
      const {currentBundler} = utils;
      return {
        resolve: {alias: {'@mailguide/code-fallback': client(options.plain ? 'fallback-eager.tsx' : 'fallback-lazy.tsx')}},
        plugins: options.plain ? [] : [new currentBundler.instance.NormalModuleReplacementPlugin(/theme-classic[\\/]lib[\\/]prism-include-languages\.js$/, client('no-prism.js'))],
      };
    },
  };
}
