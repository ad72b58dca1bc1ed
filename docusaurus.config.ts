import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import {themes as prismThemes} from 'prism-react-renderer';
import {accessibleTheme} from './src/theme-colors.ts';
import docusaurusGuideData from './plugins/docusaurus/guide-data/index.ts';
import docusaurusGuideIndex from './plugins/docusaurus/guide-index/index.ts';
import {siteEditionFolders, siteEditions} from './plugins/guide-index/editions.ts';
import {docsRemarkPlugins} from './plugins/remark/index.ts';
import docusaurusFastCode from './plugins/docusaurus/fast-code/index.ts';
import remarkBuildTimeHighlight from './plugins/remark/build-time-highlight/index.ts';
import {ssrTemplate} from './plugins/docusaurus/fast-code/ssr-template.ts';

const siteDir = path.dirname(fileURLToPath(import.meta.url));
// `npm run bench` builds the same pages once more as plain Docusaurus, to measure what our plugins cost.
const plain = process.env.MAILGUIDE_PLAIN === '1';
const additionalLanguages = ['bash', 'ini'];
// The guide's pages read, checked and packed once per build, per edition (loaded by its Docusaurus plugin, read by the remark plugins).
// Two editions (Docusaurus versions): docs/ is the 2021 guide at its original URLs,
// versioned_docs/version-16 the current edition for docker-mailserver 16.0.1 under /v16.
const editions = siteEditions(siteDir);

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
          // The 2021 edition keeps its URLs (the site's root) under a banner that sends readers to the
          // current edition under /v16. It is Docusaurus's "last" version because the root belongs to it:
          // the search plugin serves the last version's index from the root, each other version's from its path.
          lastVersion: 'current',
          versions: {
            current: {label: '2021 edition (v9.0.1)', path: '', banner: 'unmaintained', badge: true},
            // Served where the guide index publishes its downloads (/downloads/v16/…).
            '16': {label: 'Current edition (v16.0.1)', path: siteEditionFolders[1].routeBase, banner: 'none', badge: true},
          },
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
          // One index per edition (the plugin's own handling of versions): a page's search finds pages of its edition.
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
        // Doc links open the page in the edition being read (the current one elsewhere).
        {type: 'doc', docId: 'services/email/mta/setup', position: 'left', label: 'Email setup'},
        {type: 'doc', docId: 'services/fail2ban/system', position: 'left', label: 'fail2ban'},
        {type: 'doc', docId: 'glossary', position: 'left', label: 'Glossary'},
        {type: 'doc', docId: 'your-values', position: 'right', label: 'Your values'},
        {type: 'docsVersionDropdown', position: 'right'},
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Guide',
          items: [
            {label: 'Email setup', to: '/v16/services/email/mta/setup'},
            {label: 'MTA configuration', to: '/v16/services/email/mta/configuration'},
            {label: 'fail2ban for System', to: '/v16/services/fail2ban/system'},
            {label: 'Moving from the 2021 edition', to: '/v16/migration'},
            {label: '2021 edition', to: '/'},
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
