import React, {type ReactNode} from 'react';
import styles from './styles.module.css';

export interface Archive {
  url: string;
  fileName: string;
  size: number;
  sha256: string;
}

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

/** "Download this guide's configuration": the page's bundle, rendered by `::downloads`. */
export default function DownloadBox({title, archives}: {title: string; archives: string}): ReactNode {
  return (
    <section className={styles.box} aria-labelledby="download-this-guide">
      <h2 className={styles.heading} id="download-this-guide">
        Download this guide's configuration
      </h2>
      <p>
        Every file of {title} in one archive, laid out as the files go on the server, with <code>INSTALL.md</code>,{' '}
        <code>manifest.json</code> and <code>SHA256SUMS</code>. Each file passed the checks shown under it on this page.
      </p>
      <ArchiveList archives={JSON.parse(archives) as Archive[]} />
    </section>
  );
}
