import React, {type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {ArchiveList, type Archive} from '../DownloadBox';

/** Every bundle of the site, by page (`::downloads-index`). */
export default function DownloadsIndex({bundles}: {bundles: string}): ReactNode {
  const list = JSON.parse(bundles) as Array<{title: string; route: string; archives: Archive[]}>;
  return (
    <>
      {list.map((bundle) => (
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
