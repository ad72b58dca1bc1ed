import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';

// Mirrors the original site's tree: Services › Email › MTA/MDA, Services › fail2ban.
const sidebars: SidebarsConfig = {
  guide: [
    'index',
    {
      type: 'category',
      label: 'Services',
      collapsed: false,
      items: [
        {
          type: 'category',
          label: 'Email',
          link: {type: 'doc', id: 'services/email/index'},
          collapsed: false,
          items: [
            {
              type: 'category',
              label: 'MTA/MDA',
              link: {type: 'doc', id: 'services/email/mta/index'},
              collapsed: false,
              items: ['services/email/mta/setup', 'services/email/mta/configuration'],
            },
          ],
        },
        {
          type: 'category',
          label: 'fail2ban',
          collapsed: false,
          items: ['services/fail2ban/system'],
        },
      ],
    },
    'glossary',
    'bundles',
    'your-values',
  ],
};

export default sidebars;
