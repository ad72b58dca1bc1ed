import React, {type ReactNode} from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import {ThemeClassNames} from '@docusaurus/theme-common';
import {useActiveDocContext, useActivePlugin, useDocsPreferredVersion, useDocsVersion, useVersions} from '@docusaurus/plugin-content-docs/client';
import type {Props} from '@theme/DocVersionBanner';

/** The current edition: docs/ is the 2021 edition (Docusaurus's "current" folder, at the site's root); the other version is today's. */
const currentEdition = (name: string) => name !== 'current';

/**
 * The 2021 edition's banner: not "no longer maintained documentation" (the
 * page is kept correct) but what a reader must know before copying from it:
 * the image it pins gets no updates. Links to the same page in the current
 * edition and to the migration. The current edition gets no banner.
 */
export default function DocVersionBanner({className}: Props): ReactNode {
  const version = useDocsVersion();
  const pluginId = useActivePlugin({failfast: true})!.pluginId;
  const {savePreferredVersionName} = useDocsPreferredVersion(pluginId);
  const {alternateDocVersions} = useActiveDocContext(pluginId);
  const current = useVersions(pluginId).find((candidate) => currentEdition(candidate.name));
  if (version.banner !== 'unmaintained' || !current) return null;
  const samePage = alternateDocVersions[current.name] ?? current.docs.find((doc) => doc.id === current.mainDocId)!;
  const migration = current.docs.find((doc) => doc.id === 'migration');
  const choose = () => savePreferredVersionName(current.name);
  return (
    <div className={clsx(className, ThemeClassNames.docs.docVersionBanner, 'alert alert--warning margin-bottom--md')} role="note" aria-label="About this edition">
      <p className="margin-bottom--sm">
        <b>{version.label}.</b> This guide from 2021 pins <code>mailserver/docker-mailserver:9.0.1</code>, an image on Debian 10 that has had no updates, security fixes included,
        since 2021. Its pages are kept correct for that image.
      </p>
      <p className="margin-bottom--none">
        For a new mail server, use the{' '}
        <b>
          <Link to={samePage.path} onClick={choose}>
            same page in the current edition
          </Link>
        </b>{' '}
        ({current.label}).
        {migration ? (
          <>
            {' '}
            Running this setup already?{' '}
            <Link to={migration.path} onClick={choose}>
              Move it to the current edition
            </Link>
            .
          </>
        ) : null}
      </p>
    </div>
  );
}
