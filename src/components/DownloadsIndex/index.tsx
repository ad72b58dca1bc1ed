import React, {type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import type {BundleListing} from '@site/plugins/remark/downloads/props';
import {ArchiveList} from '../DownloadBox';

/** Every bundle of the site, by page (`::downloads-index`). */
export default function DownloadsIndex({bundles}: {bundles: BundleListing[]}): ReactNode {
  return (
    <>
      {bundles.map((bundle) => (
        <section key={bundle.route}>
          <h2>
            <Link to={bundle.route}>{bundle.title}</Link>
          </h2>
          <ArchiveList archives={bundle.archives} />
        </section>
      ))}
    </>
  );
}
