import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import {themes as prismThemes} from 'prism-react-renderer';
import {accessibleTheme} from './src/theme-colors.ts';
import docusaurusGuideData from './plugins/docusaurus-guide-data/index.ts';
import docusaurusGuideIndex from './plugins/docusaurus-guide-index/index.ts';
import {GuideIndex} from './plugins/guide-index/index.ts';
import {GuideEditions} from './plugins/guide-index/editions.ts';
import {docsRemarkPlugins} from './plugins/docs-remark-plugins.ts';
import docusaurusFastCode from './plugins/docusaurus-fast-code/index.ts';
import remarkBuildTimeHighlight from './plugins/remark-build-time-highlight/index.ts';
import {ssrTemplate} from './plugins/docusaurus-fast-code/ssr-template.ts';

const siteDir = path.dirname(fileURLToPath(import.meta.url));
// `npm run bench` builds the same pages once more as plain Docusaurus, to measure what our plugins cost.
const plain = process.env.MAILGUIDE_PLAIN === '1';
const docsDir = path.join(siteDir, 'docs');
const additionalLanguages = ['bash', 'ini'];
// The guide's pages read, checked and packed once per build, per edition (loaded by its Docusaurus plugin, read by the remark plugins).
const editions = new GuideEditions([new GuideIndex(docsDir)]);

/** Our remark plugins, then code highlighted once at build time (after includes are filled in). */
function guideRemarkPlugins() {
  const plugins = docsRemarkPlugins(editions);
  return {...plugins, remarkPlugins: [...(plugins.remarkPlugins ?? []), [remarkBuildTimeHighlight, {additionalLanguages}]]};
}

const config: Config = {
  title: 'mailguide',
  tagline: 'Self-hosted email with docker-mailserver and fail2ban, with configuration that is checked before you copy it.',
  favicon: 'img/favicon.svg',
  url: 'https://mailguide.example.org',
  baseUrl: '/',

  onBrokenLinks: plain ? 'warn' : 'throw',
  onBrokenAnchors: plain ? 'warn' : 'throw',
  onDuplicateRoutes: 'throw',
  markdown: {
    // .md pages are CommonMark (so `{DOMAIN}` is text), .mdx pages are MDX.
    format: 'detect',
    hooks: {
      onBrokenMarkdownLinks: 'throw',
      onBrokenMarkdownImages: 'throw',
    },
  },
  future: {v4: true, faster: true},
  // The page paints before its scripts load (plain: Docusaurus's template).
  ...(plain ? {} : {ssrTemplate}),

  i18n: {defaultLocale: 'en', locales: ['en']},

  presets: [
    [
      'classic',
      {
        docs: {
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
          ...(plain ? {} : guideRemarkPlugins()),
        },
        blog: false,
        pages: false,
        theme: {customCss: ['./src/css/custom.css', './src/css/guide-tables.css']},
      } satisfies Preset.Options,
    ],
  ],

  themes: plain
    ? []
    : [
    [
      '@easyops-cn/docusaurus-search-local',
      // Offline search over the docs (pages, headings, tables, download names); no service to call.
      {hashed: true, docsRouteBasePath: '/', indexBlog: false, indexPages: false, searchResultLimits: 10, searchBarShortcutHint: false},
    ],
  ],

  plugins: [
    docusaurusGuideData,
    // Code highlighted at build time, no Prism in the browser (plain: the theme's CodeBlock as is).
    [docusaurusFastCode, {plain}],
    plain ? false : [docusaurusGuideIndex, {editions}],
    [
      '@docusaurus/plugin-client-redirects',
      // The original Sphinx site served pages as `services/email/mta/setup.html`.
      {fromExtensions: ['html']},
    ],
  ],

  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'mailguide',
      logo: {alt: '', src: 'img/logo.svg'},
      items: [
        {type: 'docSidebar', sidebarId: 'guide', position: 'left', label: 'Guide'},
        {to: '/services/email/mta/setup', position: 'left', label: 'Email setup'},
        {to: '/services/fail2ban/system', position: 'left', label: 'fail2ban'},
        {to: '/glossary', position: 'left', label: 'Glossary'},
        {to: '/your-values', position: 'right', label: 'Your values'},
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Guide',
          items: [
            {label: 'Email setup', to: '/services/email/mta/setup'},
            {label: 'MTA configuration', to: '/services/email/mta/configuration'},
            {label: 'fail2ban for System', to: '/services/fail2ban/system'},
          ],
        },
        {
          title: 'Upstream',
          items: [
            {label: 'docker-mailserver', href: 'https://github.com/docker-mailserver/docker-mailserver'},
            {label: 'fail2ban', href: 'https://github.com/fail2ban/fail2ban'},
          ],
        },
      ],
      copyright: 'mailguide. Configuration snippets are checked at build time.',
    },
    prism: {
      theme: accessibleTheme(prismThemes.github),
      darkTheme: accessibleTheme(prismThemes.dracula),
      additionalLanguages,
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
