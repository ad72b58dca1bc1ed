import React, {type ReactNode} from 'react';
import Button from '@theme/CodeBlock/Buttons/Button';
import {downloadText} from '@site/src/components/FilledText';
import {useSnippet} from './context';

/** Downloads the snippet's file under its real name (a link styled as the block's buttons). */
export default function DownloadButton(): ReactNode {
  const snippet = useSnippet();
  if (!snippet) return null;
  return (
    <Button
      aria-label={`Download ${snippet.fileName}`}
      title={`Download ${snippet.fileName}`}
      onClick={() => {
        if (snippet.filled) {
          downloadText(snippet.fileName, snippet.text);
          return;
        }
        const link = document.createElement('a');
        link.href = snippet.url;
        link.download = snippet.fileName;
        link.click();
      }}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 3a1 1 0 0 1 1 1v9.59l3.3-3.3a1 1 0 1 1 1.4 1.42l-5 5a1 1 0 0 1-1.4 0l-5-5a1 1 0 1 1 1.4-1.42l3.3 3.3V4a1 1 0 0 1 1-1zM5 19h14a1 1 0 1 1 0 2H5a1 1 0 1 1 0-2z"
        />
      </svg>
    </Button>
  );
}
