import React, {useState, type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {useActiveVersion} from '@docusaurus/plugin-content-docs/client';
import type {BundleSpec} from '@site/plugins/bundle/spec';
import type {Archive} from '@site/plugins/remark/downloads/props';
import {downloadText} from '@site/src/components/FilledText';
import {useReaderValues} from '@site/src/values/readerValues';
import styles from './styles.module.css';

function kilobytes(size: number): string {
  return `${(size / 1024).toFixed(1)} KB`;
}

/** The archives of a bundle as plain links, with size and checksum. */
export function ArchiveList({archives}: {archives: Archive[]}): ReactNode {
  return (
    <ul className={styles.archives}>
      {archives.map((archive) => (
        <li key={archive.url}>
          <a href={archive.url} download={archive.fileName}>
            {archive.fileName}
          </a>{' '}
          <span className={styles.size}>{kilobytes(archive.size)}</span>
          <br />
          <span className={styles.sha}>
            sha256 <code>{archive.sha256}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The bundle again, with the reader's values: the recipe is fetched (it holds
 * no value), the archive is made here by the code `npm run bundle` uses,
 * loaded only now. Nothing the reader typed leaves the browser.
 */
function DownloadWithValues({spec, extensions, values}: {spec: string; extensions: string[]; values: Record<string, string>}): ReactNode {
  const [busy, setBusy] = useState(false);
  const make = async (extension: string) => {
    setBusy(true);
    try {
      const recipe = (await (await fetch(spec)).json()) as BundleSpec;
      const {renderBundle, archiveFormats} = await import('@site/plugins/bundle/render');
      const files = await renderBundle(recipe, values);
      const format = archiveFormats.find((candidate) => candidate.extension === extension)!;
      downloadText(`${recipe.name}.${extension}`, format.render(recipe.name, files), format.mediaType);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className={styles.withValues}>
      With your values (
      {Object.entries(values)
        .map(([name, value]) => `${name}=${value}`)
        .join(', ')}
      ):{' '}
      {extensions.map((extension, index) => (
        <React.Fragment key={extension}>
          {index > 0 ? ' ' : null}
          <button type="button" className={`button button--sm ${index === 0 ? 'button--primary' : 'button--secondary'}`} disabled={busy} onClick={() => make(extension)}>
            .{extension}
          </button>
        </React.Fragment>
      ))}
    </p>
  );
}

/** "Download this guide's configuration": the page's bundle, rendered by `::downloads`. */
export default function DownloadBox({title, archives, spec}: {title: string; archives: Archive[]; spec: string}): ReactNode {
  const {values} = useReaderValues();
  // The values page of the edition being read (each edition has one; the values are shared).
  const valuesPage = useActiveVersion(undefined)?.docs.find((doc) => doc.id === 'your-values')?.path ?? '/your-values';
  return (
    <section className={styles.box} aria-labelledby="download-this-guide">
      <h2 className={styles.heading} id="download-this-guide">
        Download this guide's configuration
      </h2>
      <p>
        Every file of {title} in one archive, laid out as the files go on the server, with <code>INSTALL.md</code>, <code>manifest.json</code> and <code>SHA256SUMS</code>. Each
        file passed the checks shown under it on this page.
      </p>
      <ArchiveList archives={archives} />
      {Object.keys(values).length > 0 ? (
        <DownloadWithValues spec={spec} extensions={archives.map((archive) => archive.fileName.replace(/^[^.]*\./, ''))} values={values} />
      ) : (
        <p className={styles.withValues}>
          <Link to={valuesPage}>Enter your own values</Link> to download these files filled in.
        </p>
      )}
    </section>
  );
}
